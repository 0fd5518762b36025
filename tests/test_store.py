"""The Store API against both backends: embedded pyoxigraph and a live `oxigraph serve`."""
from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.store import StoreError, StoreNotFound, open_store

FIXTURE = Path(__file__).parent / "data" / "store_fixture.trig"
ID = "https://w3id.org/kg-news/id/"
A1, A2, A3 = (ID + "article/fx-one-a1a1", ID + "article/fx-two-b2b2", ID + "article/fx-three-c3c3")


def fixture_dataset() -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(FIXTURE, format="trig")
    return ds


def article_graphs(ds: rdflib.Dataset) -> list[tuple[str, list[tuple]]]:
    """(graph IRI, rdflib triples) per article, as the RDF layer hands them over."""
    return [(str(g.identifier), list(g)) for g in ds.graphs() if str(g.identifier).startswith(ID)]


@pytest.fixture
def filled(store_location):
    """A store holding the three fixture articles, written through replace_graphs()."""
    with open_store(store_location) as store:
        store.replace_graphs(article_graphs(fixture_dataset()))
        yield store


def test_replace_graphs_writes_each_article_into_its_named_graph(filled):
    ds = fixture_dataset()
    for iri, triples in article_graphs(ds):
        stored = rdflib.Graph()
        for q in filled.quads(iri):
            stored.add(tuple(rdflib.util.from_n3(str(t)) for t in (q.subject, q.predicate, q.object)))
        expected = rdflib.Graph()
        for t in triples:
            expected.add(t)
        assert isomorphic(stored, expected), iri
    assert filled.stats()["graphs"] == 3


def test_stored_hash(filled):
    assert filled.stored_hash(A1) == "hash-one-v1"
    assert filled.stored_hash(ID + "article/never-stored") is None


def test_articles_lists_every_graph_with_its_metadata(filled):
    rows = {a["id"]: a for a in filled.articles()}
    assert set(rows) == {"fx/one", "fx/two", "fx/three"}
    assert rows["fx/one"]["url"] == "https://news.example/one"
    assert rows["fx/two"]["url"] is None
    assert rows["fx/one"]["published"] == "2021-06-11"
    assert rows["fx/three"]["triples"] == filled.graph_count(A3) > 0


def test_find_articles_by_id_url_or_iri(filled):
    assert filled.find_articles(["fx/two"]) == [A2]
    assert filled.find_articles(["https://news.example/three", A1]) == [A3, A1]
    assert filled.find_articles(["no/such/article"]) == []


def test_replacing_a_changed_article_replaces_its_graph(filled):
    new = [(rdflib.URIRef(A1), rdflib.RDF.type, rdflib.URIRef("https://schema.org/NewsArticle")),
           (rdflib.URIRef(A1), rdflib.URIRef("https://w3id.org/kg-news/ontology#contentHash"), rdflib.Literal("hash-one-v2")),
           (rdflib.URIRef(A1), rdflib.URIRef("https://schema.org/identifier"), rdflib.Literal("fx/one"))]
    before = filled.stats()
    filled.replace_graphs([(A1, new)])
    assert filled.stored_hash(A1) == "hash-one-v2"
    assert filled.graph_count(A1) == 3
    after = filled.stats()
    assert after["graphs"] == before["graphs"]
    assert after["meetings"] == before["meetings"] - 1      # article one's meeting went with its old graph
    assert after["people"] == before["people"]              # everyone is still named by another article


def test_rewriting_the_same_article_twice_leaves_no_duplicates(filled):
    graphs = article_graphs(fixture_dataset())
    before = filled.stats()["triples"]
    filled.replace_graphs(graphs)
    assert filled.stats()["triples"] == before


def test_removing_an_article_keeps_people_other_articles_name(filled):
    people = lambda: {r[0].value for r in filled.select(  # noqa: E731
        "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?n } }")[1]}
    assert {"Carl Dunn", "Anna Berg"} <= people()
    assert filled.remove_graphs([A3, ID + "article/not-there"]) == 1
    assert "Carl Dunn" not in people()          # only article three named him
    assert "Anna Berg" in people()              # articles one and two still do
    assert filled.stored_hash(A3) is None
    assert filled.remove_graphs([A3]) == 0


def test_select_binds_values_without_pasting_text(filled):
    q = "SELECT ?p WHERE { GRAPH ?g { ?p rdfs:label ?name } }"
    assert len(filled.select(q, {"name": ox.Literal("Anna Berg")})[1]) == 3    # one per article naming her
    hostile = 'x"} ; DROP ALL #'
    assert filled.select(q, {"name": ox.Literal(hostile)})[1] == []
    assert filled.ask("ASK { GRAPH ?g { ?p rdfs:label ?name } }", {"name": ox.Literal("Otto Lind")})
    assert filled.stats()["graphs"] == 3


def test_construct(filled):
    triples = filled.construct("CONSTRUCT { ?p rdfs:label ?n } WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?n } }")
    assert {t.object.value for t in triples} == {"Anna Berg", "Otto Lind", "Mara Quill", "Carl Dunn"}


def test_invalid_sparql_says_so(filled):
    with pytest.raises(StoreError, match="(?i)sparql|rejected"):
        filled.select("SELEKT nothing")


def test_stats_counts_things_not_mentions(filled):
    s = filled.stats()
    assert (s["people"], s["meetings"], s["parties"], s["elections"], s["articles"]) == (4, 4, 2, 2, 3)
    assert s["triples"] == sum(a["triples"] for a in filled.articles())


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_export_union_graph(filled, fmt):
    out = io.BytesIO()
    filled.export(fmt, out)
    got = rdflib.Graph().parse(data=out.getvalue(), format="turtle" if fmt == "turtle" else "nt")
    union = rdflib.Graph()
    for _, triples in article_graphs(fixture_dataset()):
        for t in triples:
            union.add(t)
    assert isomorphic(got, union)


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_export_keeps_graphs(filled, fmt):
    out = io.BytesIO()
    filled.export(fmt, out)
    got = rdflib.Dataset()
    got.parse(data=out.getvalue(), format={"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt])
    want = fixture_dataset()
    for iri, _ in article_graphs(want):
        assert isomorphic(got.graph(rdflib.URIRef(iri)), want.graph(rdflib.URIRef(iri))), iri


def test_export_unknown_format_names_the_choices(filled):
    with pytest.raises(StoreError, match="turtle"):
        filled.export("docx", io.BytesIO())


def test_load_trig_file(store_location):
    with open_store(store_location) as store:
        assert store.load([FIXTURE]) == 183
        assert store.stats()["articles"] == 3
        assert store.stored_hash(A2) == "hash-two-v1"


def test_load_turtle_into_a_named_graph(store_location, tmp_path):
    ttl = tmp_path / "one.ttl"
    ttl.write_text('<https://example.org/s> <https://example.org/p> "o" .\n')
    with open_store(store_location) as store:
        assert store.load([ttl], graph="https://example.org/g") == 1
        assert store.graph_count("https://example.org/g") == 1


def test_read_only_store_refuses_writes(store_location):
    with open_store(store_location) as store:
        store.load([FIXTURE])
    with open_store(store_location, read_only=True) as store:
        assert store.stats()["articles"] == 3
        with pytest.raises(StoreError, match="read-only"):
            store.remove_graphs([A1])


def test_read_only_open_of_a_missing_store_says_how_to_fix(tmp_path):
    with pytest.raises(StoreNotFound, match="kg ingest"):
        open_store(str(tmp_path / "nothing-here"), read_only=True)


def test_kg_store_env_is_the_default_location(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "from-env"))
    with open_store() as store:
        assert store.location == str(tmp_path / "from-env")
