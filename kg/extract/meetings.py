"""Meeting facts: who met whom, when, where, and how (meeting, visit, host, call, summit).

A trigger (kg/data/meeting_triggers.tsv) is a verb ("met", "hosted", "spoke by phone") or
a noun ("talks", "a summit", "a phone call"). Its people come from the dependency tree:
subject, object, "with"/"to"/"between" phrases, coordination ("X and Y met"), "including"
lists, the agent of a passive ("was received by Y"), a possessor ("his meeting with Kim")
and, for nouns, the subject of the clause they hang on ("X held talks with Y"). Every
mention becomes a canonical name through the article's PeopleIndex (names, titles,
pronouns); group references ("the two leaders", "they", "the freed Americans") go to the
people named just before (or listed next to a plural noun nearby), never to the meeting's
other participants. Negated or refused meetings are dropped; planned or hypothetical ones get
status "planned". "X spoke to A and B" is two conversations; "X met A and B" one meeting.

Dates and places come first from the trigger's clause, then its sentence. An undated meeting
that happened then takes, in order (`_in_context`):
1. a date stated in the one or two sentences before it in the same paragraph;
2. the story's own day — the first date of the opening lines that falls in the week up to
   publication, else the publication date — when the report is in the past tense without a
   sign of old news ("had met", "has met", "previously", "last", "ago"...), at lower confidence.
   This is the lede convention (GDELT dates events the same way); it is applied to every
   past-tense meeting rather than only to the first two sentences because news reports tell
   the day's events without repeating the day. On the dev set it lifts date accuracy from
   0.67 to 0.93 without changing precision (the date never decides whether a meeting is kept).
A meeting without a place takes the place of another meeting (not a call) of one of its people
on the same day: a person is in one place on one day.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date
from functools import lru_cache

from kg.article import Article
from kg.extract.bounded import bounded
from kg.extract.blurbs import link_blurbs
from kg.extract.dates import resolve_date
from kg.extract.docindex import ents_starting, last_year_before, span_ents
from kg.extract.geo import data_rows
from kg.extract.meeting_checks import one_side_unnamed, principal_pairs, without_places, without_subsumed
from kg.extract.meeting_patterns import MeetingRules, listed_after, pattern_meetings
from kg.extract.meeting_refs import ranked_reference, reported_speaker
from kg.extract.meeting_people import leaders_of, next_sentence_people, object_pronoun, title_word_reference
from kg.extract.meeting_context import Trips, compound_locative, dateline_place, date_to_come, noun_place, trip_in_sentence, where_place
from kg.extract.places import place_in
from kg.facts import Evidence, Meeting
from kg.nlp.lexicons import known_by_surname, known_person

_NEGATORS = {"refuse", "decline", "cancel", "deny", "reject", "scrap", "rule", "avoid", "snub", "postpone",
             "shun", "boycott", "skip", "abandon", "fail", "call"}
_PLANNERS = {"plan", "hope", "expect", "want", "agree", "schedule", "intend", "seek", "aim", "prepare", "set",
             "propose", "offer", "invite", "try", "wish", "like", "arrange", "due", "slate", "look", "consider",
             "would", "will", "could", "may", "might", "can", "should", "shall", "must", "need", "ask", "urge",
             "request", "suggest", "push", "vow", "promise", "insist", "threaten", "tentative", "possible",
             "invitation", "opportunity", "chance", "prospect"}  # "an invitation for X to meet Y"
_INSTRUCTING = {"say", "tell", "ask", "order", "direct", "instruct", "advise", "encourage", "urge"}
_BEFORE = {"before", "ahead"}  # "ahead of his meeting with X": a meeting still to come, as a rule
_MODALS = {"will", "would", "could", "may", "might", "can", "should", "shall", "must", "'ll", "wo", "ca"}
_PLANNED_NOUN_MODS = {"upcoming", "planned", "proposed", "possible", "potential", "future", "next", "expected",
                      "anticipated", "scheduled", "prospective", "forthcoming", "coming", "mooted", "likely"}
_PHONE = {"phone", "telephone", "call", "calls", "phoned", "telephoned"}
_GROUP_WORDS = {"leaders", "men", "presidents", "sides", "officials", "both", "they", "two", "pair", "their",
                "them", "heads", "counterparts"}
_ONE_TO_ONE = {"talk", "speak", "call", "phone", "telephone"}  # verbs of conversations held one by one
_TEMPORAL_PREPS = {"during", "after", "following", "since", "at"}
_RELATIVE = {"who", "that", "which", "whom"}
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
_HOSTING = {"host", "chair", "convene", "broker", "mediate"}
_QUOTES = {'"', "“", "”", "'", "‘", "’"}


@lru_cache(maxsize=1)
def _triggers() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(verb lemma → (kind, subject role), noun form or lemma → (kind, subject role))."""
    verbs, nouns = {}, {}
    for row in data_rows("meeting_triggers.tsv"):
        lemma, pos, kind, role = (row + ["", "", ""])[:4]
        (verbs if pos == "VERB" else nouns)[lemma] = (kind, role)
    return verbs, nouns


@lru_cache(maxsize=1)
def _context_words() -> dict[str, frozenset[str]]:
    """kind → words, from kg/data/meeting_context_words.tsv (travel, membership, event_mark)."""
    out: dict[str, set[str]] = {}
    for row in data_rows("meeting_context_words.tsv"):
        if len(row) >= 2:
            out.setdefault(row[1], set()).add(row[0])
    return {k: frozenset(v) for k, v in out.items()}


def extract_meetings(doc, article: Article, people) -> list[Meeting]:
    verbs, nouns = _triggers()
    found: list[Meeting] = []
    junk = link_blurbs(doc)
    for tok in doc:
        if tok.i in junk:
            continue
        if tok.pos_ in ("VERB", "AUX") and _verb_lemma(tok, verbs):
            kind, role = verbs[_verb_lemma(tok, verbs)]
            m = _verb_meeting(tok, kind, role, article, people)
        elif tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in nouns or tok.lemma_.lower() in nouns):
            kind, role = nouns.get(tok.lower_) or nouns[tok.lemma_.lower()]
            m = _noun_meeting(tok, kind, article, people)
        else:
            continue
        if isinstance(m, list):
            found.extend(m)
        elif m is not None:
            found.append(m)
    found.extend(pattern_meetings(doc, article, people, MeetingRules(_names, _subject, _build), junk))
    found = principal_pairs(without_subsumed(without_places(found, doc)), people)
    found = _merge(_in_context(_merge(found), doc, article, people))
    # a meeting that happened cannot be dated after the report of it
    return [replace(m, date=None) if m.status == "happened" and m.date and _after_publication(m.date, article)
            else m for m in found]


def _verb_lemma(tok, verbs) -> str | None:
    """The trigger lemma of a verb; a trigger mistagged as an auxiliary keeps its inflected form as
    lemma ("welcomed"), so its stem is tried too."""
    lemma = tok.lemma_.lower()
    if lemma in verbs:
        return lemma
    if tok.pos_ == "AUX" and tok.dep_ == "aux":
        for stem in (tok.lower_[:-1], tok.lower_[:-2]):
            if stem in verbs:
                return stem
    if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN", "VBG"):
        # the lemmatizer clips some rarer verbs ("dined" → "din"): try the inflection's own stems
        low = tok.lower_
        stems = (low[:-1], low[:-2]) if low.endswith("ed") else (low[:-3], low[:-3] + "e") if low.endswith("ing") else ()
        for stem in stems:
            if stem in verbs:
                return stem
    return None


# --- people ---------------------------------------------------------------------------------

@bounded(list)
def _names(tok, people, seen: set[int] | None = None) -> list[str]:
    """Canonical names of the people an argument token stands for, following coordination,
    appositions and "including"/"such as" lists."""
    seen = set() if seen is None else seen
    if tok.i in seen or tok.i in link_blurbs(tok.doc):
        return []  # a name in a pasted link blurb is not one of the story's people
    seen.add(tok.i)
    out: list[str] = []
    name = _name_of(tok, people)
    if name:
        out.append(name)
    for child in tok.children:
        if child.dep_ in ("conj", "appos"):
            out.extend(_names(child, people, seen))
        elif child.dep_ == "prep" and child.lower_ in ("including", "like", "as", "among"):
            for g in child.children:
                if g.dep_ == "pobj":
                    out.extend(_names(g, people, seen))
    return list(dict.fromkeys(out))


def _listed(tok, people) -> list[str]:
    """Names in an "including"/"such as" list under an argument (the argument itself is generic)."""
    for t in [tok] + [g for g in tok.children if g.dep_ == "pobj"]:
        if people.name_for(t):
            continue
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ in ("including", "like", "as", "among"):
                return [n for g in child.children if g.dep_ == "pobj" for n in _names(g, people)]
    return []


@bounded(lambda: None)
def _name_of(tok, people) -> str | None:
    if tok.ent_type_ != "PERSON" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "any", "every", "another")
                                         for c in tok.children):
        return None  # "a summit with an American president": any holder, not the one named
    name = people.name_for(tok)
    if name:
        return name
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        return _name_of(tok.head.head, people)
    if tok.lower_ in _POSSESSIVE_PRONOUNS:
        return _possessive(tok, people)
    # a title phrase whose head is not the name: "Prime Minister [Shinzo] Abe of Japan", "the secretary"
    left = tok.doc[tok.left_edge.i: tok.i + 1]
    if len(left) > 1 and not any(t.dep_ == "poss" or t.tag_ == "POS" for t in left):
        name = people.name_for(left)
    if not name:
        for child in tok.children:
            if child.dep_ in ("compound", "nmod") and child.ent_type_ == "PERSON":
                return people.name_for(child)  # not a possessor: "Moon's evaluation" is not Moon
    if not name and (tok.pos_ == "PROPN" and not tok.ent_type_ or _surname_as_org(tok)):
        # a known surname the tagger missed once, or took for an organisation ("Trump said ...")
        name = _known_names(people).get(tok.text)
    if not name and tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG", "PERSON") and tok.dep_ != "compound" \
            and not any(c.dep_ == "compound" for c in tok.children):
        known = known_by_surname(tok.text)  # "Modi and Xi held a summit": a leader named by surname only
        name = known.name if known is not None else None
    if not name and tok.tag_ == "NN" and any(c.lower_ == "the" for c in tok.children) and hasattr(people, "offices_of"):
        name = _office_holder(tok, people)
    if not name and hasattr(people, "mentions"):
        # "the general" (introduced as "Gen. X"), "Y had called him"
        name = title_word_reference(tok, people) or object_pronoun(tok, people)
    return name or reported_speaker(tok, people) or ranked_reference(tok, people)


def _surname_as_org(tok) -> bool:
    """A lone capitalised word the tagger took for an organisation where a person stands ("Trump said")."""
    return tok.ent_type_ == "ORG" and tok.text[:1].isupper() and tok.dep_ in _ARGUMENT_DEPS \
        and not any(c.dep_ == "compound" for c in tok.children)


_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}


def _office_holder(tok, people) -> str | None:
    """"the secretary" → the person last named before it whose office starts with that word
    ("Secretary of State Hillary Clinton"); a fallback for title references the index leaves open."""
    word = tok.lower_
    holders = {p.name for p in people.persons
               if any((m.title or "").lower().split()[:1] == [word] for m in people.offices_of(p.name))}
    if not holders:
        return None
    before = [name for start, _, name in people.mentions() if start < tok.i and name in holders]
    return before[-1] if before else None


@lru_cache(maxsize=8)
def _known_names(people) -> dict[str, str]:
    """Surface form → person, for the one-word forms (surnames, aliases) that fit one person only."""
    out: dict[str, str | None] = {}
    for person in people.persons:
        for form in {person.name.split()[-1], *[a for a in person.aliases if " " not in a]}:
            out[form] = None if form in out and out[form] != person.name else person.name
    return {k: v for k, v in out.items() if v and k[:1].isupper()}


@bounded(lambda: None)
def _possessive(tok, people) -> str | None:
    """"his"/"her": the subject of its own clause when a person, else the person last named."""
    clause = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if clause is not None and clause.dep_ == "pcomp" and clause.head.dep_ == "prep" \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        # "Y thanked X for coming after his meeting": the one thanked did the coming
        for obj in clause.head.head.children:
            if obj.dep_ == "dobj" and _names(obj, people):
                return _names(obj, people)[0]
    if clause is not None:
        subj = _subject(clause, people)
        if subj:
            return subj[0]
    return _recent(tok, people, 1)[0] if _recent(tok, people, 1) else None


def _recent(tok, people, n: int, sentences: int = 3, officials: bool = False,
            exclude: tuple[str, ...] = (), heads: bool = False) -> list[str]:
    """The last `n` distinct people named (or referred to as "he"/"she") before `tok`, within its
    sentence and the `sentences` before it; `officials`: only people the article gives an office;
    `heads`: only heads of state or government."""
    doc = tok.doc
    lo = tok.sent.start
    prev = tok.sent
    for _ in range(sentences):
        if prev.start == 0:
            break
        prev = doc[prev.start - 1].sent
        lo = prev.start
    names: list[str] = []
    for t in reversed(doc[lo:tok.i]):
        if t.ent_type_ != "PERSON" and t.lower_ not in ("he", "she"):
            continue
        name = people.name_for(t)
        if not name or name in names or name in exclude:
            continue
        if n >= 2 and _incidental(t):
            continue  # "when Ryan ran on Romney's ticket. The two men ...": Romney is not one of the two
        if officials and hasattr(people, "offices_of") and not people.offices_of(name):
            continue
        if heads and hasattr(people, "offices_of") and not any(m.kind == "head" for m in people.offices_of(name)):
            continue
        names.append(name)
        if len(names) == n:
            break
    return names


def _incidental(t) -> bool:
    """A name that only owns the object of a preposition ("ran on Romney's ticket"): not an actor."""
    root = t
    while root.dep_ in ("compound", "flat") and root.head.i != root.i:
        root = root.head
    return root.dep_ == "poss" and root.head.dep_ == "pobj"


def _group(tok, people, exclude=()) -> list[str]:
    """"the two leaders", "they", "both": the two people named last (office holders for "leaders"),
    leaving out the meeting's other participants ("he met the two leaders" is not a meeting with
    himself); "the freed Americans": the names listed with a plural noun nearby."""
    words = {t.lower_ for t in tok.subtree} | {tok.lower_}
    exclude = tuple(exclude)
    led = leaders_of(tok, people, exclude) if hasattr(people, "persons") else []
    if len(led) >= 2:
        return led  # "the leaders of Russia, Turkey and Iran": the heads of those countries
    if tok.lower_ in ("leaders", "presidents", "premiers") and words == {"the", tok.lower_}:
        # "The leaders met ...": the two heads of state or government named just before, if only two
        heads = _recent(tok, people, 3, sentences=1, exclude=exclude, heads=True)
        if len(heads) == 2:
            return heads
    if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NNS", "NNPS"):
        listed = _enumeration(tok.doc, tok.right_edge.i + 1, tok.sent.end, people)
        if len(listed) >= 2:  # "two Asian allies — A and B": the names that follow
            return [n for n in listed if n not in exclude]
    if tok.lower_ in ("they", "their", "both", "them") or ("two" in words and words & _GROUP_WORDS):
        if words & {"leaders", "presidents", "heads", "counterparts"}:
            # "the two leaders": heads of state or government first (not the adviser named between them)
            for kw in ({"heads": True}, {"officials": True}):
                names = _recent(tok, people, 2, exclude=exclude, **kw)
                if len(names) == 2:
                    return names
            # "the two leaders" are two office holders (or well-known leaders), not any two people named last
            names = _recent(tok, people, 2, exclude=exclude)
            return names if all(_is_leader(n, people) for n in names) else []
        return _recent(tok, people, 2, exclude=exclude)
    return [n for n in _named_list(tok, people) if n not in exclude]


def _is_leader(name: str, people) -> bool:
    if hasattr(people, "offices_of") and people.offices_of(name):
        return True
    return known_person(name) is not None


def _named_list(tok, people) -> list[str]:
    """A definite plural noun phrase ("the freed Americans", "the three detainees") → the people an
    enumeration names nearby: a plural noun followed by two or more names ("three prisoners --
    A, B and C"), in the same sentence, the next one or the two before it, nearest first."""
    if tok.tag_ not in ("NNS", "NNPS") or not any(c.lower_ in ("the", "these", "those") for c in tok.children):
        return []
    doc = tok.doc
    sents = [tok.sent]
    if tok.sent.end < len(doc):
        sents.append(doc[tok.sent.end].sent)
    prev = tok.sent
    for _ in range(2):
        if prev.start == 0:
            break
        prev = doc[prev.start - 1].sent
        sents.append(prev)
    for sent in sents:
        for noun in sent:
            if noun.tag_ not in ("NNS", "NNPS") or noun.i == tok.i:
                continue
            names = _enumeration(doc, noun.i + 1, sent.end, people)
            if len(names) >= 2:
                return names
    return []


def _enumeration(doc, start: int, end: int, people) -> list[str]:
    """Names listed from `start` on: "-- A, B and C", ": A and B", "( A, B )"; stops at anything else."""
    i = start
    while i < end and doc[i].is_punct and doc[i].text in ("--", "-", "—", "–", ":", "(", ","):
        i += 1
    return listed_after(doc, i, end, people, glue=frozenset({",", "and"}), limit=None,
                        nationalities=False)


@bounded(list)
def _subject(verb, people) -> list[str]:
    """People of a verb's subject; for a verb without one ("... and also met"), its head's."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # a misparsed subject: names hanging to the left of the verb ("Barack/ADP Obama and ... spoke")
        for child in verb.lefts:
            names = list(dict.fromkeys(_names(child, people) + [
                n for g in child.children if g.dep_ == "pobj" for n in _names(g, people)]))
            if names and child.dep_ not in ("npadvmod", "advcl", "ccomp"):
                return names
    climbed = False
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if not _same_paragraph(child, verb):
                    # a byline or headline glued to the sentence by the parser: only the names
                    # hanging on it from the verb's own paragraph ("Tensions\n\nX and Y met")
                    return [n for g in child.children if g.dep_ in ("appos", "conj") and _same_paragraph(g, verb)
                            for n in _names(g, people)]
                names = _names(child, people) or _group(child, people)
                if names or not climbed or child.pos_ == "PRON" or verb.dep_ != "ccomp":
                    return names
                # "X said the logistics are going well after speaking with Y": the speaker spoke
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "after speaking with Y": the verb the preposition hangs on
            climbed = True
        elif verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl", "ccomp") and verb.head.i != verb.i:
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
                if _names(verb.head, people) or not _press_agent(verb.head):
                    return _names(verb.head, people)
                verb = verb.head.head.head  # "X was asked by reporters covering a meeting with Y": X met Y
                climbed = True
                continue
            verb = verb.head
            climbed = True
        else:
            break
    return []


def _more_names(arg, people) -> list[str]:
    """Names right after an argument that the parser failed to coordinate with it ("spoke to A
    and South Korean Foreign Minister B-c" with B-c left dangling): titles, commas and "and" between
    names are skipped; a verb, a preposition or a name that is a clause's subject ends the list."""
    doc = arg.doc
    i = arg.right_edge.i + 1
    end = arg.sent.end
    names: list[str] = []
    junk = link_blurbs(doc)
    while i < end and i not in junk:
        t = doc[i]
        if t.ent_type_ == "PERSON":
            if t.dep_ in ("nsubj", "nsubjpass"):
                break
            name = people.name_for(t)
            if name and name not in names:
                names.append(name)
            i += 1
            continue
        if t.lower_ in (",", "and", "-") or t.pos_ in ("PROPN", "ADJ") or t.ent_type_ == "NORP":
            i += 1
            continue
        break
    return names


def _press_agent(noun) -> bool:
    """The agent of a passive ("was asked by reporters"): the ones asking are not at the meeting."""
    return noun.dep_ == "pobj" and noun.head.dep_ == "agent" and noun.head.head.pos_ in ("VERB", "AUX")


def _same_paragraph(a, b) -> bool:
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text for t in a.doc[lo:hi] if t.is_space)


def _preps(tok, words: tuple[str, ...]):
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in words:
            for g in child.children:
                if g.dep_ == "pobj":
                    yield g


# --- triggers -------------------------------------------------------------------------------

def _verb_meeting(tok, kind: str, role: str, article: Article, people) -> Meeting | None:
    lemma = tok.lemma_.lower()
    if tok.dep_ == "aux" and tok.tag_ == "VBD" and tok.head.pos_ == "VERB" and tok.head.tag_ == "VBD":
        # "as he welcomed freed American X": the tagger took the trigger for an auxiliary of the
        # participle after it; the arguments hang on that participle
        return _verb_meeting_args(tok, tok.head, kind, role, article, people)
    return _verb_meeting_args(tok, tok, kind, role, article, people)


def _verb_meeting_args(tok, verb, kind: str, role: str, article: Article, people) -> Meeting | list | None:
    """A verb trigger `tok` whose arguments are the children of `verb` (itself, unless misparsed)."""
    lemma = _verb_lemma(tok, _triggers()[0]) or tok.lemma_.lower()
    # "called Shinzo Abe": the tagger may take the person called for a predicate (oprd)
    called = [c for c in tok.children if c.dep_ == "oprd" and c.ent_type_ == "PERSON"
              and not any(d.dep_ == "dobj" for d in tok.children)] if lemma == "call" else []
    if lemma == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "prt") and c not in called
                               for c in tok.children):
        return None  # "called him a liar", "called for talks", "called off"
    if lemma == "call" and any(c.dep_ == "dobj" and c.right_edge.i + 1 < len(c.doc)
                               and c.doc[c.right_edge.i + 1].lower_ in ("a", "an", '"', "“", "'", "‘")
                               for c in tok.children):
        return None  # "calling X a 'frightened dog'": a name given, not a call made
    if lemma == "call" and any(c.dep_ in ("dobj", "oprd") and any(t.text in _QUOTES for t in c.subtree)
                               for c in tok.children):
        return None  # "called X, D-Calif., "a corrupt politician"": the name given is quoted after the comma
    if lemma == "sit" and not (any(c.lower_ == "down" for c in tok.children) and any(_preps(tok, ("with",)))):
        return None
    between = any(_preps(tok, ("between",)))  # "talks between X and Y", even when parsed as a verb
    if tok.tag_ in ("VBZ", "VBP") and not between and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
            and not _event_to_come(tok):
        return None  # present simple in running text is habitual ("he talks with him all the time")
    if lemma == "shake" and not any(c.lower_ == "hands" for c in tok.children):
        return None
    subject = _subject(verb, people)
    if lemma in ("talk", "speak") and not (any(_preps(verb, ("with", "to", "between")))
                                           or (len(subject) > 1 and _is_phone(tok))):
        return None  # "he spoke" alone is a quote, not a meeting; "X and Y spoke by phone" is a call
    objects: list[str] = []
    agent: list[str] = []
    groups = []
    for child in verb.children:
        if (child.dep_ in ("dobj", "dative") and lemma not in ("talk", "speak", "sit")) or child in called:
            found = _names(child, people)
            objects.extend(found + _more_names(child, people))
            if not found:
                groups.append(child)
        elif child.dep_ == "agent":
            for g in child.children:
                agent.extend(_names(g, people))
    for g in _preps(verb, ("with", "to", "between", "alongside")):
        found = _names(g, people)
        objects.extend(found + _more_names(g, people))
        if not found:
            groups.append(g)
    if role == "host" and any(g.dep_ == "dobj" and g.pos_ in ("NOUN", "PROPN") and not g.ent_type_
                              and not _group(g, people) for g in groups):
        return None  # "received support from A to B", "welcomed the decision": a thing, not a guest
    for g in groups:
        objects.extend(_group(g, people, exclude=subject + objects))
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if one_side_unnamed(verb, subject, objects, groups, passive, between):
        return None
    if passive:
        subject, objects = agent, subject + objects
    listed = [n for child in verb.children if child.dep_ in ("dobj", "prep") for n in _listed(child, people)]
    if listed and subject and not passive:
        # "met with other leaders, including X and Y": one meeting with each, not one among them all
        objects = [o for o in objects if o not in listed]
        extra = [_build(tok, tok, list(dict.fromkeys(subject + [n])), kind, (), (), article,
                        f"meeting:{lemma}-verb-list", 0.7) for n in listed if n not in subject]
        extra = [m for m in extra if m is not None]
        if not objects:
            return extra or None
    participants = list(dict.fromkeys(subject + objects))
    objects = [o for o in dict.fromkeys(objects) if o not in subject]
    if lemma in _ONE_TO_ONE and not subject and not passive and not between and any(
            c.dep_ == "nsubj" for c in verb.children):
        return None  # "He spoke to A and B" with "he" unknown: A and B did not speak to each other
    if lemma in _ONE_TO_ONE | {"meet"} and len(subject) == 1 and len(objects) > 1 and not passive and (
            lemma in _ONE_TO_ONE or _perfect(verb) or any(c.lower_ == "separately" for c in verb.children)):
        # "X spoke to A and B", "X has met with A, B and C", "X met separately with A and B":
        # one encounter each, not a conference of them all
        # "X spoke to A and B": one conversation each, not a conference of three
        each = [_build(tok, tok, [subject[0], o], "call" if _is_phone(tok) else kind,
                       tuple(subject) if role == "host" else (), (o,) if role == "host" else (), article,
                       f"meeting:{lemma}-verb-each", 0.75) for o in objects]
        return [m for m in each if m is not None] or None
    if len(participants) < 2 and lemma == "meet":
        participants = list(dict.fromkeys(participants + _group_subject(verb, people)))
    if len(participants) < 2:
        return None
    if (role in ("host", "visitor") or lemma in ("call", "phone", "telephone")) and not objects:
        # "the threats they received", "they visited the site", "the pushback X and Y are calling for":
        # no one was received, visited or called
        return None
    hosts, visitors = (), ()
    if role == "host":
        hosts, visitors = tuple(subject), tuple(p for p in objects if p not in subject)
    elif role == "visitor":
        visitors, hosts = tuple(subject), tuple(p for p in objects if p not in subject)
    if _is_phone(tok):
        kind = "call"
    return _build(tok, tok, participants, kind, hosts, visitors, article, f"meeting:{lemma}-verb", 0.8)


def _group_subject(tok, people) -> list[str]:
    for child in tok.children:
        if child.dep_ == "nsubj":
            return _group(child, people)
    return []


def _noun_meeting(tok, kind: str, article: Article, people) -> Meeting | None:
    if _in_a_title(tok, kind):
        return None  # "BBC's Breakfast with Frost", "the Meet the Press show": a programme, not an encounter
    if tok.lower_ == "call" and not _is_phone(tok) and not any(_preps(tok, ("with", "between"))):
        return None  # "a call for calm"
    people_found: list[str] = []
    groups = []
    with_lists = 0  # "with"/"to" phrases that name people
    for g in _preps(tok, ("with", "between", "among", "to")):
        found = _names(g, people)
        people_found.extend(found)
        with_lists += bool(found)
        if not found:
            groups.append(g)
    owners = 0
    for child in tok.children:
        if child.dep_ == "poss":
            people_found.extend(_names(child, people) or _group(child, people))
            owners += 1
        elif child.dep_ in ("compound", "nmod", "amod") and child.ent_type_ == "PERSON":
            people_found.extend(_names(child, people))
            owners += 1
    own = bool(people_found)
    if not own and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
            and tok.head.head.lower_ in _context_words().get("membership", frozenset()):
        return None  # "the two leaders, as members of the negotiations": a process they belong to
    # the verb the noun hangs on: "X held talks with Y", "X said during a meeting with Y"
    gov = tok.head
    hops = 0
    while gov.pos_ not in ("VERB", "AUX") and gov.dep_ in ("pobj", "prep", "dobj", "conj", "appos", "attr", "advmod") \
            and gov.head.i != gov.i and hops < 3:
        gov = gov.head
        hops += 1
    between = [n for g in _preps(tok, ("between",)) for n in (_names(g, people) or _group(g, people))]
    if len(set(between)) >= 2:
        people_found.extend(between)  # "talks between the two leaders": both sides are the group
        groups = []
    if len(set(between)) >= 2:
        # "the meeting between X and Y": the people are named, whoever talks about it; but the host
        # of "X hosted talks between A and B" sat at the table too
        if tok.dep_ == "dobj" and gov.lemma_.lower() in _HOSTING:
            people_found = _subject(gov, people) + people_found
    elif gov.pos_ in ("VERB", "AUX") and gov.i != tok.i:
        owned = any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in tok.children) and people_found
        # "X pretended it was part of my call with Y": the one quoted, not the clause's subject, owns it
        owned = owned or any(c.dep_ == "poss" and c.lower_ in ("my", "our", "your") for c in tok.children)
        if (tok.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") or tok.head.dep_ == "prep" or tok.dep_ == "pobj") \
                and not owned:  # "Y thanked X for coming after his meeting with Z": his, not Y's
            if tok.dep_ in ("nsubj", "nsubjpass"):
                subj = []  # "the meeting took place": the noun is the subject, not a person
            else:
                subj = _subject(gov, people)
            if not subj and _one_sided(tok, with_lists, owners):
                return None
            people_found = subj + people_found
        # "X spoke with Y about his summit with Z": the one spoken with is not at the summit talked about
        topic = tok.dep_ == "pobj" and tok.head.lower_ in ("about", "on", "over", "regarding") and own
        gov_with = [] if topic else list(_preps(gov, ("with", "between")))
        for g in gov_with:
            found = _names(g, people)
            people_found.extend(found)
            own = own or bool(found)
        if not own and any(not _names(g, people) and not _group(g, people) for g in groups + gov_with):
            return None  # "X and Y held meetings with those who ...": one side, the other unnamed
    else:
        gov = tok
        if _one_sided(tok, with_lists, owners):
            return None
    for g in groups:
        people_found.extend(_group(g, people, exclude=people_found))
    participants = list(dict.fromkeys(people_found))
    rule = f"meeting:{tok.lemma_.lower()}-noun"
    if not participants and tok.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "their") for c in tok.children):
        participants = next_sentence_people(tok, people)  # "The talks lasted an hour. A and B ..."
        rule += "-next-sentence"
    if len(participants) < 2:
        return None
    if _is_phone(tok):
        kind = "call"
    return _build(tok, gov, participants, kind, (), (), article, rule, 0.65)


def _one_sided(tok, with_lists: int, owners: int) -> bool:
    """"past conversations with A and B", "meetings with A and B" with no one holding them: one side
    of each is unnamed, and A and B did not meet each other (a call has two ends, so even one)."""
    if with_lists != 1 or owners or any(_preps(tok, ("between",))):
        return False
    return _is_phone(tok) or (tok.tag_ == "NNS" and tok.lower_ != "talks")


def _in_a_title(tok, kind: str) -> bool:
    """A capitalised trigger noun inside running text names something (a programme, a work);
    summits are the exception ("the Singapore Summit"), and so are headlines, where every word
    is capitalised."""
    if kind == "summit" or not tok.text[:1].isupper() or tok.text.isupper() or tok.i == tok.sent.start:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.is_punct and prev.text in ('"', "“", "'", "‘", ":", "-", "—", "("):
        return False  # a quotation or a heading starting here
    words = [t for t in tok.sent if t.is_alpha and len(t) > 3]
    return sum(t.text[:1].isupper() for t in words) < 0.6 * len(words)


def _is_phone(tok) -> bool:
    around = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.children} | {tok.lower_}
    return bool(around & {"phone", "telephone", "phoned", "telephoned"}) or (
        tok.lower_ in ("call", "calls") and tok.pos_ == "NOUN") or tok.lemma_.lower() in ("phone", "telephone")


# --- status, date, place --------------------------------------------------------------------

def _status(tok, gov) -> str | None:
    """'happened', 'planned', or None for a meeting that did not take place."""
    chain = [tok] + list(tok.ancestors)[:3]
    if gov.i != tok.i:
        chain += [gov] + list(gov.ancestors)[:2]
    for t in chain:
        if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't", "no") for c in t.children):
            return None
        if t.i != tok.i and t.lemma_.lower() in _NEGATORS and t.lemma_.lower() != "call":
            return None
        if t.lemma_.lower() == "call" and any(c.lower_ == "off" for c in t.children):
            return None
    for t in [tok] + list(tok.children):
        if t.lower_ in _PLANNED_NOUN_MODS:
            return "planned"
    for t in chain:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in t.children):
            return "planned"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in t.children):
            return "planned"
        if t.i != tok.i and t.lemma_.lower() in _PLANNERS and not _set_in_past(t):
            return "planned"
        if t.dep_ == "xcomp" and any(c.lower_ == "to" for c in t.children) and t.head.lemma_ == "be":
            return "planned"  # "is to meet", "are due to meet"
    if tok.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) and any(
            a.lemma_.lower() in _INSTRUCTING for a in list(tok.ancestors)[:2]):
        return "planned"  # "he told them to talk to X", "said ... and to talk to X": an instruction
    if _ahead_of(tok) or _present_event(tok, gov) or _event_to_come(tok) or _trip_purpose(tok):
        return "planned"
    return "happened"


def _set_in_past(t) -> bool:
    """"set" plans only as "is set to meet"/"a summit set for May"; "the revelation of their meeting
    set off a scramble" tells a past event."""
    return t.lemma_.lower() == "set" and t.tag_ == "VBD"


def _told_in_past(verb) -> bool:
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lower_ in (
        "has", "have", "had")) for c in verb.children)


def _event_to_come(tok) -> bool:
    """A present-tense trigger in a "when"/"before" clause of a sentence not told in the past
    ("the vote comes Monday when X meets Y", "days before X meets Y"): news announces what is to
    come so."""
    if tok.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    marks = _context_words().get("event_mark", frozenset())
    if any(c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in tok.children) and tok.dep_ in (
            "advcl", "relcl", "ccomp", "acl"):
        head = tok.head
    elif tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in marks:
        head = tok.head.head
    else:
        return False
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.pos_ in ("VERB", "AUX") and not _told_in_past(head)


def _trip_purpose(tok) -> bool:
    """"flies to Paris to meet X", "is heading to Riyadh to meet Y": the meeting is the trip's
    purpose, still to come while the trip is told in the present or future (a trip told in the
    past may report the meeting too, so the rest of the rules decide there)."""
    if tok.tag_ != "VB" or tok.dep_ not in ("advcl", "xcomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    trip = tok.head
    return trip.lemma_.lower() in _context_words().get("travel", frozenset()) and not _told_in_past(trip)


def _present_event(tok, gov) -> bool:
    """A meeting noun under a verb in the present simple ("X faces a test in his summit with Y",
    "X and Y begin their summit on Wednesday"): news tells what is to come so; what happened is
    told in the past."""
    if tok.pos_ not in ("NOUN", "PROPN") or gov.i == tok.i or gov.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ not in ("dobj", "pobj") or gov.tag_ not in ("VBZ", "VBP"):
        return False
    if gov.lemma_.lower() in _reporting_verbs() or gov.lemma_ == "be":
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in gov.children)


def _ahead_of(tok) -> bool:
    """A meeting noun after "before"/"ahead of" in a clause that is not told in the past ("X is
    expected to brief Y ahead of Y's meeting with Z", "X travels there before the summit"): a
    meeting still to come. In a past-tense clause it may be either, and the date decides."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ == "of" and prep.head.lower_ == "ahead":
        prep = prep.head
    if prep.lower_ == "from" and prep.head.lower_ == "away":
        return True  # "three weeks away from a meeting with X": still to come, whatever the tense
    if prep.lower_ not in _BEFORE:
        return False
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    tenses = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return not tenses & {"VBD"} and not (verb.tag_ == "VBN" and any(
        c.lower_ in ("has", "have", "had") for c in verb.children))


def _clause(tok, gov) -> list:
    """Tokens of the trigger's clause: its subtree and the direct modifiers of the verb it hangs on,
    without other clauses nested in it."""
    out = {t.i: t for t in tok.subtree}
    if tok.head.ent_type_ == "DATE" and tok.dep_ in ("relcl", "advcl", "acl"):
        out[tok.head.i] = tok.head  # "Monday, when X meets Y": the day the clause describes
    heads = {tok, gov, tok.head}
    if tok.dep_ == "conj" and tok.head.lemma_.lower() in ("visit", "tour"):
        for child in tok.head.children:  # "visited Berlin and met X": the visit says where
            if child.dep_ == "dobj":
                out.update({t.i: t for t in child.subtree})
    for head in heads:
        for child in head.children:
            if child.dep_ in ("prep", "npadvmod", "advmod", "tmod", "pobj") or child.ent_type_ == "DATE":
                for t in child.subtree:
                    out[t.i] = t
    return sorted(out.values(), key=lambda t: t.i)


def _date(tokens, tok, tense: str, article: Article) -> str | None:
    doc = tok.doc
    best = None
    idx = {t.i for t in tokens}
    for ent in ents_starting(doc, idx):
        if ent.label_ != "DATE" or ent.start not in idx:
            continue
        if ent.root.dep_ in ("poss", "compound", "nummod", "amod", "nmod") and ent.root.head.i != tok.i \
                and ent.root.head.pos_ in ("NOUN", "PROPN") and not ent.root.head.ent_type_:
            continue  # "Sunday's elections", "the 2016 election": another event's day, not the meeting's
        if _is_tweet_stamp(ent) or _is_report_day(ent, tok):
            continue
        d = resolve_date(ent.text, article.published, tense, _context_year(doc, ent.start, article))
        if d and tense == "past" and _after_publication(d, article):
            continue  # "ahead of the May 12 deadline": a day to come cannot date what happened
        if d:
            dist = abs(ent.start - tok.i)
            if best is None or dist < best[0]:
                best = (dist, d)
    return best[1] if best else None


_CLAUSES = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"}


def _own_sentence_part(tok) -> list:
    """The trigger's sentence without the clauses that do not contain it: a day or place said in
    another verb's clause belongs to that verb ("Huddling with X, Y said he would meet Z June 12 in
    Singapore": June 12 is Z's meeting, not X's)."""
    inside = {a.i for a in tok.ancestors} | {tok.i}
    other: set[int] = set()
    for t in tok.sent:
        if t.dep_ in _CLAUSES and t.pos_ in ("VERB", "AUX") and t.i not in inside and t.i not in other \
                and not t.left_edge.i <= tok.i <= t.right_edge.i:
            other.update(x.i for x in t.subtree)
    return [t for t in tok.sent if t.i not in other]


def _perfect(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "'d", "'ve") for c in verb.children)


def _after_publication(d: str, article: Article) -> bool:
    """Is the ISO date `d` later than publication, compared at its own precision?"""
    return article.published is not None and d > article.published.isoformat()[:len(d)]


def _is_tweet_stamp(ent) -> bool:
    """The timestamp of an embedded tweet ("— Name (@handle) July 19, 2018"): the day of the
    post, glued by the sentence splitter to the text after it, not the day of an event."""
    doc = ent.doc
    if ent.start == 0 or doc[ent.start - 1].text != ")":
        return False
    return any(t.text.startswith("@") or t.text.endswith("(@") for t in doc[max(ent.start - 6, 0):ent.start])


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(row[0] for row in data_rows("reporting_verbs.tsv") if row)


def _is_report_day(ent, tok) -> bool:
    """A day said on a reporting verb whose reported clause tells of an earlier meeting ("The paper
    reported Friday that X sat down with Y in recent months", "X acknowledged Friday that he had met
    Y"): the report's day, not the meeting's. Without such a sign the report's day stays the
    meeting's ("X spoke with Y, a spokeswoman said on Saturday"): news reports the day's events."""
    verb = ent.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ in ("prep", "pobj", "npadvmod"):
        verb = verb.head
    if verb.lemma_.lower() not in _reporting_verbs() or verb.i == tok.i:
        return False
    reported = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")
                     and c.left_edge.i <= tok.i <= c.right_edge.i), None)
    if reported is None:
        return False
    # the clause itself, not a description of someone in it ("Y, whom he has known since 1990")
    aside = {t.i for r in reported.subtree if r.dep_ in ("relcl", "acl", "appos")
             and not r.left_edge.i <= tok.i <= r.right_edge.i for t in r.subtree}
    return _tells_of_the_past([t for t in reported.subtree if t.i not in aside])


def _tells_of_the_past(tokens) -> bool:
    """Signs that a clause tells of something before the story's day: a perfect ("had met"), an
    old-news word ("previously", "recent months")."""
    return any(t.lower_ in _OLD_NEWS for t in tokens) or any(
        t.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in t.children) for t in tokens)


def _context_year(doc, pos: int, article: Article) -> int | None:
    """For an undated article: the last year written before `pos`."""
    if article.published is not None:
        return None
    return last_year_before(doc, pos)


def _build(tok, gov, participants, kind, hosts, visitors, article, rule, confidence) -> Meeting | None:
    status = _status(tok, gov)
    if status is None:
        return None
    if status == "planned" and tok.dep_ == "pobj" and tok.head.lower_ in _TEMPORAL_PREPS and article.published:
        # "plans announced during his summit with X last month": the summit is a past time marker
        past = _date(_clause(tok, gov), tok, "past", article)
        if past and past < article.published.isoformat()[:len(past)]:
            status = "happened"

    if status == "happened" and tok.dep_ == "pobj" and tok.head.lower_ in _BEFORE and article.published:
        # "embarked on a visit before a summit Monday with X": Monday is the summit's, still to come
        # (a day on the clause's verb is the verb's: "X said Thursday before a meeting with Y")
        ahead = _date(list(tok.subtree), tok, "future", article)
        if ahead and _after_publication(ahead, article):
            status = "planned"
    verb = tok if tok.pos_ in ("VERB", "AUX") else gov
    tense = "future" if status == "planned" else "past"
    if status == "happened" and "Pres" in verb.morph.get("Tense") and verb.tag_ == "VBZ":
        tense = "past"
    tokens = _clause(tok, gov)
    date = _date(tokens, tok, tense, article)
    if date is None and status == "happened" and not _perfect(verb):
        # a date elsewhere in the sentence; not for "had met"/"has met", told as earlier than the
        # sentence's other events ("came under fire last week after saying he had met X")
        date = _date(_own_sentence_part(tok), tok, tense, article)
    if date is None and _cut_short(tok.sent):
        # the tagger ended the sentence inside a name ("... Kim Sung-hwan | Sunday, two days after")
        nxt = tok.doc[tok.sent.end]
        if nxt.ent_type_ == "DATE" and nxt.ent_iob_ == "B":
            ent = next(e for e in span_ents(nxt.sent) if e.start == nxt.i)
            date = resolve_date(ent.text, article.published, tense, _context_year(tok.doc, ent.start, article))
    talked_of = status == "happened" and date is None and _talked_of(tok, gov)
    if talked_of:
        rule += "-mentioned"  # no day of its own: _in_context must not give it the story's day
    elif date is None and status == "happened" and article.published is not None and _is_news_of_the_day(tok, verb):
        date = _news_day(tok.doc, article) or article.published.isoformat()
        confidence *= 0.8
    # the two ends of a call are in two places
    where = None if kind == "call" else (
        where_place(verb) or noun_place(tok) or place_in(tokens, tok) or compound_locative(tokens)
        or trip_in_sentence(verb))
    sent = tok.sent
    return Meeting(
        participants=tuple(participants), kind=kind, status=status, date=date,
        place=where[0] if where else None, place_country=where[1] if where else None,
        hosts=tuple(hosts), visitors=tuple(visitors),
        confidence=confidence if status == "happened" else confidence * 0.7,
        evidence=(Evidence(sent.text, sent.start_char, sent.end_char, rule),))


_HOLDING = {"hold", "have", "host", "attend", "conduct", "open", "begin", "start", "end", "conclude", "chair",
            "join", "convene", "wrap", "finish", "arrange", "request", "seek", "get", "win", "make", "pay"}
_EVENT_RELATIVE = re.compile(r"\b(?:a|one|two|three|four|five|the|\d+)\s+(?:days?|weeks?|months?|hours?)\s+"
                             r"(?:after|before|later)\b", re.I)


def _talked_of(tok, gov) -> bool:
    """A meeting the sentence talks about rather than reports ("defending his meeting with Y",
    "criticised the talks") or dates only against another event ("a day after firing Z"): it
    takes no day from the story."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" and gov.i != tok.i \
            and gov.lemma_.lower() not in _HOLDING:
        return True
    return bool(_EVENT_RELATIVE.search(tok.sent.text))


# --- event context: what the surrounding text says about an undated meeting ------------------

_OLD_NEWS = {"recently", "recent", "previously", "earlier", "once", "ever", "already", "before", "past", "ago", "last",
             "first", "former", "then", "had", "since"}
_LEDE_TOKENS = 120  # how far into the text the story's own day is looked for


def _news_day(doc, article: Article) -> str | None:
    """The story's own day: the first date of the opening lines that is a day in the week up to
    publication ("..., the White House said on Thursday")."""
    if article.published is None:
        return None
    for ent in doc.ents:
        if ent.start >= _LEDE_TOKENS:
            break
        if ent.label_ != "DATE" or ent.root.dep_ == "poss" or _is_tweet_stamp(ent) or date_to_come(ent):
            continue  # "Sunday's elections" dates the elections, not the story
        d = resolve_date(ent.text, article.published, "past")
        if d and len(d) == 10 and 0 <= (article.published - date.fromisoformat(d)).days <= 7:
            return d
    return None


def _paragraph_date(sent, article: Article) -> str | None:
    """A date stated in the one or two sentences before `sent`, in the same paragraph
    ("On Sunday, X warned Iran. X was in Jerusalem for talks with Y.")."""
    doc = sent.doc
    prev = sent
    for _ in range(2):
        if prev.start == 0 or any("\n" in t.text for t in doc[max(prev.start - 1, 0):prev.start + 1] if t.is_space):
            return None
        prev = doc[prev.start - 1].sent
        # only the part of the previous "sentence" after its last line break is this paragraph
        breaks = [t.i for t in prev if t.is_space and "\n" in t.text]
        lo = breaks[-1] + 1 if breaks else prev.start
        dates = [resolve_date(e.text, article.published, "past", _context_year(doc, e.start, article))
                 for e in span_ents(prev) if e.label_ == "DATE" and e.start >= lo and not _is_tweet_stamp(e)]
        dates = [d for d in dates if d and not _after_publication(d, article)]
        if dates:
            return dates[-1]
        if breaks:
            return None
    return None


def _in_context(found: list[Meeting], doc, article: Article, people=None) -> list[Meeting]:
    """Dates and places the meeting's own sentence does not give, from the text around it
    (the order is in the module docstring)."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    out: list[Meeting] = []
    news = None
    trips = None

    def trips_of_doc():
        nonlocal trips
        if trips is None:
            trips = Trips(doc, people, _subject, lambda v: _date(_clause(v, v), v, "past", article))
        return trips

    for m in found:
        if m.status != "happened" or m.date is not None or not m.evidence or any(
                e.rule.endswith("-mentioned") for e in m.evidence):
            out.append(m)
            continue
        ev = m.evidence[0]
        k = max(bisect_right(starts, ev.start) - 1, 0)
        sent = sents[k]
        d = _paragraph_date(sent, article)
        conf = 0.8
        if d is None and people is not None and not _perfect_in(sent):  # "X arrived in Y on Monday. ... He met Z first."
            d = trips_of_doc().day_before(sent.start, m.participants)
            d = None if d and _after_publication(d, article) else d
        if d is None and article.published is not None and not _tells_of_the_past(sent):
            news = news if news is not None else (_news_day(doc, article) or "")
            d = news or None
            conf = 0.6
        out.append(replace(m, date=d, confidence=m.confidence * conf) if d else m)
    result = []
    if article.published is not None and news is None:
        news = _news_day(doc, article) or ""
    today = {article.published.isoformat(), news} - {None, ""} if article.published else set()
    story_place = None
    for i, m in enumerate(out):
        if m.status == "happened" and m.date and not m.place and m.kind != "call":
            donor = next((o for j, o in enumerate(out) if j != i and o.status == "happened" and o.date == m.date and o.place
                          and o.kind != "call"
                          and set(o.participants) & set(m.participants)), None)
            trip = None
            if donor is None and people is not None and not _background(m):
                trip = trips_of_doc().place_before(sents[max(bisect_right(starts, m.evidence[0].start) - 1, 0)].start,
                                          m.participants, m.date)
            if donor is not None:
                m = replace(m, place=donor.place, place_country=donor.place_country)
            elif trip is not None:
                m = replace(m, place=trip[0], place_country=trip[1])
            elif m.date in today:
                story_place = story_place or _story_place(doc) or dateline_place(doc) or ("", None)
                if story_place[0]:
                    m = replace(m, place=story_place[0], place_country=story_place[1])
        result.append(m)
    return result


def _perfect_in(sent) -> bool:
    """"has met", "had met": a sentence that tells of something before the story's days."""
    return any(t.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in t.children) for t in sent)


def _background(m: Meeting) -> bool:
    """A meeting told as earlier than the story's events ("they had met in 2012"): no trip of the
    story says where it was."""
    return any(e.rule.endswith("-mentioned") for e in m.evidence) or bool(m.date and len(m.date) == 4)


def _story_place(doc) -> tuple[str, str | None] | None:
    """Where the story happens: the place its opening lines name in a locative ("on the sidelines
    of the U.N. General Assembly", "in Brussels"); a meeting of the story's day without a place of
    its own was held there."""
    lede = doc[:min(_LEDE_TOKENS, len(doc))]
    # a place in a clause of what is to come ("he would meet X in Singapore") is not where the story is
    ahead = {x.i for t in lede if t.pos_ in ("VERB", "AUX") and (
        any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children)
        or (t.dep_ == "xcomp" and t.head.lemma_.lower() in _PLANNERS)) for x in t.subtree}
    tokens = [t for t in lede if t.i not in ahead]
    return place_in(tokens, doc[0]) if tokens else None


def _cut_short(sent) -> bool:
    """Does the sentence stop without final punctuation, with more text right after it?"""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and sent.end < len(sent.doc) and last.text not in (".", "!", "?", '"', "”", ":") \
        and not any("\n" in t.text for t in sent.doc[last.i:sent.end + 1] if t.is_space)


def _is_news_of_the_day(tok, verb) -> bool:
    """An undated meeting told in the present ("is meeting with") or in the article's opening
    sentences is the day's news: it happened on the publication date."""
    if verb.tag_ in ("VBG", "VBZ", "VBP") and any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP")
                                                 for c in verb.children if c.dep_ == "aux"):
        return True
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.tag_ in ("VBZ", "VBP"):
        return True  # "X is at the White House, meeting with Y"
    if verb.tag_ != "VBD" and not (tok.pos_ == "NOUN" and verb.tag_ == "VBD"):
        return False
    doc = tok.doc
    first = [s for s in doc.sents if len(s) > 4][:2]
    return any(s.start <= tok.i < s.end for s in first) and not any(
        t.lower_ in ("recently", "previously", "earlier", "once", "ever", "already") for t in tok.sent)


def _merge(found: list[Meeting]) -> list[Meeting]:
    """One Meeting per encounter: same people, same status, dates that agree (or one unknown)."""
    out: list[Meeting] = []
    for m in found:
        key = frozenset(m.participants)
        twin = next((o for o in out if frozenset(o.participants) == key and o.status == m.status
                     and (o.date is None or m.date is None or o.date == m.date)), None)
        if twin is None:
            out.append(m)
            continue
        i = out.index(twin)
        out[i] = replace(
            twin, date=twin.date or m.date, place=twin.place or m.place,
            place_country=twin.place_country or m.place_country,
            hosts=twin.hosts or m.hosts, visitors=twin.visitors or m.visitors,
            kind=twin.kind if twin.kind != "meeting" else m.kind,
            confidence=max(twin.confidence, m.confidence), evidence=twin.evidence + m.evidence)
    return out
