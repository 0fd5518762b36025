"""Bulk loading in blocks and the union export: same data as the slow, simple ways."""
from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.store import open_store
from kg.store import bulkload
from kg.store.embedded import EmbeddedStore

ID = "https://w3id.org/kg-news/id/"
KG = "https://w3id.org/kg-news/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def write_nquads(path: Path, articles: int) -> None:
    """Articles that share people: the same label triple sits in many graphs."""
    lines = []
    for n in range(articles):
        g = f"<{ID}article/t{n}>"
        for p in (n % 7, (n + 3) % 7):
            person = f"<{ID}person/p{p}>"
            lines.append(f'{person} <{LABEL}> "Person {p} \\"quoted\\" é" {g} .')
            lines.append(f"{g} <{KG}mentions> {person} {g} .")
        lines.append(f'<{ID}article/t{n}/meeting/0> <{KG}date> "2019-09-{1 + n % 28:02d}"^^'
                     f'<http://www.w3.org/2001/XMLSchema#date> {g} .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def dataset_of(store: EmbeddedStore) -> rdflib.Dataset:
    data = io.BytesIO()
    store.export("nquads", data)
    return rdflib.Dataset().parse(data=data.getvalue(), format="nquads")


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of a few kilobytes, so a small file is cut like a big one."""
    monkeypatch.setattr(bulkload, "MIN_BLOCK_BYTES", 2048)
    monkeypatch.setattr(bulkload, "BLOCK_QUADS", 100)


def test_line_blocks_end_at_line_ends_and_lose_nothing(tmp_path):
    path = tmp_path / "data.nq"
    write_nquads(path, 200)
    with path.open("rb") as f:
        blocks = list(bulkload.line_blocks(f, 1000))
    assert len(blocks) > 10
    assert all(b.endswith(b"\n") for b in blocks)
    assert b"".join(blocks) == path.read_bytes()


def test_loading_in_blocks_stores_what_one_call_stores(tmp_path, small_blocks):
    path = tmp_path / "data.nq"
    write_nquads(path, 400)
    whole = ox.Store()
    whole.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    with EmbeddedStore(tmp_path / "store") as store:
        assert store.load([path], lenient=True) == len(whole)
        blocks = bulkload.load_file(ox.Store(), path, ox.RdfFormat.N_QUADS)
        assert 2 <= blocks <= bulkload.MAX_BLOCKS
        got = dataset_of(store)
    want = rdflib.Dataset().parse(path, format="nquads")
    assert len(got) == len(want)
    for g in want.graphs():
        assert isomorphic(got.graph(g.identifier), g), g.identifier


def test_trig_loads_in_blocks_and_stores_what_one_call_stores(tmp_path, small_blocks):
    nquads = tmp_path / "data.nq"
    write_nquads(nquads, 400)
    trig = tmp_path / "data.trig"
    source = ox.Store()
    source.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    source.dump(str(trig), ox.RdfFormat.TRIG, prefixes={"kg": KG, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    assert bulkload.load_file(ox.Store(), trig, ox.RdfFormat.TRIG) > 2
    with EmbeddedStore(tmp_path / "store") as store:
        assert store.load([trig], lenient=True) == len(source)
        got = dataset_of(store)
    want = rdflib.Dataset().parse(nquads, format="nquads")
    for g in want.graphs():
        assert isomorphic(got.graph(g.identifier), g), g.identifier


def test_turtle_into_a_named_graph_in_blocks(tmp_path, small_blocks):
    ttl = tmp_path / "data.ttl"
    ttl.write_text("@prefix ex: <https://example.org/> .\n"
                   + "".join(f'ex:s{i} ex:p "{i}" ; ex:q ex:o{i % 5} .\n' for i in range(300)))
    with EmbeddedStore(tmp_path / "store") as store:
        assert store.load([ttl], graph="https://example.org/g") == 600
        assert store.graph_count("https://example.org/g") == 600


def test_turtle_with_anonymous_blank_nodes_loads_in_one_call(tmp_path, small_blocks):
    ttl = tmp_path / "anon.ttl"
    ttl.write_text("@prefix ex: <https://example.org/> .\n"
                   + "".join(f'ex:s{i} ex:p [ ex:q "{i}" ; ex:r "{i}" ] .\n' for i in range(300)))
    assert bulkload.load_file(ox.Store(), ttl, ox.RdfFormat.TURTLE) == 1


def test_a_file_with_blank_nodes_loads_in_one_call(tmp_path, small_blocks):
    # blank node labels are scoped to one parser call: cutting the file would split _:b0 in two
    path = tmp_path / "bnodes.nq"
    lines = ['_:b0 <https://example.org/p> "first" <https://example.org/g> .']
    lines += [f'<https://example.org/s{i}> <https://example.org/p> "{i}" <https://example.org/g> .' for i in range(300)]
    lines += ['_:b0 <https://example.org/p> "last" <https://example.org/g> .']
    path.write_text("\n".join(lines) + "\n")
    assert bulkload.load_file(ox.Store(), path, ox.RdfFormat.N_QUADS) == 1
    with EmbeddedStore(tmp_path / "store") as store:
        store.load([path])
        _, rows = store.select("SELECT DISTINCT ?b WHERE { GRAPH ?g { ?b ?p ?o } FILTER(isBlank(?b)) }")
    assert len(rows) == 1


def test_a_syntax_error_in_a_block_names_the_file(tmp_path, small_blocks):
    path = tmp_path / "broken.nq"
    write_nquads(path, 300)
    with path.open("a") as f:
        f.write("<https://example.org/s> this is not n-quads .\n")
    with EmbeddedStore(tmp_path / "store") as store:
        with pytest.raises(Exception, match="broken.nq"):
            store.load([path])


@pytest.mark.parametrize("fmt", ["nt", "turtle"])
def test_union_export_writes_a_triple_stated_by_several_articles_once(store_location, tmp_path, fmt):
    path = tmp_path / "data.nq"
    write_nquads(path, 40)
    with open_store(store_location) as store:
        store.load([path])
        out = io.BytesIO()
        store.export(fmt, out)
    text = out.getvalue().decode("utf-8")
    got = rdflib.Graph().parse(data=text, format="nt" if fmt == "nt" else "turtle")
    want = rdflib.Graph()
    for s, p, o, _ in rdflib.Dataset().parse(path, format="nquads").quads():
        want.add((s, p, o))
    assert isomorphic(got, want)
    if fmt == "nt":   # one line per distinct triple: the label of person 0 is stated by 12 articles
        lines = [line for line in text.splitlines() if line.strip()]
        assert len(lines) == len(set(lines)) == len(want)
    if fmt == "turtle":   # grouped: each subject starts one statement, its triples joined by ";"
        subjects = [line.split()[0] for line in text.splitlines() if line[:1] not in ("", "@", "\t", " ")]
        assert len(subjects) == len(set(subjects)) == len(set(got.subjects()))


def test_turtle_union_export_uses_the_ontology_prefixes(tmp_path):
    path = tmp_path / "data.nq"
    write_nquads(path, 5)
    with EmbeddedStore(tmp_path / "store") as store:
        store.load([path])
        out = io.BytesIO()
        store.export("turtle", out)
    text = out.getvalue().decode("utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#>" in text
    assert "kg:mentions" in text and "rdfs:label" in text
