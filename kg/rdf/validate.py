"""Check graphs against ontology/shapes.ttl with pyshacl.

Shapes are checked on the union of all named graphs: a person typed in one article
graph and used in another is one node, as queries see it.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from rdflib import RDF, Dataset, Graph, Namespace, URIRef
from rdflib.graph import ConjunctiveGraph

from kg.rdf.ontology_files import ontology_path, shapes_path

SH = Namespace("http://www.w3.org/ns/shacl#")

MAX_REPORTED = 50  # enough to see what is wrong; the counts line covers the rest


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def union_graph(data: Graph | Dataset) -> Graph:
    """All triples of every graph of a Dataset (or the Graph itself), as one Graph."""
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        union = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return data


def validate_graph(data: Graph | Dataset, with_ontology: bool = False) -> tuple[bool, str]:
    """(conforms, report): violations of shapes.ttl in the union of `data`'s graphs.

    The shapes need no reasoning: they name the classes kg writes (sh:class kg:Person)
    and list the concepts (sh:in), so by default the ontology is not loaded, which
    keeps a whole-store check about 25% faster. `with_ontology=True` adds kg.ttl to
    the data first, for graphs that type nodes with subclasses of kg's classes.
    Nothing is inferred either way: only what was written is checked.
    """
    from pyshacl import validate  # slow to import; only `kg validate` needs it

    graph = union_graph(data)
    conforms, results, _text = validate(
        graph, shacl_graph=_shapes(), ont_graph=_ontology() if with_ontology else None,
        inference="none", allow_warnings=True, abort_on_first=False,
        inplace=graph is not data)  # our own union copy may be used as is
    return conforms, _report(conforms, results, graph)


def _report(conforms: bool, results: Graph, data: Graph) -> str:
    """One line per result: severity, focus node, path, message, value(s); then counts per message."""
    lines: list[str] = []
    counts: Counter[str] = Counter()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = str(results.value(result, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = str(results.value(result, SH.resultMessage) or "constraint not met")
        counts[f"{severity}: {message}"] += 1
        line = f"{severity}: {focus}"
        if path is not None:
            line += f" {_short(path)}"
        line += f": {message}"
        if value is not None:
            line += f" (value: {value.n3()})"
        elif isinstance(path, URIRef):  # e.g. too many values: show them
            values = sorted(o.n3() for o in data.objects(focus, path))
            if values:
                line += f" (values: {', '.join(values[:5])}{', ...' if len(values) > 5 else ''})"
        lines.append(line)
    lines.sort()
    triples = len(data)
    head = (f"Conforms: {triples} triples satisfy the shapes." if conforms and not lines else
            f"{'Conforms (with warnings)' if conforms else 'Does not conform'}: "
            f"{len(lines)} result(s) in {triples} triples.")
    shown = lines[:MAX_REPORTED]
    if len(lines) > MAX_REPORTED:
        shown.append(f"... and {len(lines) - MAX_REPORTED} more")
    summary = [f"{n:6d} x {what}" for what, n in counts.most_common()]
    return "\n".join([head, *shown, *(["By message:", *summary] if len(summary) > 1 else [])])


def _short(term) -> str:
    text = str(term)
    for prefix, ns in (("kg:", "https://w3id.org/kg-news/ontology#"), ("schema:", "https://schema.org/"),
                       ("org:", "http://www.w3.org/ns/org#"), ("prov:", "http://www.w3.org/ns/prov#"),
                       ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#")):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text
