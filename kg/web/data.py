"""What the web page shows, read through the named `_web-*.rq` queries with bound values.

The server filters, ranks and pages: the browser only ever receives a neighbourhood
(top-N people), a page of meetings or one person's or article's facts, never the store.
"""
from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

import pyoxigraph as ox

from kg.queries.names import fold as fold_name
from kg.queries.registry import helper_query
from kg.store.base import Store
from kg.store.sparql import with_prefixes

KG = "https://w3id.org/kg-news/ontology#"
KINDS = ("meeting", "visit", "host", "third-location", "call", "negotiation", "summit")


def rows(store: Store, name: str, timeout: float | None = None, **bound: Any) -> list[dict[str, str | None]]:
    """Run kg/queries/_web-NAME.rq with `bound` variables (str → IRI, list → several); plain values out."""
    bindings = {k: [_term(x) for x in v] if isinstance(v, (list, tuple, set)) else _term(v)
                for k, v in bound.items()}
    variables, found = store.select(with_prefixes(helper_query("web-" + name)), bindings, timeout=timeout)
    return [{v: (t.value if t is not None else None) for v, t in zip(variables, row)} for row in found]


def _term(value: Any) -> Any:
    return value if isinstance(value, (ox.NamedNode, ox.Literal)) else ox.NamedNode(str(value))


def fold(text: str) -> str:
    """Lower case without accents or extra spaces: what a search compares."""
    return " ".join(fold_name(text).split())


# --- people ---------------------------------------------------------------------------------

@dataclass
class Person:
    iri: str
    label: str
    names: list[str] = field(default_factory=list)
    meetings: int = 0

    def to_json(self) -> dict:
        return {"iri": self.iri, "label": self.label, "names": self.names, "meetings": self.meetings}


class PeopleIndex:
    """Every person's names and meeting count in memory, for suggestions and node sizes.

    Read again when older than `max_age` seconds (another process may have ingested)."""

    def __init__(self, store: Store, max_age: float = 300.0) -> None:
        self.store = store
        self.max_age = max_age
        self._people: dict[str, Person] = {}
        self._keys: list[tuple[str, str]] = []      # (folded name, iri)
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def _fresh(self) -> dict[str, Person]:
        with self._lock:
            if time.monotonic() - self._read_at > self.max_age:
                self._read()
            return self._people

    def _read(self) -> None:
        labels: dict[str, Counter] = defaultdict(Counter)
        people: dict[str, Person] = {}
        for r in rows(self.store, "people"):
            p = people.setdefault(r["person"], Person(r["person"], r["name"]))
            p.meetings = int(r["meetings"] or 0)
            if r["name"] not in p.names:
                p.names.append(r["name"])
            if r["kind"] == "label":
                labels[p.iri][r["name"]] += 1
        for iri, counts in labels.items():
            people[iri].label = counts.most_common(1)[0][0]
        self._people = people
        self._keys = sorted({(fold(n), p.iri) for p in people.values() for n in p.names})
        self._read_at = time.monotonic()

    def get(self, iri: str) -> Person | None:
        return self._fresh().get(iri)

    def label(self, iri: str) -> str:
        found = self.get(iri)
        return found.label if found else iri.rsplit("/", 1)[-1]

    def top(self, n: int) -> list[Person]:
        return sorted(self._fresh().values(), key=lambda p: (-p.meetings, p.label))[:n]

    def search(self, text: str, limit: int = 10) -> list[Person]:
        """People any of whose names starts with (best), has a word starting with, or contains `text`."""
        people = self._fresh()
        key = fold(text)
        if not key:
            return []
        best: dict[str, int] = {}
        for name, iri in self._keys:
            if key not in name:
                continue
            rank = 0 if name == key else 1 if name.startswith(key) else 2 if (" " + key) in name else 3
            best[iri] = min(rank, best.get(iri, 9))
        ranked = sorted(best, key=lambda i: (best[i], -people[i].meetings, people[i].label))
        return [people[i] for i in ranked[:limit]]


# --- meetings -------------------------------------------------------------------------------

@dataclass
class Filters:
    """What the page's filter bar asks for; unset fields do not filter."""

    since: str = ""
    until: str = ""
    place: str = ""
    kinds: frozenset[str] = frozenset()
    status: str = "happened"        # happened | planned | any

    def keep(self, m: dict) -> bool:
        date = m.get("date") or ""
        if self.since and (not date or date[:len(self.since)] < self.since[:len(date)]):
            return False
        if self.until and (not date or date[:len(self.until)] > self.until[:len(date)]):
            return False
        if self.place and fold(m.get("place") or "") != fold(self.place):
            return False
        if self.kinds and (m.get("kind") or "meeting") not in self.kinds:
            return False
        status = m.get("status") or "happened"
        return self.status == "any" or status == self.status


def meetings_of(store: Store, people: Iterable[str], filters: Filters) -> list[dict]:
    """The meetings of any of `people`, each with its participants, filtered."""
    people = list(people)
    if not people:
        return []
    found: dict[str, dict] = {}
    for r in rows(store, "meetings-of", person=people):
        m = found.get(r["meeting"])
        if m is None:
            m = found[r["meeting"]] = {
                "iri": r["meeting"], "article": r["g"], "date": r["date"], "kind": r["kind"],
                "status": r["status"], "place": r["placeName"],
                "confidence": float(r["confidence"]) if r["confidence"] else None, "participants": {}}
        m["participants"][r["other"]] = r["otherName"]
    return [_listed(m) for m in found.values() if filters.keep(m)]


def _listed(m: dict) -> dict:
    m["participants"] = [{"iri": i, "name": n} for i, n in sorted(m["participants"].items(), key=lambda x: x[1])]
    return m


def by_date(meetings: list[dict]) -> list[dict]:
    return sorted(meetings, key=lambda m: (m["date"] or "9999", m["place"] or "", m["iri"]))


def network(store: Store, index: PeopleIndex, person: str | None, filters: Filters,
            depth: int = 1, limit: int = 30) -> dict:
    """Nodes and edges: the person's top-`limit` partners (and theirs at depth 2), or the
    `limit` people with most meetings when no person is chosen. Edges join shown people only."""
    if person:
        shown = {person: 0}
        meetings = meetings_of(store, [person], filters)
        for level in range(1, max(1, min(depth, 2)) + 1):
            partners: Counter = Counter()
            for m in meetings:
                ids = [p["iri"] for p in m["participants"]]
                if any(shown.get(i) == level - 1 for i in ids):
                    partners.update(i for i in ids if i not in shown)
            for iri, _ in partners.most_common(limit):
                shown[iri] = level
            if level < depth:
                meetings = meetings_of(store, [i for i, lv in shown.items() if lv == level], filters) + meetings
    else:
        shown = {p.iri: 0 for p in index.top(limit) if p.meetings}
        meetings = meetings_of(store, list(shown), filters)
    edges: dict[tuple[str, str], dict] = {}
    seen: set[str] = set()
    for m in meetings:
        if m["iri"] in seen:
            continue
        seen.add(m["iri"])
        ids = sorted({p["iri"] for p in m["participants"] if p["iri"] in shown})
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                e = edges.setdefault((a, b), {"source": a, "target": b, "count": 0, "kinds": Counter()})
                e["count"] += 1
                e["kinds"][m["kind"] or "meeting"] += 1
    linked = {x for pair in edges for x in pair} | ({person} if person else set())
    nodes = [{"id": iri, "label": index.label(iri), "meetings": getattr(index.get(iri), "meetings", 0),
              "level": level, "center": iri == person} for iri, level in shown.items() if iri in linked]
    return {"nodes": nodes, "edges": [{**e, "kind": e["kinds"].most_common(1)[0][0], "kinds": dict(e["kinds"]),
                                       "id": f"{e['source']}|{e['target']}"} for e in edges.values()]}


def timeline(store: Store, person: str | None, filters: Filters, page: int = 0, per_page: int = 50) -> dict:
    """A page of meetings in date order (of the person, or all), with the undated apart."""
    if person:
        meetings = meetings_of(store, [person], filters)
    else:
        meetings = [dict(iri=r["meeting"], article=r["g"], date=r["date"], kind=r["kind"], status=r["status"],
                         place=r["placeName"], confidence=None, participants=[])
                    for r in rows(store, "meetings-all")]
        meetings = [m for m in meetings if filters.keep(m)]
    dated = by_date([m for m in meetings if m["date"]])
    undated = sorted((m for m in meetings if not m["date"]), key=lambda m: m["iri"])[:per_page]
    pages = max(1, -(-len(dated) // per_page))
    page = min(max(0, page), pages - 1)
    shown = dated[page * per_page:(page + 1) * per_page]
    if not person:
        _add_participants(store, shown + undated)
    return {"dated": shown, "undated": undated, "total": len(dated), "undatedTotal": len(meetings) - len(dated),
            "page": page, "pages": pages}


def _add_participants(store: Store, meetings: list[dict]) -> None:
    if not meetings:
        return
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows(store, "participants", meeting=[m["iri"] for m in meetings]):
        names[r["meeting"]][r["other"]] = r["otherName"]
    for m in meetings:
        m["participants"] = [{"iri": i, "name": n} for i, n in sorted(names[m["iri"]].items(), key=lambda x: x[1])]


def between(store: Store, a: str, b: str, filters: Filters) -> list[str]:
    """IRIs of the meetings of `a` in which `b` took part too, in date order."""
    return [m["iri"] for m in by_date(meetings_of(store, [a], filters))
            if any(p["iri"] == b for p in m["participants"])]
