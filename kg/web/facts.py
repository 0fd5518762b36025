"""Facts with their evidence, for the evidence panel, the person page and the article page.

A fact is read generically (every property of a kg:Meeting, kg:Tenure,
kg:PartyMembership or kg:Election, with the label of each value) and then described;
its evidence sentences come with the spans to highlight (the names of the people and
places the fact is about), never as HTML: the page escapes everything it shows.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from kg.store.base import Store
from kg.web.data import KG, Filters, rows

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ORG = "http://www.w3.org/ns/org#"
TYPES = {KG + "Meeting": "meeting", KG + "Tenure": "office", KG + "PartyMembership": "party",
         KG + "Election": "election"}
RULE_PREFIX = {"meeting": "meeting:", "office": "role:", "party": "membership:", "election": "election:"}


def _tail(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


def read_facts(store: Store, *, facts: Iterable[str] = (), article: str | None = None) -> list[dict]:
    """The facts bound by IRI, or every fact read from one article, described, with evidence."""
    bound = {"fact": list(facts)} if facts else {"g": article}
    props: dict[tuple[str, str], dict] = {}
    for r in rows(store, "facts", **bound):
        f = props.setdefault((r["fact"], r["g"]), {"iri": r["fact"], "article": r["g"], "type": None,
                                                     "values": defaultdict(list)})
        if r["type"] in TYPES:
            f["type"] = TYPES[r["type"]]
        pair = (r["o"], r["label"])
        if pair not in f["values"][r["p"]]:
            f["values"][r["p"]].append(pair)
    described = [describe(f) for f in props.values() if f["type"]]
    _attach_evidence(store, described)
    _attach_articles(store, described)
    return sorted(described, key=lambda f: (f["type"], f.get("date") or "9999", f["summary"]))


def describe(f: dict) -> dict:
    v = f["values"]
    one = lambda p: v[p][0][0] if v.get(p) else None            # noqa: E731
    named = lambda p: [{"iri": o, "name": label or _tail(o)} for o, label in v.get(p, [])]   # noqa: E731
    out = {"iri": f["iri"], "article": f["article"], "type": f["type"],
           "confidence": float(one(KG + "confidence")) if one(KG + "confidence") else None,
           "evidenceIris": [o for o, _ in v.get(KG + "evidence", [])]}
    if f["type"] == "meeting":
        people = sorted(named(KG + "participant"), key=lambda p: p["name"])
        place = named(KG + "place")
        out.update(people=people, date=one(KG + "date"), place=place[0]["name"] if place else None,
                   kind=_tail(one(KG + "meetingKind")) or "meeting", status=_tail(one(KG + "status")) or "happened")
        where = f" in {out['place']}" if out["place"] else ""
        out["summary"] = " met ".join(p["name"] for p in people[:2]) + (" and others" if len(people) > 2 else "") + where
    elif f["type"] == "office":
        holder, post = named(KG + "holder"), named(KG + "post")
        former = one(KG + "former") == "true"
        out.update(people=holder, date=one(KG + "startDate"), former=former)
        out["summary"] = (f"{holder[0]['name'] if holder else '?'}: {'former ' if former else ''}"
                          f"{post[0]['name'] if post else '?'}")
    elif f["type"] == "party":
        member, party = named(ORG + "member"), named(ORG + "organization")
        role, former = one(KG + "partyRole"), one(KG + "former") == "true"
        out.update(people=member, date=None, former=former)
        out["summary"] = (f"{member[0]['name'] if member else '?'}: {'former ' if former else ''}"
                          f"{role + ' of ' if role else 'member of '}{party[0]['name'] if party else '?'}")
    else:
        winner = named(KG + "winner")
        out.update(people=winner, date=one(KG + "date"), kind=_tail(one(KG + "electionKind")))
        label = one(RDFS_LABEL) or _tail(f["iri"])
        out["summary"] = label + (f", won by {winner[0]['name']}" if winner else "")
    places = named(KG + "place") + named(KG + "country")
    out["highlight"] = [p["iri"] for p in out.get("people", [])] + [p["iri"] for p in places]
    return out


def _attach_evidence(store: Store, facts: list[dict]) -> None:
    iris = sorted({e for f in facts for e in f["evidenceIris"]})
    sentences: dict[str, dict] = {}
    if iris:
        for r in rows(store, "evidence", ev=iris):
            s = sentences.setdefault(r["ev"], {"sentence": r["sentence"], "rules": []})
            if r["rule"] and r["rule"] not in s["rules"]:
                s["rules"].append(r["rule"])
    names: dict[str, set[str]] = defaultdict(set)
    who = sorted({w for f in facts for w in f["highlight"]})
    articles = sorted({f["article"] for f in facts})
    if who:
        for r in rows(store, "names", who=who, g=articles):
            names[r["who"]].add(r["name"])
    for f in facts:
        words = {n for w in f["highlight"] for n in names.get(w, ())}
        own = RULE_PREFIX[f["type"]]  # a sentence shared by several facts lists every rule that read it
        f["evidence"] = [{"segments": highlight(sentences[e]["sentence"], words),
                          "rules": [r for r in sentences[e]["rules"] if r.startswith(own)]}
                         for e in f.pop("evidenceIris") if e in sentences]
        del f["highlight"]


def _attach_articles(store: Store, facts: list[dict]) -> None:
    found = articles(store, sorted({f["article"] for f in facts}))
    for f in facts:
        f["source"] = found.get(f["article"], {"iri": f["article"]})


def articles(store: Store, iris: list[str]) -> dict[str, dict]:
    if not iris:
        return {}
    return {r["g"]: {"iri": r["g"], "id": r["id"], "url": r["url"], "headline": r["headline"],
                     "published": r["published"]} for r in rows(store, "articles", g=iris)}


def highlight(sentence: str, words: Iterable[str]) -> list[list]:
    """The sentence as [text, marked] segments, the given names marked (whole words, any case)."""
    terms = sorted({w for w in words if w and len(w) > 1}, key=len, reverse=True)
    if not terms:
        return [[sentence, False]]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)
    out, at = [], 0
    for m in pattern.finditer(sentence):
        if m.start() > at:
            out.append([sentence[at:m.start()], False])
        out.append([m.group(0), True])
        at = m.end()
    if at < len(sentence):
        out.append([sentence[at:], False])
    return out


def meeting_evidence(store: Store, iris: list[str]) -> list[dict]:
    """Each meeting's date, place, kind, status, confidence, sentences and source article."""
    found = {f["iri"]: f for f in read_facts(store, facts=iris)} if iris else {}
    return [found[i] for i in iris if i in found]


def person_page(store: Store, iri: str, filters: Filters | None = None) -> dict:
    """Everything the person page shows: names, offices, parties, meetings, elections, articles."""
    from kg.web.data import by_date, meetings_of

    offices: dict[str, dict] = {}
    for r in rows(store, "person-offices", person=iri):
        o = offices.setdefault(r["post"], {"post": r["postLabel"] or _tail(r["post"]), "title": r["title"],
                                           "country": r["countryName"] or r["organization"],
                                           "current": 0, "former": 0, "articles": set()})
        o["former" if r["former"] == "true" else "current"] += 1
        o["articles"].add(r["g"])
    parties: dict[str, dict] = {}
    for r in rows(store, "person-parties", person=iri):
        p = parties.setdefault(r["party"], {"party": r["partyName"] or _tail(r["party"]), "roles": set(),
                                            "current": 0, "former": 0, "articles": set()})
        p["former" if r["former"] == "true" else "current"] += 1
        p["articles"].add(r["g"])
        if r["role"]:
            p["roles"].add(r["role"])
    names = rows(store, "names", who=iri)
    return {
        "iri": iri,
        "names": sorted({r["name"] for r in names}),
        "offices": sorted(offices.values(), key=lambda o: (-len(o["articles"]), o["post"])),
        "parties": sorted(parties.values(), key=lambda p: (-len(p["articles"]), p["party"])),
        "meetings": by_date(meetings_of(store, [iri], filters or Filters(status="any"))),
        "elections": rows(store, "person-elections", person=iri),
        "articles": [{**r, "iri": r["g"]} for r in rows(store, "person-articles", person=iri)],
    }
