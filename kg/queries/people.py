"""Who is in the graph: `kg people [QUERY]`.

    list_people(store)           → every person, most-mentioned first
    list_people(store, "Kim")    → the people the name can mean (as who-met matches it)
"""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.queries.registry import helper_query
from kg.store.base import Store
from kg.store.sparql import with_prefixes


def _split(term: Any) -> list[str]:
    return sorted({part for part in (term.value if term is not None else "").split("|") if part})


def list_people(store: Store, query: str | None = None, *, timeout: float | None = None) -> list[dict]:
    """One dict per person: name, aliases, articles (how many name them), offices, parties
    (lists of str; "(former)" marks a past office or party) and iri. With `query`, only the
    people that name can mean (honorifics and titles ignored, see kg.queries.match_people)."""
    from kg.queries import match_people  # the package imports this module

    bindings = None
    if query is not None and query.strip():
        bindings = {"person": [ox.NamedNode(iri) for iri, _ in match_people(store, query, timeout=timeout)]}
    _, rows = store.select(with_prefixes(helper_query("people")), bindings, timeout=timeout)
    out = []
    for person, name, aliases, articles, offices, parties in rows:
        out.append({"name": name.value if name is not None else person.value,
                    "aliases": [a for a in _split(aliases) if name is None or a != name.value],
                    "articles": int(articles.value) if articles is not None else 0,
                    "offices": _split(offices), "parties": _split(parties), "iri": person.value})
    return out
