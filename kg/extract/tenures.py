"""Who held an office when: the `offices` column of kg/data/well_known_people.tsv.

Resolves a title reference the article never ties to a name ("the president said",
"the Russian leader") to the well-known person it names who held that office in
the year the article was published ("the president" in a 2018 story naming Trump
is Donald Trump). Only people the article itself names are candidates.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.lexicons import data_rows, titles

_OPEN = 9999  # an office still held


@dataclass(frozen=True)
class Tenure:
    title: str
    start: int   # first year in office
    end: int     # last year in office (_OPEN while still held)


@lru_cache(maxsize=1)
def _tenures() -> dict[str, tuple[Tenure, ...]]:
    """Canonical name → offices held: "President:2009-2017; Vice President:..." in the 4th column."""
    out: dict[str, tuple[Tenure, ...]] = {}
    for _surname, name, _country, offices, *_ in data_rows("well_known_people.tsv"):
        held = []
        for part in offices.split(";"):
            title, _, years = part.strip().rpartition(":")
            if not title:
                continue
            first, _, last = years.partition("-")
            held.append(Tenure(title.strip(), int(first), int(last) if last.strip() else _OPEN))
        if held:
            out[name.strip()] = tuple(held)
    return out


@lru_cache(maxsize=1)
def _head_titles() -> frozenset[str]:
    return frozenset(t.title for t in titles().values() if t.kind == "head")


def held_in(name: str, title: str, year: int, former: bool | None = False) -> bool:
    """Whether the well-known person `name` held `title` in `year` (`former`: had held it and left
    by then; None: at any time up to then, "the first black president"). "Leader" is any head of
    state or government office."""
    for t in _tenures().get(name, ()):
        if t.title == title or (title == "Leader" and t.title in _head_titles()):
            if former is None and t.start <= year:
                return True
            if former is not None and ((t.end < year) if former else (t.start <= year <= t.end)):
                return True
    return False
