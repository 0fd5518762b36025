"""The Python API: everything the CLI does, as typed functions over an open store.

    from kg import api
    with api.open_store("kg-store") as store:
        report = api.ingest(store, ["articles.jsonl"])
        print(api.query(store, "who-met", person="Putin", fmt="table"))

Reading functions import neither spaCy nor the extractors, so queries start fast.
"""
from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path
from os import PathLike
from typing import BinaryIO, Callable, Sequence, TextIO

from kg.nlp.pipeline import ModelNotInstalled
from kg.ingest import (DEFAULT_EXTRACT_TIMEOUT, IngestError, IngestEvent, IngestReport, ingest_articles,
                       parse_shard)
from kg.queries import QUERIES, QueryError, Result, format_records, format_result, run_query, run_sparql
from kg.queries.people import list_people
from kg.store import DEFAULT_STORE, StoreBusy, StoreError, StoreNotFound, StoreUnavailable
from kg.store import open_store as _open_store
from kg.store.base import InvalidQuery

#: errors after which nothing could be done at all (exit code 2 in the CLI)
UNUSABLE_STORE = (StoreBusy, StoreNotFound, StoreUnavailable)
#: errors in what was asked (a wrong query parameter, SPARQL that does not parse): exit code 2
USAGE_ERRORS = (QueryError, InvalidQuery)

__all__ = [
    "DEFAULT_EXTRACT_TIMEOUT", "DEFAULT_STORE", "QUERIES", "IngestError", "IngestEvent", "InvalidQuery",
    "MainScriptReimported", "ModelNotInstalled", "IngestReport", "QueryError", "Result", "StoreError", "articles",
    "export", "format_records", "format_result", "ingest", "load", "open_store", "parse_shard", "people", "query",
    "query_result", "remove", "sparql", "stats", "validate",
]


class MainScriptReimported(StoreError):
    """A store was opened for writing by a script that a multiprocessing child is importing again."""


def open_store(location=None, *, read_only: bool = False):
    """Open a store: a path → embedded store, an http(s):// URL → SPARQL server; a context manager.

    Refuses, with the fix in the message, a write open made while a multiprocessing "spawn"
    child re-imports the main script: without an `if __name__ == "__main__":` guard every child
    would open the store again (and find it in use)."""
    if not read_only and _in_spawned_reimport():
        raise MainScriptReimported(
            "api.open_store() ran while a child process started by multiprocessing was importing your "
            "script again (the 'spawn' start method does that): put the code that opens the store and "
            "ingests under `if __name__ == \"__main__\":`")
    return _open_store(location, read_only=read_only)


def _in_spawned_reimport() -> bool:
    # (multiprocessing.parent_process() is still None at that point of the child's start)
    if "multiprocessing.spawn" not in sys.modules:  # a spawned child has always imported it
        return False
    frame = sys._getframe(1)
    for _ in range(200):  # bounded: the re-import runs near the bottom of the child's stack
        if frame is None:
            return False
        if frame.f_code.co_name in ("_fixup_main_from_path", "_fixup_main_from_name") \
                and frame.f_code.co_filename.endswith("spawn.py"):
            return True
        frame = frame.f_back
    return False


def ingest(store, inputs: Sequence[str], *, fmt: str | None = None, glob: str | None = None,
           field_map: dict[str, str] | None = None, published: date | None = None,
           workers: int = 1, model: str | None = None, force: bool = False, shard: str | None = None,
           fetch_options=None, stdin: TextIO | None = None, check_language: bool = True,
           truncate: bool = False, extract_timeout: float | None = DEFAULT_EXTRACT_TIMEOUT,
           on_event: Callable[[IngestEvent], None] | None = None) -> IngestReport:
    """Read articles from files, folders, JSON Lines, URLs, feeds or stdin ("-") and store their facts.

    Idempotent: an article whose content is unchanged is skipped (unless `force`);
    a changed one replaces its graph. Extraction runs in worker processes, at most
    `extract_timeout` seconds per article after parsing (None: no limit); an article
    over it is reported as failed and the batch goes on.
    """
    from kg.sources import iter_articles

    items = iter_articles(inputs, fmt=fmt, glob=glob, field_map=field_map, published=published,
                          fetch_options=fetch_options, stdin=stdin, check_language=check_language,
                          oversize="truncate" if truncate else "error")
    return ingest_articles(store, items, workers=workers, model=model, force=force,
                           shard=parse_shard(shard) if shard else None, extract_timeout=extract_timeout,
                           on_event=on_event)


def count_articles(inputs: Sequence[str], glob: str | None = None) -> int | None:
    """How many articles `inputs` hold, counted cheaply (None for URLs, feeds, stdin)."""
    from kg.sources.estimate import estimate_count

    return estimate_count(inputs, glob=glob)


def fetch_options(timeout: float | None = None, retries: int | None = None,
                  rate: float | None = None, max_bytes: int | None = None):
    """FetchOptions for URLs and feeds, defaults where a value is None (see kg.sources.FetchOptions).
    `timeout` is the most one URL may take in all, and so also the longest silence allowed."""
    from kg.sources import FetchOptions

    connect = None if timeout is None else min(timeout, FetchOptions.connect_timeout)
    given = {"total_timeout": timeout, "read_timeout": timeout, "connect_timeout": connect,
             "retries": retries, "min_interval": rate, "max_bytes": max_bytes}
    return FetchOptions(**{k: v for k, v in given.items() if v is not None})


def query(store, name: str, fmt: str = "table", timeout: float | None = None, **params) -> str:
    """Run a named query (`QUERIES` lists them) with bound parameters; return it formatted."""
    return format_result(run_query(store, name, timeout=timeout, **params), fmt)


def query_result(store, name: str, timeout: float | None = None, **params) -> Result:
    """Run a named query; the Result has its rows and, per person parameter, the people
    the name matched (`result.people["person"]`: (IRI, full name) pairs)."""
    return run_query(store, name, timeout=timeout, **params)


def people(store, query: str | None = None, *, timeout: float | None = None) -> list[dict]:
    """Who is in the graph: name, aliases, articles, offices, parties, iri per person, most
    mentioned first; with `query`, only the people that name can mean."""
    return list_people(store, query, timeout=timeout)


def sparql(store, text: str, fmt: str = "table", timeout: float | None = None,
           union_default_graph: bool = True) -> str:
    """Run raw SPARQL (a query string or a path to a .rq file), ontology prefixes predeclared.

    The default graph is the union of the article graphs (`{ ?s ?p ?o }` sees everything;
    `GRAPH ?g` still works); union_default_graph=False leaves it the store's own default graph."""
    path = Path(text)
    if len(text) < 4096 and "\n" not in text and path.suffix in {".rq", ".sparql"} and path.is_file():
        text = path.read_text(encoding="utf-8")
    return format_result(run_sparql(store, text, timeout=timeout, union_default_graph=union_default_graph), fmt)


def export(store, fmt: str, out: str | PathLike | BinaryIO | TextIO) -> None:
    """Write the whole graph to a path or a stream: turtle, nt (the union of the article graphs),
    nquads, trig, jsonld (named graphs kept). A text stream (sys.stdout) gets UTF-8 text."""
    if isinstance(out, (str, PathLike)):
        with open(out, "wb") as f:
            store.export(fmt, f)
    elif isinstance(out, io.TextIOBase):
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            out.flush()
            store.export(fmt, buffer)
            buffer.flush()
        else:  # io.StringIO and the like
            data = io.BytesIO()
            store.export(fmt, data)
            out.write(data.getvalue().decode("utf-8"))
    else:
        store.export(fmt, out)


def stats(store) -> dict:
    return store.stats()


def articles(store) -> list[dict]:
    return store.articles()


def remove(store, names: Sequence[str]) -> tuple[int, list[str]]:
    """Remove articles by id, URL or graph IRI: (how many removed, names not found)."""
    found, missing = [], []
    for name in names:
        iris = store.find_articles([name])
        found.extend(iris)
        if not iris:
            missing.append(name)
    return store.remove_graphs(found), missing


def load(store, paths: Sequence[str], fmt: str | None = None, graph: str | None = None) -> int:
    """Bulk-load existing RDF files; returns the triples added.

    N-Quads and TriG keep the graphs they name. A triple file (Turtle, N-Triples, RDF/XML…)
    goes into a named graph, where queries and `stats` see it: `graph` (an IRI) when given,
    else one named after the file (its file: URI)."""
    from kg.store.embedded import rdf_format
    import pyoxigraph as ox

    total = 0
    for path in paths:
        quads = rdf_format(fmt, path) in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
        if quads and graph:
            raise StoreError(f"{path} names its own graphs (N-Quads/TriG); --graph is for Turtle and N-Triples files")
        target = None if quads else (graph or Path(path).resolve().as_uri())
        total += store.load([path], fmt=fmt, graph=target)
    return total


def validate(store) -> tuple[bool, str]:
    """Check the whole store against the SHACL shapes in ontology/shapes.ttl."""
    from rdflib import Dataset

    from kg.rdf.validate import validate_graph

    buf = io.BytesIO()
    store.export("nquads", buf)
    data = Dataset()
    data.parse(data=buf.getvalue(), format="nquads")
    return validate_graph(data)


def evaluate(corpus: str, gold: str, *, model: str | None = None, workers: int = 1,
             on_event: Callable[[IngestEvent], None] | None = None):
    """Ingest CORPUS into a temporary embedded store, ask the four named queries and score
    them against GOLD (JSON Lines, the format of README "Evaluating extraction")."""
    import json
    import tempfile

    from kg.evaluate import FACT_TYPES, score

    with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as tmp, open_store(str(Path(tmp) / "store")) as store:
        report = ingest(store, [corpus], model=model, workers=workers, on_event=on_event)
        rows = {name: [{k: v["value"] for k, v in b.items()}
                       for b in json.loads(query(store, name, fmt="json"))["results"]["bindings"]]
                for name in FACT_TYPES}
    return report, score(rows, Path(gold))
