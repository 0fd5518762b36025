"""Deterministic IRIs: one IRI per normalized name, across articles and runs."""
from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.rdf import ids


def test_slug_drops_accents_case_and_punctuation() -> None:
    assert ids.slug("Benjamín  NETANYAHU") == "benjamin-netanyahu"
    assert ids.slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert ids.slug("  Jean-Marie Le Pen ") == "jean-marie-le-pen"
    assert ids.slug("Likud!") == "likud"
    assert "--" not in ids.slug("Alpha -- Beta")


def test_slug_of_a_non_latin_name_is_stable_and_distinct() -> None:
    a, b = ids.slug("Путин"), ids.slug("Медведев")
    assert a and b and a != b
    assert a == ids.slug("Путин")
    with pytest.raises(ValueError, match="empty name"):
        ids.slug("   ")


def test_same_person_named_differently_gets_one_iri(monkeypatch) -> None:
    monkeypatch.delenv("KG_BASE_IRI", raising=False)
    first_article = ids.person_iri("Mária Kovács")
    second_article = ids.person_iri("maria  KOVACS")
    assert first_article == second_article == URIRef("https://w3id.org/kg-news/id/person/maria-kovacs")


def test_different_people_get_different_iris() -> None:
    assert ids.person_iri("Ana Petrova") != ids.person_iri("Ana Petrov")
    assert ids.person_iri("Likud") != ids.party_iri("Likud")
    assert ids.country_iri("Georgia") != ids.place_iri("Georgia")


def test_base_iri_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("KG_BASE_IRI", "http://example.org/kg")
    assert ids.base_iri() == "http://example.org/kg/"
    assert ids.country_iri("Russia") == URIRef("http://example.org/kg/country/russia")
    assert ids.country_iri("Russia", base="urn:x:") == URIRef("urn:x:country/russia")


def test_post_iri_joins_title_and_country_or_body(monkeypatch) -> None:
    monkeypatch.delenv("KG_BASE_IRI", raising=False)
    assert str(ids.post_iri("President", "Russia")).endswith("/post/president--russia")
    assert str(ids.post_iri("Secretary General", organization="NATO")).endswith(
        "/post/secretary-general--nato")
    assert str(ids.post_iri("Senator")).endswith("/post/senator")
    assert ids.post_iri("President", "Russia") != ids.post_iri("President", "Israel")


def test_election_iri_from_country_kind_and_date(monkeypatch) -> None:
    monkeypatch.delenv("KG_BASE_IRI", raising=False)
    iri = ids.election_iri("Israel", "parliamentary", "2019-09-17")
    assert iri == URIRef("https://w3id.org/kg-news/id/election/israel--parliamentary--2019-09-17")
    assert iri == ids.election_iri("ISRAEL", "parliamentary", "2019-09-17")
    assert iri != ids.election_iri("Israel", "parliamentary", "2019-04-09")
    assert iri != ids.election_iri("Israel", "presidential", "2019-09-17")
    assert str(ids.election_iri("Israel", "general", None)).endswith("/election/israel--general")
    regional = ids.election_iri("United States", "primary", "2020-03-03", region="Texas")
    assert str(regional).endswith("/election/united-states--texas--primary--2020-03-03")


def test_article_iri_is_readable_and_unique(monkeypatch) -> None:
    monkeypatch.delenv("KG_BASE_IRI", raising=False)
    a = ids.article_iri("feed/Abc_123")
    assert str(a).startswith("https://w3id.org/kg-news/id/article/feed-abc-123-")
    # ids that slug alike still differ by their hash
    assert ids.article_iri("feed/abc-123") != a
    assert ids.article_iri("feed/Abc_123") == a
    long = ids.article_iri("x" * 500)
    assert len(str(long)) < 120


def test_concept_iris_and_unknown_values() -> None:
    assert ids.meeting_kind_iri("third-location") == URIRef(
        "https://w3id.org/kg-news/concept/meeting-kind/third-location")
    assert ids.meeting_status_iri("planned") == URIRef(
        "https://w3id.org/kg-news/concept/meeting-status/planned")
    assert ids.election_kind_iri("midterm") == URIRef(
        "https://w3id.org/kg-news/concept/election-kind/midterm")
    with pytest.raises(ValueError, match="use one of"):
        ids.meeting_kind_iri("brunch")
