"""Turn whatever terms callers hand us (rdflib or pyoxigraph) into pyoxigraph terms.

Duck-typed on purpose: importing rdflib costs ~80 ms, and read-only commands never
need it. An rdflib Literal is a str subclass carrying `.datatype`/`.language`; a BNode's
class is called "BNode"; every other str is taken as an IRI.
"""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

OX_TERMS = (ox.NamedNode, ox.Literal, ox.BlankNode)


def to_ox(term: Any) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """One term as a pyoxigraph term; raises ValueError for an invalid IRI."""
    if isinstance(term, OX_TERMS):
        return term
    kind = type(term).__name__
    if kind == "Literal" or hasattr(term, "datatype"):
        if getattr(term, "language", None):
            return ox.Literal(str(term), language=term.language)
        datatype = getattr(term, "datatype", None)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype))) if datatype else ox.Literal(str(term))
    if kind == "BNode":
        return ox.BlankNode(str(term))
    if isinstance(term, str):
        return ox.NamedNode(term)
    if isinstance(term, bool):
        return ox.Literal("true" if term else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(term, int):
        return ox.Literal(str(term), datatype=ox.NamedNode(XSD + "integer"))
    raise TypeError(f"cannot use {term!r} ({kind}) as an RDF term; pass an IRI string, an rdflib or a pyoxigraph term")


def literal(value: str) -> ox.Literal:
    """A plain string literal (what a user typed)."""
    return ox.Literal(value)


def nt(term: Any) -> str:
    """The term in N-Triples syntax (escaped by pyoxigraph), safe inside SPARQL text."""
    return str(to_ox(term))


def plain(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    """The term's value as plain text ('' when unbound)."""
    return "" if term is None else term.value


XSD = "http://www.w3.org/2001/XMLSchema#"
