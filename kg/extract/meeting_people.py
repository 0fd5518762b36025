"""Meeting participants the trigger's own sentence does not name (kg/extract/meetings.py calls in).

- `title_word_reference`: "the general", "the senator": the person last introduced with that word
  ("Gen. Martin Dempsey ... The general had talks with ...").
- `leaders_of`: "the leaders of Russia, Turkey and Iran" → the heads of state or government of those
  countries the story names; "the leaders of the three countries" → the three heads named last.
- `object_pronoun`: "Malloch had called him": the person "him"/"her" stands for, never the
  verb's own subject.
- `next_sentence_people`: "The talks lasted two hours. A and B discussed ...": a meeting noun that is
  the subject of its sentence and names no one takes the people the next sentence opens with.

The word tables are in kg/data/title_words.tsv (abbreviation → title word).
"""
from __future__ import annotations

from functools import lru_cache

from kg.extract.geo import country_for, data_rows
from kg.nlp.lexicons import known_person

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
_GROUP_NOUNS = {"leaders", "presidents", "heads", "premiers", "chiefs"}
_TITLE_WINDOW = 4  # how many words before a name its title may take


@lru_cache(maxsize=1)
def title_words() -> dict[str, str]:
    """Written form ("gen.", "sen", "general") → title word ("general")."""
    return {row[0]: row[1] for row in data_rows("title_words.tsv") if row[0] and row[1]}


# --- "the general" ---------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _introductions(people) -> tuple[tuple[int, str, frozenset[str]], ...]:
    """(mention start, name, title words written just before it) in text order, once per doc."""
    doc = people.doc
    words = title_words()
    out = []
    for start, _, name in people.mentions():
        said = frozenset(words[t.lower_] for t in doc[max(start - _TITLE_WINDOW, 0):start] if t.lower_ in words)
        if said:
            out.append((start, name, said))
    return tuple(out)


def title_word_reference(tok, people) -> str | None:
    """"the general" → the person named last before it with that title word, in the three
    paragraphs' worth of text before (60 sentences at most is far more than a story keeps a reference)."""
    word = title_words().get(tok.lower_)
    if word is None or tok.tag_ != "NN" or not any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children):
        return None
    if any(c.dep_ in ("compound", "amod", "poss") for c in tok.children):
        return None  # "the attorney general", "the Russian general": another reference
    best = None
    for start, name, said in _introductions(people):
        if start >= tok.i:
            break
        if word in said:
            best = name
    return best


# --- "the leaders of Russia, Turkey and Iran" ------------------------------------------------

def leaders_of(tok, people, exclude=()) -> list[str]:
    """Heads of state or government of the countries in a "leaders of ..." phrase."""
    if tok.lower_ not in _GROUP_NOUNS:
        return []
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    count = next((_NUMBERS[c.lower_] for c in tok.children if c.dep_ == "nummod" and c.lower_ in _NUMBERS), None)
    if of is None and count and count >= 3:
        return _last_heads(tok, people, count, exclude)  # "the three leaders"
    if of is None:
        return []
    obj = next((g for g in of.children if g.dep_ == "pobj"), None)
    if obj is None:
        return []
    heads = _heads_by_country(people)
    if obj.lower_ in ("countries", "nations", "states", "sides"):
        n = next((_NUMBERS[c.lower_] for c in obj.children if c.lower_ in _NUMBERS), None)
        return _last_heads(tok, people, n, exclude) if n else []
    countries = [country_for(t.text) for t in [obj, *obj.conjuncts]]
    if len(countries) < 2 or None in countries:
        return []
    names = [heads.get(c) for c in countries]
    if None in names:
        return []
    return [n for n in dict.fromkeys(names) if n not in exclude]


def _last_heads(tok, people, n: int, exclude) -> list[str]:
    """The `n` heads of state or government named last before `tok`."""
    heads = set(_heads_by_country(people).values())
    named = [name for start, _, name in people.mentions() if start < tok.i and name in heads]
    out: list[str] = []
    for name in reversed(named):
        if name not in out and name not in exclude:
            out.append(name)
    return out[:n][::-1] if len(out) >= n else []


@lru_cache(maxsize=8)
def _heads_by_country(people) -> dict[str, str]:
    """Country → the one person the story names as its head of state or government (the most
    mentioned when several, e.g. a president and a prime minister)."""
    counts: dict[str, dict[str, int]] = {}
    weight = {}
    for _, _, name in people.mentions():
        weight[name] = weight.get(name, 0) + 1
    for person in people.persons:
        countries = {m.country for m in people.offices_of(person.name) if m.kind == "head" and m.country}
        if not countries:
            known = known_person(person.name)
            countries = {known.country} if known is not None and known.country else set()
        for c in countries:
            counts.setdefault(c, {})[person.name] = weight.get(person.name, 0)
    return {c: max(names, key=names.get) for c, names in counts.items()}


# --- "him" -----------------------------------------------------------------------------------

def object_pronoun(tok, people) -> str | None:
    """"X said Y had called him": "him" is the person named last before it that is not the
    verb's own subject, a subject of its sentence first (the one who tells of it)."""
    if tok.lower_ not in ("him", "her") or tok.dep_ not in ("dobj", "pobj", "dative"):
        return None
    verb = tok.head
    for _ in range(3):  # "held talks with him": the verb the phrase hangs on
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    own = {people.name_for(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")} - {None}
    if not own:
        return None  # without the verb's subject, "him" may be anyone
    sent = tok.sent
    doc = tok.doc
    lo = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    before = [(s, name) for s, _, name in people.mentions() if lo <= s < tok.i and name not in own]
    if not before:
        return None
    subjects = [(s, name) for s, name in before if doc[s].sent.start == sent.start
                and any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(s, min(s + 4, tok.i)))]
    return (subjects or before)[-1][1]


# --- "The talks lasted two hours. A and B discussed ..." --------------------------------------

def next_sentence_people(tok, people) -> list[str]:
    """The two or more people the next sentence of the paragraph opens with as its subject."""
    doc = tok.doc
    sent = tok.sent
    if sent.end >= len(doc) or any("\n" in t.text for t in doc[tok.i:sent.end + 1] if t.is_space):
        return []
    nxt = doc[sent.end].sent
    root = nxt.root
    opening = doc[nxt.start:root.i]
    # the words before the main verb are names, titles and "and" only (the parser may not have
    # coordinated them: "A and Turkish President B discussed ...")
    if not any(t.lower_ == "and" for t in opening) or any(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ")
                                                          for t in opening):
        return []
    names = [people.name_for(t) for t in opening if t.ent_type_ == "PERSON" or t.lower_ in ("he", "she")]
    names = list(dict.fromkeys(n for n in names if n))
    return names if len(names) >= 2 else []
