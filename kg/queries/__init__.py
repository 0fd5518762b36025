"""Named SPARQL queries (the .rq files here), raw SPARQL, and result formatting.

    from kg.store import open_store
    from kg.queries import QUERIES, run_query, run_sparql, format_result
    with open_store(read_only=True) as store:
        result = run_query(store, "who-met", person="Putin", since="2019-01-01")
        print(format_result(result, "table"))

Never imports spaCy or rdflib: reading commands start fast.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Mapping

from kg.queries.formats import FORMATS, format_records, format_rows, to_sparql_json
import pyoxigraph as ox

from kg.queries.registry import NamedQuery, Param, QueryError, helper_query, load_queries
from kg.store.base import Row, Store, StoreError
from kg.store.sparql import PREFIXES, _blank_comments_and_strings, with_prefixes

__all__ = ["FORMATS", "PREFIXES", "QUERIES", "format_records", "NamedQuery", "Param", "QueryError", "Result",
           "format_result", "resolve_people", "run_query", "run_sparql"]

#: name → NamedQuery (description, example, params, text), read from kg/queries/*.rq
QUERIES: Mapping[str, NamedQuery] = load_queries()


@dataclass
class Result:
    """What a query answered: variable names and rows of pyoxigraph terms (None = unbound)."""

    variables: list[str]
    rows: list[Row]
    query: str = ""                 # the named query, or "sparql"
    elapsed: float = 0.0            # seconds
    boolean: bool | None = None     # the answer of an ASK
    params: dict[str, Any] = field(default_factory=dict)

    def values(self) -> list[dict[str, str]]:
        """Rows as {variable: plain value} dicts, unbound variables left out."""
        return [{v: t.value for v, t in zip(self.variables, row) if t is not None} for row in self.rows]

    def to_json(self) -> dict:
        """SPARQL 1.1 Query Results JSON as a dict."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        return to_sparql_json(self.variables, self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def run_query(store: Store, name: str, *, timeout: float | None = None, **params: Any) -> Result:
    """Run the named query `name` with its parameters, e.g. run_query(s, "who-met", person="Putin").

    Parameters left None/False/"" stay unbound. Raises QueryError for an unknown query or bad
    parameters, QueryTimeout when it runs longer than `timeout` seconds."""
    query = QUERIES.get(name)
    if query is None:
        raise QueryError(f"no query named {name!r}; choose one of: {', '.join(QUERIES)}")
    bindings: dict[str, Any] = query.bindings(params)
    started = time.perf_counter()
    for p in query.params:
        if p.kind == "person" and p.variable in bindings:
            bindings[p.variable] = resolve_people(store, bindings[p.variable].value, timeout=timeout)
    variables, rows = store.select(with_prefixes(query.text), bindings, timeout=timeout)
    return Result(variables, rows, name, time.perf_counter() - started,
                  params={k: v for k, v in params.items() if v not in (None, False, "")})


def name_spellings(name: str) -> list[str]:
    """The spellings of a typed name worth an exact (indexed) lookup: as typed, Title Case, lower, UPPER."""
    typed = " ".join(name.split())
    capitalized = " ".join(w[:1].upper() + w[1:] for w in typed.split())
    return list(dict.fromkeys([typed, capitalized, typed.title(), typed.lower(), typed.upper()]))


def resolve_people(store: Store, name: str, *, timeout: float | None = None) -> list[ox.NamedNode]:
    """IRIs of the people `name` labels (rdfs:label or skos:altLabel: full name or surname), any case.

    An exact lookup of a few spellings uses the store's index; only when none matches
    ("mcconnell" for "McConnell") does a scan of every label run."""
    spellings = [ox.Literal(s) for s in name_spellings(name)]
    _, rows = store.select(with_prefixes(helper_query("person-by-label")), {"name": spellings}, timeout=timeout)
    if not rows:
        _, rows = store.select(with_prefixes(helper_query("person-by-label-scan")),
                               {"person_name": ox.Literal(name)}, timeout=timeout)
    return [r[0] for r in rows if isinstance(r[0], ox.NamedNode)]


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                   re.IGNORECASE)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for the SPARQL text."""
    m = _FORM.search(_blank_comments_and_strings(text))
    if not m:
        raise QueryError("this is not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    form = m.group(1).upper()
    return form if form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else "UPDATE"


def run_sparql(store: Store, text: str, *, timeout: float | None = None, allow_update: bool = False) -> Result:
    """Run raw SPARQL with the ontology's prefixes (kg, schema, org, sem, prov, skos, rdfs, rdf,
    xsd, owl) predeclared. CONSTRUCT/DESCRIBE come back as ?subject ?predicate ?object rows;
    updates only with allow_update=True."""
    full = with_prefixes(text)
    form = query_form(text)
    started = time.perf_counter()
    if form == "SELECT":
        variables, rows = store.select(full, timeout=timeout)
        return Result(variables, rows, "sparql", time.perf_counter() - started)
    if form == "ASK":
        answer = store.ask(full, timeout=timeout)
        return Result(["ask"], [], "sparql", time.perf_counter() - started, boolean=answer)
    if form in ("CONSTRUCT", "DESCRIBE"):
        triples = store.construct(full, timeout=timeout)
        rows = [(t.subject, t.predicate, t.object) for t in triples]
        return Result(["subject", "predicate", "object"], rows, "sparql", time.perf_counter() - started)
    if not allow_update:
        raise QueryError("this is a SPARQL update; `kg sparql` only reads (use the API's store.update() to write)")
    store.update(full)
    return Result([], [], "sparql", time.perf_counter() - started)


def format_result(result: Result, fmt: str = "table") -> str:
    """The result as text: table (aligned), csv, tsv, json (SPARQL 1.1 Results JSON) or jsonl."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if result.boolean is not None:
        if fmt == "json":
            import json
            return json.dumps(result.to_json()) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    return format_rows(result.variables, result.rows, fmt)
