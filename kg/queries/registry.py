"""Named queries: .rq files in this package whose header comments describe them.

    # description: what it answers
    # example: kg query meetings --since 2019-09-01
    # param: NAME KIND required|optional [?variable]  help text

KIND is text (a plain literal), date (ISO 8601 at any precision: 2019, 2019-09,
2019-09-12), flag (xsd:boolean), person (a name the runner resolves to the IRIs of
the people it can mean, see kg.queries.match_people) or party (a name the runner
binds together with the party's other names in kg/data/parties.tsv). A parameter binds ?NAME, or the
?variable given. Files whose name starts with "_" are the runner's own helpers.
Values are bound with a VALUES block built from escaped RDF terms, never pasted text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

PARAM_KINDS = ("text", "date", "flag", "person", "party")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


class QueryError(ValueError):
    """A named query was asked for with a wrong name or wrong parameters; says what is expected."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    required: bool
    variable: str
    help: str

    def term(self, value: Any) -> ox.Literal:
        """The parameter's value as the RDF term bound to its variable (checked first)."""
        if self.kind == "flag":
            return ox.Literal("true" if value else "false", datatype=_XSD_BOOLEAN)
        text = str(value).strip()
        if self.kind == "date" and not _DATE.match(text):
            raise QueryError(f"{self.name} wants an ISO date like 2019-09-12, 2019-09 or 2019, not {text!r}")
        return ox.Literal(text)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    example: str
    params: tuple[Param, ...]
    text: str

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params if p.required)

    def bindings(self, values: dict[str, Any]) -> dict[str, ox.Literal]:
        """Variable → term for the given parameter values; None/False/blank text leave a parameter unbound."""
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            choices = ", ".join(known) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(sorted(unknown))}; it takes: {choices}")
        out: dict[str, ox.Literal] = {}
        for p in self.params:
            value = values.get(p.name)
            if value is None or value is False or (isinstance(value, str) and not value.strip()):
                if p.required:
                    raise QueryError(f"query {self.name!r} needs {p.name}: {p.help} (example: {self.example})")
                continue
            out[p.variable] = p.term(value)
        return out


def parse_rq(name: str, source: str) -> NamedQuery:
    """A NamedQuery from the text of an .rq file."""
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in source.splitlines():
        m = re.match(r"^#\s*(\w+):\s*(.*)$", line)
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = m.groups()
        if key == "param":
            pm = re.match(r"^(\w+)\s+(\w+)\s+(required|optional)\s*(\?\w+)?\s*(.*)$", value)
            if not pm or pm.group(2) not in PARAM_KINDS:
                raise ValueError(f"{name}.rq: bad param line {value!r}; want NAME KIND required|optional [?var] help")
            pname, kind, req, var, help_text = pm.groups()
            params.append(Param(pname, kind, req == "required", (var or "?" + pname)[1:], help_text.strip()))
        else:
            meta[key] = value.strip()
    return NamedQuery(name, meta.get("description", ""), meta.get("example", ""), tuple(params), source)


@lru_cache(maxsize=1)
def load_queries() -> dict[str, NamedQuery]:
    """Every .rq file of this package, by name (file name without .rq)."""
    found: dict[str, NamedQuery] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq") and not entry.name.startswith("_"):
            name = entry.name[:-3]
            found[name] = parse_rq(name, entry.read_text(encoding="utf-8"))
    return found


@lru_cache(maxsize=None)
def helper_query(name: str) -> str:
    """The text of one of the runner's own queries (kg/queries/_NAME.rq)."""
    return (resources.files(__package__) / f"_{name}.rq").read_text(encoding="utf-8")
