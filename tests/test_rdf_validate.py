"""Mapped graphs satisfy ontology/shapes.ttl; broken ones do not, and the report says why."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef

from kg.rdf import ids
from kg.rdf.mapping import article_graph
from kg.rdf.namespace import KG
from kg.rdf.validate import validate_graph
from tests.test_rdf_mapping import BASE, sample_facts

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
SCHEMA_DATE_PUBLISHED = URIRef("https://schema.org/datePublished")


@pytest.fixture()
def mapped() -> tuple[URIRef, Graph]:
    return article_graph(sample_facts(), base=BASE)


def the(graph: Graph, cls: URIRef) -> URIRef:
    [node] = list(graph.subjects(RDF.type, cls))
    return node


def test_a_mapped_article_conforms(mapped) -> None:
    conforms, report = validate_graph(mapped[1])
    assert conforms, report
    assert report.startswith("Conforms")


def test_a_dataset_is_validated_as_the_union_of_its_graphs() -> None:
    store = Dataset()
    for article_id in ("test/alpha", "test/beta"):
        iri, graph = article_graph(sample_facts(article_id), base=BASE)
        named = store.graph(iri)
        for triple in graph:
            named.add(triple)
    # a meeting in a third graph whose participants are typed only in the other two
    third = store.graph(URIRef(BASE + "article/gamma"))
    _, alpha = article_graph(sample_facts("test/gamma"), base=BASE)
    for s, p, o in alpha:
        if not (p == RDF.type and o == KG.Person):
            third.add((s, p, o))
    conforms, report = validate_graph(store)
    assert conforms, report


def test_a_person_spelled_two_ways_across_graphs_is_a_warning() -> None:
    """Each graph gives one label; the union may hold two spellings of one IRI."""
    store = Dataset()
    for article_id, name in (("test/alpha", "Dana Ruth"), ("test/beta", "Dana Rüth")):
        facts = sample_facts(article_id)
        facts.people = []
        facts.meetings = [m.__class__(**{**m.__dict__, "participants": (name, "Ilya Moroz"),
                                         "hosts": (), "visitors": ()}) for m in facts.meetings]
        iri, graph = article_graph(facts, base=BASE)
        for triple in graph:
            store.graph(iri).add(triple)
    conforms, report = validate_graph(store)
    assert conforms, report
    assert "with warnings" in report
    assert "Warning: " + BASE + "person/dana-ruth rdfs:label" in report
    assert '"Dana Ruth"' in report and '"Dana Rüth"' in report


def broken(mapped, mutate) -> tuple[bool, str]:
    _, graph = mapped
    mutate(graph)
    return validate_graph(graph)


def test_a_meeting_with_one_participant_does_not_conform(mapped) -> None:
    def drop_one(g: Graph) -> None:
        meeting = the(g, KG.Meeting)
        g.remove((meeting, KG.participant, ids.person_iri("Ilya Moroz", base=BASE)))
        g.remove((meeting, KG.host, None))
    conforms, report = broken(mapped, drop_one)
    assert not conforms
    assert "kg:participant" in report and "at least two" in report


@pytest.mark.parametrize("bad", [
    Literal("2019-9-12", datatype=XSD.date),      # ill-typed
    Literal("September 2019"),                     # not a date at all
    Literal("2019-09-12T10:00:00", datatype=XSD.dateTime),
])
def test_a_bad_meeting_date_does_not_conform(mapped, bad: Literal) -> None:
    conforms, report = broken(mapped, lambda g: g.set((the(g, KG.Meeting), KG.date, bad)))
    assert not conforms
    assert "kg:date" in report


def test_evidence_without_a_sentence_does_not_conform(mapped) -> None:
    conforms, report = broken(mapped, lambda g: g.remove((None, KG.sentence, None)))
    assert not conforms
    assert "kg:sentence" in report


def test_evidence_ending_before_it_starts_does_not_conform(mapped) -> None:
    def swap(g: Graph) -> None:
        ev = URIRef(f"{mapped[0]}/evidence/0-78")
        g.set((ev, KG.charStart, Literal(90)))
    conforms, report = broken(mapped, swap)
    assert not conforms
    assert "kg:charStart" in report


def test_confidence_outside_zero_to_one_does_not_conform(mapped) -> None:
    conforms, report = broken(mapped, lambda g: g.set((the(g, KG.Meeting), KG.confidence,
                                                       Literal(Decimal("1.5")))))
    assert not conforms
    assert "kg:confidence" in report


def test_a_meeting_kind_outside_the_scheme_does_not_conform(mapped) -> None:
    odd = URIRef("https://w3id.org/kg-news/concept/meeting-kind/brunch")
    conforms, report = broken(mapped, lambda g: g.set((the(g, KG.Meeting), KG.meetingKind, odd)))
    assert not conforms
    assert "meetingKind" in report


def test_a_participant_that_is_not_a_person_does_not_conform(mapped) -> None:
    stranger = URIRef(BASE + "party/green-union")
    conforms, report = broken(mapped, lambda g: g.add((the(g, KG.Meeting), KG.participant, stranger)))
    assert not conforms
    assert "party/green-union" in report


def test_a_meeting_not_derived_from_an_article_does_not_conform(mapped) -> None:
    conforms, report = broken(mapped, lambda g: g.remove((the(g, KG.Meeting), URIRef(
        "http://www.w3.org/ns/prov#wasDerivedFrom"), None)))
    assert not conforms
    assert "wasDerivedFrom" in report


def test_an_article_date_that_is_not_an_xsd_date_does_not_conform(mapped) -> None:
    conforms, report = broken(mapped, lambda g: g.set((mapped[0], SCHEMA_DATE_PUBLISHED,
                                                       Literal("2020-05", datatype=XSD.gYearMonth))))
    assert not conforms
    assert "datePublished" in report


@pytest.mark.parametrize("cls, prop, needle", [
    (KG.Tenure, KG.post, "kg:post"),
    (KG.PartyMembership, URIRef("http://www.w3.org/ns/org#organization"), "org:organization"),
    (KG.Election, KG.electionKind, "kg:electionKind"),
    (KG.Post, KG.title, "kg:title"),
])
def test_facts_missing_a_required_part_do_not_conform(mapped, cls, prop, needle) -> None:
    def strip(g: Graph) -> None:
        for node in list(g.subjects(RDF.type, cls)):
            g.remove((node, prop, None))
    conforms, report = broken(mapped, strip)
    assert not conforms
    assert needle in report


def test_a_person_without_a_label_does_not_conform(mapped) -> None:
    ruth = ids.person_iri("Dana Ruth", base=BASE)
    conforms, report = broken(mapped, lambda g: g.remove((ruth, RDFS_LABEL, None)))
    assert not conforms
    assert "person/dana-ruth" in report


def test_validation_with_the_ontology_agrees(mapped) -> None:
    conforms, report = validate_graph(mapped[1], with_ontology=True)
    assert conforms, report


def test_validation_does_not_change_the_callers_graph(mapped) -> None:
    _, graph = mapped
    before = set(graph)
    validate_graph(graph, with_ontology=True)
    assert set(graph) == before


def test_shapes_hold_under_rdfs_entailment_too(mapped) -> None:
    """kg:evidence ⊑ prov:wasDerivedFrom must not make every fact look underived."""
    from pyshacl import validate

    from kg.rdf.validate import _ontology, _shapes

    conforms, _, text = validate(mapped[1], shacl_graph=_shapes(), ont_graph=_ontology(),
                                 inference="rdfs")
    assert conforms, text


def test_the_shapes_are_well_formed_shacl(mapped) -> None:
    from pyshacl import validate

    from kg.rdf.validate import _shapes

    conforms, _, text = validate(mapped[1], shacl_graph=_shapes(), meta_shacl=True)
    assert conforms, text
