"""Score what the graph says against hand-made gold annotations.

The gold format and the matching rules are those of the project's evaluation set
(README: "Evaluating extraction"): one article a line with its meetings, roles,
memberships and elections. Facts are scored per article:

- meetings: unordered pairs of participants; over matched pairs, date and place accuracy
- roles: (person, title) pairs; country accuracy
- memberships: (person, party) pairs
- elections: (country, year) pairs; exact-date and kind accuracy

People match when their names agree ignoring accents, case and honorifics, when a
bare surname is either end of the other's full name, or when two full names share
first and last word. A fact marked `"optional": true` is neither rewarded nor
punished; a second answer for a fact already matched is ignored.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FACT_TYPES = ("meetings", "roles", "memberships", "elections")
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president", "prime",
              "minister", "pm", "chancellor", "king", "queen", "prince", "sheikh", "gen", "general",
              "senator", "sen", "rep", "premier", "secretary", "the", "former"}
TITLE_SYNONYMS = {"pm": "prime minister", "premier": "prime minister", "sen": "senator",
                  "gov": "governor", "rep": "representative", "congressman": "representative",
                  "congresswoman": "representative"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
PLACE_ALIASES = [{"united states", "us", "usa", "united states of america", "america"},
                 {"united kingdom", "uk", "britain", "great britain"},
                 {"russia", "russian federation"}, {"european union", "eu"},
                 {"north korea", "dprk"}, {"south korea", "republic of korea"},
                 {"washington", "washington dc", "white house"}]
PARTY_GENERIC = {"party", "the", "of", "and", "national", "front", "union", "movement"}
PARTY_WORDS = {"tory": "conservative", "tories": "conservative", "gop": "republican", "labor": "labour"}


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019]s\b", "", text)
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


def _list(value) -> list:
    return value if isinstance(value, list) else [value]


def _name_tokens(name: str) -> list[str]:
    tokens = fold(name).split()
    return [t for t in tokens if t not in HONORIFICS] or tokens


def same_person(a: str, b: str) -> bool:
    """A bare surname matches either end of a full name; full names need the same first and
    last word with no clash of middle names or suffixes (Jr., III)."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if len(ta) == 1 or len(tb) == 1:
        one, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        return one[0] in (full[0], full[-1])
    if ta[0] != tb[0] or set(ta) & SUFFIXES != set(tb) & SUFFIXES:
        return False
    ta, tb = [t for t in ta if t not in SUFFIXES], [t for t in tb if t not in SUFFIXES]
    if ta[-1] == tb[-1]:
        ma, mb = ta[1:-1], tb[1:-1]
        return not (ma and mb and ma != mb)
    return set(ta) <= set(tb) or set(tb) <= set(ta)


def _place_key(name: str) -> str:
    key = re.sub(r"^the ", "", fold((name or "").replace(".", "")))
    return next((sorted(group)[0] for group in PLACE_ALIASES if key in group), key)


def same_place(a: str, b: str) -> bool:
    ka, kb = _place_key(a).split(), _place_key(b).split()
    short, long_ = sorted((ka, kb), key=len)
    return bool(short) and long_[:len(short)] == short


def _title(t: str) -> str:
    t = re.sub(r"^(former|ex|then|acting) ", "", fold(t))
    return TITLE_SYNONYMS.get(t, t)


def _party(name: str) -> frozenset[str]:
    words = set()
    for t in fold(name).split():
        t = PARTY_WORDS.get(t, t)
        t = re.sub(r"(ic|s)$", "", t) if len(t) > 5 else t
        if t not in PARTY_GENERIC:
            words.add(t)
    return frozenset(words or fold(name).split())


def _any(match, a, b) -> bool:
    return any(match(x, y) for x in _list(a) if x for y in _list(b) if y)


def _year_date(value) -> str | None:
    m = re.match(r"^\d{4}(-\d{2})?(-\d{2})?", str(value or "").strip())
    return m.group(0) if m else None


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: dict = field(default_factory=lambda: defaultdict(int))
    total: dict = field(default_factory=lambda: defaultdict(int))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    tallies: dict[str, Tally]
    explanations: list[str]

    def table(self) -> str:
        lines = [f"{'fact':<12} {'P':>5} {'R':>5} {'F1':>5}  {'tp':>4} {'fp':>4} {'fn':>4}  attributes"]
        for name, t in self.tallies.items():
            attrs = ", ".join(f"{a} {t.right[a] / t.total[a]:.2f} (n={t.total[a]})" for a in t.total)
            lines.append(f"{name:<12} {t.precision:5.2f} {t.recall:5.2f} {t.f1:5.2f}  "
                         f"{t.tp:4d} {t.fp:4d} {t.fn:4d}  {attrs}")
        return "\n".join(lines)


def _merge_gold(items: list[dict], same) -> list[dict]:
    """One gold entry per fact, required if any of its mentions is."""
    kept: list[dict] = []
    for item in items:
        twin = next((k for k in kept if same(item, k)), None)
        if twin is None:
            kept.append(dict(item))
            continue
        twin["optional"] = bool(twin.get("optional")) and bool(item.get("optional"))
        for key, value in item.items():
            if value and not twin.get(key):
                twin[key] = value
    return kept


def _score(tally: Tally, predicted: list[dict], gold: list[dict], same, attrs: dict, notes, label: str,
           closest=None) -> None:
    """Match answers to gold one-to-one: the closest fit (where `closest` tells one) first."""
    used: set[int] = set()
    for p in predicted:
        free = [i for i, g in enumerate(gold) if i not in used and same(p, g)]
        hit = next((i for i in free if closest and closest(p, gold[i])), free[0] if free else None)
        if hit is None:
            if not any(same(p, g) for g in gold):
                tally.fp += 1
                notes.append(f"  {label} extra: {p}")
            continue
        used.add(hit)
        g = gold[hit]
        if g.get("optional"):
            continue
        tally.tp += 1
        for name, right in attrs.items():
            verdict = right(p, g)
            if verdict is not None:
                tally.total[name] += 1
                tally.right[name] += int(verdict)
                if not verdict:
                    notes.append(f"  {label} wrong {name}: got {p} want {g}")
    for i, g in enumerate(gold):
        if i not in used and not g.get("optional"):
            tally.fn += 1
            notes.append(f"  {label} missed: {g}")


def _pairs(names: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if not same_person(a, b)]


def _meeting_pairs(meetings: list[dict]) -> list[dict]:
    out: list[dict] = []
    for m in meetings:
        for pair in _pairs(m["names"]):
            twin = next((o for o in out if _same_pair(o, {"pair": pair})), None)
            item = {"pair": pair, "dates": {d for d in [_year_date(m.get("date"))] if d},
                    "places": _list(m["place"]) if m.get("place") else [], "optional": m.get("optional", False)}
            if twin is None:
                out.append(item)
            elif twin["optional"] and not item["optional"]:
                twin.update(item)
            elif twin["optional"] == item["optional"]:
                twin["dates"] |= item["dates"]
                twin["places"] += item["places"]
    return out


def _same_pair(p: dict, g: dict) -> bool:
    (a, b), (x, y) = p["pair"], g["pair"]
    return (_any(same_person, a, x) and _any(same_person, b, y)) or (_any(same_person, a, y) and _any(same_person, b, x))


SAME = {
    "meetings": _same_pair,
    "roles": lambda p, g: _any(same_person, p["person"], g["person"]) and _any(
        lambda x, y: _title(x) == _title(y), p["title"], g["title"]),
    "memberships": lambda p, g: _any(same_person, p["person"], g["person"]) and _any(
        lambda x, y: _party(x) == _party(y), p["party"], g["party"]),
    "elections": lambda p, g: _any(same_place, p["country"], g["country"]) and (
        not g.get("date") or (p.get("date") or "")[:4] == g["date"][:4]),
}
ATTRS = {
    "meetings": {"date": lambda p, g: None if not g["dates"] else bool(p["dates"] & g["dates"]),
                 "place": lambda p, g: None if not g["places"] else _any(same_place, p["places"], g["places"])},
    "roles": {"country": lambda p, g: None if not g.get("country") else bool(p.get("country")) and _any(
        same_place, p["country"], g["country"])},
    "memberships": {},
    "elections": {"date": lambda p, g: None if not g.get("date") else p.get("date") == g["date"],
                  "kind": lambda p, g: None if not g.get("kind") else any(
                      fold(p.get("kind")) == fold(k) for k in _list(g["kind"]))},
}


def answers_by_article(rows: dict[str, list[dict]]) -> dict[str, dict[str, list[dict]]]:
    """The four named queries' rows ({query: [{var: value}]}) → {source: {fact type: [answer]}}."""
    out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    meetings: dict[str, dict] = {}
    for row in rows.get("meetings", []):
        m = meetings.setdefault(row.get("meeting", ""), {"names": [], "date": None, "place": None,
                                                        "source": row.get("source")})
        if row.get("participantName") and row["participantName"] not in m["names"]:
            m["names"].append(row["participantName"])
        m["date"] = m["date"] or row.get("date")
        m["place"] = m["place"] or row.get("place")
    for m in meetings.values():
        out[m["source"]]["meetings"].append(m)
    for row in rows.get("roles", []):
        out[row.get("source")]["roles"].append({"person": row.get("personName"), "title": row.get("title"),
                                                "country": row.get("country")})
    for row in rows.get("memberships", []):
        out[row.get("source")]["memberships"].append({"person": row.get("personName"), "party": row.get("party")})
    for row in rows.get("elections", []):
        out[row.get("source")]["elections"].append({"country": row.get("country"), "kind": row.get("kind"),
                                                    "date": _year_date(row.get("date"))})
    return out


def score(rows: dict[str, list[dict]], gold_path: Path) -> Evaluation:
    """Score the four named queries' rows against a gold JSON Lines file."""
    answers = answers_by_article(rows)
    tallies = {name: Tally() for name in FACT_TYPES}
    notes: list[str] = []
    for line in Path(gold_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        mine = answers.get(gold.get("url"), answers.get(gold.get("id"), {}))
        notes.append(f"{gold.get('url') or gold.get('id')}:")
        gold_meetings = _meeting_pairs([{"names": [p if isinstance(p, str) else p[0] for p in m["participants"]],
                                         "date": m.get("date"), "place": m.get("place"),
                                         "optional": bool(m.get("optional"))} for m in gold.get("meetings", [])])
        elections = [dict(e, date=_year_date(e.get("date"))) for e in gold.get("elections", [])]
        wanted = {"meetings": gold_meetings,
                  "roles": _merge_gold(gold.get("roles", []), SAME["roles"]),
                  "memberships": _merge_gold(gold.get("memberships", []), SAME["memberships"]),
                  "elections": _merge_gold(elections, lambda a, b: _any(same_place, a["country"], b["country"])
                                           and a.get("date") == b.get("date"))}
        got = {"meetings": _meeting_pairs(mine.get("meetings", []))}
        for name in FACT_TYPES[1:]:
            seen, got[name] = set(), []
            for item in mine.get(name, []):
                key = json.dumps({k: fold(str(v)) for k, v in item.items()}, sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    got[name].append(item)
        for name in FACT_TYPES:
            _score(tallies[name], got[name], wanted[name], SAME[name], ATTRS[name], notes, name.rstrip("s"),
                   closest=ATTRS["elections"]["date"] if name == "elections" else None)
    return Evaluation(tallies, notes)
