"""Crash safety and locking of the embedded store, with real processes.

A writer killed with SIGKILL mid-ingest must leave a store that opens, holds only whole
article graphs, and takes a rerun without duplicates. A second writer gets StoreBusy.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from kg.store import StoreBusy, open_store

SIZE = "urn:kg-test:size"

# A child that writes articles through the Store API in batches of 50, forever-ish,
# printing after each committed batch. Every graph states how many triples it holds.
WRITER = textwrap.dedent(f"""
    import sys
    from kg.store import open_store
    path, start = sys.argv[1], int(sys.argv[2])

    def article(n):
        g = f"https://w3id.org/kg-news/id/article/crash-{{n}}"
        k = 20 + n % 37
        triples = [(g, f"https://example.org/p{{i}}", f"https://example.org/o{{n}}-{{i}}") for i in range(k - 1)]
        triples.append((g, "{SIZE}", g + "/size/" + str(k)))
        return g, triples

    with open_store(path) as store:
        for b in range(start, 400):
            store.replace_graphs(article(n) for n in range(b * 50, b * 50 + 50))
            print(b, flush=True)
""")


def graph_sizes(store) -> dict[str, tuple[int, int]]:
    """graph → (triples it holds, triples it says it holds)."""
    _, rows = store.select(f"""SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?mark) AS ?m) WHERE {{
        GRAPH ?g {{ ?s ?p ?o OPTIONAL {{ ?g <{SIZE}> ?mark }} }} }} GROUP BY ?g""")
    return {g.value: (int(n.value), int(m.value.rsplit("/", 1)[1]) if m else -1) for g, n, m in rows}


def start_writer(path, start=0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(start)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("kill_after_batches", [3, 8])
def test_sigkill_mid_ingest_leaves_only_whole_articles(tmp_path, kill_after_batches):
    path = tmp_path / "store"
    child = start_writer(path)
    for _ in range(kill_after_batches):
        line = child.stdout.readline()
        assert line, child.stderr.read()
    time.sleep(0.03)                       # land inside a later batch's write
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL

    with open_store(path) as store:        # opens: the lock died with the process
        sizes = graph_sizes(store)
        assert len(sizes) >= kill_after_batches * 50
        assert len(sizes) % 50 == 0        # whole batches, hence whole articles
        torn = {g: s for g, s in sizes.items() if s[0] != s[1]}
        assert torn == {}
        done = len(sizes) // 50
        # rerun from the start of the stored batches: replaces, never duplicates
        store.replace_graphs((g, []) for g in [])   # a no-op batch is fine
    rerun = start_writer(path, start=max(done - 2, 0))
    for _ in range(3):
        assert rerun.stdout.readline(), rerun.stderr.read()
    rerun.kill()
    rerun.wait()
    with open_store(path) as store:
        sizes = graph_sizes(store)
        assert all(n == m for n, m in sizes.values())
        assert store.stats()["triples"] == sum(n for n, _ in sizes.values())


def test_second_writer_gets_store_busy_and_readers_still_read(tmp_path):
    path = tmp_path / "store"
    child = start_writer(path)
    try:
        assert child.stdout.readline(), child.stderr.read()
        with pytest.raises(StoreBusy, match="in use by another kg process"):
            open_store(path)
        with open_store(path, read_only=True) as reader:   # works beside the writer (a snapshot)
            assert reader.stats()["graphs"] >= 50
    finally:
        child.kill()
        child.wait()
    with open_store(path) as store:        # the lock is released once the writer is gone
        assert store.stats()["graphs"] >= 50
