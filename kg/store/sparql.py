"""Prefixes, VALUES injection, and the store's own bookkeeping queries.

Only bound values are ever placed in query text, and only as terms serialized by
pyoxigraph (`terms.nt`), never as raw user text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from typing import Any, Mapping

from kg.store.terms import nt

PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kg-news/ontology#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}

_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=256)  # named queries come back with every call; the regex costs ~25 µs
def with_prefixes(text: str) -> str:
    """Prepend PREFIX lines for the ontology prefixes the text does not declare itself."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    return "\n".join(lines + [text]) if lines else text


_WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def replace_graphs_update(graphs) -> str:
    """One SPARQL update that replaces each (graph IRI, triples) of a batch: DROP then INSERT
    DATA per graph. Terms are serialized by kg.store.terms (escaped, never pasted text);
    sent as one request it is one transaction, so a crash never leaves half an article."""
    from kg.store.terms import to_ox

    parts: list[str] = []
    for iri, triples in graphs:
        g = str(to_ox(iri))
        body = " .\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in triples)
        parts.append(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body} .\n}} }}"
                     if body else f"DROP SILENT GRAPH {g}")
    return " ;\n".join(parts)


def inject_values(query: str, bindings: Mapping[str, Any]) -> str:
    """Bind variables by a VALUES block at the start of the outermost WHERE group.

    At the start (not the end) so FILTERs of that group see the values. SPARQL
    evaluates bottom-up: a FILTER nested in an inner { } does not see them, so named
    queries keep their parameter FILTERs at the top level. Every value
    is serialized by pyoxigraph's term writer, which escapes quotes, braces and newlines.
    """
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"bad variable name {name!r}")
    # a list binds several values: one VALUES row each (no rows at all for an empty list)
    columns = [v if isinstance(v, (list, tuple)) else [v] for v in bindings.values()]
    rows = " ".join("(" + " ".join(nt(t) for t in row) + ")" for row in product(*columns))
    block = "VALUES (" + " ".join("?" + n for n in names) + ") { " + rows + " }\n"
    at = _values_position(query)
    return query[:at] + "\n" + block + query[at:]


@lru_cache(maxsize=256)  # blanking a named query's strings and comments costs ~50 µs a call
def _values_position(query: str) -> int:
    """Where the VALUES block goes: just inside the outermost WHERE group."""
    blanked = _blank_comments_and_strings(query)
    # WHERE is optional before the group of SELECT and ASK: then take the first "{"
    m = _WHERE_OPEN.search(blanked) or re.search(r"\{", blanked)
    if not m:
        raise ValueError("cannot bind variables: the query has no WHERE { … } group")
    return m.end()


def _blank_comments_and_strings(query: str) -> str:
    """Same length as `query`, with IRIs, strings and comments blanked so regexes skip them."""
    pattern = re.compile(r'<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"'
                         r"|'(?:\\.|[^'\\\n])*'|#[^\n]*")
    return pattern.sub(lambda m: " " * len(m.group(0)), query)


STORED_HASH = with_prefixes("""
SELECT ?hash WHERE { GRAPH ?g { ?g kg:contentHash ?hash } } LIMIT 1
""")

GRAPH_SIZE = with_prefixes("""
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }
""")

ARTICLES = with_prefixes("""
SELECT ?g ?id ?url ?title ?published ?n WHERE {
  { SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }
  OPTIONAL { GRAPH ?g { ?g schema:identifier ?id } }
  OPTIONAL { GRAPH ?g { ?g schema:url ?url } }
  OPTIONAL { GRAPH ?g { ?g schema:headline ?title } }
  OPTIONAL { GRAPH ?g { ?g schema:datePublished ?published } }
} ORDER BY ?id ?g
""")

FIND_ARTICLE = with_prefixes("""
SELECT DISTINCT ?g WHERE {
  GRAPH ?g {
    ?g a schema:NewsArticle .
    OPTIONAL { ?g schema:identifier ?id }
    OPTIONAL { ?g schema:url ?url }
  }
  FILTER(STR(?id) = STR(?key) || STR(?url) = STR(?key) || STR(?g) = STR(?key))
}
""")


def _count(var: str, pattern: str) -> str:
    return f"  {{ SELECT (COUNT(DISTINCT ?x) AS ?{var}) WHERE {{ GRAPH ?g {{ {pattern} }} }} }}\n"


STATS = with_prefixes(
    "SELECT * WHERE {\n"
    "  { SELECT (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } }\n"
    "  { SELECT (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } } }\n"
    + _count("articles", "?x a schema:NewsArticle")
    + _count("people", "?x a kg:Person")
    + _count("meetings", "?x a kg:Meeting")
    + _count("parties", "?x a kg:PoliticalParty")
    + _count("elections", "?x a kg:Election")
    + _count("posts", "?x a kg:Post")
    + _count("tenures", "?x a kg:Tenure")
    + _count("memberships", "?x a kg:PartyMembership")
    + _count("places", "?x a kg:Place")
    + _count("countries", "?x a kg:Country")
    + _count("evidence", "?x a kg:Evidence")
    + "}\n")
