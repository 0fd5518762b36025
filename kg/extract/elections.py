"""Election facts: "the September 17 Israeli parliamentary election", "the 2016 presidential
election", "the midterms", "next year's election", "Rouhani, who was elected last summer".

For every election noun (kg/data/election_triggers.tsv) the phrase around it gives the
kind ("presidential"), the country ("Israeli", "U.S.", "Knesset") and the date ("2016",
"September 17", "next year's"); what the phrase lacks comes from the sentence, then from
the article (the country it is mostly about). One Election per distinct (country, date).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kg.article import Article
from kg.extract.blurbs import link_blurbs
from kg.extract.dates import resolve_date
from kg.extract.docindex import ent_at, span_ents
from kg.extract.election_people import (calendar_date, candidate, is_person_election_word, is_referendum_vote,
                                        just_held, person_election_mentions)
from kg.extract.geo import country_for, data_rows, legislature_for, place_for
from kg.facts import Election, Evidence
from kg.nlp.lexicons import known_person

_AHEAD = {"upcoming", "coming", "next", "forthcoming", "impending", "looming"}
_BEHIND = {"last", "previous", "past", "recent", "former"}
_YEAR = re.compile(r"^(1[89]|20)\d{2}$")
# offices whose holders are elected in a presidential (or a parliamentary) election
_PRESIDENTIAL_TITLES = {"president", "presidency", "white house"}
_PARLIAMENTARY_TITLES = {"prime minister", "premier", "chancellor", "parliament", "knesset"}


@lru_cache(maxsize=1)
def _triggers() -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """(head word → kind, weak head word → kind, modifier word → kind, words of legislative votes,
    verbs whose date is the election's)."""
    heads, weak, mods, legislative, verbs = {}, {}, {}, {}, {}
    for row in data_rows("election_triggers.tsv"):
        word, role, kind = (row + ["", ""])[:3]
        {"head": heads, "weak": weak, "modifier": mods, "legislative": legislative, "verb": verbs}[role][word] = kind
    return heads, weak, mods, frozenset(legislative), frozenset(verbs)


@lru_cache(maxsize=1)
def _no_presidential_vote() -> frozenset[str]:
    """Countries whose head of state is not chosen in a popular presidential election."""
    return frozenset(row[0] for row in data_rows("no_presidential_vote.tsv") if row)


def extract_elections(doc, article: Article, people) -> list[Election]:
    heads, weak, mods, legislative, _ = _triggers()
    found: list[Election] = []
    ranked = None  # the article's countries, most mentioned first, computed only when needed
    junk = link_blurbs(doc)
    for tok in doc:
        low = tok.lower_
        if tok.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") or tok.i in junk:
            continue  # a pasted link blurb's headlines are other stories
        if tok.ent_type_ == "ORG" and tok.text[:1].isupper() and not tok.sent.text.istitle():
            continue  # "the Federal Election Commission": a body named after elections
        if low in heads or low in weak:
            if tok.pos_ == "ADJ" or (tok.dep_ in ("compound", "amod") and tok.head.lower_ in heads):
                continue  # "primary concern"; "midterm" in "midterm elections" is the phrase's modifier
            if low in weak and low not in heads and (tok.pos_ == "VERB" or tok.ent_type_ in ("ORG", "FAC")):
                continue  # "senators will vote", "the Problem Solvers Caucus": an act or a body, not an election
            mentions = _noun_mentions(tok, article, heads, weak, mods, legislative)
        elif tok.lemma_ in ("elect", "re-elect", "reelect") and tok.pos_ == "VERB":
            mentions = _elected_mentions(tok, article) or person_election_mentions(tok, article, people, mods)
        elif is_person_election_word(tok):
            mentions = person_election_mentions(tok, article, people, mods)  # "won the presidency in 2008"
        else:
            continue
        for country, kind, date, rule in mentions:
            from_context = country is None
            if country is None:
                country = _word_country(tok) or _people_country(tok, people)
                from_context = country is None
            if country is None:
                if ranked is None:
                    ranked = _article_countries(doc)
                actors = {country_for(e.text) for e in span_ents(tok.sent) if _is_actor(e)}
                # a presidential election is held where a president is elected by the people
                barred = _no_presidential_vote() if kind == "presidential" else frozenset()
                context = next((c for c in ranked if c not in actors and c not in barred), "")
                home = people.home_country() if people is not None and hasattr(people, "home_country") else None
                if kind == "presidential" and home and home != context and home not in actors | barred \
                        and home in ranked[:3]:
                    # "the 2016 presidential election" in a story set in Kyiv about an American envoy:
                    # the election of the country whose office holders the story follows
                    context = home
                country = _sentence_country(tok, context) or context or None
                if country in barred:
                    country = context or None
            if country is None:
                continue
            if date is None and any(e.country == country and (not kind or e.kind == kind) for e in found):
                continue  # "the election" after "the 2016 election": the one named before, not a new one
            if date is None and from_context and not kind and found:
                continue  # a bare "the election" whose country is a guess: the election named before
            if date is None:
                date = _undated(article, tok, country) if country == "United States" else just_held(tok, article)
            if date is None and rule.endswith(":calendar"):
                # "the election of the next president", "the last presidential election"
                date = calendar_date(article, country, kind, {t.lower_ for t in _phrase(tok)})
            if date is None and not (article.published is None and kind and _one_election(tok)):
                # an election with neither date nor year is not one we can name, unless the story itself
                # is undated: "a General Election expected on 5 May" keeps what is known, country and kind
                continue
            if not kind and low == "runoff" and country == "United States":
                kind = "general"  # a state's runoff: the United States has no presidential runoff
            guessed = not kind  # a kind the calendar guesses is less sure than one the text says
            kind = kind or _default_kind(country, date)
            sent = tok.sent
            found.append(Election(
                country=country, kind=kind, date=date,
                confidence=(0.8 if date else 0.5) - (0.05 if guessed else 0),
                evidence=(Evidence(sent.text, sent.start_char, sent.end_char, rule),)))
    return _distinct(found)


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """Election words only one country uses (kg/data/election_words_country.tsv)."""
    return {row[0].lower(): row[1] for row in data_rows("election_words_country.tsv") if len(row) > 1}


def _word_country(tok) -> str | None:
    """"the midterm elections", "the Iowa caucuses", "the Electoral College vote": the one country
    whose elections are called so."""
    words = _country_words()
    phrase = " ".join(t.lower_ for t in _phrase(tok))
    for word, country in words.items():
        if re.search(rf"\b{re.escape(word)}\b", phrase):
            return country
    sent = tok.sent.text.lower()
    return next((c for w, c in words.items() if " " in w and w in sent), None)


def _people_country(tok, people) -> str | None:
    """The country of an election a person's phrase owns ("Trump's 2016 campaign", "his election")
    or of the leaders the sentence names, when all of them hold offices of one country ("Trump will
    not compromise with an eye to next year's presidential elections"); the article's most
    mentioned country is a worse guess (a story of a summit abroad, of meddling from abroad)."""
    if people is None:
        return None
    owner = [c for t in _phrase(tok) if t.dep_ == "poss" and t.i != tok.i for c in _person_countries(t, people)]
    if owner:
        return owner[0]
    runner = candidate(tok)  # "Trump defeated Clinton in the 2016 election": the winner's country
    if runner is not None and _person_countries(runner, people):
        return _person_countries(runner, people)[0]
    votes: Counter[str] = Counter()
    for ent in span_ents(tok.sent):
        if ent.label_ == "PERSON" and not _is_actor(ent):
            votes.update(_person_countries(ent.root, people)[:1])
    meddlers = _meddlers(tok.sent)
    for c in meddlers:
        votes.pop(c, None)
    found = set(votes)
    ranked = votes.most_common(2)
    if len(found) == 1 or (len(ranked) == 2 and ranked[0][1] >= 2 * ranked[1][1]):
        # "Obama's opponent, Romney, ... supported by Netanyahu": most of the people named are of one country
        return ranked[0][0]
    home = people.home_country() if hasattr(people, "home_country") else None
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1] and home in found and not meddlers:
        return home  # a tie: the country whose office holders the story follows
    if meddlers and hasattr(people, "home_country"):
        # the election acted on is where the story's office holders are, unless they are the actors
        home = people.home_country()
        strict = {country_for(e.text) for e in span_ents(tok.sent) if _is_actor(e)}
        if home and home not in strict and not found:
            return home
    return None


def _meddlers(sent) -> set[str]:
    """In a sentence about acting on an election ("Moscow's campaign to disrupt the election",
    "Putin denied meddling"), every country it names may be the meddler: none of them is
    taken for the country voting."""
    if not any(t.lemma_.lower() in _ACTING_ON or t.lower_ in _ACTING_ON for t in sent):
        return set()
    out = {country_for(e.text) for e in span_ents(sent) if e.label_ in ("GPE", "NORP")}
    return {c for c in out if c}


def _person_countries(tok, people) -> list[str]:
    name = people.name_for(tok) if tok.ent_type_ == "PERSON" or tok.lower_ in ("his", "her") else None
    if not name:
        return []
    known = known_person(name)
    if known is not None and known.country:
        return [known.country]  # the gazetteer's country is surer than a title read nearby
    offices = [m for m in people.offices_of(name) if m.country and m.has_person] \
        if hasattr(people, "offices_of") else []
    return [c for c, _ in Counter(m.country for m in offices).most_common(1)]


def _phrase(tok) -> list:
    """The noun phrase of an election word: its left subtree, plus "in/of <date>" after it."""
    start = tok.left_edge.i
    if tok.dep_ == "compound" and tok.head.i > tok.i:
        start = min(start, tok.head.left_edge.i)  # "the Nov. 3 general election ballot": the date is the head's
    out = list(tok.doc[start: tok.i + 1])
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "on", "for", "this", "next"):
            out.extend(child.subtree)
        elif child.dep_ in ("npadvmod", "nummod", "appos") and (child.ent_type_ == "DATE" or _YEAR.match(child.text)):
            out.extend(child.subtree)
        elif child.dep_ in ("acl", "amod") and child.lemma_.lower() in _SCHEDULING:
            out.extend(child.subtree)  # "an election expected on 5 May", "the vote scheduled for June 3"
    nxt = tok.i + 1
    if tok.lower_ in _triggers()[0] and nxt < len(tok.doc) and tok.doc[nxt].ent_iob_ == "B" \
            and tok.doc[nxt].ent_type_ == "DATE" \
            and tok.doc[nxt].head.i != tok.i and not any(t.ent_type_ == "DATE" or _YEAR.match(t.text) for t in out):
        # "Israel's election Tuesday": the day right after the word, parsed onto another one (not after
        # "vote" or "campaign": "the vote Wednesday" is often a chamber's, "a campaign Thursday" a launch)
        ent = ent_at(tok.doc, nxt)
        out.extend(ent)
    return out


def _noun_mentions(tok, article: Article, heads, weak, mods, legislative=frozenset()):
    low = tok.lower_
    phrase = _phrase(tok)
    words = {t.lower_ for t in phrase}
    kind = heads.get(low) or weak.get(low) or ""
    if low in weak and is_referendum_vote(tok):
        kind, weak = "referendum", {}  # "the vote to leave the bloc": a head word here
    for t in phrase:
        if t.i != tok.i and t.lower_ in mods and t.dep_ in ("amod", "compound", "nmod", "poss", "conj"):
            kind = _pick_kind(kind, mods[t.lower_])
    country, legis_kind = _phrase_country(phrase, tok)
    kind = kind or legis_kind
    dates = _phrase_dates(phrase, tok, article) or _governor_year(tok) or _governor_dates(tok, article)
    explicit_kind = kind if low not in weak else next(
        (mods[t.lower_] for t in phrase if t.i != tok.i and t.lower_ in mods), "")
    if low in weak and weak[low] and country and any(t.ent_type_ == "GPE" for t in phrase if t.i < tok.i):
        explicit_kind = weak[low]  # "the New Hampshire primary", "the Iowa caucus"
    if low in weak and low not in heads and not (explicit_kind or dates):
        return []  # "a Commons vote", "the race" alone are not elections
    if low == "poll" and (any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)
                          or tok.head.lemma_.lower() in _SURVEY_VERBS):
        return []  # "a poll last year found": an opinion poll, not a vote
    if low in weak and low not in heads and not explicit_kind and any(
            c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children) for c in tok.children):
        return []  # "a 2011 campaign to drive X from power": a campaign for a cause
    if kind == "primary" and not dates and not any(t.ent_type_ == "GPE" for t in phrase) and not any(
            c.dep_ in ("det", "poss") for c in tok.children):
        return []  # "candidates who win in primaries": primaries in general, not one election
    if low in weak and low not in heads and not explicit_kind and (
            any(c.dep_ == "prep" and c.lower_ in ("on", "over") for c in tok.children)
            or any(t.dep_ in ("nsubj", "compound", "poss") and legislature_for(t.text) and t.text[:1].isupper()
                   and t.head.pos_ in ("VERB", "AUX", "NOUN") for t in tok.sent if t.i != tok.i)
            or any(t.lemma_.lower() in legislative and t.ent_type_ != "PERSON" for t in tok.sent)  # not "Bill Clinton"
            or any(c.dep_ in ("compound", "poss") and c.lower_ in _CHAMBERS for c in tok.children)):
        return []  # "a September vote on the deal", "senators' vote": a vote of legislators, not of voters
    if not kind and "president" in words:
        kind = "presidential"  # "the election of the next president"
    if not dates:
        if "next" in words:
            # "the next election": no date said; only a fixed calendar anchors it
            return [(country, kind, None, f"election:{low}:calendar")] if kind in ("presidential", "midterm") else []
        if words & {"last", "previous"} and kind in ("presidential", "midterm"):
            return [(country, kind, None, f"election:{low}:calendar")]
        return [(country, kind, None, f"election:{low}")]
    return [(country, kind, d, f"election:{low}") for d in dates]


_CHAMBERS = {"house", "senate", "commons", "lords", "cabinet", "committee", "panel", "board", "jury"}  # "a House vote"
_SURVEY_VERBS = {"find", "show", "suggest", "indicate", "conduct", "release", "publish", "commission"}


def _governor_year(tok) -> list[str]:
    """A year said beside the word the election phrase hangs on: "(competed) for the
    nomination in 2016", where the parser attaches "in 2016" one level up."""
    gov = tok.head.head if tok.dep_ == "pobj" else tok.head
    for child in gov.children:
        if child.dep_ == "prep" and child.lower_ == "in" and child.i != tok.i:
            for t in child.children:
                if t.dep_ == "pobj" and _YEAR.match(t.text):
                    return [t.text]
    return []


def _governor_dates(tok, article: Article) -> list[str]:
    """A date said on the verb the election is the object of: "Spain holds an election on April 28",
    "Germans vote in the Bundestag election next month", "Israelis go to the polls on Tuesday"."""
    if tok.dep_ in ("dobj", "nsubjpass") or (tok.dep_ == "nsubj" and tok.head.lemma_ in _HAPPENING):
        gov = tok.head  # "holds an election on May 5", "the primary took place on June 23"
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        gov = tok.head.head
    else:
        return []
    if gov.pos_ not in ("VERB", "AUX") or (gov.lemma_.lower() not in _triggers()[4] and gov.lemma_ not in _HAPPENING):
        return []  # "launched his campaign last week": the launch's day, not the vote's
    out = []
    for child in gov.children:
        if child.dep_ in ("npadvmod", "tmod") and child.ent_type_ == "DATE":
            ent = child
        elif child.dep_ == "prep" and child.lower_ in ("on", "in") and child.i != tok.head.i:
            ent = next((g for g in child.children if g.dep_ == "pobj" and g.ent_type_ == "DATE"), None)
        else:
            continue
        if ent is not None:
            span = ent_at(tok.doc, ent.i)
            if span is not None and _is_dateline(span, resolve_date(span.text, article.published), article):
                continue
            ahead = gov.tag_ in ("VBP", "VBZ") or any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall")
                                                      for c in gov.children)
            tense = "future" if ahead else _verb_tense(tok)  # "go to the polls on Tuesday": the coming one
            d = resolve_date(_ent_text(ent), article.published, tense)
            if d:
                out.append(d)
    return out


_SCHEDULING = {"expect", "schedule", "set", "slate", "due", "plan", "call", "hold"}
_HAPPENING = {"happen", "occur", "take"}  # "took place": the subject's date is its own


def _one_election(tok) -> bool:
    """ "a General Election", "the referendum"; not "presidential election campaigns" in general."""
    noun = tok.head if tok.dep_ == "compound" else tok
    if noun.tag_ not in ("NN", "NNP") or tok.tag_ not in ("NN", "NNP"):
        return False
    # "the General Election" (the one coming), or any with a day: "a General Election expected on 5 May"
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) \
        or any(t.ent_type_ == "DATE" for t in _phrase(tok))


def _is_dateline(ent, d: str | None, article: Article) -> bool:
    """"Tuesday, May 10, 2022 The election was held on Sunday": the publication day opening the
    sentence, with another date after it, is a dateline glued to the text, not the vote's day."""
    return bool(d) and ent.start == ent.sent.start and article.published is not None \
        and d == article.published.isoformat() \
        and any(e.label_ == "DATE" and e.start >= ent.end for e in span_ents(ent.sent))


def _pick_kind(current: str, new: str) -> str:
    # the more specific word wins: "presidential primary" is a primary, "general" yields to others
    if not current or current == "general":
        return new
    if new == "primary":
        return new
    return current


def _phrase_country(phrase, trigger) -> tuple[str | None, str]:
    for t in phrase:
        if t.i == trigger.i:
            continue
        leg = legislature_for(t.text)
        if leg:
            return leg[0], leg[1]
        if t.ent_type_ in ("GPE", "NORP") or t.pos_ == "PROPN" or t.tag_ == "JJ":
            c = country_for(_ent_text(t))
            if c:
                return c, ""
            hit = place_for(_ent_text(t))
            if hit and hit[1]:
                return hit[1], ""
    return None, ""


def _ent_text(tok) -> str:
    if tok.ent_type_:
        ent = ent_at(tok.doc, tok.i)
        if ent is not None:
            return ent.text
    return tok.text


def _phrase_dates(phrase, trigger, article: Article) -> list[str]:
    """Every date said in the phrase: "the 2008 and 2012 general elections" gives two."""
    out: list[str] = []
    seen_ents = set()
    doc = trigger.doc
    words = {t.lower_ for t in phrase}
    tense = "future" if words & _AHEAD else "past" if words & _BEHIND else _verb_tense(trigger)
    if tense == "nearest":
        tense = "anticipated"  # "the November election" in a campaign story: the coming one
    for t in phrase:
        if t.ent_type_ == "DATE":
            ent = ent_at(doc, t.i)
            if ent is None or ent.start in seen_ents:
                continue
            seen_ents.add(ent.start)
            text = ent.text
            # an entity may swallow several years: "2008 and 2012"
            years = [y for y in re.findall(r"\b(?:1[89]|20)\d{2}\b", text)]
            if len(years) > 1 and not re.search(r"[A-Za-z]{3}", re.sub(r"\band\b|\bor\b", "", text)):
                out.extend(years)
                continue
            d = resolve_date(text, article.published, tense)
            if d and _is_dateline(ent, d, article):
                continue
            if d:
                out.append(d)
        elif _YEAR.match(t.text) and t.like_num:
            out.append(t.text)
    if not out:  # the parser may label "the September 17 election" an EVENT, not a DATE
        left = " ".join(t.text for t in phrase if t.i < trigger.i and t.ent_type_ not in ("NORP", "GPE", "ORG"))
        d = resolve_date(left, article.published, tense) if re.search(r"\d|next|this|last", left) else None
        if d:
            out.append(d)
    return list(dict.fromkeys(out))


def _verb_tense(tok) -> str:
    """Which way the clause of an election word points: "was held on Sunday" past, "will vote on
    Sunday" future, else the nearest such day."""
    # a verb used as a preposition ("following the elections") tells no tense: the clause's verb does
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ != "prep"), None)
    if verb is None:
        return "nearest"
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "'ll", "shall"}:
        return "future"
    if verb.tag_ == "VBD" or auxes & {"was", "were", "had", "did"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and auxes & {"is", "are", "am", "'s", "'re"}):
        return "future"  # "is running in the November election", "faces the March vote"
    return "nearest"


def _undated(article: Article, tok, country: str) -> str | None:
    """An election named without a date ("the election campaign", "the midterms"): where the
    country votes on a fixed calendar (the United States: even years, in November) and the
    article comes from such a year before the vote or just after it, the one of that year."""
    pub = article.published
    if pub is None or country != "United States" or pub.year % 2:
        return None
    phrase = " ".join(t.lower_ for t in _phrase(tok))
    if re.search(r"\b(last|previous|past|next|upcoming|future|another|every|each|first)\b", phrase):
        return None
    if ("midterm" in phrase and pub.year % 4 == 0) or ("presidential" in phrase and pub.year % 4):
        return None  # no such election that year
    for t in tok.sent:
        if t.ent_type_ == "DATE" and _YEAR.match(t.text) and t.text != str(pub.year):
            return None  # the sentence is about another year: do not guess
    near = [tok.head] + [c for c in tok.head.children] + list(tok.subtree)
    for t in near:
        if t.ent_type_ == "DATE":
            return None  # a date nearby belongs to something else: do not guess
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    past = verb is not None and "Past" in verb.morph.get("Tense")
    primary = bool(re.search(r"\b(primary|primaries|caucus|caucuses)\b", phrase))
    if past and pub.month < 11 and not (primary and pub.month < 10):
        return None  # "before the elections, ads were shown": an earlier election (primaries run Jan-Sep)
    if pub.month == 12 and not past:
        return None
    return str(pub.year)


def _elected_mentions(tok, article: Article):
    """"X, who was elected this past summer" / "X was elected president in 2013"."""
    dates = []
    for t in tok.subtree:
        if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
            d = resolve_date(_ent_text(t), article.published, "past")
            if d:
                dates.append(d[:4])
    if not dates:
        return []
    # who was elected: the passive subject or the noun a "who was elected" clause hangs on
    holder = tok.head if tok.dep_ == "relcl" else next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    words = " ".join(t.lower_ for t in (holder.subtree if holder is not None else [])) + " " + " ".join(
        t.lower_ for t in tok.rights if t.dep_ in ("oprd", "attr", "xcomp", "dobj"))
    kind = "presidential" if any(w in words for w in _PRESIDENTIAL_TITLES) else (
        "parliamentary" if any(w in words for w in _PARLIAMENTARY_TITLES) else "")
    country = None
    if holder is not None:
        for t in holder.subtree:
            if t.ent_type_ in ("NORP", "GPE"):
                country = country_for(_ent_text(t))
                if country:
                    break
    if not kind:
        return []
    return [(country, kind, d, "election:elected") for d in dict.fromkeys(dates)]


def _sentence_country(tok, context: str) -> str | None:
    """The country of an election whose phrase names none: a country that is the subject of
    the clause ("Israel holds its third election"), or, where the phrase points back ("the
    country's elections", "its vote"), the nearest country of the sentence; else None and the
    article's country decides. Countries acting on an election ("Russia meddled") never count."""
    clause = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    for _ in range(3):  # "Greece is scheduled to hold elections": the subject of the verb above "hold"
        if clause is None or clause.lemma_.lower() in _ACTING_ON:
            break
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.ent_type_ == "GPE":
                c = country_for(_ent_text(child)) or (place_for(_ent_text(child)) or (None, None))[1]
                if c:
                    return c
        if clause.dep_ not in ("xcomp", "conj") or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            break
        clause = clause.head
    phrase = {t.lower_ for t in _phrase(tok)}
    if not phrase & {"country", "nation", "its", "their", "national"}:
        return None
    candidates: list[tuple[int, str, object]] = []
    for ent in span_ents(tok.sent):
        if ent.label_ not in ("GPE", "NORP") or _is_actor(ent):
            continue
        c = country_for(ent.text)
        if c is None:
            hit = place_for(ent.text)
            c = hit[1] if hit else None
        if c:
            candidates.append((abs(ent.start - tok.i), c, ent))
    if any(c == context for _, c, _ in candidates):
        return context
    candidates = [(d, c, e) for d, c, e in candidates if not _is_location(e)]
    return min(candidates, key=lambda x: x[0])[1] if candidates else None


def _is_location(ent) -> bool:
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "from", "to") and root.head.head.lower_ not in (
        "election", "elections", "vote", "referendum")


_ACTING_ON = {"meddling", "meddle", "interference", "interfere", "hacking", "hack", "intervention", "rig",
              "disrupt", "undermine", "sway",
              "involvement", "influence", "attack", "operative", "operator", "agent", "troll", "bot",
              "hacker", "spy", "actor", "effort", "disinformation", "propaganda"}


def _is_actor(ent) -> bool:
    """A country acting on an election ("Russia meddled in it", "Russian interference") is not
    the country holding it."""
    root = ent.root
    if root.dep_ in ("amod", "compound", "poss", "nmod") and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.dep_ in ("nsubj", "nsubjpass"):
        if root.head.lemma_.lower() in _ACTING_ON or root.head.lower_ in _ACTING_ON:
            return True
        root = root.head  # "Ukrainian officials meddled": the officials' country acts
    if root.dep_ in ("nsubj", "nsubjpass", "agent"):
        verb = root.head if root.dep_ != "agent" else root.head.head
        # "Russia meddled", "Ukraine tried to interfere": the verb or the one it leads to acts on it
        chain = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "conj")]
        if any(v.lemma_.lower() in _ACTING_ON for v in chain):
            return True
    return root.dep_ in ("amod", "compound", "poss", "nmod") and (
        root.head.lemma_.lower() in _ACTING_ON or root.head.lower_ in _ACTING_ON)


def _article_countries(doc) -> list[str]:
    """The country the article is mostly about: most mentioned by name, adjective, city,
    legislature or party."""
    counts: Counter[str] = Counter()
    parties = _party_countries()
    for ent in doc.ents:
        c = None
        if _is_actor(ent):
            continue
        if ent.label_ in ("GPE", "NORP", "LOC", "FAC"):
            c = country_for(ent.text)
            if c is None:
                hit = place_for(ent.text)
                c = hit[1] if hit else None
        if c is None and ent.label_ in ("ORG", "NORP", "FAC"):
            leg = legislature_for(ent.text)
            c = leg[0] if leg else parties.get(ent.text.removeprefix("the ").removeprefix("The "))
        if c:
            counts[c] += 1
    return [c for c, _ in counts.most_common()]


@lru_cache(maxsize=1)
def _party_countries() -> dict[str, str]:
    """Party name or alias → country, read from the parties lexicon (kg/data/parties.tsv)."""
    out: dict[str, str] = {}
    try:
        rows = data_rows("parties.tsv")
    except FileNotFoundError:
        return out
    for row in rows:
        if len(row) >= 3 and row[2].strip():
            for name in [row[0]] + row[1].split("|"):
                if name.strip():
                    out.setdefault(name.strip(), row[2].strip())
    return out


def _default_kind(country: str, date: str | None) -> str:
    """Kind when the text gives none: the country's usual national election."""
    if country == "United States" and date:
        year = int(date[:4])
        if len(date) >= 7 and int(date[5:7]) <= 9:
            return "primary"  # national votes fall in November; a vote from January to September is a primary
        return "presidential" if year % 4 == 0 else "midterm" if year % 2 == 0 else "general"
    if country in ("Israel", "Germany", "Russia", "Japan", "Netherlands", "Iraq"):
        return "parliamentary"
    if country in ("Iran", "France", "Mexico", "Brazil", "Ukraine", "South Korea", "Afghanistan"):
        return "presidential"
    return "general"


def _distinct(found: list[Election]) -> list[Election]:
    """One Election per (country, date); a bare year yields to a fuller date of the same year,
    and an explicit kind to the default one."""
    by_key: dict[tuple[str, str | None], Election] = {}
    for e in found:
        key = (e.country, e.date)
        old = by_key.get(key)
        if old is None:
            by_key[key] = e
        else:
            kind = e.kind if e.confidence > old.confidence else old.kind  # the text's kind beats a guessed one
            by_key[key] = Election(country=e.country, kind=kind, date=e.date,
                                   confidence=max(old.confidence, e.confidence),
                                   evidence=old.evidence + e.evidence)
    out = []
    for (country, date), e in by_key.items():
        if date and len(date) in (4, 7) and any(c == country and d and len(d) > len(date) and d.startswith(date)
                                                for c, d in by_key):
            continue  # "2014" or "2014-12" beside "2014-12-06": the same vote, said less precisely
        if date is None and any(c == country and d for c, d in by_key):
            continue
        out.append(e)
    return out
