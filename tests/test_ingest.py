"""The ingest loop through the API: workers, shards, incremental runs, folders (real model, real store)."""
from __future__ import annotations

import io
import json
from datetime import date

import pytest
from rdflib import Dataset

from kg import api
from kg.ingest import in_shard, parse_shard

TEXTS = [
    ("Talks in Oslo", "Prime Minister Jonas Lund met German Chancellor Olaf Brandt in Oslo on Tuesday."),
    ("A call", "President Maria Costa spoke by phone with Prime Minister Ivan Petrov on Monday."),
    ("Visit", "Foreign Minister Ana Ruiz visited Lisbon, where she met President Paulo Reis on Friday."),
    ("Summit", "Chancellor Olaf Brandt hosted President Maria Costa in Berlin on Wednesday."),
    ("Vote", "Voters in Norway go to the polls in the September 13 parliamentary election."),
]


@pytest.fixture()
def folder(tmp_path):
    root = tmp_path / "articles"
    (root / "more").mkdir(parents=True)
    for i, (title, text) in enumerate(TEXTS):
        where = root / "more" if i % 2 else root
        (where / f"a{i}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    return root


def dump(store) -> Dataset:
    buf = io.BytesIO()
    store.export("nquads", buf)
    return Dataset().parse(data=buf.getvalue(), format="nquads")


def test_a_folder_twice_stores_nothing_new(tmp_path, folder):
    with api.open_store(str(tmp_path / "s")) as store:
        first = api.ingest(store, [str(folder)], published=date(2021, 3, 5))
        assert (first.ingested, first.failed) == (len(TEXTS), 0)
        triples = store.stats()["triples"]
        second = api.ingest(store, [str(folder)], published=date(2021, 3, 5))
        assert (second.ingested, second.unchanged) == (0, len(TEXTS))
        assert store.stats()["triples"] == triples


def test_a_changed_article_replaces_its_graph(tmp_path, folder):
    with api.open_store(str(tmp_path / "s")) as store:
        api.ingest(store, [str(folder)])
        (folder / "a0.txt").write_text("Talks in Oslo\n\nPrime Minister Jonas Lund met President Paulo Reis in Oslo.\n")
        again = api.ingest(store, [str(folder)])
        assert (again.ingested, again.replaced, again.unchanged) == (0, 1, len(TEXTS) - 1)
        met = json.loads(api.query(store, "who-met", fmt="json", person="Jonas Lund"))["results"]["bindings"]
        assert {row["otherName"]["value"] for row in met} == {"Paulo Reis"}


def test_two_workers_store_the_same_graph_as_one(tmp_path, folder):
    with api.open_store(str(tmp_path / "one")) as one, api.open_store(str(tmp_path / "two")) as two:
        api.ingest(one, [str(folder)], workers=1)
        report = api.ingest(two, [str(folder)], workers=2)
        assert report.ingested == len(TEXTS)
        a, b = dump(one), dump(two)
        assert len(a) > 0 and set(a.quads()) == set(b.quads())


def test_shards_split_the_corpus_without_overlap(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "title": t, "text": x}) + "\n"
                              for i, (t, x) in enumerate(TEXTS)))
    stored = []
    for i in (1, 2, 3):
        with api.open_store(str(tmp_path / f"s{i}")) as store:
            api.ingest(store, [str(corpus)], shard=f"{i}/3")
            stored.append({a["id"] for a in store.articles()})
    assert sum(len(s) for s in stored) == len(TEXTS)
    assert set().union(*stored) == {f"n{i}" for i in range(len(TEXTS))}


def test_shard_specs():
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "x/2", "3"):
        with pytest.raises(ValueError):
            parse_shard(bad)
    ids = [f"article-{i}" for i in range(200)]
    shares = [sum(in_shard(i, (k, 4)) for i in ids) for k in (1, 2, 3, 4)]
    assert sum(shares) == 200 and min(shares) > 25  # each id in exactly one shard, roughly even
