"""The Store interface every backend implements, and the errors it raises.

Terms going in may be rdflib terms (what kg.rdf produces) or pyoxigraph terms;
terms coming out are always pyoxigraph terms (NamedNode, Literal, BlankNode), so the
read path never needs rdflib (it costs ~80 ms to import).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, BinaryIO, Iterable, Mapping

import pyoxigraph as ox

from kg.store import sparql

Term = Any                                  # rdflib or pyoxigraph term on input
Triple = tuple[Term, Term, Term]
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
Row = tuple[OxTerm | None, ...]

EXPORT_FORMATS = ("turtle", "nt", "nquads", "trig", "jsonld")


class StoreError(Exception):
    """Something went wrong with the store; the message says how to fix it."""


class StoreBusy(StoreError):
    """Another process holds the embedded store open for writing."""


class StoreNotFound(StoreError):
    """A read-only open of a store that does not exist yet."""


class StoreUnavailable(StoreError):
    """The SPARQL server cannot be reached, or refused the request."""


class QueryTimeout(StoreError):
    """A query ran longer than its timeout."""


class InvalidQuery(StoreError):
    """The SPARQL text does not parse (a usage error: the query must be fixed)."""


class Store(ABC):
    """A set of named graphs, one per article, that can be written, queried and exported."""

    location: str
    read_only: bool

    # --- writing ----------------------------------------------------------------------

    @abstractmethod
    def replace_graphs(self, graphs: Iterable[tuple[str, Iterable[Triple]]]) -> None:
        """Write a batch of article graphs; each replaces the named graph of its IRI.

        The whole batch is one transaction, so a crash never leaves half an article."""

    @abstractmethod
    def remove_graphs(self, iris: Iterable[str]) -> int:
        """Drop these named graphs; returns how many existed."""

    @abstractmethod
    def update(self, sparql_update: str) -> None:
        """Run a raw SPARQL 1.1 update (one transaction)."""

    @abstractmethod
    def load(self, paths: Iterable[str], fmt: str | None = None, graph: str | None = None,
             *, lenient: bool = False, compact: bool = True) -> int:
        """Bulk-load RDF files (Turtle, N-Triples, N-Quads, TriG); returns the number of quads added.

        lenient=True skips IRI checks (files kg wrote itself); compact=False leaves the
        embedded store uncompacted after a load in blocks (a server manages its own)."""

    # --- reading ----------------------------------------------------------------------

    @abstractmethod
    def select(self, query: str, bindings: Mapping[str, Term] | None = None,
               timeout: float | None = None, *, union_default_graph: bool = False) -> tuple[list[str], list[Row]]:
        """Run a SELECT with `bindings` (variable name → term) bound before evaluation.

        union_default_graph=True makes the default graph the union of all named graphs
        (the article graphs), so patterns outside GRAPH see every article; GRAPH still works."""

    @abstractmethod
    def ask(self, query: str, bindings: Mapping[str, Term] | None = None,
               timeout: float | None = None, *, union_default_graph: bool = False) -> bool:
        """Run an ASK query (union_default_graph as for select)."""

    @abstractmethod
    def construct(self, query: str, bindings: Mapping[str, Term] | None = None,
               timeout: float | None = None, *, union_default_graph: bool = False) -> list[ox.Triple]:
        """Run a CONSTRUCT (or DESCRIBE) query (union_default_graph as for select)."""

    @abstractmethod
    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the store to `out`: turtle/nt as the union of all graphs, nquads/trig/jsonld keeping them."""

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        """Every quad (of one named graph when given)."""
        where = "GRAPH ?g { ?s ?p ?o }"
        bindings = {"g": ox.NamedNode(graph)} if graph else None
        _, rows = self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}", bindings)
        for s, p, o, g in rows:
            yield ox.Quad(s, p, o, g)

    # --- what the API asks for --------------------------------------------------------

    def stored_hash(self, article_iri: str) -> str | None:
        """kg:contentHash of that article, or None when it is not stored."""
        _, rows = self.select(sparql.STORED_HASH, {"g": ox.NamedNode(article_iri)})
        return rows[0][0].value if rows and rows[0][0] is not None else None

    def articles(self) -> list[dict]:
        """One dict per stored article graph: iri, id, url, title, published, triples."""
        _, rows = self.select(sparql.ARTICLES)
        keys = ("iri", "id", "url", "title", "published", "triples")
        out = []
        for row in rows:
            d = {k: (t.value if t is not None else None) for k, t in zip(keys, row)}
            d["triples"] = int(d["triples"] or 0)
            out.append(d)
        return out

    def find_articles(self, ids_or_urls: Iterable[str]) -> list[str]:
        """Map what a user types (an article id, its URL or its graph IRI) to graph IRIs."""
        found: list[str] = []
        for key in ids_or_urls:
            _, rows = self.select(sparql.FIND_ARTICLE, {"key": ox.Literal(key)})
            for (g,) in rows:
                if g.value not in found:
                    found.append(g.value)
        return found

    def stats(self) -> dict[str, int]:
        """Counts: triples, graphs, articles, people, meetings, parties, elections, …"""
        variables, rows = self.select(sparql.STATS)
        return {v: int(t.value) if t is not None else 0 for v, t in zip(variables, rows[0])}

    def graph_count(self, iri: str) -> int:
        """Number of triples in one named graph."""
        _, rows = self.select(sparql.GRAPH_SIZE, {"g": ox.NamedNode(iri)})
        return int(rows[0][0].value) if rows else 0

    # --- lifetime ---------------------------------------------------------------------

    def close(self) -> None:
        """Release the store (the embedded store's lock)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<{type(self).__name__} {self.location} ({mode})>"


def check_export_format(fmt: str) -> str:
    key = fmt.lower()
    key = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "nq": "nquads",
           "n-quads": "nquads", "json-ld": "jsonld"}.get(key, key)
    if key not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    return key
