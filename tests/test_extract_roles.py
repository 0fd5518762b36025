"""Role extraction on sentences written for these tests (real spaCy model)."""
from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract.people import resolve_people
from kg.extract.roles import extract_roles
from kg.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def roles(nlp, text):
    doc = nlp(text)
    people = resolve_people(doc, Article(id="t", text=text))
    return {(r.person, r.title): r for r in extract_roles(doc, Article(id="t", text=text), people)}


def test_title_before_name_with_nationality(nlp):
    got = roles(nlp, "Russian President Vladimir Putin arrived in Ankara on Friday.")
    r = got[("Vladimir Putin", "President")]
    assert r.country == "Russia" and not r.former
    assert r.evidence and r.evidence[0].sentence.startswith("Russian President")


def test_apposition_and_copula(nlp):
    got = roles(nlp, "Yoshimasa Hayashi, the Japanese foreign minister, flew home. "
                     "Sadiq Khan is the mayor of London.")
    assert got[("Yoshimasa Hayashi", "Foreign Minister")].country == "Japan"
    assert ("Sadiq Khan", "Mayor") in got


def test_possessive_country_and_name_after_comma(nlp):
    got = roles(nlp, "Canada's prime minister, Justin Trudeau, spoke first.")
    assert got[("Justin Trudeau", "Prime Minister")].country == "Canada"


def test_former_flag_and_us_legislators(nlp):
    got = roles(nlp, "Former Secretary of State Hillary Clinton met Sen. Ted Cruz and Rep. Nancy Pelosi at the White House.")
    assert got[("Hillary Clinton", "Secretary of State")].former
    assert got[("Ted Cruz", "Senator")].country == "United States"
    assert got[("Nancy Pelosi", "Representative")].country == "United States"


def test_country_of_a_bare_title_comes_from_a_reference(nlp):
    got = roles(nlp, "Prime Minister Benjamin Netanyahu met Putin. The Israeli prime minister was pleased.")
    assert got[("Benjamin Netanyahu", "Prime Minister")].country == "Israel"


def test_business_and_press_titles_are_not_roles(nlp):
    got = roles(nlp, "Apple chairman Arthur Levinson and a spokesman, Tom Reed, declined to comment. "
                     "The company's president, Jane Doe, left.")
    assert not got


def test_bare_title_takes_the_country_of_the_articles_legislature(nlp):
    got = roles(nlp, "Prime Minister Dana Levi met the Japanese Prime Minister Ken Sato on Monday. "
                     "Levi faces a Knesset vote next week.")
    assert got[("Dana Levi", "Prime Minister")].country == "Israel"
    assert got[("Ken Sato", "Prime Minister")].country == "Japan"


def test_bare_title_without_clues_takes_the_country_the_article_names_most(nlp):
    got = roles(nlp, "Foreign Minister Lena Dahl flew to Oslo. Norway and Sweden signed the pact; "
                     "officials in Norway praised it.")
    assert got[("Lena Dahl", "Foreign Minister")].country == "Norway"
