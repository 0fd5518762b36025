"""Membership constructions as data: spaCy Matcher patterns in kg/data/membership_patterns.json.

Each pattern is a list of token specs; besides spaCy's own keys, a few macros stand for the
things the rules talk about:

  "PERSON"        a named person (a mention of the article's PeopleIndex) — the member
  "OTHER_PERSON"  a named person who is not the member ("Mr. Trump's Democratic opponent")
  "PARTY"         a party name (doc.spans["kg_parties"])
  "TITLE*"        any titles or honorifics before a name ("Senate Majority Leader", "Sen.")
  "PERSON_NOUN"   a noun for a political person (senator, candidate, official…; the file's list)

A pattern's "list" says whether the names joined to the member by commas and "and" share the
party: "forward" ("Republicans A of Colorado and B of Nebraska"), "backward" ("A and B, both
Republicans") or "none". Every pattern carries an example sentence of our own and the
memberships it must yield (tests/test_extract_memberships.py checks each).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher
from spacy.tokens import Token

_FLAGS = ("kg_party", "kg_person", "kg_pretitle", "kg_person_noun")
for _flag in _FLAGS:
    if not Token.has_extension(_flag):
        Token.set_extension(_flag, default=False)

# honorifics and styles that may stand before a name without being in the titles lexicon
_HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sen.", "rep.", "gov.", "sens.", "reps.",
               "former", "then", "state", "u.s.", "us", "house", "senate"}


@lru_cache(maxsize=1)
def membership_patterns() -> dict:
    """The pattern file, parsed: {"person_nouns": [...], "patterns": [{name, example, expect, list, pattern}]}."""
    text = resources.files("kg").joinpath("data", "membership_patterns.json").read_text(encoding="utf-8")
    return json.loads(text)


def _expand(spec):
    """A pattern element → (spaCy token spec, label or None)."""
    macros = {
        "PERSON": ({"_": {"kg_person": True}, "OP": "+"}, "person"),
        "OTHER_PERSON": ({"ENT_TYPE": "PERSON", "OP": "+"}, None),
        "PARTY": ({"_": {"kg_party": True}, "OP": "+"}, "party"),
        # a party word naming one person ("Democrat"), not the party's members ("Democrats")
        "PARTY_ONE": ({"_": {"kg_party": True}, "TAG": {"NOT_IN": ["NNS", "NNPS"]},
                       "LOWER": {"NOT_IN": ["democrats", "republicans", "tories", "dems", "conservatives"]},
                       "OP": "+"}, "party"),
        "TITLE*": ({"_": {"kg_pretitle": True}, "OP": "*"}, None),
        "PERSON_NOUN": ({"_": {"kg_person_noun": True}}, None),
    }
    if isinstance(spec, str):
        return macros[spec]
    return spec, None


@lru_cache(maxsize=4)
def _matcher(vocab):
    matcher = Matcher(vocab)
    labels: dict[str, tuple[list[str | None], str]] = {}
    for entry in membership_patterns()["patterns"]:
        specs, roles = zip(*(_expand(s) for s in entry["pattern"]))
        matcher.add(entry["name"], [list(specs)], greedy="LONGEST")
        labels[entry["name"]] = (list(roles), entry.get("list", "none"))
    return matcher, labels


def _mark(doc, people, party_spans, title_tokens) -> None:
    nouns = frozenset(membership_patterns()["person_nouns"])
    for sp in party_spans:
        for t in sp:
            t._.kg_party = True
    for start, end, _ in people.mentions():
        for t in doc[start:end]:
            t._.kg_person = True
    for tok in doc:
        if tok.i in title_tokens or tok.lower_ in _HONORIFICS:
            tok._.kg_pretitle = True
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in nouns:
            tok._.kg_person_noun = True


def pattern_memberships(doc, people, party_spans, title_tokens) -> list[tuple[str, str, int, str]]:
    """(person, party, token index, rule) for every match of the pattern file in the doc."""
    if not party_spans:
        return []
    _mark(doc, people, party_spans, title_tokens)
    matcher, labels = _matcher(doc.vocab)
    party_at = {t: sp.label_ for sp in party_spans for t in range(sp.start, sp.end)}
    mentions = people.mentions()
    by_start = {s: (e, n) for s, e, n in mentions}
    by_end = {e: (s, n) for s, e, n in mentions}
    out = []
    for match_id, start, end, align in matcher(doc, with_alignments=True):
        name = doc.vocab.strings[match_id]
        roles, spread = labels[name]
        person_toks = [start + k for k, a in enumerate(align) if roles[a] == "person"]
        party_toks = [start + k for k, a in enumerate(align) if roles[a] == "party"]
        if not person_toks or not party_toks:
            continue
        party = party_at[party_toks[0]]
        first = people.name_for(doc[person_toks[0]])
        if not first:
            continue
        member_starts = [next((s for s in by_start if s <= person_toks[0] < by_start[s][0]), person_toks[0])]
        if spread == "forward":
            member_starts += _names_after(doc, by_start[member_starts[0]][0], by_start) \
                if member_starts[0] in by_start else []
        elif spread == "backward":
            member_starts += _names_before(doc, member_starts[0], by_end)
        for k, s in enumerate(member_starts):
            person = people.name_for(doc[s])
            if person:  # names listed beside the matched one share its party only if none other is said
                out.append((person, party, s, f"membership:{name}" + ("+list" if k else "")))
    return out


_JOINERS = {",", "and", "&"}


def _skip_aside(doc, i: int, limit: int) -> int:
    """After a name: skip "of Colorado", "(R-Texas)", ", D-Calif." so the list can go on."""
    if i < limit and doc[i].lower_ in ("of", "from") and i + 1 < limit and doc[i + 1].ent_type_ == "GPE":
        i += 1
        while i < limit and doc[i].ent_type_ == "GPE":
            i += 1
    if i < limit and doc[i].text == "(":
        j = i
        while j < limit and j - i < 8 and doc[j].text != ")":
            j += 1
        if j < limit and doc[j].text == ")":
            i = j + 1
    return i


def _names_after(doc, end: int, by_start) -> list[int]:
    """Starts of the names listed after one ending at `end`: ", B and C" (bounded by the sentence)."""
    out, i = [], end
    limit = min(len(doc), end + 40)  # not the sentence: "Sens." often ends one where the list goes on
    for _ in range(12):
        i = _skip_aside(doc, i, limit)
        j = i
        while j < limit and j - i < 3 and doc[j].lower_ in _JOINERS:
            j += 1
        if j == i:
            break
        while j < limit and doc[j]._.kg_pretitle and not doc[j]._.kg_person:
            j += 1
        if j not in by_start:
            break
        out.append(j)
        i = by_start[j][0]
    return out


def _names_before(doc, start: int, by_end) -> list[int]:
    """Starts of the names listed before one starting at `start`: "A, B and" (bounded by the sentence)."""
    out, i = [], start
    floor = doc[start].sent.start
    for _ in range(12):
        j = i - 1
        while j >= floor and j >= i - 2 and doc[j]._.kg_pretitle and not doc[j]._.kg_person:
            j -= 1
        k = j
        while k >= floor and j - k < 3 and doc[k].lower_ in _JOINERS:
            k -= 1
        if k == j or k + 1 not in by_end:
            break
        s = by_end[k + 1][0]
        out.append(s)
        i = s
    return out
