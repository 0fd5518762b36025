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
from typing import BinaryIO, Callable, Sequence, TextIO

from kg.nlp.pipeline import ModelNotInstalled
from kg.ingest import (DEFAULT_EXTRACT_TIMEOUT, IngestError, IngestEvent, IngestReport, ingest_articles,
                       parse_shard)
from kg.queries import QUERIES, format_records, format_result, run_query, run_sparql
from kg.store import DEFAULT_STORE, StoreBusy, StoreError, StoreNotFound, StoreUnavailable
from kg.store import open_store as _open_store

#: errors after which nothing could be done at all (exit code 2 in the CLI)
UNUSABLE_STORE = (StoreBusy, StoreNotFound, StoreUnavailable)

__all__ = [
    "DEFAULT_EXTRACT_TIMEOUT", "DEFAULT_STORE", "QUERIES", "IngestError", "MainScriptReimported", "IngestEvent", "ModelNotInstalled", "IngestReport", "StoreError", "articles", "export", "format_records",
    "ingest", "load", "open_store", "parse_shard", "query", "remove", "sparql", "stats", "validate",
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
    """FetchOptions for URLs and feeds, defaults where a value is None (see kg.sources.FetchOptions)."""
    from kg.sources import FetchOptions

    given = {"read_timeout": timeout, "retries": retries, "min_interval": rate, "max_bytes": max_bytes}
    return FetchOptions(**{k: v for k, v in given.items() if v is not None})


def query(store, name: str, fmt: str = "table", timeout: float | None = None, **params) -> str:
    """Run a named query (`QUERIES` lists them) with bound parameters; return it formatted."""
    return format_result(run_query(store, name, timeout=timeout, **params), fmt)


def sparql(store, text: str, fmt: str = "table", timeout: float | None = None) -> str:
    """Run raw SPARQL (a query string or a path to a .rq file), ontology prefixes predeclared."""
    path = Path(text)
    if len(text) < 4096 and "\n" not in text and path.suffix in {".rq", ".sparql"} and path.is_file():
        text = path.read_text(encoding="utf-8")
    return format_result(run_sparql(store, text, timeout=timeout), fmt)


def export(store, fmt: str, out: BinaryIO) -> None:
    """Write the whole graph: turtle, nt (one graph), nquads, trig (named graphs kept), jsonld."""
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


def load(store, paths: Sequence[str], fmt: str | None = None) -> int:
    """Bulk-load existing RDF files (Turtle, N-Triples, N-Quads, TriG); returns triples loaded."""
    return store.load(list(paths), fmt=fmt)


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
