"""Compact JSON-LD 1.1 of a dataset: one `@context` of the ontology's prefixes, then
each named graph as `{"@id": graph, "@graph": [nodes]}`, each node with its properties.

    {"@context": {"kg": "https://w3id.org/kg-news/ontology#", …},
     "@graph": [{"@id": "…/article/x", "@graph": [
         {"@id": "…/person/anna-berg", "@type": "kg:Person", "rdfs:label": "Anna Berg"}, …]}]}

Written as the quads stream by, one graph at a time (memory holds one article graph).
A graph or a subject met again later is written again: JSON-LD merges node objects
with the same @id, so the document stays exact whatever order the quads come in.
pyoxigraph's own JSON-LD writer gives expanded JSON-LD with no context.
"""
from __future__ import annotations

import json
from typing import BinaryIO, Iterable, Mapping

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Compactor:
    """IRIs as prefix:local compact IRIs where a prefix of the context covers them."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # longest namespace first, so a nested namespace wins over its parent
        self.prefixes = sorted(prefixes.items(), key=lambda item: len(item[1]), reverse=True)
        self._cache: dict[str, str] = {}

    def iri(self, value: str) -> str:
        found = self._cache.get(value)
        if found is None:
            found = value
            for prefix, namespace in self.prefixes:
                local = value[len(namespace):]
                # a local part starting with "//" would read as an absolute IRI, not a compact one
                if value.startswith(namespace) and local and not local.startswith("//"):
                    found = f"{prefix}:{local}"
                    break
            if len(self._cache) < 100_000:
                self._cache[value] = found
        return found

    def node_id(self, term: ox.NamedNode | ox.BlankNode) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else self.iri(term.value)

    def value(self, term) -> object:
        if isinstance(term, (ox.NamedNode, ox.BlankNode)):
            return {"@id": self.node_id(term)}
        datatype = term.datatype.value
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if datatype == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": self.iri(datatype)}


def node_objects(triples: Iterable[tuple], compact: Compactor) -> list[dict]:
    """Triples (subject, predicate, object) as JSON-LD node objects, one per subject."""
    nodes: dict[str, dict] = {}
    for s, p, o in triples:
        node = nodes.setdefault(compact.node_id(s), {"@id": compact.node_id(s)})
        if p.value == RDF_TYPE and not isinstance(o, ox.Literal):
            node.setdefault("@type", []).append(compact.node_id(o))
        else:
            node.setdefault(compact.iri(p.value), []).append(compact.value(o))
    for node in nodes.values():
        for key, values in node.items():
            if key != "@id" and len(values) == 1:
                node[key] = values[0]      # one value needs no array
    return list(nodes.values())


def write_jsonld(quads: Iterable[ox.Quad], out: BinaryIO, prefixes: Mapping[str, str]) -> None:
    """Write `quads` to `out` as a compact JSON-LD document with a context of `prefixes`."""
    compact = Compactor(prefixes)
    out.write(b'{"@context": ' + json.dumps(dict(prefixes)).encode() + b',\n "@graph": [')
    first = True

    def emit(graph, triples: list[tuple]) -> None:
        nonlocal first
        nodes = node_objects(triples, compact)
        items = nodes if isinstance(graph, ox.DefaultGraph) else [{"@id": compact.node_id(graph), "@graph": nodes}]
        for item in items:
            out.write((b"\n  " if first else b",\n  ") + json.dumps(item, ensure_ascii=False).encode("utf-8"))
            first = False

    current, triples = None, []
    for q in quads:
        if current is None or q.graph_name != current:
            if triples:
                emit(current, triples)
            current, triples = q.graph_name, []
        triples.append((q.subject, q.predicate, q.object))
    if triples:
        emit(current, triples)
    out.write(b"\n]}\n")
