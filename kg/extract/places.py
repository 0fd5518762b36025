"""Where an event happened: the place named in its clause ("in Sochi", "at the White House",
"visited Moscow", "on the sidelines of the G20 summit in Osaka").

Works on the tokens of one clause (given by the caller); lookups in kg/data/places.tsv and
countries.tsv through kg.extract.geo. A landmark stands for its city (the White House →
Washington); a city, landmark or state is preferred to a country ("in Biarritz, France").
"""
from __future__ import annotations

from kg.extract.docindex import ents_starting
from kg.extract.geo import place_for, place_kind

_LOCATIVE = {"in", "at", "to", "inside", "near", "outside"}  # not "from": origin, not venue
_RANK = {"landmark": 0, "city": 1, "state": 2, "region": 2, None: 2, "country": 3}
_PLACE_LABELS = ("GPE", "LOC", "FAC", "ORG")


def place_in(tokens, anchor) -> tuple[str, str | None] | None:
    """(place, country) of the best place named among `tokens` (a clause), or None.

    A place counts when it is the object of a locative preposition ("in", "at") or of a
    visit verb; a known landmark there stands for its city. `anchor` (the trigger token) breaks ties by distance."""
    doc = anchor.doc
    idx = {t.i for t in tokens}
    found: list[tuple[int, int, str, str | None]] = []
    seen: set[int] = set()
    for ent in ents_starting(doc, idx):
        if ent.start not in idx or ent.label_ not in _PLACE_LABELS + ("PERSON",) or ent.start in seen:
            continue
        seen.add(ent.start)
        text = ent.text
        hit = place_for(text)
        kind = place_kind(text) if hit else None
        if ent.label_ == "PERSON" and kind not in ("city", "landmark"):
            continue  # a gazetteer town the tagger took for a person ("the village of Panmunjom") counts
        if ent.label_ == "ORG" and kind != "landmark":
            continue  # organisations are not places, unless a seat of government ("the Kremlin")
        if not _locative(ent.root):
            continue  # "the Knesset election", "the Kremlin said": named, but not where anyone met
        if hit is None:
            if ent.label_ not in ("GPE", "FAC", "LOC"):
                continue
            hit = (_strip_the(text), None)
            kind = None
        found.append((_RANK.get(kind, 2), abs(ent.start - anchor.i), hit[0], hit[1]))
    # landmarks the parser left unlabelled or mislabelled: "at the White House", "in the Oval Office",
    # "on the sidelines of the U.N. General Assembly" (tagged PERSON)
    for t in tokens:
        if t.ent_type_ in ("GPE", "LOC", "FAC") or t.dep_ != "pobj" or not _locative(t):
            continue
        phrase = doc[t.left_edge.i: t.i + 1].text
        hit = place_for(phrase)
        if hit and place_kind(phrase) == "landmark":
            found.append((0, abs(t.i - anchor.i), hit[0], hit[1]))
    if not found:
        return None
    found.sort()
    return found[0][2], found[0][3]


def _locative(root) -> bool:
    if root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE:
        return True
    if root.dep_ == "dobj" and root.head.lemma_ in ("visit", "tour"):
        return True
    # "at the border village of Panmunjom", "on the sidelines of the summit in Osaka"
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
        if noun.dep_ == "pobj" and noun.head.lower_ in _LOCATIVE | {"on"}:
            return True
    # "in Biarritz, France": the country hangs on the city
    if root.dep_ in ("appos", "conj", "npadvmod") and root.head.dep_ == "pobj" and root.head.head.lower_ in _LOCATIVE:
        return True
    return False


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text
