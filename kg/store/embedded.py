"""The embedded store: pyoxigraph (RocksDB) in a directory on disk.

Locking, as measured with pyoxigraph 0.5: RocksDB allows one read-write opener per
directory (a second one fails on the LOCK file, which we turn into StoreBusy).
`Store.read_only` does not take the lock, so read-only commands work while an ingest
is writing and see the data committed when they opened; pyoxigraph documents that
combination as "undefined behaviour", so for heavy concurrent use run a SPARQL server.
"""
from __future__ import annotations

import os
import queue
import threading
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Mapping

import pyoxigraph as ox

from kg.store.base import (InvalidQuery, QueryTimeout, Row, Store, StoreBusy, StoreError, StoreNotFound, Triple,
                           check_export_format)
from kg.store.bulkload import load_file
from kg.store.export import export_union
from kg.store.jsonld import write_jsonld
from kg.store.sparql import PREFIXES, inject_values, replace_graphs_update

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES, "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS, "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "json-ld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML, "rdf": ox.RdfFormat.RDF_XML, "xml": ox.RdfFormat.RDF_XML,
    "owl": ox.RdfFormat.RDF_XML, "n3": ox.RdfFormat.N3,
}


def rdf_format(fmt: str | None, path: str | os.PathLike | None = None) -> ox.RdfFormat:
    """An RdfFormat from a name ("turtle", "nq") or, when fmt is None, from the file extension."""
    key = fmt
    if key is None and path is not None:
        name = str(path).lower()
        name = name[:-3] if name.endswith(".gz") else name
        key = name.rsplit(".", 1)[-1]
    found = RDF_FORMATS.get((key or "").lower())
    if found is None:
        raise StoreError(f"unknown RDF format {key!r} for {path or 'input'}; "
                         f"use one of: turtle, nt, nquads, trig, jsonld, rdfxml")
    return found


class EmbeddedStore(Store):
    """pyoxigraph on disk. One writer per directory; read-only opens do not block."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False) -> None:
        self.location = str(Path(path).expanduser())
        self.read_only = read_only
        self._db: ox.Store | None = None
        if read_only:
            if not (Path(self.location) / "CURRENT").exists():
                raise StoreNotFound(f"no kg store at {self.location}; create one with `kg ingest` "
                                    f"or point --store / $KG_STORE at an existing store")
            try:
                self._db = ox.Store.read_only(self.location)
            except OSError as e:
                raise StoreError(f"cannot open the store at {self.location} read-only: {e}") from e
            return
        try:
            Path(self.location).mkdir(parents=True, exist_ok=True)
            self._db = ox.Store(self.location)
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreBusy(f"the store at {self.location} is in use by another kg process; "
                                f"wait for it or use a SPARQL server (--store http://host:port)") from e
            raise StoreError(f"cannot open the store at {self.location}: {e}; "
                             f"check the path is a kg store directory you can write to") from e

    @property
    def db(self) -> ox.Store:
        if self._db is None:
            raise StoreError(f"the store at {self.location} is closed; open it again with open_store()")
        return self._db

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"the store at {self.location} was opened read-only; open it with read_only=False to write")
        return self.db

    # --- writing ----------------------------------------------------------------------

    def replace_graphs(self, graphs: Iterable[tuple[str, Iterable[Triple]]]) -> None:
        # One SPARQL update = one RocksDB transaction: DROP + INSERT of every article in
        # the batch commit together or not at all (see tests/test_store_crash.py).
        db = self._writable()
        update = replace_graphs_update(graphs)
        if update:
            self._run_update(db, update)

    def remove_graphs(self, iris: Iterable[str]) -> int:
        db = self._writable()
        existing = [ox.NamedNode(i) for i in iris if db.contains_named_graph(ox.NamedNode(i))]
        if existing:
            self._run_update(db, " ;\n".join(f"DROP SILENT GRAPH {g}" for g in existing))
        return len(existing)

    def update(self, sparql_update: str) -> None:
        self._run_update(self._writable(), sparql_update)

    def _run_update(self, db: ox.Store, text: str) -> None:
        try:
            db.update(text, prefixes=PREFIXES)
        except SyntaxError as e:
            raise StoreError(f"invalid SPARQL update: {e}") from e
        except OSError as e:
            raise StoreError(f"writing to the store at {self.location} failed: {e}") from e

    def load(self, paths: Iterable[str | os.PathLike], fmt: str | None = None, graph: str | None = None,
             *, lenient: bool = False, compact: bool = True) -> int:
        """Bulk-load files (not one transaction: a failed load can leave part of a file).

        lenient=True skips IRI validation, for files kg wrote itself. N-Quads and
        N-Triples files without blank nodes load in blocks on two threads (bulkload.py),
        after which the store is compacted so queries stay fast; compact=False skips
        that (e.g. for all but the last of several loads)."""
        db = self._writable()
        before = len(db)
        blocks = 0
        for path in paths:
            if not Path(path).exists():
                raise StoreError(f"no such file: {path}")
            rf = rdf_format(fmt, path)
            try:
                blocks += load_file(db, path, rf, to_graph=ox.NamedNode(graph) if graph else None, lenient=lenient)
            except SyntaxError as e:
                raise StoreError(f"{path} is not valid {rf}: {e}") from e
        db.flush()
        if compact and blocks > 1:
            db.optimize()
        return len(db) - before

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Add pyoxigraph quads with the bulk loader (no transaction; for benchmarks and imports)."""
        self._writable().bulk_extend(quads)

    # --- reading ----------------------------------------------------------------------

    def _query(self, query: str, bindings: Mapping[str, Any] | None, timeout: float | None,
               consume: Any = None, union_default_graph: bool = False) -> Any:
        """Run a query; `consume` turns the lazy result into data (inside the timeout).

        Values are bound by a VALUES block (sparql.inject_values), not pyoxigraph's
        `substitutions`, which only accepts variables of the SELECT projection and so
        cannot bind ASK/CONSTRUCT queries or filter parameters."""
        text = inject_values(query, bindings) if bindings else query

        def attempt() -> Any:
            result = self.db.query(text, prefixes=PREFIXES, use_default_graph_as_union=union_default_graph)
            return consume(result) if consume else result

        def run() -> Any:
            try:
                return attempt()
            except (OSError, RuntimeError) as e:
                if not (self.read_only and "No such file" in str(e)):
                    raise
                # a writer beside this read-only open compacted away a file it had listed
                # (seen in tests/test_store_crash.py): open the current file list, once
                self._db = ox.Store.read_only(self.location)
                return attempt()

        try:
            return run() if timeout is None else _with_timeout(run, timeout, self.location)
        except (SyntaxError, ValueError) as e:
            raise InvalidQuery(f"invalid SPARQL: {e}") from e
        except (OSError, RuntimeError) as e:
            raise StoreError(f"querying the store at {self.location} failed: {e}") from e

    def select(self, query: str, bindings: Mapping[str, Any] | None = None,
               timeout: float | None = None, *, union_default_graph: bool = False) -> tuple[list[str], list[Row]]:
        return self._query(query, bindings, timeout, _solutions, union_default_graph)

    def ask(self, query: str, bindings: Mapping[str, Any] | None = None, timeout: float | None = None,
            *, union_default_graph: bool = False) -> bool:
        result = self._query(query, bindings, timeout, union_default_graph=union_default_graph)
        if not isinstance(result, ox.QueryBoolean):
            raise StoreError("ask() needs an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Any] | None = None,
                  timeout: float | None = None, *, union_default_graph: bool = False) -> list[ox.Triple]:
        result = self._query(query, bindings, timeout, lambda r: r if isinstance(r, ox.QueryBoolean) else list(r),
                             union_default_graph)
        if not isinstance(result, list) or (result and not isinstance(result[0], ox.Triple)):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        return result

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        return self.db.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None)

    def export(self, fmt: str, out: BinaryIO) -> None:
        key = check_export_format(fmt)
        db = self.db
        if key == "jsonld":
            write_jsonld(db.quads_for_pattern(None, None, None, None), out, PREFIXES)
        elif key in ("nquads", "trig"):
            db.dump(out, RDF_FORMATS[key], prefixes=PREFIXES if key != "nquads" else None)
        else:
            export_union(db, RDF_FORMATS[key], out, prefixes=PREFIXES if key == "turtle" else None)

    def compact(self) -> None:
        """Merge RocksDB's files (pyoxigraph's optimize): after a bulk load in blocks
        point lookups touch one file per index again (who-met ~1.5-2x faster)."""
        self._writable().optimize()

    def close(self) -> None:
        if self._db is not None:
            if not self.read_only:
                self._db.flush()
            self._db = None  # dropping the last reference releases RocksDB's LOCK


def _solutions(result: Any) -> tuple[list[str], list[Row]]:
    if not isinstance(result, ox.QuerySolutions):
        raise StoreError("select() needs a SELECT query; use ask() or construct() for the others")
    variables = [v.value for v in result.variables]
    return variables, [tuple(sol) for sol in result]   # a solution iterates its values, None when unbound


def _with_timeout(run: Any, timeout: float, location: str) -> Any:
    """Run a query in a worker thread and give up waiting after `timeout` seconds.

    pyoxigraph has no query timeout; the abandoned thread finishes in the background
    (it is a daemon, so it never keeps the process alive)."""
    box: queue.Queue = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            box.put((True, run()))
        except BaseException as e:  # handed back to the caller
            box.put((False, e))

    threading.Thread(target=work, daemon=True, name="kg-query").start()
    try:
        ok, value = box.get(timeout=timeout)
    except queue.Empty:
        raise QueryTimeout(f"query on {location} ran longer than {timeout} s; narrow it or raise --timeout") from None
    if not ok:
        raise value
    return value
