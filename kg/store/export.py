"""The union of every article graph as one graph (Turtle, N-Triples), written natively.

The triples are read with the default graph as the union of the named graphs, which
Oxigraph answers from its subject-first index: a subject's triples come out together, so
the Turtle writer groups them (`subject p1 o1 ; p2 o2 .`) and abbreviates IRIs with the
ontology's prefixes. A triple stated by several articles (a person's label) is written
once: the engine deduplicates (SELECT DISTINCT), no Python set.
"""
from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def export_union(db: ox.Store, fmt: ox.RdfFormat, out: BinaryIO, *, prefixes: dict[str, str] | None = None) -> None:
    """Write the distinct triples of all named graphs of `db` to `out` in `fmt` (a triple format)."""
    triples = db.query(UNION_TRIPLES, use_default_graph_as_union=True)
    if prefixes:
        # ox.serialize abbreviates with prefixes; it pulls the triples through Python objects
        # (measured ~10% more CPU than the native writer)
        ox.serialize(triples, out, fmt, prefixes=prefixes)
    else:
        triples.serialize(out, fmt)   # all native
