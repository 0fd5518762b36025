"""RDF out and in through the API and the CLI, on both backends: export to a path or a
stream, compact JSON-LD checked by an independent processor (pyld), grouped Turtle,
and Turtle / N-Triples files loaded into a named graph that queries and stats see."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from pyld import jsonld

from kg import api
from kg.cli import cli

FIXTURE = Path(__file__).parent / "data" / "store_fixture.trig"
KG = "https://w3id.org/kg-news/ontology#"


@pytest.fixture
def store(store_location):
    with api.open_store(store_location) as s:
        s.load([FIXTURE])
        yield s


def kg(store, *args):
    return CliRunner().invoke(cli, ["--store", store, *map(str, args)], catch_exceptions=False)


def stored_quads(store) -> set[ox.Quad]:
    out = io.BytesIO()
    store.export("nquads", out)
    return set(ox.parse(out.getvalue(), ox.RdfFormat.N_QUADS))


def test_export_to_a_path_a_text_stream_or_a_binary_stream(store, tmp_path):
    api.export(store, "turtle", str(tmp_path / "out.ttl"))          # a str path
    api.export(store, "nt", tmp_path / "out.nt")                     # a Path
    binary, text = io.BytesIO(), io.StringIO()
    api.export(store, "nt", binary)
    api.export(store, "nt", text)
    assert (tmp_path / "out.nt").read_bytes() == binary.getvalue() == text.getvalue().encode("utf-8")
    turtle = set(ox.parse(path=str(tmp_path / "out.ttl"), format=ox.RdfFormat.TURTLE))
    assert turtle == set(ox.parse(binary.getvalue(), ox.RdfFormat.N_TRIPLES)) and len(turtle) > 100


def test_jsonld_export_is_compact_and_expands_to_the_same_quads(store):
    out = io.BytesIO()
    api.export(store, "jsonld", out)
    doc = json.loads(out.getvalue())
    assert doc["@context"]["kg"] == KG and doc["@context"]["rdfs"].endswith("rdf-schema#")
    text = out.getvalue().decode("utf-8")
    assert '"rdfs:label": "Anna Berg"' in text and '"@type": "kg:Meeting"' in text
    assert KG + "participant" not in text                           # properties are compact IRIs
    # an independent JSON-LD 1.1 processor reads back exactly the stored quads
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert set(ox.parse(nquads.encode("utf-8"), ox.RdfFormat.N_QUADS)) == stored_quads(store)
    assert jsonld.expand(doc)                                       # expands without error


def test_turtle_export_groups_each_subject_and_uses_the_prefixes(store):
    out = io.BytesIO()
    api.export(store, "turtle", out)
    text = out.getvalue().decode("utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#>" in text and " a kg:Person ;" in text
    subjects = [line.split()[0] for line in text.splitlines() if line[:1] not in ("", "@", "\t", " ")]
    assert len(subjects) == len(set(subjects)) > 10


PEOPLE_TTL = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/m/1> a kg:Meeting ; kg:participant <https://example.org/p/ada>, <https://example.org/p/bo> .
<https://example.org/p/ada> a kg:Person ; rdfs:label "Ada Quist" .
<https://example.org/p/bo> a kg:Person ; rdfs:label "Bo Ren" .
"""


@pytest.mark.parametrize("suffix", ["ttl", "nt"])
def test_kg_load_puts_a_triple_file_in_a_named_graph_that_stats_and_queries_see(store_location, tmp_path, suffix):
    path = tmp_path / f"people.{suffix}"
    if suffix == "ttl":
        path.write_text(PEOPLE_TTL)
    else:
        path.write_bytes(ox.serialize(ox.parse(PEOPLE_TTL.encode(), ox.RdfFormat.TURTLE), None, ox.RdfFormat.N_TRIPLES))
    loaded = kg(store_location, "load", path)
    assert loaded.exit_code == 0 and "loaded 7 triples" in loaded.output
    stats = json.loads(kg(store_location, "stats", "--format", "json").output)
    assert (stats["triples"], stats["people"], stats["meetings"]) == (7, 2, 1)
    rows = json.loads(kg(store_location, "who-met", "Quist", "--format", "json").output)["results"]["bindings"]
    assert [(r["otherName"]["value"], r["source"]["value"]) for r in rows] == [("Bo Ren", path.resolve().as_uri())]


def test_kg_load_graph_option(store_location, tmp_path):
    path = tmp_path / "people.ttl"
    path.write_text(PEOPLE_TTL)
    assert kg(store_location, "load", path, "--graph", "https://example.org/graph/extra").exit_code == 0
    with api.open_store(store_location, read_only=True) as s:
        assert s.graph_count("https://example.org/graph/extra") == 7
    bad = kg(store_location, "load", path, "--graph", "not an iri")
    assert bad.exit_code == 2 and "absolute IRI" in bad.output
    quads = kg(store_location, "load", FIXTURE, "--graph", "https://example.org/graph/x")
    assert quads.exit_code == 2 and "names its own graphs" in quads.output
