"""Checks on the meetings of one article, after every rule has spoken (kg/extract/meetings.py).

- A place is never a participant: "said he would visit Kyiv", "visited Auschwitz" name where
  someone went, not whom they met. A participant is dropped when the gazetteer
  (kg/data/places.tsv, countries.tsv) knows the name as a place, when the tagger labels any
  mention of it a place (GPE, LOC, FAC), or, for the one visited, when the article never gives
  them more than one word (a town the tagger took for a person).
- A meeting of more than four people is scored as the pairs of its principal (the annotation
  rule): its host, else the participant the article names most (the person the story is about),
  else the first named (the subject of "X met with A, B, C and D").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kg.extract.geo import place_for
from kg.facts import Meeting

_PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_ALL_PAIRS = 4  # up to four people every pair met; beyond, the pairs with the principal


def place_names_in(doc) -> frozenset[str]:
    """Lower-cased texts the tagger labels as places anywhere in the document (one pass)."""
    return frozenset(e.text.lower().removeprefix("the ") for e in doc.ents if e.label_ in _PLACE_LABELS)


def is_place(name: str, places: frozenset[str]) -> bool:
    return place_for(name) is not None or name.lower() in places


def without_places(found: list[Meeting], doc) -> list[Meeting]:
    """The meetings with their place-named participants removed; those left with one person dropped."""
    places = None
    out = []
    for m in found:
        places = places if places is not None else place_names_in(doc)
        gone = {p for p in m.participants if is_place(p, places)}
        if m.kind == "visit":
            gone |= {h for h in m.hosts if " " not in h}
        if not gone:
            out.append(m)
            continue
        kept = tuple(p for p in m.participants if p not in gone)
        if len(kept) >= 2:
            out.append(replace(m, participants=kept, hosts=tuple(h for h in m.hosts if h not in gone),
                               visitors=tuple(v for v in m.visitors if v not in gone)))
    return out


def principal_pairs(found: list[Meeting], people) -> list[Meeting]:
    """Each meeting of more than four people as one meeting per pair with its principal."""
    if not any(len(m.participants) > MAX_ALL_PAIRS for m in found):
        return found
    counts = Counter(name for _, _, name in people.mentions())
    out = []
    for m in found:
        if len(m.participants) <= MAX_ALL_PAIRS:
            out.append(m)
            continue
        if len(m.hosts) == 1:
            principal = m.hosts[0]
        else:
            top = max(counts.get(p, 0) for p in m.participants)
            principal = next(p for p in m.participants if counts.get(p, 0) == top)
        for p in m.participants:
            if p != principal:
                out.append(replace(m, participants=(principal, p),
                                   hosts=tuple(h for h in m.hosts if h in (principal, p)),
                                   visitors=tuple(v for v in m.visitors if v in (principal, p))))
    return out


# --- one side named, the other not ------------------------------------------------------------

_RECIPROCAL = {"other", "another"}  # "met with each other", "with one another"
_NOT_PEOPLE = {"hand", "hands"}  # "A and B shook hands": the verb's own object, not an unnamed side


def one_side_unnamed(verb, subject: list[str], objects: list[str], groups, passive: bool, between: bool) -> bool:
    """A verb meeting whose other side the text does not name: "Two senators, A and B, met with the
    nominee" (A and B are one side: no pair between them). An unresolved subject is another case:
    "the general met with A and B" is a meeting of three whose third the article names elsewhere."""
    if passive or between:
        return False
    others = [g for g in groups if g.lemma_.lower() not in _NOT_PEOPLE]
    return bool(others) and not objects and len(subject) > 1 and not any(g.lower_ in _RECIPROCAL for g in others)


def without_subsumed(found: list[Meeting]) -> list[Meeting]:
    """A meeting that a fuller one of the same sentence contains ("X hosted a meeting between A and
    B" read as A-B by one rule and X-A-B by another) adds nothing: keep the fuller one."""
    by_sentence: dict[tuple[int, str], list[Meeting]] = {}
    for m in found:
        if m.evidence:
            by_sentence.setdefault((m.evidence[0].start, m.status), []).append(m)
    out = []
    for m in found:
        twins = by_sentence.get((m.evidence[0].start, m.status), []) if m.evidence else []
        if not any(set(m.participants) < set(o.participants) for o in twins):
            out.append(m)
    return out
