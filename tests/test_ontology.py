"""ontology/kg.ttl and kg/rdf/namespace.py agree, and the ontology says what each term is."""
from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from kg.facts import ELECTION_KINDS, MEETING_KINDS, MEETING_STATUSES
from kg.rdf import ids
from kg.rdf.namespace import KG, ONTOLOGY_IRI
from kg.rdf.ontology_files import ontology_path, shapes_path

SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def namespace_terms() -> set[URIRef]:
    return {KG[name] for name in KG.__annotations__}


def test_every_namespace_term_is_declared_with_label_and_comment(onto: Graph) -> None:
    missing = []
    for term in sorted(namespace_terms()):
        types = set(onto.objects(term, RDF.type))
        if not types:
            missing.append(f"{term} not declared")
            continue
        for prop in (RDFS.label, RDFS.comment):
            if not any(isinstance(o, Literal) and str(o).strip() for o in onto.objects(term, prop)):
                missing.append(f"{term} has no {prop}")
    assert not missing, "\n".join(missing)


def test_every_kg_term_of_the_ttl_is_in_the_namespace(onto: Graph) -> None:
    declared = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI)}
    mentioned = {t for triple in onto for t in triple
                 if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_IRI)}
    assert declared == namespace_terms()
    assert mentioned <= namespace_terms()


def test_the_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        KG.notATerm  # noqa: B018


def test_ontology_header(onto: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI.rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in onto
    for prop in (OWL.versionInfo, OWL.versionIRI, RDFS.label, RDFS.comment):
        assert onto.value(header, prop) is not None, prop


@pytest.mark.parametrize("cls, standard", [
    (KG.Person, SCHEMA.Person), (KG.Country, SCHEMA.Country), (KG.Place, SCHEMA.Place),
    (KG.Post, ORG.Post), (KG.PoliticalParty, ORG.FormalOrganization),
    (KG.PartyMembership, ORG.Membership), (KG.Meeting, SEM.Event), (KG.Meeting, SCHEMA.Event),
    (KG.Election, SCHEMA.Event), (KG.Evidence, PROV.Entity), (KG.MeetingKind, SKOS.Concept),
])
def test_classes_are_aligned_with_standard_vocabularies(onto: Graph, cls, standard) -> None:
    assert (cls, RDFS.subClassOf, standard) in onto


def test_properties_are_aligned_and_typed(onto: Graph) -> None:
    assert (KG.participant, RDFS.subPropertyOf, SEM.hasActor) in onto
    assert (KG.host, RDFS.subPropertyOf, KG.participant) in onto
    assert (KG.visitor, RDFS.subPropertyOf, KG.participant) in onto
    assert (KG.place, RDFS.subPropertyOf, SEM.hasPlace) in onto
    for prop in namespace_terms():
        types = set(onto.objects(prop, RDF.type))
        if str(prop)[len(ONTOLOGY_IRI)].islower() and prop not in (KG.meetingKinds, KG.meetingStatuses,
                                                                   KG.electionKinds):
            assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, prop


@pytest.mark.parametrize("values, to_iri, scheme, cls", [
    (MEETING_KINDS, ids.meeting_kind_iri, KG.meetingKinds, KG.MeetingKind),
    (MEETING_STATUSES, ids.meeting_status_iri, KG.meetingStatuses, KG.MeetingStatus),
    (ELECTION_KINDS, ids.election_kind_iri, KG.electionKinds, KG.ElectionKind),
])
def test_concept_schemes_cover_the_fact_vocabularies(onto: Graph, values, to_iri, scheme, cls) -> None:
    assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
    in_scheme = set(onto.subjects(SKOS.inScheme, scheme))
    assert in_scheme == {to_iri(v) for v in values}
    for value in values:
        concept = to_iri(value)
        assert (concept, RDF.type, SKOS.Concept) in onto
        assert (concept, RDF.type, cls) in onto
        assert onto.value(concept, SKOS.notation) == Literal(value)
        assert onto.value(concept, SKOS.prefLabel) is not None


def test_meeting_kinds_carry_their_cameo_mapping(onto: Graph) -> None:
    for kind in MEETING_KINDS:
        note = str(onto.value(ids.meeting_kind_iri(kind), SKOS.note))
        assert "CAMEO" in note and "PLOVER" in note, kind
    assert "041" in str(onto.value(ids.meeting_kind_iri("call"), SKOS.note))
    assert "042" in str(onto.value(ids.meeting_kind_iri("visit"), SKOS.note))
    assert "043" in str(onto.value(ids.meeting_kind_iri("host"), SKOS.note))


def test_shape_value_lists_match_the_fact_vocabularies(shapes: Graph) -> None:
    """sh:in lists in shapes.ttl hold exactly the concepts the mapping can write."""
    from rdflib.collection import Collection

    lists = {frozenset(Collection(shapes, node)) for node in shapes.objects(None, SH["in"])}
    for values, to_iri in ((MEETING_KINDS, ids.meeting_kind_iri),
                           (MEETING_STATUSES, ids.meeting_status_iri),
                           (ELECTION_KINDS, ids.election_kind_iri)):
        assert frozenset(to_iri(v) for v in values) in lists


def test_every_shape_target_is_an_ontology_class_or_schema_article(onto: Graph, shapes: Graph) -> None:
    for target in shapes.objects(None, SH.targetClass):
        assert target == SCHEMA.NewsArticle or (target, RDF.type, OWL.Class) in onto, target
