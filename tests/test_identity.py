"""One node per real person: canonical names agree across articles (sentences written for this test)."""
from __future__ import annotations

import json
from datetime import date

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


# --- father and son, given names the model cut off (sentences written for these tests) -----------

FAMILY = [
    Article(id="f1", published=date(2019, 3, 2),
            text="Donald Trump Jr. met a Russian lawyer, Natalia Veselnitskaya, at a tower in Manhattan in June. "
                 "His father, President Donald Trump, defended the meeting on Friday. Trump said it was fine."),
    Article(id="f2", published=date(2019, 3, 2),
            text="Vice President Joseph R. Biden Jr. spoke in Ohio on Monday. Biden said he would run again. "
                 "Hunter Biden, his son, did not attend."),
    Article(id="f3", published=date(2019, 3, 2),
            text="Senator Lloyd Harcastle, Jr. endorsed the bill. His father, Lloyd Harcastle Sr., "
                 "had opposed it in 1980. Russian lawyer Natalia Veselnitskaya was not there."),
]


@pytest.fixture(scope="module")
def family():
    nlp = load_nlp()
    return {a.id: extract_facts(doc, a) for doc, a in zip(nlp.pipe(a.text for a in FAMILY), FAMILY)}


def test_a_son_with_his_fathers_name_is_another_person(family):
    assert {"Donald Trump Jr.", "Donald Trump"} <= names(family["f1"])
    holders = {(r.person, r.title) for r in family["f1"].roles}
    assert ("Donald Trump", "President") in holders and ("Donald Trump Jr.", "President") not in holders
    assert {"Lloyd Harcastle Jr.", "Lloyd Harcastle Sr."} <= names(family["f3"])  # ", Jr." too


def test_a_suffix_stays_and_the_bare_surname_joins_its_owner(family):
    assert "Joseph Biden Jr." in names(family["f2"])     # the middle initial goes, "Jr." stays
    assert "Biden" not in names(family["f2"]) and "Hunter Biden" in names(family["f2"])


def test_a_given_name_the_model_took_for_a_place_is_kept(family):
    assert "Natalia Veselnitskaya" in names(family["f1"]) and "Natalia Veselnitskaya" in names(family["f3"])
    assert "Veselnitskaya" not in names(family["f1"]) | names(family["f3"])


def test_father_and_son_are_two_nodes_in_the_store(tmp_path):
    from kg.api import ingest, open_store, sparql

    corpus = tmp_path / "family.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": a.id, "published": a.published.isoformat(), "text": a.text})
                                for a in FAMILY[:1]), encoding="utf-8")
    with open_store(str(tmp_path / "store")) as store:
        ingest(store, [str(corpus)])
        out = json.loads(sparql(store, "SELECT DISTINCT ?p ?name WHERE { GRAPH ?g { ?p a kg:Person ; "
                                       "rdfs:label ?name } }", fmt="json"))
    people = {b["name"]["value"]: b["p"]["value"] for b in out["results"]["bindings"]}
    assert "Donald Trump" in people and "Donald Trump Jr." in people
    assert people["Donald Trump"] != people["Donald Trump Jr."]


def test_a_bare_famous_surname_is_the_father_when_only_the_son_is_named_in_full():
    nlp = load_nlp()
    text = ("President Trump denied it. Critics cited the meeting Donald Trump Jr. took in New York. "
            "Trump Jr. and the president mocked the inquiry.")
    art = Article(id="s", text=text, published=date(2019, 9, 19))
    f = extract_facts(nlp(text), art)
    assert {"Donald Trump", "Donald Trump Jr."} <= names(f)
    holders = {(r.person, r.title) for r in f.roles}
    assert ("Donald Trump", "President") in holders and ("Donald Trump Jr.", "President") not in holders
