"""One node per real person: canonical names agree across articles (sentences written for this test)."""
from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract import extract_facts
from kg.nlp.pipeline import load_nlp

ARTICLES = [
    Article(id="a1", text="President Donald Trump welcomed Chancellor Angela Merkel to the White House on Friday. "
                          "Mr. Trump said the talks went well, and Merkel agreed. Trump later left for Florida."),
    Article(id="a2", text="Trump spoke to reporters in Ohio. Donald Trump, the U.S. president, "
                          "said he would visit Germany to meet Angela Merkel."),
    Article(id="a3", text="Former President Barack Obama and his wife, Michelle Obama, opened a library in Chicago. "
                          "Obama thanked the donors."),
    Article(id="a4", text="North Korean leader Kim Jong Un met his sister Kim Yo Jong in Pyongyang. "
                          "Kim Jong Un later met President Moon Jae-in at the border."),
]


@pytest.fixture(scope="module")
def facts():
    nlp = load_nlp()
    return {a.id: extract_facts(doc, a) for doc, a in zip(nlp.pipe(a.text for a in ARTICLES), ARTICLES)}


def names(f) -> set[str]:
    return {p.name for p in f.people}


def test_same_person_same_name_in_every_article(facts):
    assert "Donald Trump" in names(facts["a1"]) and "Donald Trump" in names(facts["a2"])
    assert "Angela Merkel" in names(facts["a1"]) and "Angela Merkel" in names(facts["a2"])
    assert not {"Trump", "Mr. Trump", "President Trump", "Merkel"} & (names(facts["a1"]) | names(facts["a2"]))


def test_roles_use_the_canonical_name(facts):
    holders = {r.person for f in facts.values() for r in f.roles}
    assert "Donald Trump" in holders
    assert not any(h in ("Trump", "Obama", "Kim") for h in holders)


def test_people_sharing_a_surname_are_not_merged(facts):
    assert {"Barack Obama", "Michelle Obama"} <= names(facts["a3"])
    assert {"Kim Jong Un", "Kim Yo Jong"} <= names(facts["a4"])
    barack = [r for r in facts["a3"].roles if r.person == "Barack Obama"]
    assert barack and barack[0].former
    assert not [r for r in facts["a3"].roles if r.person == "Michelle Obama"]
