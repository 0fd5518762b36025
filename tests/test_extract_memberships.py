"""Membership extraction on sentences written for these tests (real spaCy model)."""
from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract.memberships import extract_memberships
from kg.extract.people import resolve_people
from kg.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def members(nlp, text):
    doc = nlp(text)
    art = Article(id="t", text=text)
    people = resolve_people(doc, art)
    return {(m.person, m.party): m for m in extract_memberships(doc, art, people)}


def test_party_before_name_and_party_code(nlp):
    got = members(nlp, "Republican Sen. Tom Harlan met Rep. Ana Ortiz (D-Calif.) on Tuesday.")
    assert ("Tom Harlan", "Republican Party") in got
    assert ("Ana Ortiz", "Democratic Party") in got
    assert got[("Ana Ortiz", "Democratic Party")].country == "United States"


def test_aliases_normalise_to_one_party(nlp):
    got = members(nlp, "Tory leader Michael Howard attacked Labour's Gordon Brown. "
                       "GOP chairman Reince Priebus agreed.")
    assert got[("Michael Howard", "Conservative Party")].role == "leader"
    assert ("Gordon Brown", "Labour Party") in got
    assert got[("Reince Priebus", "Republican Party")].role == "chair"


def test_apposition_possessive_party_and_copula(nlp):
    got = members(nlp, "Joe Manley, a Democrat from Ohio, spoke. "
                       "Avigdor Liberman's Yisrael Beiteinu party won seats. Sarah Quinn is a Republican.")
    assert ("Joe Manley", "Democratic Party") in got
    assert ("Avigdor Liberman", "Yisrael Beiteinu") in got
    assert ("Sarah Quinn", "Republican Party") in got


def test_party_words_not_next_to_a_name_give_nothing(nlp):
    got = members(nlp, "Republican lawmakers and Labour voters disagreed with Anna Berg about taxes.")
    assert not got
