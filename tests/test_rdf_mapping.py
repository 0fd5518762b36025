"""Facts → the article's named graph, exactly per the data model in kg/rdf/mapping.py."""
from __future__ import annotations

import logging
from datetime import date

import pytest
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import ORG

from kg.article import Article
from kg.facts import ArticleFacts, Election, Evidence, Meeting, Membership, Person, Role
from kg.rdf import ids
from kg.rdf.mapping import article_graph, date_literal
from kg.rdf.namespace import KG

BASE = "https://example.org/id/"

# Invented sentences (never copy corpus text into tests).
TEXT = ("Prime Minister Dana Ruth flew to Varna on Monday to meet President Ilya Moroz. "
        "Ruth, who leads the Green Union party, faces voters in the June 3 parliamentary election.")
S1 = TEXT[:TEXT.index(". ") + 1]
S2 = TEXT[TEXT.index("Ruth, who"):]


def evidence(sentence: str, rule: str = "") -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(sentence, start, start + len(sentence), rule)


def sample_facts(article_id: str = "test/alpha", url: str | None = "https://example.org/news/alpha") -> ArticleFacts:
    article = Article(id=article_id, text=TEXT, title="Ruth visits Moroz", url=url,
                      published=date(2020, 5, 6))
    return ArticleFacts(
        article=article,
        people=[Person("Dana Ruth", ("Ruth", "Prime Minister Ruth")), Person("Ilya Moroz", ("Moroz",))],
        meetings=[Meeting(participants=("Dana Ruth", "Ilya Moroz"), kind="visit", status="happened",
                          date="2020-05-04", place="Varna", place_country="Bulgaria",
                          hosts=("Ilya Moroz",), visitors=("Dana Ruth",), topic="gas transit",
                          confidence=0.8, evidence=(evidence(S1, "meeting:meet"),))],
        roles=[Role("Dana Ruth", "Prime Minister", country="Ostland", confidence=0.9,
                    evidence=(evidence(S1, "role:title-before-name"),)),
               Role("Ilya Moroz", "Secretary General", organization="NATO", former=True,
                    start="2011", end="2019-03", confidence=0.6)],
        memberships=[Membership("Dana Ruth", "Green Union", country="Ostland", role="leader",
                                confidence=0.7, evidence=(evidence(S2, "party:leads"),))],
        elections=[Election("Ostland", "parliamentary", "2020-06-03", confidence=0.9,
                            evidence=(evidence(S2, "election:date-kind"),))],
    )


EXPECTED = """
@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://example.org/id/> .
@prefix mk: <https://w3id.org/kg-news/concept/meeting-kind/> .
@prefix ms: <https://w3id.org/kg-news/concept/meeting-status/> .
@prefix ek: <https://w3id.org/kg-news/concept/election-kind/> .

<{A}> a schema:NewsArticle ;
    schema:identifier "test/alpha" ;
    schema:url "https://example.org/news/alpha" ;
    schema:headline "Ruth visits Moroz" ;
    schema:datePublished "2020-05-06"^^xsd:date ;
    kg:contentHash "{hash}" ;
    kg:mentions <https://example.org/id/person/dana-ruth>, <https://example.org/id/person/ilya-moroz>,
        <https://example.org/id/place/varna>, <https://example.org/id/country/bulgaria>,
        <https://example.org/id/country/ostland>, <https://example.org/id/party/green-union> .

<https://example.org/id/person/dana-ruth> a kg:Person ; rdfs:label "Dana Ruth" ;
    skos:altLabel "Ruth", "Prime Minister Ruth" ;
    org:holds <https://example.org/id/post/prime-minister--ostland> .
<https://example.org/id/person/ilya-moroz> a kg:Person ; rdfs:label "Ilya Moroz" ; skos:altLabel "Moroz" .
<https://example.org/id/country/bulgaria> a kg:Country ; rdfs:label "Bulgaria" .
<https://example.org/id/country/ostland> a kg:Country ; rdfs:label "Ostland" .
<https://example.org/id/place/varna> a kg:Place ; rdfs:label "Varna" ;
    kg:country <https://example.org/id/country/bulgaria> .

<{M}> a kg:Meeting ;
    kg:participant <https://example.org/id/person/dana-ruth>, <https://example.org/id/person/ilya-moroz> ;
    kg:host <https://example.org/id/person/ilya-moroz> ;
    kg:visitor <https://example.org/id/person/dana-ruth> ;
    kg:date "2020-05-04"^^xsd:date ;
    kg:place <https://example.org/id/place/varna> ;
    kg:meetingKind mk:visit ;
    kg:status ms:happened ;
    kg:topic "gas transit" ;
    kg:confidence 0.8 ;
    prov:wasDerivedFrom <{A}> ;
    kg:evidence <{A}/evidence/0-78> .
mk:visit skos:notation "visit" .
ms:happened skos:notation "happened" .

<{A}/evidence/0-78> a kg:Evidence ;
    kg:sentence "{S1}" ; kg:charStart 0 ; kg:charEnd 78 ;
    kg:rule "meeting:meet", "role:title-before-name" ;
    prov:wasDerivedFrom <{A}> .

<https://example.org/id/post/prime-minister--ostland> a kg:Post ;
    rdfs:label "Prime Minister of Ostland" ; kg:title "Prime Minister" ;
    kg:country <https://example.org/id/country/ostland> .
<{A}/tenure/dana-ruth--prime-minister--ostland> a kg:Tenure ;
    kg:holder <https://example.org/id/person/dana-ruth> ;
    kg:post <https://example.org/id/post/prime-minister--ostland> ;
    kg:former false ; kg:confidence 0.9 ;
    prov:wasDerivedFrom <{A}> ; kg:evidence <{A}/evidence/0-78> .

<https://example.org/id/post/secretary-general--nato> a kg:Post ;
    rdfs:label "Secretary General of NATO" ; kg:title "Secretary General" ; kg:organization "NATO" .
<{A}/tenure/ilya-moroz--secretary-general--nato--former> a kg:Tenure ;
    kg:holder <https://example.org/id/person/ilya-moroz> ;
    kg:post <https://example.org/id/post/secretary-general--nato> ;
    kg:former true ; kg:startDate "2011"^^xsd:gYear ; kg:endDate "2019-03"^^xsd:gYearMonth ;
    kg:confidence 0.6 ; prov:wasDerivedFrom <{A}> .

<https://example.org/id/party/green-union> a kg:PoliticalParty ; rdfs:label "Green Union" ;
    kg:country <https://example.org/id/country/ostland> .
<{A}/membership/dana-ruth--green-union> a kg:PartyMembership ;
    org:member <https://example.org/id/person/dana-ruth> ;
    org:organization <https://example.org/id/party/green-union> ;
    kg:partyRole "leader" ; kg:former false ; kg:confidence 0.7 ;
    prov:wasDerivedFrom <{A}> ; kg:evidence <{A}/evidence/79-168> .

<{A}/evidence/79-168> a kg:Evidence ;
    kg:sentence "{S2}" ; kg:charStart 79 ; kg:charEnd 168 ;
    kg:rule "party:leads", "election:date-kind" ;
    prov:wasDerivedFrom <{A}> .

<https://example.org/id/election/ostland--parliamentary--2020-06-03> a kg:Election ;
    rdfs:label "Ostland parliamentary election 2020-06-03" ;
    kg:country <https://example.org/id/country/ostland> ;
    kg:electionKind ek:parliamentary ;
    kg:date "2020-06-03"^^xsd:date ;
    prov:wasDerivedFrom <{A}> ;
    kg:evidence <{A}/evidence/79-168> .
ek:parliamentary skos:notation "parliamentary" .
"""


def meeting_nodes(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, KG.Meeting))


def test_offsets_in_the_expected_graph_match_the_text() -> None:
    assert (TEXT.index(S1), TEXT.index(S1) + len(S1)) == (0, 78)
    assert (TEXT.index(S2), TEXT.index(S2) + len(S2)) == (79, 168)


def test_mapping_gives_exactly_the_expected_graph() -> None:
    facts = sample_facts()
    iri, graph = article_graph(facts, base=BASE)
    assert iri == ids.article_iri("test/alpha", base=BASE)
    assert graph.identifier == iri
    [meeting] = meeting_nodes(graph)
    assert str(meeting).startswith(f"{iri}/meeting/")
    expected = Graph().parse(data=EXPECTED.format(A=iri, M=meeting, hash=facts.article.content_hash,
                                                  S1=S1, S2=S2), format="turtle")
    if not isomorphic(graph, expected):
        _, only_mapped, only_expected = graph_diff(to_isomorphic(graph), to_isomorphic(expected))
        pytest.fail("only in mapped:\n" + only_mapped.serialize(format="nt")
                    + "\nonly in expected:\n" + only_expected.serialize(format="nt"))


def test_mapping_is_deterministic_and_idempotent() -> None:
    _, first = article_graph(sample_facts(), base=BASE)
    iri, second = article_graph(sample_facts(), base=BASE)
    assert set(first) == set(second)  # same IRIs and literals, not merely isomorphic
    assert not any(isinstance(t, BNode) for triple in first for t in triple)
    store = Dataset()
    for graph in (first, second):
        target = store.graph(iri)
        for triple in graph:
            target.add(triple)
    assert len(store.graph(iri)) == len(first)  # re-ingesting adds nothing


def test_the_same_person_in_two_articles_is_one_node_in_two_graphs() -> None:
    a_iri, a = article_graph(sample_facts("test/alpha"), base=BASE)
    b_iri, b = article_graph(sample_facts("test/beta", url=None), base=BASE)
    assert a_iri != b_iri
    ruth = ids.person_iri("Dana Ruth", base=BASE)
    assert (ruth, RDF.type, KG.Person) in a and (ruth, RDF.type, KG.Person) in b
    election = ids.election_iri("Ostland", "parliamentary", "2020-06-03", base=BASE)
    assert (election, KG.evidence, URIRef(f"{a_iri}/evidence/79-168")) in a
    assert (election, KG.evidence, URIRef(f"{b_iri}/evidence/79-168")) in b
    # meetings, tenures and evidence are per article
    assert not set(meeting_nodes(a)) & set(meeting_nodes(b))
    # no url: no schema:url triple (queries fall back to the identifier)
    assert not list(b.triples((b_iri, URIRef("https://schema.org/url"), None)))


def test_a_place_that_is_a_country_is_the_country_node() -> None:
    facts = sample_facts()
    facts.meetings = [Meeting(("Dana Ruth", "Ilya Moroz"), place="Bulgaria", place_country="Bulgaria",
                              evidence=(evidence(S1),))]
    _, graph = article_graph(facts, base=BASE)
    [meeting] = meeting_nodes(graph)
    bulgaria = ids.country_iri("Bulgaria", base=BASE)
    assert graph.value(meeting, KG.place) == bulgaria
    assert (bulgaria, RDF.type, KG.Country) in graph
    assert not list(graph.subjects(RDF.type, KG.Place))


def test_repeated_facts_get_distinct_nodes_and_one_label_per_person() -> None:
    facts = sample_facts()
    twice = Meeting(("Ilya Moroz", "Dana Ruth"), evidence=(evidence(S1),))
    facts.meetings = [twice, twice]
    facts.people.append(Person("Dana  Ruth"))  # slugs like "Dana Ruth": same node, first label kept
    _, graph = article_graph(facts, base=BASE)
    assert len(meeting_nodes(graph)) == 2
    ruth = ids.person_iri("Dana Ruth", base=BASE)
    assert list(graph.objects(ruth, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == [
        Literal("Dana Ruth")]


def test_former_posts_are_not_held() -> None:
    _, graph = article_graph(sample_facts(), base=BASE)
    moroz = ids.person_iri("Ilya Moroz", base=BASE)
    assert not list(graph.objects(moroz, ORG.holds))


def test_a_bad_date_is_dropped_with_a_warning(caplog) -> None:
    facts = sample_facts()
    facts.meetings = [Meeting(("Dana Ruth", "Ilya Moroz"), date="last Monday", evidence=(evidence(S1),))]
    with caplog.at_level(logging.WARNING, logger="kg.rdf.mapping"):
        _, graph = article_graph(facts, base=BASE)
    [meeting] = meeting_nodes(graph)
    assert graph.value(meeting, KG.date) is None
    assert "last Monday" in caplog.text


XSD_NS = "http://www.w3.org/2001/XMLSchema#"  # as a string: pytest probes module-level namespaces


@pytest.mark.parametrize("iso, datatype", [
    ("2019-09-12", "date"), ("2019-09", "gYearMonth"), ("2019", "gYear")])
def test_date_literal_keeps_the_precision_in_the_datatype(iso: str, datatype: str) -> None:
    lit = date_literal(iso)
    assert str(lit) == iso and lit.datatype == URIRef(XSD_NS + datatype)


@pytest.mark.parametrize("bad", ["2019-9-12", "2019-02-30", "2019-13", "19", "12 September 2019", ""])
def test_date_literal_rejects_what_is_not_iso(bad: str) -> None:
    with pytest.raises(ValueError):
        date_literal(bad)
