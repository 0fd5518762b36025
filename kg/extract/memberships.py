"""Membership facts: which party a named person belongs to or leads.

Patterns (party names and member words come from kg/data/parties.tsv):

  party before the name    "Republican Sen. X", "Democrat X", "Tory leader X", "Labour's X"
  party code after it      "X (R-Texas)", "X, D-Calif., said"
  apposition               "X, a Democrat,", "X, the Republican senator", "X, leader of the Y party"
  possessive party         "X's Likud party"
  "of" phrase              "X of the Y party"
  copula                   "X is a Republican"
  party offices            titles that name a party ("leader of the Conservative Party, X")

The same pattern carries over to a name joined by "and" ("Republican Sens. X and Y").
"""
from __future__ import annotations

import re

from kg.article import Article
from kg.extract.docindex import doc_text
from kg.extract.membership_patterns import back_references, pattern_memberships
from kg.extract.party_words import country_party_spans
from kg.facts import Evidence, Membership
from kg.nlp.lexicons import PartyEntry, party_codes, parties

# words that may stand between a party word and the name it qualifies
_BETWEEN = {"former", "ex", "-", "then", "senior", "veteran", "freshman", "state", "presidential", "candidate",
            "hopeful", "nominee", "lawmaker", "strategist", "leader", "chairman", "chairwoman", "chair", "party",
            "'s", "\u2019s", "incumbent", "challenger", "rival", "colleague", "colleagues", "firebrand",
            "congressional", "house", "senate", "u.s.", "deputy", "governor", "moderate", "conservative",
            "liberal", "progressive", "centrist", "backbencher", "activist", "donor", "mayor", "mp", "mps",
            "lawmakers", "sens.", "reps.", "leaders", "candidates", "senators", "members", "member",
            "politician", "minority", "majority", "whip", "speaker", "deputy", "shadow", "'", "\u2019",
            "caucus", "conference", "national", "committee"}  # "Democratic Caucus Chairman X"
_ROLE_WORDS = {"leader": "leader", "leaders": "leader", "chairman": "chair", "chairwoman": "chair",
               "chair": "chair", "head": "leader", "chairs": "chair", "leads": "leader", "heads": "leader"}
# "(R-Texas)", ", D-Calif.," and, closing a sentence, ", D-Calif.\n"
_CODE_RE = re.compile(r"^\s*(?:[,(\[]\s*([A-Z])\s?[-\u2013\u2014]\s?[A-Z][A-Za-z.]*(?:\s[A-Z][a-z.]+)?"
                      r"(?:\s*[,)\];]|(?<=\.)(?=\s|$))"
                      r"|\(\s*([A-Z])\s*\))")
_OF_OK = {"leader", "leaders", "chairman", "chairwoman", "chair", "head", "member", "members", "one", "leadership"}
_APPOS_VERBS = {"be", "become", "remain", "chair", "lead", "head", "join", "serve", "rank"}  # "X, the ranking Democrat"  # "X, who chairs the Y"
_APPOS_START = {"a", "an", "the", "who", "leader", "chairman", "chairwoman", "head", "fellow", "himself",
                "herself", "also", "is", "was", "both", "each", "then", "now", "formerly", "former"}


# words that make a party word part of another organisation's name: "American Conservative Union",
# "Conservative Political Action Conference"; the weaker ones only after another capitalised word of
# the name ("Republican Governors Association" and "Republican Jewish Coalition" stay the party's)
_OTHER_BODY_WORDS = {"Union", "Foundation", "Institute", "Society", "Network", "Forum", "Center", "Centre", "Fund",
                     "Action", "Project", "Club"}
_OTHER_BODY_WEAK = {"Association", "Coalition", "Alliance", "Movement", "Federation", "Council"}


def _names_another_body(doc, sp) -> bool:
    """The party word stands inside a longer organisation name that is no party body ("Conservative Union")."""
    before = doc[sp.start - 1] if sp.start > 0 else None
    opened = before is not None and before.text[:1].isupper() and before.ent_type_ == "ORG" \
        and before.lower_ not in ("house", "senate", "the") and before.i != before.sent.start
    k = sp.end
    while k < len(doc) and k - sp.end < 3 and doc[k].text[:1].isupper():
        if doc[k].text in _OTHER_BODY_WORDS or (opened and doc[k].text in _OTHER_BODY_WEAK):
            return True
        k += 1
    return False


def _party(name: str) -> PartyEntry:
    return next(p for p in parties() if p.name == name)


def _evidence(doc, i: int, rule: str) -> Evidence:
    sent = doc[i].sent
    return Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char, rule=rule)


def extract_memberships(doc, article: Article, people) -> list[Membership]:
    party_spans = [sp for sp in doc.spans.get("kg_parties", []) if not _names_another_body(doc, sp)]
    other_bodies = [sp for sp in doc.spans.get("kg_parties", []) if _names_another_body(doc, sp)]
    taken = {t for sp in party_spans for t in range(sp.start, sp.end)}
    party_spans += country_party_spans(doc, taken)  # "Socialist X" in a French story
    by_end = {sp.end: sp for sp in party_spans}
    by_start = {sp.start: sp for sp in party_spans}
    title_tokens = {t for sp in doc.spans.get("kg_titles", []) for t in range(sp.start, sp.end)}
    found: dict[tuple[str, str], Membership] = {}

    def add(name: str | None, party: str, i: int, rule: str, role: str | None = None, former: bool = False,
            confidence: float = 0.8) -> None:
        if not name:
            return
        key = (name, party)
        old = found.get(key)
        if old is not None and (old.role or not role):
            return
        p = _party(party)
        found[key] = Membership(person=name, party=party, country=p.country, role=role or (old.role if old else None),
                                former=former, confidence=confidence,
                                evidence=(old.evidence if old else ()) + (_evidence(doc, i, rule),))

    mentions = people.mentions()
    rule_of: dict[int, tuple[str, str, str | None]] = {}  # mention start → (party, rule, role), for "and" carry-over
    for start, end, name in mentions:
        sent = doc[start].sent
        # party before the name
        i, role, former = start - 1, None, False
        while i >= sent.start:
            if i + 1 in by_end:
                sp = by_end[i + 1]
                add(name, sp.label_, start, "membership:party-before-name", role, former)
                rule_of[start] = (sp.label_, "membership:party-before-name", role)
                break
            low = doc[i].lower_
            if low in _BETWEEN or i in title_tokens or doc[i].ent_type_ == "GPE" \
                    or (doc[i].dep_ in ("compound", "amod") and doc[i].text.islower() and start - i <= 4):
                role = role or _ROLE_WORDS.get(low)
                if low == "deputy" and i + 1 < start and doc[i + 1].lower_ in _ROLE_WORDS:
                    role = None  # "deputy leader" does not lead
                former = former or low in ("former", "ex")
                i -= 1
                continue
            break
        # party code after the name: "(R-Texas)"
        if end < len(doc):
            m = _CODE_RE.match(doc_text(doc)[doc[end - 1].idx + len(doc[end - 1].text):][:40])
            code = m and (m.group(1) or m.group(2))
            if code and code in party_codes():
                p = party_codes()[code]
                add(name, p.name, start, "membership:party-code", confidence=0.9)
        # possessive party or "of the Y party": "X's Likud party", "X of the Labour Party"
        j = end
        if j < len(doc) and doc[j].text in ("'s", "\u2019s", "'") and j + 1 in by_start:
            sp = by_start[j + 1]
            if (sp.end < len(doc) and doc[sp.end].lower_ in ("party", "faction", "bloc")) \
                    or sp[-1].lower_ == "party":  # "X's Likud party" (matched as one name)
                add(name, sp.label_, start, "membership:possessive-party", confidence=0.8)
        if j + 2 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ == "the" and j + 2 in by_start:
            add(name, by_start[j + 2].label_, start, "membership:of-party", confidence=0.75)
        # apposition: "X, a Democrat," / "X, the Republican senator from Ohio" / "X of Ohio, a Republican,"
        j = _after_home_state(doc, end, sent.end)
        if j < sent.end - 1 and doc[j].text == "," and doc[j + 1].lower_ in _APPOS_START:
            k, role = j + 1, None
            while k < sent.end and k - j <= 7 and doc[k].text not in (",", ".", ";", ")") \
                    and doc[k].ent_type_ != "PERSON":
                # "X, the wife of Republican Sen. Y" / "X, who argued Democrats...": the party is
                # someone else's past "of" (unless after "leader"/"member") or inside a clause
                if doc[k].lower_ in ("of", "for", "to", "with") and doc[k - 1].lower_ not in _OF_OK:
                    break
                if doc[k].pos_ == "VERB" and doc[k].lemma_ not in _APPOS_VERBS:
                    break
                role = role or _ROLE_WORDS.get(doc[k].lower_)
                if k in by_start:
                    add(name, by_start[k].label_, start, "membership:apposition", role, confidence=0.8)
                    break
                k += 1
    # copula: "X is a Republican"
    for sp in party_spans:
        head = sp.root
        if head.dep_ in ("attr",) and head.head.lemma_ == "be":
            subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                add(people.name_for(subj), sp.label_, sp.start, "membership:copula", confidence=0.7)
    for sp in party_spans:
        _group_members(doc, sp, people, add)
        _nomination_seeker(doc, sp, people, add)
    listed = []
    for name, party, i, rule in pattern_memberships(doc, people, party_spans, title_tokens):
        if rule.endswith("+list"):
            listed.append((name, party, i, rule))
        else:
            add(name, party, i, rule, confidence=0.75)
    # offices that name a party: "Tory leader X", "leader of the Conservative Party"
    for person in people.persons:
        for m in people.offices_of(person.name):
            if m.party and not any(m.start <= sp.start < m.head for sp in other_bodies):
                role = "leader" if m.title == "Leader" else "chair" if m.title == "Chair" else None
                add(person.name, m.party, m.head, "membership:party-office", role, m.former, 0.85)
    # "Republican Sens. X and Y": the second name shares the first's party
    ents = {s: (e, n) for s, e, n in mentions}
    for start, (party, rule, role) in list(rule_of.items()):
        tok = doc[ents[start][0] - 1]
        for conj in tok.conjuncts:
            other = people.name_for(conj)
            if other and conj.i > tok.i and conj.ent_type_ == "PERSON" and not any(k[0] == other for k in found):
                add(other, party, conj.i, rule + "+and", None, confidence=0.7)
    for name, party, i, rule in listed:
        if not any(k[0] == name for k in found):
            add(name, party, i, rule, confidence=0.7)
    # "the Delaware Democrat said": someone named just before
    for name, party, i, rule in back_references(doc, people, party_spans,
                                                lambda n: {k[1] for k in found if k[0] == n}):
        add(name, party, i, rule, confidence=0.6)
    return list(found.values())


def _after_home_state(doc, i: int, limit: int) -> int:
    """Past a place said right after a name ("X of Wisconsin, a Republican"): where the apposition starts."""
    def place_word(tok) -> bool:  # the parser does not always tag the state ("of California,")
        return tok.ent_type_ == "GPE" or (tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON" and tok.text.istitle())

    if i + 1 < limit and doc[i].lower_ in ("of", "from") and place_word(doc[i + 1]):
        k = i + 1
        while k < limit and k - i <= 4 and place_word(doc[k]):
            k += 1
        return k
    return i


_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}
_SEEK_VERBS = {"run", "seek", "win", "vie", "compete", "lose", "pursue", "secure", "clinch", "capture", "accept",
               "earn", "want", "chase", "contest", "challenge", "fight"}
_BID_NOUNS = {"bid", "campaign", "run", "quest", "race", "candidacy"}


def _person(people, tok) -> str | None:
    return people.name_for(tok) if tok.ent_type_ == "PERSON" else None


def _coordinated(tok) -> list:
    """A name and the names joined to it by "and" or commas ("Pelosi, Schumer and ...")."""
    while tok.dep_ in ("appos", "conj") and tok.head.ent_type_ == "PERSON":
        tok = tok.head
    out = [tok]
    for t in [tok] + list(tok.conjuncts):
        out += [c for c in t.children if c.dep_ in ("appos", "conj")]
        out.append(t)
    return list(dict.fromkeys(out))


def _group_members(doc, sp, people, add) -> None:
    """Group references: "Pelosi, Schumer and other Democrats" (each named one is a Democrat);
    "X and Y ... the two Democratic leaders" (the pair named just before, same or previous sentence)."""
    root = sp.root
    if any(c.lower_ == "other" for c in root.children) and root.dep_ in ("conj", "appos"):
        for tok in _coordinated(root.head):
            add(_person(people, tok), sp.label_, tok.i, "membership:other-members", confidence=0.7)
        return
    noun = root.head if root.dep_ in ("amod", "compound") else None
    if noun is None or noun.tag_ not in ("NNS", "NNPS"):
        return
    n = next((_NUMBERS[c.lower_] for c in noun.children if c.lower_ in _NUMBERS), None)
    if n is None:
        return
    sent = doc[sp.start].sent
    scopes = [doc[sent.start:sp.start]]
    if sent.start > 0:
        scopes.append(doc[sent.start - 1].sent)
    for scope in scopes:
        for tok in scope:
            if tok.ent_type_ != "PERSON" or tok.dep_ == "compound" or not tok.conjuncts:
                continue
            group = [t for t in (tok,) + tuple(tok.conjuncts) if _person(people, t)]
            names = list(dict.fromkeys(_person(people, t) for t in group))
            if len(names) == n:
                for t in group:
                    add(_person(people, t), sp.label_, t.i, "membership:group-reference", confidence=0.65)
                return


def _nomination_seeker(doc, sp, people, add) -> None:
    """ "X is running for the Republican presidential nomination", "X, who sought the Democratic
    nomination", "X's bid for the Republican nomination": a candidate for a party's nomination."""
    noun = sp.root.head if sp.root.dep_ in ("amod", "compound") else None
    if noun is None or noun.lemma_ not in ("nomination", "nod"):
        return
    up = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    if up is None:
        return
    if up.pos_ == "NOUN" and up.lemma_ in _BID_NOUNS:
        owner = next((c for c in up.children if c.dep_ == "poss"), None)
        if owner is not None:
            add(_person(people, owner), sp.label_, owner.i, "membership:nomination", confidence=0.7)
        return
    if up.lemma_ not in _SEEK_VERBS:
        return
    subj = next((c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in ("who", "that") and up.dep_ == "relcl":
        subj = up.head
    if subj is not None:
        add(_person(people, subj), sp.label_, subj.i, "membership:nomination", confidence=0.7)
