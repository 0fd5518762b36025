"""Membership constructions as data: spaCy Matcher patterns in kg/data/membership_patterns.json.

Each pattern is a list of token specs; besides spaCy's own keys, a few macros stand for the
things the rules talk about:

  "PERSON"        a named person (a mention of the article's PeopleIndex) — the member
  "OTHER_PERSON"  a named person who is not the member ("Mr. Trump's Democratic opponent")
  "PARTY"         a party name (doc.spans["kg_parties"])
  "TITLE*"        any titles or honorifics before a name ("Senate Majority Leader", "Sen.")
  "PERSON_NOUN"   a noun for a political person (senator, candidate, official…; the file's list)
  "NAME"          a person's name the people index may have missed ("Herzog's"), known by its surname
A plain spaCy spec may carry "LABEL": "party" (or "person") to say which thing it is.

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

from kg.extract.docindex import ent_at

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
        # a name the people index may have missed ("Herzog's"): resolved by its surname
        "NAME": ({"POS": "PROPN", "IS_TITLE": True, "_": {"kg_party": False}, "OP": "+"}, "person"),
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
    spec = dict(spec)
    return spec, spec.pop("LABEL", None)  # {"LABEL": "party", ...}: a spaCy spec that is the party


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
    for ent in doc.ents:  # a state before a title: "former New Jersey Gov. X"
        if ent.label_ == "GPE" and ent.end < len(doc) and doc[ent.end]._.kg_pretitle:
            for t in ent:
                t._.kg_pretitle = True


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
        first = _name_of(doc, person_toks, people, mentions)
        if not first:
            continue
        member_starts = [next((s for s in by_start if s <= person_toks[0] < by_start[s][0]), person_toks[0])]
        if spread == "forward":
            member_starts += _names_after(doc, by_start[member_starts[0]][0], by_start) \
                if member_starts[0] in by_start else []
        elif spread == "backward":
            member_starts += _names_before(doc, member_starts[0], by_end)
        for k, s in enumerate(member_starts):
            person = people.name_for(doc[s]) or (first if k == 0 else None)
            if person:  # names listed beside the matched one share its party only if none other is said
                out.append((person, party, s, f"membership:{name}" + ("+list" if k else "")))
    return out


def _name_of(doc, toks: list[int], people, mentions) -> str | None:
    """The person a matched name is: the index's, else the one named person whose last word it is."""
    name = people.name_for(doc[toks[-1]])
    if name:
        return name
    last = doc[toks[-1]].text
    names = {n for _, _, n in mentions if n.split()[-1] == last}
    return names.pop() if len(names) == 1 else None


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


_MEMBER_NOUNS = {"democrat", "republican", "tory", "conservative", "socialist"}  # one member, said alone


def back_references(doc, people, party_spans, parties_of) -> list[tuple[str, str, int, str]]:
    """ "the Delaware Democrat said", "the Ohio Republican's bill": a state's party member standing for a person
    named shortly before. The person is the nearest one named in that sentence or the two before
    whose party is not known to differ and whose state, where said, is the phrase's state.
    `parties_of(name)` gives the parties already found for a person."""
    out = []
    mentions = people.mentions()
    for sp in party_spans:
        start = sp.start
        while start > 0 and doc[start - 1].ent_type_ == "GPE" and sp.start - start < 3:
            start -= 1
        if start == 0 or doc[start - 1].lower_ != "the" or sp.end >= len(doc):
            continue
        if doc[sp.end - 1].lower_ not in _MEMBER_NOUNS or doc[sp.end - 1].dep_ in ("compound", "amod"):
            continue  # "the Democrats", "the GOP", "the DNC": the party, not one member
        nxt = doc[sp.end]
        if nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or nxt.ent_type_ == "PERSON" or nxt.text in ("-", "\u2013") \
                or (nxt.text == "," and sp.end + 1 < len(doc) and doc[sp.end + 1]._.kg_person):
            continue  # "the Republican plan", "the Democrat, X": not standing alone for a person
        state = doc[start:sp.start].text or None
        if state is None:
            continue  # a bare "the Democrat" is as often a rival or a hypothetical nominee
        floor = doc[start].sent.start
        for _ in range(2):
            if floor > 0:
                floor = doc[floor - 1].sent.start
        # the subject of the phrase's own clause is not who it stands for ("X donated to the Ohio Democrat")
        clause = next((a for a in doc[sp.end - 1].ancestors if a.pos_ in ("VERB", "AUX")), None)
        own_subjects = {c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")} if clause is not None else set()
        candidates = []
        for s, e, name in reversed(mentions):
            if e > start - 1:
                continue  # named after the phrase
            if s < floor:
                break
            known = parties_of(name)
            if known and sp.label_ not in known:
                continue  # another party's member: not the one meant
            if state and _state_of(doc, s, e) not in (None, state):
                continue  # "Ohio Rep. X" is not "the Wisconsin Republican"
            if doc[s:e].root.i in own_subjects:
                continue
            # a politician: one with an office or already of this party ("the Ohio Democrat" is not an aide)
            if not known and not any(m.country == "United States" for m in people.offices_of(name)):
                continue
            candidates.append((s, name))
        if candidates:  # the nearest
            out.append((candidates[0][1], sp.label_, candidates[0][0], "membership:back-reference"))
    return out


def _state_of(doc, start: int, end: int) -> str | None:
    """The state said beside a name: "Ohio Rep. X", "X of Ohio"."""
    i = start - 1
    while i >= 0 and start - i <= 3 and doc[i]._.kg_pretitle:
        i -= 1
    if i >= 0 and start - i <= 4 and doc[i].ent_type_ == "GPE":
        return _gpe_text(doc, i)
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "GPE":
        return _gpe_text(doc, end + 1)
    return None


def _gpe_text(doc, i: int) -> str:
    ent = ent_at(doc, i)
    return ent.text if ent is not None else doc[i].text
