"""Named SPARQL queries (the .rq files here), raw SPARQL, and result formatting.

    from kg.store import open_store
    from kg.queries import QUERIES, run_query, run_sparql, format_result
    with open_store(read_only=True) as store:
        result = run_query(store, "who-met", person="Putin", since="2019-01-01")
        print(format_result(result, "table"))

Never imports spaCy or rdflib: reading commands start fast.
"""
from __future__ import annotations

import os
import re
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Mapping

from kg.queries.formats import FORMATS, format_records, format_rows, to_sparql_json
import pyoxigraph as ox

from kg.queries.names import NameIndex, name_words, party_names, person_core
from kg.queries.registry import NamedQuery, Param, QueryError, helper_query, load_queries
from kg.store.base import Row, Store, StoreError
from kg.store.sparql import PREFIXES, _blank_comments_and_strings, with_prefixes

__all__ = ["FORMATS", "PREFIXES", "QUERIES", "format_records", "NamedQuery", "Param", "QueryError", "Result",
           "format_result", "match_people", "resolve_people", "run_query", "run_sparql"]

#: name → NamedQuery (description, example, params, text), read from kg/queries/*.rq
QUERIES: Mapping[str, NamedQuery] = load_queries()
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class Result:
    """What a query answered: variable names and rows of pyoxigraph terms (None = unbound)."""

    variables: list[str]
    rows: list[Row]
    query: str = ""                 # the named query, or "sparql"
    elapsed: float = 0.0            # seconds
    boolean: bool | None = None     # the answer of an ASK
    params: dict[str, Any] = field(default_factory=dict)
    people: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # person parameter → (IRI, name) matched

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

    Parameters left None/False/"" stay unbound. A person parameter is bound to the IRIs of
    the people the name can mean (`Result.people` lists them), a party parameter to every
    name the party lexicon gives it. Raises QueryError for an unknown query or bad
    parameters, QueryTimeout when it runs longer than `timeout` seconds."""
    query = QUERIES.get(name)
    if query is None:
        raise QueryError(f"no query named {name!r}; choose one of: {', '.join(QUERIES)}")
    bindings: dict[str, Any] = query.bindings(params)
    started = time.perf_counter()
    people: dict[str, list[tuple[str, str]]] = {}
    for p in query.params:
        if p.variable not in bindings:
            continue
        if p.kind == "person":
            found = match_people(store, bindings[p.variable].value, timeout=timeout)
            people[p.name] = found
            bindings[p.variable] = [ox.NamedNode(iri) for iri, _ in found]
        elif p.kind == "party":
            bindings[p.variable] = [ox.Literal(n) for n in party_names(bindings[p.variable].value)]
    variables, rows = store.select(with_prefixes(query.text), bindings, timeout=timeout)
    return Result(variables, rows, name, time.perf_counter() - started,
                  params={k: v for k, v in params.items() if v not in (None, False, "")}, people=people)


def name_spellings(name: str) -> list[str]:
    """The spellings of a typed name worth an exact (indexed) lookup: as typed, Title Case, lower, UPPER."""
    typed = " ".join(name.split())
    capitalized = " ".join(w[:1].upper() + w[1:] for w in typed.split())
    return list(dict.fromkeys([typed, capitalized, typed.title(), typed.lower(), typed.upper()]))


def match_people(store: Store, name: str, *, timeout: float | None = None) -> list[tuple[str, str]]:
    """(IRI, full name) of each person `name` can mean, ordered by full name.

    Honorifics and titles are ignored ("Mr. Trump", "President Trump" → "Trump"), and so are
    case and accents ("lula" → "Luiz Inácio Lula da Silva"). A name of several words that is
    someone's full name or alias gives that person alone ("Kim Jong Un"); otherwise the name
    gives every person one of whose names holds it as whole words ("Kim" → Kim Jong Un,
    Kim Yo Jong, …). Exact spellings are looked up through the store's index; whole words
    through a word index of people's names kept per store (see _name_index)."""
    core = person_core(name)
    several_words = len(name_words(core)) > 1
    found: dict[str, str] = {}
    index = complete = None
    if not several_words:
        index, complete = _name_index(store, timeout)
    if not complete:
        found = _people_spelled(store, name, core, timeout)
        if found and several_words:             # a full name or alias, spelled exactly: that person
            return _by_name(found)
        if index is None:
            index, _ = _name_index(store, timeout)
    matched = (index.exact(name) | index.exact(core)) if several_words else set()
    for iri in matched or index.containing(core):
        found.setdefault(iri, index.full_name.get(iri, iri))
    return _by_name(found)


def _by_name(found: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(found.items(), key=lambda item: (item[1], item[0]))


def _people_spelled(store: Store, name: str, core: str, timeout: float | None) -> dict[str, str]:
    """IRI → full name of the people a few spellings of `name` or `core` label exactly (indexed: fast)."""
    spellings = [ox.Literal(s) for s in dict.fromkeys(name_spellings(name) + name_spellings(core))]
    _, rows = store.select(with_prefixes(helper_query("person-by-label")), {"name": spellings}, timeout=timeout)
    return {person.value: label.value if label is not None else person.value
            for person, label in rows if isinstance(person, ox.NamedNode)}


#: store → (version, NameIndex); see _store_version
_NAME_INDEXES: "weakref.WeakKeyDictionary[Store, tuple[object, NameIndex]]" = weakref.WeakKeyDictionary()
REMOTE_INDEX_SECONDS = 10.0     # how long a server's word index of names is trusted


def _store_version(store: Store) -> tuple[object, bool]:
    """(something that changes when the store's data may have, whether it sees every write).

    A read-only embedded store sees the data of the moment it opened: it never changes. A
    writable one is written only through this process; every write appends to RocksDB's log
    or adds a table file, so the names, sizes and times of its files change. Others write to
    a server unseen: its index is rebuilt at most every REMOTE_INDEX_SECONDS, and match_people
    also looks the exact spellings up afresh."""
    from kg.store.embedded import EmbeddedStore  # loaded already when the store is one

    if isinstance(store, EmbeddedStore):
        if store.read_only:
            return "snapshot", True
        return _files_state(store.location), True
    return int(time.monotonic() / REMOTE_INDEX_SECONDS), False


def _files_state(directory: str) -> frozenset[tuple[str, int, int]]:
    """(name, size, mtime) of the files of a RocksDB directory, but its info LOG (written on a timer)."""
    state = set()
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith("LOG"):
                continue
            try:
                info = entry.stat()
            except FileNotFoundError:    # removed by a compaction meanwhile: the state changes anyway
                continue
            state.add((entry.name, info.st_size, info.st_mtime_ns))
    return frozenset(state)


def _name_index(store: Store, timeout: float | None) -> tuple[NameIndex, bool]:
    """The word index of every person's names, and whether it is sure to be current (see
    _store_version). Built on first use (0.17-0.33 s of CPU on a million triples: one scan of the
    labels), kept while the store's version stays the same."""
    version, complete = _store_version(store)
    cached = _NAME_INDEXES.get(store)
    if cached is not None and cached[0] == version:
        return cached[1], complete
    _, rows = store.select(with_prefixes(helper_query("person-by-label-all")), timeout=timeout)
    people = {subject.value for subject, _, name in rows if name is None and subject is not None}
    index = NameIndex.build(
        (subject.value, name.value if prop.value == RDFS_LABEL else None, name.value)
        for subject, prop, name in rows
        if name is not None and subject is not None and subject.value in people)
    _NAME_INDEXES[store] = (version, index)
    return index, complete


def resolve_people(store: Store, name: str, *, timeout: float | None = None) -> list[ox.NamedNode]:
    """IRIs of the people `name` can mean (see match_people)."""
    return [ox.NamedNode(iri) for iri, _ in match_people(store, name, timeout=timeout)]


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                   re.IGNORECASE)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for the SPARQL text."""
    m = _FORM.search(_blank_comments_and_strings(text))
    if not m:
        raise QueryError("this is not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    form = m.group(1).upper()
    return form if form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else "UPDATE"


def run_sparql(store: Store, text: str, *, timeout: float | None = None, allow_update: bool = False,
               union_default_graph: bool = True) -> Result:
    """Run raw SPARQL with the ontology's prefixes (kg, schema, org, sem, prov, skos, rdfs, rdf,
    xsd, owl) predeclared. The default graph is the union of the article graphs (patterns
    outside GRAPH see every article; GRAPH ?g still names them) unless union_default_graph=False.
    CONSTRUCT/DESCRIBE come back as ?subject ?predicate ?object rows; updates only with
    allow_update=True. Raises QueryError for an update, InvalidQuery for a text that does not parse."""
    full = with_prefixes(text)
    form = query_form(text)
    union = {"union_default_graph": union_default_graph}
    started = time.perf_counter()
    if form == "SELECT":
        variables, rows = store.select(full, timeout=timeout, **union)
        return Result(variables, rows, "sparql", time.perf_counter() - started)
    if form == "ASK":
        answer = store.ask(full, timeout=timeout, **union)
        return Result(["ask"], [], "sparql", time.perf_counter() - started, boolean=answer)
    if form in ("CONSTRUCT", "DESCRIBE"):
        triples = store.construct(full, timeout=timeout, **union)
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
