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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

from spacy.matcher import DependencyMatcher

from kg.facts import Meeting


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str
    a: str          # "subject" (default), "none" (b's names met each other), "only" (a's names did)
    roles: str      # "", "a-hosts", "a-visits"
    example: str
    pairs: tuple[tuple[str, str], ...]
    spec: tuple     # the DependencyMatcher pattern (list of node dicts), as loaded


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
                           roles=row.get("roles", ""), example=row["example"],
                           pairs=tuple(tuple(p) for p in row.get("pairs", ())), spec=tuple(row["pattern"])))
    return tuple(out)


_PHONE_WORDS = {"call", "calls", "phone", "telephone"}  # "told X in a phone call": a call, whatever the pattern
_MATCHERS: dict[int, DependencyMatcher] = {}


def _matcher(vocab) -> DependencyMatcher:
    """One matcher per vocabulary (the pipeline's), built on first use."""
    matcher = _MATCHERS.get(id(vocab))
    if matcher is None:
        matcher = DependencyMatcher(vocab)
        for p in patterns():
            matcher.add(p.name, [list(p.spec)])
        _MATCHERS.clear()
        _MATCHERS[id(vocab)] = matcher
    return matcher


def pattern_meetings(doc, article, people, rules: MeetingRules, skip: set[int] = frozenset()) -> list[Meeting]:
    """Meetings the patterns find in `doc`; tokens in `skip` (pasted link blurbs) are left out."""
    by_name = {p.name: p for p in patterns()}
    found: list[Meeting] = []
    seen: set[tuple[str, int]] = set()
    for match_id, token_ids in _matcher(doc.vocab)(doc):
        pattern = by_name[doc.vocab.strings[match_id]]
        nodes = {spec["RIGHT_ID"]: doc[i] for spec, i in zip(pattern.spec, token_ids)}
        tok = nodes["trigger"]
        if tok.i in skip or (pattern.name, tok.i) in seen:
            continue
        seen.add((pattern.name, tok.i))
        m = _meeting(pattern, nodes, article, people, rules)
        if m is not None:
            found.append(m)
    return found


def _meeting(pattern: Pattern, nodes: dict, article, people, rules: MeetingRules) -> Meeting | None:
    tok = nodes["trigger"]
    gov = _governor(tok)
    other = rules.names(nodes["b"], people) if "b" in nodes else []
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


def _governor(tok):
    """The verb a trigger noun hangs on ("took a call from X" → took); a verb is its own."""
    gov = tok
    for _ in range(3):
        if gov.pos_ in ("VERB", "AUX") or gov.head.i == gov.i:
            break
        gov = gov.head
    return gov if gov.pos_ in ("VERB", "AUX") else tok
