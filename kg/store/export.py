"""The union of every article graph as one graph (Turtle, N-Triples), written natively.

A triple stated by several articles (a person's label) is written once: the engine
deduplicates (SELECT DISTINCT), no Python set. Decoding terms dominates (~5 s per
million triples on one core), so the triples are cut in two by predicate and the two
halves are decoded on two threads: each half scans every quad but decodes only its
own, and a subject's triples mostly stay together, so Turtle still groups them.
The halves are disjoint (a triple has one predicate): deduplication stays exact.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from typing import BinaryIO

import pyoxigraph as ox

# About half the triples kg writes (type, provenance, labels, evidence offsets); any
# predicate not listed lands in the other half, so the split is always complete.
FIRST_HALF = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://w3id.org/kg-news/ontology#sentence",
    "https://w3id.org/kg-news/ontology#charStart",
    "https://w3id.org/kg-news/ontology#charEnd",
)
_LIST = ", ".join(f"<{p}>" for p in FIRST_HALF)
HALVES = tuple(
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
    f"FILTER(?p {negation}IN ({_LIST})) }} }}"
    for negation in ("", "NOT "))


def export_union(db: ox.Store, fmt: ox.RdfFormat, out: BinaryIO, *, prefixes: dict[str, str] | None = None) -> None:
    """Write the distinct triples of all named graphs of `db` to `out` in `fmt` (a triple format).

    The second half goes to a temporary file on a worker thread while the first is
    written to `out`, then is appended: memory stays flat whatever the store's size.
    Turtle halves each start with the prefix lines, which Turtle allows anywhere."""
    fd, tmp = tempfile.mkstemp(prefix="kg-export-", suffix=".part")
    os.close(fd)
    failure: list[BaseException] = []

    def second_half() -> None:
        try:
            _write(db, HALVES[1], fmt, tmp, prefixes)
        except BaseException as e:  # re-raised on the caller's thread
            failure.append(e)

    worker = threading.Thread(target=second_half, name="kg-export", daemon=True)
    try:
        worker.start()
        _write(db, HALVES[0], fmt, out, prefixes)
        worker.join()
        if failure:
            raise failure[0]
        with open(tmp, "rb") as part:
            shutil.copyfileobj(part, out, 1 << 20)
    finally:
        worker.join()
        os.unlink(tmp)


def _write(db: ox.Store, query: str, fmt: ox.RdfFormat, out: BinaryIO | str, prefixes: dict[str, str] | None) -> None:
    triples = db.query(query)
    if prefixes:
        # ox.serialize abbreviates with prefixes; it pulls triples through Python objects,
        # but holds the GIL so briefly that the two threads still overlap (measured 1.6x)
        ox.serialize(triples, out, fmt, prefixes=prefixes)
    else:
        triples.serialize(out, fmt)   # all native
