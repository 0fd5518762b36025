"""Elections told through a person rather than named: "won the presidency in 2008", "was
re-elected in 2020", "elected to the Senate in 1972", "his 2006 run for Congress", "ran for
president in 2016", "is seeking re-election next month", "will face voters in September".

The words come from kg/data/election_people.tsv. Each mention is (country or None, kind or "",
date, rule), the shape kg.extract.elections gives its own; the country, when the words do not
say it, is found there (the sentence's people, then the article's country).

Also two phrases whose date the calendar gives: "the election of the next president" (the
next US presidential election after publication) and "the vote to leave the bloc" (a
referendum, whatever the word for it).
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.article import Article
from kg.extract.dates import resolve_date
from kg.extract.docindex import ent_at
from kg.extract.geo import data_rows, legislature_for

_YEAR = re.compile(r"^(1[89]|20)\d{2}$")
_ELECT = {"elect", "re-elect", "reelect"}
# a vote "to leave the bloc", "to split from Spain": a people's vote on where they belong
_SOVEREIGNTY_VERBS = {"leave", "remain", "stay", "exit", "secede", "split", "break", "quit", "join"}
_OFFICE_KINDS = {"president": "presidential", "prime minister": "parliamentary", "premier": "parliamentary",
                 "chancellor": "parliamentary", "governor": "local", "mayor": "local"}


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, str]]:
    """role → {word: kind} (kg/data/election_people.tsv)."""
    out: dict[str, dict[str, str]] = {}
    for row in data_rows("election_people.tsv"):
        word, role, kind = (row + ["", ""])[:3]
        out.setdefault(role.strip(), {})[word.strip()] = kind.strip()
    return out


def is_person_election_word(tok) -> bool:
    lex = _lexicon()
    lemma = tok.lemma_.lower()
    return (tok.pos_ == "VERB" and lemma in lex["verb"]) or (tok.pos_ == "NOUN" and lemma in lex["bid"])


def person_election_mentions(tok, article: Article, people, modifiers: dict[str, str]):
    """Elections a candidate's act implies, each with the date said on the act."""
    if tok.pos_ == "VERB":
        return _verb_mentions(tok, article, people, modifiers)
    return _bid_mentions(tok, article, people, modifiers)


def _tense(verb) -> str:
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "'ll", "shall"}:
        return "future"
    if verb.tag_ == "VBD" or auxes & {"was", "were", "had", "has", "have", "did"}:
        return "past"
    return "future" if verb.tag_ in ("VBG", "VBZ", "VBP") else "past"


def _ent_text(tok) -> str:
    ent = ent_at(tok.doc, tok.i)
    return ent.text if ent is not None else tok.text


def _dates_on(tok, article: Article, tense: str) -> list[str]:
    """Dates said on a word: "in 2016", "next month", "on Nov. 3", "last year"."""
    out = []
    for child in tok.children:
        target = None
        if child.dep_ in ("npadvmod", "tmod") and child.ent_type_ == "DATE":
            target = child
        elif child.dep_ == "prep" and child.lower_ in ("in", "on", "during"):
            target = next((g for g in child.children if g.dep_ == "pobj"
                           and (g.ent_type_ == "DATE" or _YEAR.match(g.text))), None)
        if target is not None:
            d = resolve_date(_ent_text(target), article.published, tense)
            if d:
                out.append(d)
    return out


def _is_candidate(tok, people) -> bool:
    """A person (named, or a pronoun for one) or a party: who stands in an election."""
    if tok is None:
        return False
    if tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she", "who", "i", "we", "they"):
        return True
    if people is not None and people.name_for(tok):
        return True
    return any(sp.start <= tok.i < sp.end for sp in tok.doc.spans.get("kg_parties", []))


def _subject(verb):
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
        return verb.head
    if subj is None and verb.dep_ in ("xcomp", "conj", "advcl"):
        return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:  # "X was re-elected", parsed as "X was re - | elected": the subject hangs on the auxiliary
        subj = next((g for c in verb.children if c.dep_ in ("aux", "auxpass")
                     for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ == "acl":  # "Rep. X, elected in 2010"
        return verb.head
    up = verb
    for _ in range(4):  # "X has not closed the door to running again": the subject of the clause above
        if subj is not None or up.dep_ not in ("pcomp", "pobj", "prep", "dobj", "xcomp", "acl") or up.head.i == up.i:
            break
        up = up.head
        if up.pos_ in ("VERB", "AUX"):
            subj = next((c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj


def _office_kind(tok, people) -> str:
    """The kind of election a person's office is won in ("President X was re-elected": presidential)."""
    name = people.name_for(tok) if people is not None else None
    if not name:
        return ""
    for m in people.offices_of(name):
        kind = _OFFICE_KINDS.get((m.title or "").lower())
        if kind:
            return kind
    return ""


def _kind_of(words, modifiers: dict[str, str]) -> str:
    return next((modifiers[t.lower_] for t in words if t.lower_ in modifiers), "")


def _goal(tok, lex) -> tuple[str | None, str, str | None]:
    """(country, kind, word) of what one runs for or is elected to: "for president", "to the Senate"."""
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in ("for", "to", "on"):
            for g in child.children:
                if g.dep_ != "pobj":
                    continue
                low = g.lower_
                if low in lex["office"]:
                    leg = legislature_for(g.text)
                    return (leg[0] if leg else None), lex["office"][low], low
                leg = legislature_for(_ent_text(g))
                if leg:
                    return leg[0], leg[1] if leg[0] != "United States" else "", low
        if child.dep_ in ("oprd", "attr", "xcomp") and child.lower_ in lex["office"]:
            return None, lex["office"][child.lower_], child.lower_
    return None, "", None


def _elected_to_a_body(verb) -> bool:
    return any((c.dep_ in ("prep", "dative") and c.lower_ in ("to", "as", "by"))
               or c.dep_ in ("oprd", "attr", "xcomp") for c in verb.children)


_CANDIDATE_VERBS = {"win", "defeat", "beat", "lose", "run", "compete", "triumph"}


def candidate(tok):
    """The candidate of "Trump defeated Clinton in the 2016 election": who won or lost it."""
    gov = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") else \
        tok.head if tok.dep_ == "dobj" else None
    if gov is None or gov.lemma_.lower() not in _CANDIDATE_VERBS:
        return None
    return next((c for c in gov.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"), None)


def calendar_date(article: Article, country: str, kind: str, words: set[str]) -> str | None:
    """ "the next presidential election", "the last American presidential election": the year a
    fixed calendar gives."""
    pub = article.published
    if pub is None or country != "United States" or kind not in ("presidential", "midterm"):
        return None
    if words & {"next", "upcoming", "coming"}:
        return next_fixed_election(article, country, kind)
    if words & {"last", "previous", "recent"}:
        rest = 0 if kind == "presidential" else 2
        year = pub.year - (pub.year - rest) % 4
        if year == pub.year and (pub.month, pub.day) <= (11, 8):
            year -= 4  # this year's vote is still to come
        return str(year)
    return None


_OUTCOME_WORDS = {"victory", "win", "won", "result", "results", "turnout", "declared", "defeat", "landslide",
                  "conceded", "concede", "outcome", "count"}


def just_held(tok, article: Article) -> str | None:
    """The year of an undated election a story is about, reported as over: "declared victory in
    the referendum", with the word said at least three times in the article (its main event)."""
    if article.published is None or not any(t.lower_ in _OUTCOME_WORDS for t in tok.sent):
        return None
    if tok.dep_ in ("compound", "amod") or not any(c.dep_ in ("det", "poss") for c in tok.children):
        return None  # "election meddling", "elections matter": not one vote
    if any(t.lower_ in ("last", "previous", "next", "upcoming", "future", "another", "every", "first", "a", "an")
           for t in tok.subtree):
        return None
    key = "kg_election_words"
    counts = tok.doc.user_data.get(key)
    if counts is None:  # computed once per document
        counts = {}
        for t in tok.doc:
            counts[t.lemma_.lower()] = counts.get(t.lemma_.lower(), 0) + 1
        tok.doc.user_data[key] = counts
    if counts.get(tok.lemma_.lower(), 0) < 3:
        return None
    return str(article.published.year)


def _verb_mentions(verb, article: Article, people, modifiers):
    lex = _lexicon()
    lemma = verb.lemma_.lower()
    subj = _subject(verb)
    if lemma == "vote":
        return _vote_for_mentions(verb, article, people)
    if not _is_candidate(subj, people):
        return []
    tense = _tense(verb)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "re-election" may come as three tokens, each an object: the prize is the one the lexicon knows
    dobj = next((c for c in objects if c.lemma_.lower() in lex["prize"] or c.lower_ in lex["prize"]),
                objects[0] if objects else None)
    dates = _dates_on(verb, article, tense)
    if not dates and any(c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children):
        # "they met in 2012 when Ryan ran on the ticket": the year the "when" clause hangs on
        head = verb.head
        if verb.dep_ == "relcl" and (head.ent_type_ == "DATE" or _YEAR.match(head.text)):
            d = resolve_date(_ent_text(head), article.published, tense)
            dates = [d] if d else []
        elif verb.dep_ == "advcl":
            dates = _dates_on(head, article, tense)
    country, kind, word = None, "", None
    if lemma in _ELECT:
        country, kind, word = _goal(verb, lex)
        if word is None and _elected_to_a_body(verb):
            return []  # "elected to the politburo", "elected as party chairman": not a vote of the people
        if word is None:  # "X was re-elected in 2020": the election of X's office
            kind = _office_kind(subj, people)
    elif lemma == "face":
        if dobj is None or dobj.lemma_.lower() not in lex["voters"]:
            return []
    elif lemma == "run":
        country, kind, word = _goal(verb, lex)
        again = any(c.lower_ == "again" for c in verb.children)
        if dobj is not None or (word is None and not again):
            return []  # "ran the company": not a candidacy
    else:  # win, lose, seek, contest
        if dobj is None or (dobj.lemma_.lower() not in lex["prize"] and dobj.lower_ not in lex["prize"]):
            return []
        if any(c.dep_ == "prep" and c.lower_ in ("on", "at") for c in dobj.children):
            return []  # "a seat on the board"
        if lemma == "seek" and dobj.lemma_.lower() == "seat":
            return []  # "sought the Senate seat": an appointment as often as a vote
        kind = lex["prize"].get(dobj.lemma_.lower()) or lex["prize"].get(dobj.lower_, "")
        kind = _kind_of(dobj.subtree, modifiers) or kind
        dates = dates or _dates_on(dobj, article, tense)
    if not dates:
        return []
    return [(country, kind or _congress_kind(word, d), d, f"election:{lemma}-person") for d in dict.fromkeys(dates)]


def _congress_kind(word: str | None, date: str) -> str:
    """A seat in Congress is won at the midterms or, in a presidential year, the general election
    (not the presidential one the calendar would guess)."""
    if word not in ("congress", "senate", "house"):
        return ""
    return "midterm" if int(date[:4]) % 4 == 2 else "general"


def _vote_for_mentions(verb, article: Article, people):
    """ "Kentucky voted for Trump by 30 points in 2016": voters choosing a candidate."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "against"):
            cand = next((g for g in child.children if g.dep_ == "pobj"), None)
            if cand is not None and cand.ent_type_ == "PERSON" and people is not None and people.name_for(cand):
                dates = _dates_on(verb, article, _tense(verb))
                kind = _office_kind(cand, people)
                return [(None, kind, d, "election:vote-for-person") for d in dict.fromkeys(dates)]
    return []


def _bid_mentions(noun, article: Article, people, modifiers):
    """ "his 2006 run for Congress", "a 2016 presidential bid", "last year's failed candidacy"."""
    lex = _lexicon()
    if any(c.dep_ == "prep" and c.lower_ in ("on", "of") for c in noun.children):
        return []  # "a run on the bank", "a bid of $5 billion"
    dates = []
    for child in noun.children:
        if child.dep_ in ("nummod", "compound", "amod", "npadvmod") and _YEAR.match(child.text):
            dates.append(child.text)
        elif child.dep_ == "poss" and child.ent_type_ == "DATE":
            d = resolve_date(_ent_text(child), article.published, "past")
            if d:
                dates.append(d)
    dates += [d for d in _dates_on(noun, article, "past") if len(d) == 4]
    if not dates:
        return []
    country, kind, word = _goal(noun, lex)
    kind = _kind_of(noun.lefts, modifiers) or kind
    owner = any(c.dep_ == "poss" and _is_candidate(c, people) for c in noun.children)
    gov = noun.head if noun.dep_ in ("dobj", "nsubjpass") else noun.head.head if noun.dep_ == "pobj" else None
    if not owner and gov is not None and gov.pos_ == "VERB":
        owner = _is_candidate(_subject(gov), people)  # "Biden, who is weighing a 2016 run"
    if not (owner or word or kind):
        return []  # "a 2016 bid" for what, by whom: not said
    return [(country, kind or _congress_kind(word, d), d, f"election:{noun.lemma_.lower()}-bid")
            for d in dict.fromkeys(dates)]


def is_referendum_vote(tok) -> bool:
    """ "the vote to leave the bloc", "Thursday's vote to split from Spain": a referendum."""
    if tok.lower_ not in ("vote", "ballot", "poll"):
        return False
    for child in tok.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _SOVEREIGNTY_VERBS \
                and any(a.lower_ == "to" for a in child.children):
            return True
    return False


def next_fixed_election(article: Article, country: str, kind: str) -> str | None:
    """The year of "the next presidential election" where the calendar fixes it (the United
    States: every fourth November; midterms two years between)."""
    pub = article.published
    if pub is None or country != "United States" or kind not in ("presidential", "midterm"):
        return None
    rest = 0 if kind == "presidential" else 2
    year = pub.year + (rest - pub.year) % 4
    if year == pub.year and (pub.month, pub.day) > (11, 8):
        year += 4  # this year's November vote is past
    return str(year)
