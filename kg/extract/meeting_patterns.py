"""Meeting constructions kept as data: spaCy DependencyMatcher patterns in
kg/data/meeting_patterns.jsonl, one named pattern a line with its own example sentence.

The lexicon of kg/extract/meetings.py finds a meeting from a trigger word and its arguments;
some constructions say "met" without such a word ("joined X for dinner", "played host to X",
"a meeting attended by A, B and C", "the participants were A, B and C"). Each of those is a
pattern here, reviewable on its own line like an Odin rule or a PETRARCH dictionary entry.

A pattern names its nodes: "trigger" (whose clause gives the meeting's status, date and place)
and "b" (the people on the other side, with their coordinated names). Side "a" is node "a"
when the pattern has one, else the possessor of a trigger noun ("his call from X"), else the
subject of the trigger's verb. The candidate goes through the same status, date and place logic
as the lexicon's meetings (`MeetingRules.build`, given by kg/extract/meetings.py), so a planned,
refused or background meeting is told the same way.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Callable

from spacy.matcher import DependencyMatcher, Matcher

from kg.facts import Meeting


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str
    a: str          # "subject" (default), "none" (b's names met each other), "only" (a's names did)
    roles: str      # "", "a-hosts", "a-visits"
    unowned: bool   # the trigger must have no possessor ("X said a meeting with Y ...": X's own)
    example: str
    pairs: tuple[tuple[str, str], ...]
    spec: tuple     # the DependencyMatcher pattern (list of node dicts), as loaded
    surface: bool   # a token Matcher pattern instead: its first token is the trigger, the names listed
                    # right after the match are the people ("a meeting between A and then-Minister B")


@dataclass(frozen=True)
class MeetingRules:
    """What the patterns borrow from kg/extract/meetings.py (passed in, so the import points one way)."""
    names: Callable       # token → canonical names (coordination, appositions)
    subject: Callable     # verb → names of its subject
    build: Callable       # (tok, gov, participants, kind, hosts, visitors, article, rule, confidence) → Meeting


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    text = resources.files("kg").joinpath("data", "meeting_patterns.jsonl").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        row = json.loads(line)
        out.append(Pattern(name=row["name"], kind=row["kind"], a=row.get("a", "subject"),
                           roles=row.get("roles", ""), unowned=row.get("unowned", False), example=row["example"],
                           pairs=tuple(tuple(p) for p in row.get("pairs", ())), spec=tuple(row["pattern"]),
                           surface=row.get("matcher") == "token"))
    return tuple(out)


_PHONE_WORDS = {"call", "calls", "phone", "telephone"}  # "told X in a phone call": a call, whatever the pattern
_MATCHERS: dict[int, tuple[DependencyMatcher, Matcher]] = {}


def _matchers(vocab) -> tuple[DependencyMatcher, Matcher]:
    """One pair of matchers (tree, surface) per vocabulary (the pipeline's), built on first use."""
    pair = _MATCHERS.get(id(vocab))
    if pair is None:
        pair = DependencyMatcher(vocab), Matcher(vocab)
        for p in patterns():
            (pair[1] if p.surface else pair[0]).add(p.name, [list(p.spec)])
        _MATCHERS.clear()
        _MATCHERS[id(vocab)] = pair
    return pair


def pattern_meetings(doc, article, people, rules: MeetingRules, skip: set[int] = frozenset()) -> list[Meeting]:
    """Meetings the patterns find in `doc`; tokens in `skip` (pasted link blurbs) are left out."""
    by_name = {p.name: p for p in patterns()}
    found: list[Meeting] = []
    seen: set[tuple[str, int]] = set()
    tree, surface = _matchers(doc.vocab)
    matches = [(m, ids) for m, ids in tree(doc)] + [(m, [start, end]) for m, start, end in surface(doc)]
    for match_id, token_ids in matches:
        pattern = by_name[doc.vocab.strings[match_id]]
        if pattern.surface:
            nodes = {"trigger": doc[token_ids[0]], "after": token_ids[1]}
        else:
            nodes = {spec["RIGHT_ID"]: doc[i] for spec, i in zip(pattern.spec, token_ids)}
        tok = nodes["trigger"]
        if tok.i in skip or (pattern.name, tok.i) in seen:
            continue
        seen.add((pattern.name, tok.i))
        m = _meeting(pattern, nodes, article, people, rules)
        if m is not None:
            found.extend(_as_told(m, nodes))
    return found


def _meeting(pattern: Pattern, nodes: dict, article, people, rules: MeetingRules) -> Meeting | None:
    tok = nodes["trigger"]
    gov = _governor(tok)
    if pattern.unowned and any(c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_ == "PERSON")
                               for c in tok.children):
        return None  # "X said Y's meeting with Z went well": Y's meeting, not X's
    other = rules.names(nodes["b"], people) + _with_names(nodes, people, rules) if "b" in nodes else []
    if "after" in nodes:
        other = listed_after(tok.doc, nodes["after"], tok.sent.end, people)
    if pattern.a == "none":
        side = []
    elif "a" in nodes:
        side = rules.names(nodes["a"], people)
    else:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        side = rules.names(owner, people) if owner is not None else rules.subject(gov, people)
        if not side and owner is not None:
            side = rules.subject(gov, people)
    if pattern.a == "only":
        other = []
    elif pattern.a != "none" and not side:
        return None  # one side unnamed: the people of the other side did not meet each other
    participants = list(dict.fromkeys(side + other))
    if len(participants) < 2:
        return None
    others = tuple(p for p in other if p not in side)
    hosts, visitors = (), ()
    if pattern.roles == "a-hosts":
        hosts, visitors = tuple(side), others
    elif pattern.roles == "a-visits":
        hosts, visitors = others, tuple(side)
    kind = "call" if {t.lower_ for t in tok.subtree} & _PHONE_WORDS else pattern.kind
    return rules.build(tok, gov, participants, kind, hosts, visitors, article,
                       f"meeting:pattern-{pattern.name}", 0.7)


_MODALS = {"will", "would", "could", "may", "might", "can", "should", "shall", "must", "'ll"}


def _as_told(m: Meeting, nodes: dict) -> list[Meeting]:
    """A negation or a modal on any word of the match, not only on the trigger's own clause,
    tells what became of the meeting ("a trip that will include meetings with X")."""
    words = [t for t in nodes.values() if hasattr(t, "children")]
    if any(c.dep_ == "neg" for t in words for c in t.children):
        return []
    if m.status == "happened" and any(c.dep_ == "aux" and c.lower_ in _MODALS for t in words for c in t.children):
        return [replace(m, status="planned", confidence=m.confidence * 0.7)]
    return [m]


def _with_names(nodes: dict, people, rules: MeetingRules) -> list[str]:
    """People a "with" phrase adds to the other side: "hosted a dinner for X with Y", "for X with Y"."""
    out = []
    for key in ("trigger", "b", "meal", "event"):
        if key in nodes:
            for prep in nodes[key].children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    out.extend(n for g in prep.children if g.dep_ == "pobj" for n in rules.names(g, people))
    return out


_LIST_GLUE = {",", "and", "then", "-", "–", "former", "late", "the"}
_LIST_LIMIT = 30  # tokens an enumeration of names may run over


def listed_after(doc, start: int, end: int, people, glue=_LIST_GLUE, limit: int | None = _LIST_LIMIT,
                 nationalities: bool = True) -> list[str]:
    """Names enumerated from `start` on ("A and then-Attorney General B"): names, with `glue` words,
    untagged proper nouns and (if `nationalities`) nationality words between them; anything else
    ends the list, and so does `limit` tokens."""
    names: list[str] = []
    i = start
    end = end if limit is None else min(end, start + limit)
    while i < end:
        t = doc[i]
        if t.ent_type_ == "PERSON":
            name = people.name_for(t)
            if not name:
                break
            if name not in names:
                names.append(name)
            i += 1
            while i < end and doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "I":
                i += 1
            continue
        if t.lower_ in glue or (t.pos_ == "PROPN" and not t.ent_type_) or (nationalities and t.ent_type_ == "NORP"):
            i += 1
            continue
        break
    return names


def _governor(tok):
    """The verb a trigger noun hangs on ("took a call from X" → took); a verb is its own."""
    gov = tok
    for _ in range(3):
        if gov.pos_ in ("VERB", "AUX") or gov.head.i == gov.i:
            break
        gov = gov.head
    return gov if gov.pos_ in ("VERB", "AUX") else tok
