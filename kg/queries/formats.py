"""Query results as text: an aligned table, CSV, TSV, SPARQL 1.1 Results JSON, JSON Lines."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyoxigraph as ox

FORMATS = ("table", "csv", "tsv", "json", "jsonl")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _plain(term: Any) -> str:
    return "" if term is None else term.value


def sparql_json_term(term: Any) -> dict[str, str]:
    """One term in the SPARQL 1.1 Query Results JSON shape."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if getattr(term, "language", None):
        out["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_sparql_json(variables: list[str], rows: list[tuple]) -> dict:
    return {"head": {"vars": list(variables)},
            "results": {"bindings": [{v: sparql_json_term(t) for v, t in zip(variables, row) if t is not None}
                                     for row in rows]}}


def _table(variables: list[str], rows: list[tuple]) -> str:
    if not rows:
        return "(no results)\n"
    cells = [[_plain(t).replace("\n", " ") for t in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    line = lambda values: "  ".join(x.ljust(w) for x, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(variables), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out) + "\n"


def _delimited(variables: list[str], rows: list[tuple], delimiter: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(variables)
    clean = (lambda s: s.replace("\t", " ").replace("\n", " ")) if delimiter == "\t" else (lambda s: s)
    for row in rows:
        writer.writerow([clean(_plain(t)) for t in row])
    return buf.getvalue()


def format_rows(variables: list[str], rows: list[tuple], fmt: str = "table") -> str:
    """Rows of pyoxigraph terms (None = unbound) as text in `fmt` (one of FORMATS)."""
    if fmt == "table":
        return _table(variables, rows)
    if fmt == "csv":
        return _delimited(variables, rows, ",")
    if fmt == "tsv":
        return _delimited(variables, rows, "\t")
    if fmt == "json":
        return json.dumps(to_sparql_json(variables, rows), ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps({v: _plain(t) for v, t in zip(variables, row) if t is not None},
                                  ensure_ascii=False) + "\n" for row in rows)
    raise ValueError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")


def format_records(records: list[dict], fmt: str = "table", columns: list[str] | None = None) -> str:
    """Plain records (dicts of str/int/None, e.g. `Store.articles()`) in the same formats as query results."""
    columns = columns or (list(records[0]) if records else [])
    xsd_integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    term = lambda v: None if v is None else (  # noqa: E731
        ox.Literal(str(v), datatype=xsd_integer) if isinstance(v, int) else ox.Literal(str(v)))
    return format_rows(columns, [tuple(term(r.get(c)) for c in columns) for r in records], fmt)
