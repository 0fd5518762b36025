"""What the text around a meeting says about its place and date (kg/extract/meetings.py calls in).

- `where_place`: "traveled to Erbil, where he met Y": the place the "where" clause hangs on.
- `noun_place`: "a White House meeting", "the Helsinki summit": a place compounded with the noun.
- `dateline_place`: "WARSAW — ...", "MOSCOW (Reuters) - ...": where the story was filed.
- `Trips`: who went where ("X flew to Hanoi", "arrived in Seoul", "visited Kabul"), from the verbs
  of kg/data/trip_verbs.tsv; a person stays where their last trip took them, so a later meeting of
  theirs without a place of its own was held there.
- `date_to_come`: a date in a clause of what is still to come ("prepared to meet X Wednesday",
  "will be sworn in on Saturday"): not the day the story reports.

Each is computed once per doc (lru_cache on the doc) or per token, never by a scan per token.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from kg.extract.geo import data_rows, place_for, place_kind
from kg.extract.places import place_in

_MODALS = {"will", "would", "could", "may", "might", "can", "should", "shall", "must", "'ll"}
_AHEAD = {"plan", "prepare", "expect", "schedule", "due", "set", "hope", "intend", "want", "aim", "slate"}
_DASHES = {"—", "–", "-", "--", "―"}
_TRIP_SENTENCES = 12  # how far back a trip still says where its traveller is


@lru_cache(maxsize=1)
def trip_verbs() -> dict[str, frozenset[str]]:
    """lemma → prepositions naming the destination ("-" for a direct object)."""
    return {row[0]: frozenset(p.strip() for p in row[1].split(",") if p.strip())
            for row in data_rows("trip_verbs.tsv") if row[0]}


# --- places said next to the trigger -------------------------------------------------------

def where_place(verb) -> tuple[str, str | None] | None:
    """"..., where he met Y": the verb of a "where" relative clause was held at the place the clause
    describes ("traveled to Erbil, where ..." → Erbil)."""
    if verb.dep_ not in ("relcl", "advcl") or not any(c.lower_ == "where" and c.dep_ == "advmod"
                                                     for c in verb.children):
        return None
    head = verb.head
    in_place_phrase = head.dep_ == "pobj" and head.head.lower_ in ("in", "to", "at", "into")
    if head.ent_type_ not in ("GPE", "LOC", "FAC") and not (head.pos_ == "PROPN" and in_place_phrase):
        return None  # "Erbil" tagged as an organisation still is where one travelled to
    span = _entity_span(head)
    return place_for(span.text) or (_strip_the(span.text), None)


def noun_place(noun) -> tuple[str, str | None] | None:
    """"a White House meeting", "the Helsinki summit", "a Capitol Hill meeting": the place
    compounded with the meeting noun (a known landmark or city only: "the Trump meeting" is not one)."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = [c for c in noun.lefts if c.dep_ in ("compound", "nmod", "amod") and c.ent_type_ in ("GPE", "FAC", "ORG", "LOC")]
    for mod in mods:
        span = _entity_span(mod)
        text = span.text
        if place_kind(text) in ("landmark", "city"):
            return place_for(text)
    return None


def compound_locative(tokens) -> tuple[str, str | None] | None:
    """"at his New Orleans home", "in a Manhattan hotel": a city named as the compound of the
    venue of a locative phrase."""
    for t in tokens:
        head = t.head
        if t.ent_type_ != "GPE" or t.dep_ not in ("compound", "nmod") or head.pos_ != "NOUN" \
                or head.dep_ != "pobj" or head.head.lower_ not in ("at", "in", "inside"):
            continue
        span = _entity_span(t)
        hit = place_for(span.text)
        if hit is None or place_kind(span.text) in ("city", "landmark", "state"):
            return hit or (_strip_the(span.text), None)
    return None


def _entity_span(tok):
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return tok.doc[tok.i:tok.i + 1]


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


@lru_cache(maxsize=8)
def dateline_place(doc) -> tuple[str, str | None] | None:
    """The dateline: a place in capitals at the start of a paragraph in the opening lines, followed
    by a dash or an agency in brackets ("WARSAW —", "SEOUL, South Korea (AP) —", "WASHINGTON/NEW
    YORK (Reuters) -")."""
    text = doc.text[:600]
    for m in re.finditer(r"(?:^|\n)\s*([A-Z][A-Z.'\- ]{2,40})(?:/[A-Z .]+)?(?:,\s*[A-Za-z. ]{2,30})?\s*"
                         r"(?:\([A-Za-z .]{2,30}\)\s*)?(?:—|–|-|--|―)", text):
        name = m.group(1).strip().title()
        hit = place_for(name)
        if hit and place_kind(name) in ("city", "landmark", "state"):
            return hit
        if hit:  # a country as dateline: too wide to say where a meeting was
            return None
    return None


# --- dates of what is to come ----------------------------------------------------------------

def date_to_come(ent) -> bool:
    """Is the date entity said in a clause of something still to come ("prepared to meet X
    Wednesday", "will be sworn in on Saturday", "is scheduled for Friday")?"""
    verb = ent.root.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _AHEAD:
        return True  # "prepared to meet X Wednesday"
    return verb.lemma_.lower() in _AHEAD and verb.tag_ in ("VBN", "VBZ", "VBP")


def trip_in_sentence(verb) -> tuple[str, str | None] | None:
    """"X arrived in Hanoi and met Y", "after landing in Seoul, X met Y": the trip the meeting
    verb is joined to in its own sentence."""
    verbs = trip_verbs()
    near = []
    if verb.dep_ == "conj" and verb.head.i < verb.i:
        near.append(verb.head)
    for child in verb.children:
        if child.dep_ == "advcl" and child.i < verb.i:
            near.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("after", "upon", "on"):
            near.extend(g for g in child.children if g.dep_ == "pcomp")
    for v in near:
        lemma = v.lemma_.lower()
        if lemma in verbs and not _to_come(v):
            where = _destination(v, verbs[lemma])
            if where:
                return where
    return None


# --- trips -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Trip:
    token: int            # the trip verb
    sentence: int         # index of its sentence in doc.sents
    people: tuple[str, ...]
    place: str
    country: str | None
    date: str | None      # the day its clause gives
    paragraph: int        # index of its paragraph


class Trips:
    """Who went where, in text order, for one doc. `subject_of(verb, people)` gives a verb's
    people, `date_of(verb)` the day its clause says (ISO) or None."""

    def __init__(self, doc, people, subject_of, date_of):
        self.doc = doc
        self._sent_starts = [s.start for s in doc.sents]
        self._breaks = [t.i for t in doc if t.is_space and "\n" in t.text]
        self.trips: list[Trip] = []
        days: dict[int, str | None] = {}
        verbs = trip_verbs()
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or lemma not in verbs or _to_come(tok) or _after_the_event(tok):
                continue
            where = _destination(tok, verbs[lemma])
            if where is None:
                continue
            who = tuple(subject_of(tok, people))
            if who:
                day = date_of(tok)
                if day is None and tok.dep_ == "conj" and tok.head.i in days:
                    day = days[tok.head.i]  # "arrived in Tel Aviv on Thursday and headed for Jerusalem"
                last = next((t for t in reversed(self.trips) if set(t.people) & set(who)), None)
                if day is None and last is not None and last.place == where[0]:
                    day = last.date  # "... headed for Jerusalem. X said in Jerusalem": still that day
                days[tok.i] = day
                self.trips.append(Trip(tok.i, self._sentence_of(tok.i), who, where[0], where[1],
                                       day, self._paragraph_of(tok.i)))

    def _sentence_of(self, i: int) -> int:
        return max(bisect_left(self._sent_starts, i + 1) - 1, 0)

    def _paragraph_of(self, i: int) -> int:
        return bisect_left(self._breaks, i)

    def place_before(self, token: int, names, day: str | None) -> tuple[str, str | None] | None:
        """Where the last trip before `token` of one of `names` went, when it tells of the same
        days: in the same paragraph, or dated up to three days before the meeting's `day`."""
        here = self._sentence_of(token)
        paragraph = self._paragraph_of(token)
        for trip in reversed(self.trips):
            if trip.token >= token or here - trip.sentence > _TRIP_SENTENCES or not set(trip.people) & set(names):
                continue
            if trip.paragraph == paragraph and (trip.date is None or day is None or trip.date <= day):
                return trip.place, trip.country
            if trip.date and day and len(trip.date) == len(day) == 10 and _days_between(trip.date, day) in range(4):
                return trip.place, trip.country
            return None  # the traveller's last trip says nothing of this meeting's days
        return None


    def day_before(self, token: int, names) -> str | None:
        """The day of the last trip of one of `names` in the three sentences before `token`, when
        its clause gives one ("X arrived in Tel Aviv on Thursday and headed for Jerusalem. ... He met
        Y first.")."""
        here = self._sentence_of(token)
        for trip in reversed(self.trips):
            if trip.token >= token or not set(trip.people) & set(names):
                continue
            if here - trip.sentence > 3:
                return None
            if trip.date and len(trip.date) == 10:
                return trip.date
        return None


def _days_between(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def _after_the_event(verb) -> bool:
    """"before he landed in London", "until he flew home": a trip after what the sentence tells."""
    if any(c.dep_ == "mark" and c.lower_ in ("before", "until") for c in verb.children):
        return True
    return verb.dep_ == "pcomp" and verb.head.lower_ in ("before", "until")


def _to_come(verb) -> bool:
    if verb.tag_ in ("VB", "VBZ", "VBP") and not any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children):
        return True  # "will fly to", "to travel to", "flies to": not yet there
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in verb.children)


def _destination(verb, preps: frozenset[str]) -> tuple[str, str | None] | None:
    """The place a trip verb goes to: its "to"/"in" phrase or its object, a place of the gazetteer
    or one the tagger marks as a place."""
    tokens = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            tokens.extend(child.subtree)
        elif child.dep_ == "dobj" and "-" in preps:
            tokens.extend(child.subtree)
    if not tokens:
        return None
    return place_in(tokens, verb) or _plain_place(tokens)


def _plain_place(tokens) -> tuple[str, str | None] | None:
    """A place object of "visited X" (not locative, so place_in leaves it)."""
    for t in tokens:
        if t.ent_type_ in ("GPE", "FAC", "LOC") and t.ent_iob_ == "B":
            span = _entity_span(t)
            return place_for(span.text) or (_strip_the(span.text), None)
    return None
