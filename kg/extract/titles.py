"""Title mentions: political offices written in the text, with the name they belong to.

Reads the title spans the `kg_lexicon_spans` component marked, widens each with the
words around it that say whose office it is (a nationality, "Japan's", "of Russia",
a government body, a party, "former"), drops business, press and sport uses, and
attaches the name the title is given to:

  title before name     "Russian President Vladimir Putin"
  apposition            "Putin, the Russian president", "X, who is the foreign minister"
  name after a comma    "Israel's prime minister, Benjamin Netanyahu"
  copula                "X is the mayor of Y", "X served as defense minister"

A title with no name but a determiner ("the Russian president", "his defense
minister") is kept as a reference for the PeopleIndex to resolve.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.docindex import ent_at, span_ending_at
from kg.extract.geo import country_for, place_for, place_kind
from kg.nlp.lexicons import TitleEntry, bodies, honorifics, known_by_surname, known_person, party_for, titles

_FORMER = {"former", "ex", "then", "ex-", "then-", "erstwhile", "onetime", "one-time", "late"}
_SOFT_MODIFIERS = {"acting", "interim", "outgoing", "incoming", "new", "current", "sitting", "longtime",
                   "veteran", "top", "senior", "-", "final", "last", "chief", "longest-serving",
                   "first", "second", "third", "fourth", "fifth", "official", "principal", "black", "female",
                   "woman", "youngest", "oldest"}
_ORDINALS = {"first", "second", "third", "fourth", "fifth", "youngest", "oldest"}
# "the country's leader", "the state's senior senator": the owner is the state itself, whose
# name the title's reference or the person's other offices give
_STATE_NOUNS = {"country", "nation", "state", "kingdom", "republic", "island", "government", "regime", "party"}
# a chamber's or party's committee, caucus or conference: "House Judiciary Committee Chairman",
# "Senate Appropriations Chairman", "chairman of the Senate Judiciary Committee"
_COMMITTEE_RUN = 6
_SUBNATIONAL = {"province", "state", "region", "territory", "city", "county", "island"}
# words that make another office of the title: "deputy leader" is not the leader, "shadow
# chancellor" is the opposition's spokesman (a Westminster office unless a country is written)
_PREFIX_OFFICES = {"deputy": "Deputy", "shadow": "Shadow", "assistant": "Assistant", "under": "Under"}
_SECRETARY_ONLY = {"assistant", "under"}
# capitalised words before "Secretary" that are no government portfolio ("Party Secretary", "Executive Secretary")
_NOT_PORTFOLIOS = {"deputy", "assistant", "under", "executive", "private", "party", "press", "general", "first",
                   "permanent", "acting", "the", "his", "her", "a", "an", "company", "club", "union"}  # "under secretary of state"; not "under President Obama"
POSTED_TO = {"Ambassador", "Envoy"}       # "ambassador to X": X is where, not whose, the office is
_DETERMINERS = {"the", "his", "her", "its", "their", "our"}
_APPOS_GAP = {"the", "a", "an", "now", "then", "also", "currently", "still", "who", "is", "was", "as",
              "formerly", "previously", "became", "has", "been", "served", "serves", "his", "her", "their"}
_COPULA = {"be", "become", "serve", "remain", "name", "appoint", "elect"}
_SPELLS = {"time", "tenure", "term", "stint", "year", "day"}  # "her time as secretary of state"
_NEEDS_BODY = {"spokes", "chair", "adviser"}  # official only next to a government body, a country or a party
_ABBREVIATIONS = {"pm", "mp"}               # only in capitals ("3 pm" is a time)


@dataclass
class TitleMention:
    start: int                     # first token of the title with its modifiers
    end: int                       # one past its last token
    head: int                      # token of the office word itself ("president")
    title: str                     # canonical office: "President"
    kind: str
    country: str | None = None
    organization: str | None = None
    party: str | None = None       # canonical party of a party office ("Tory leader")
    former: bool = False
    explicit_country: bool = False  # the country is written next to the title (not a default)
    person_start: int | None = None  # the name (or pronoun) the title is given to
    person_end: int | None = None
    rule: str = ""
    definite: bool = False         # "the Russian president": a reference to resolve
    historic: bool = False         # "the first black president": any holder up to now, not the current one
    owner: int | None = None       # a person whose office this serves: "Moon's press secretary" (token)

    @property
    def has_person(self) -> bool:
        return self.person_start is not None


def _country_at(doc, i: int, lo: int) -> tuple[str | None, int]:
    """A country named by the word(s) ending at token i ("Russian", "South Korean", "U.S.")."""
    if doc[i].is_punct or doc[i].is_space:
        return None, 0  # "the U.S. and Russia, President Obama": a comma ends the title's phrase
    if i - 1 >= lo and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ != "the":
        c = country_for(doc[i - 1].text + " " + doc[i].text)
        if c:
            return c, 2
    if doc[i].text[:1].isupper():
        c = country_for(doc[i].text)
        if c:
            return c, 1
    return None, 0


def _state_or_city_at(doc, i: int, lo: int) -> tuple[str | None, int]:
    """The country of a state or city named by the GPE word(s) ending at token i ("New Jersey")."""
    for n in (2, 1):
        if i - n + 1 >= lo and all(t.ent_type_ == "GPE" for t in doc[i - n + 1:i + 1]):
            hit = place_for(doc[i - n + 1:i + 1].text)
            if hit and hit[1]:
                return hit[1], n
    for n in (2, 1):  # a state the model took into an ORG: "Ohio Democratic Party chairman"
        if i - n + 1 >= lo and all(t.text[:1].isupper() for t in doc[i - n + 1:i + 1]) \
                and place_kind(doc[i - n + 1:i + 1].text) == "state":
            hit = place_for(doc[i - n + 1:i + 1].text)
            if hit and hit[1]:
                return hit[1], n
    return None, 0


def _chamber_run_at(doc, i: int, lo: int):
    """A committee of a chamber or a party written before a title, ending at token i: capitalised
    words ("Ways and Means", "Judiciary Committee") opened by a chamber of known country or a party
    ("House", "Senate", "Republican"). Returns (body or None, party span or None, first token)."""
    k = i
    while k >= lo and i - k < _COMMITTEE_RUN and (doc[k].is_alpha and doc[k].text[:1].isupper()
                                                   or doc[k].lower_ in ("and", "&")):
        party = next((sp for sp in doc.spans.get("kg_parties", []) if sp.start == k), None)
        if party is not None:
            return None, party, k
        b = bodies().get(doc[k].text) or bodies().get(doc[k:i + 1].text)  # "House", "Ways and Means"
        if b is not None and b.country and doc[k].text[:1].isupper():
            return b, None, k
        k -= 1
    return None, None, i + 1


def _chamber_phrase(text: str):
    """ "Senate Judiciary Committee", "House Armed Services Committee": the chamber's body."""
    words = text.split()
    if len(words) >= 2 and words[-1] in ("Committee", "Subcommittee", "Caucus", "Conference"):
        b = bodies().get(words[0])
        if b is not None and b.country:
            return b
    return None


def _body_at(doc, i: int, lo: int):
    for n in (2, 1):
        if i - n + 1 >= lo:
            b = bodies().get(doc[i - n + 1:i + 1].text)
            if b:
                return b, n
    return None, 0


def _elect_end(doc, e: int, hi: int) -> int | None:
    """One past "-elect" / "elect" written right after a title at token e, else None."""
    if e < hi and doc[e].lower_ in ("-elect", "elect"):
        return e + 1
    if e + 1 < hi and doc[e].text == "-" and doc[e + 1].lower_ == "elect":
        return e + 2
    return None


def _party_span_ending_at(doc, i: int):
    return span_ending_at(doc, "kg_parties", i)


def _person_span_at(doc, i: int, ents_by_start: dict, ents_by_end: dict, starting: bool):
    return ents_by_start.get(i) if starting else ents_by_end.get(i)


def _of_phrase(doc, e: int, sent_end: int) -> tuple[str, int]:
    """The noun phrase after 'of'/'to' at token e: its text and end ("of the United States")."""
    j = e + 1
    if j < sent_end and doc[j].lower_ == "the":
        j += 1
    k = j
    while k < sent_end and (doc[k].text[:1].isupper() or doc[k].lower_ in ("and", "of", "'s")) and k - j < 6 \
            and doc[k].ent_type_ != "PERSON":  # "Minister of Communication and Technology Reza X"
        k += 1
    while k > j and doc[k - 1].lower_ in ("and", "of", "'s"):
        k -= 1
    if k == j:  # lower-case object: "president of the company"
        while k < sent_end and doc[k].pos_ in ("NOUN", "ADJ", "PROPN") and k - j < 3:
            k += 1
        return doc[j:k].text.lower(), k
    return doc[j:k].text, k


def title_mentions(doc) -> list[TitleMention]:
    """All political title mentions of the doc (cached on the doc)."""
    cached = doc.user_data.get("kg_title_mentions")
    if cached is not None:
        return cached
    ents_by_start = {e.start: e for e in doc.ents if e.label_ == "PERSON"}
    ents_by_end = {e.end: e for e in doc.ents if e.label_ == "PERSON"}
    lex = titles()
    out: list[TitleMention] = []
    for sp in doc.spans.get("kg_titles", []):
        entry: TitleEntry = lex[sp.label_]
        m = _read_title(doc, sp, entry, ents_by_start, ents_by_end)
        if m is not None:
            out.append(m)
    doc.user_data["kg_title_mentions"] = out
    return out


def _read_title(doc, sp, entry: TitleEntry, ents_by_start, ents_by_end) -> TitleMention | None:
    sent = sp.sent
    lo, hi = sent.start, sent.end
    s, e = sp.start, sp.end
    if entry.phrase in _ABBREVIATIONS and not sp.text.isupper():
        return None
    if any(t.ent_type_ == "PERSON" for t in sp):
        return None  # a title word inside a name ("Kim Jong Un" is safe; "Rep. X" never gets here)
    m = TitleMention(start=s, end=e, head=e - 1, title=entry.title, kind=entry.kind, country=None)
    title = entry.title
    # generic offices: "communications minister", "Home Office minister"
    if entry.phrase == "minister":
        k = s
        while k - 1 >= lo and s - k < 2 and doc[k - 1].pos_ in ("NOUN", "PROPN") and doc[k - 1].dep_ == "compound" \
                and not country_for(doc[k - 1].text) and doc[k - 1].text not in bodies() \
                and doc[k - 1].is_alpha and doc[k - 1].lower_ not in _FORMER:  # "ex-minister" is no portfolio
            k -= 1
        if k < s:
            title = " ".join(w.capitalize() for w in doc[k:s].text.split()) + " Minister"
            s = k
    if entry.phrase == "secretary":
        # a portfolio written in capitals before it: "Trade and Industry Secretary", "Labor Secretary"
        k = s
        while k - 1 >= lo and s - k < 4 and (doc[k - 1].pos_ == "PROPN" and doc[k - 1].is_alpha
                                              and doc[k - 1].text[:1].isupper() or doc[k - 1].lower_ == "and") \
                and not country_for(doc[k - 1].text) and doc[k - 1].text not in bodies() \
                and doc[k - 1].ent_type_ != "PERSON" and doc[k - 1].lower_ not in _FORMER \
                and doc[k - 1].lower_ not in _NOT_PORTFOLIOS:
            k -= 1
        while k < s and doc[k].lower_ == "and":
            k += 1
        if k == s or _party_span_ending_at(doc, s - 1) is not None:
            return None  # "his secretary", "party secretary": no office of state
        title = " ".join(w if w.lower() == "and" or w.isupper() else w.capitalize()
                         for w in doc[k:s].text.split()) + " Secretary"
        s = k
    # left modifiers
    body = None
    shadow = False
    possessive = False
    portfolio = 0      # lower-case portfolio words skipped ("home affairs")
    i = s - 1
    if i >= lo and doc[i].lower_ == "own":
        return None  # "he is his own envoy": a figure of speech, not an office
    while i >= lo:
        tok = doc[i]
        low = tok.lower_
        if low in _FORMER or (low == "-" and i - 1 >= lo and doc[i - 1].lower_ in ("ex", "then")):
            m.former = m.former or low != "-"
            i -= 1
            continue
        if low in _SOFT_MODIFIERS or (low == "co" and i + 1 < s and doc[i + 1].text == "-"):  # "co-chairman"
            m.historic = m.historic or low in _ORDINALS
            i -= 1
            continue
        if low in _PREFIX_OFFICES and (tok.pos_ in ("ADJ", "NOUN", "PROPN") or low in _SECRETARY_ONLY) \
                and not title.startswith(("Deputy", "Vice", "Shadow")) \
                and not (low in _SECRETARY_ONLY and title.startswith(("Assistant", "Under"))) \
                and (low not in _SECRETARY_ONLY or "Secretary" in title):
            title = f"{_PREFIX_OFFICES[low]} {title}"
            shadow = shadow or low == "shadow"
            i -= 1
            continue
        if tok.text in ("'s", "\u2019s") and i - 1 >= lo and (doc[i - 1].ent_type_ == "PERSON" or (
                doc[i - 1].pos_ == "PROPN" and known_by_surname(doc[i - 1].text) is not None)):
            m.owner = m.owner if m.owner is not None else i - 1  # "Moon's press secretary"
            break
        if tok.text in ("'s", "\u2019s") and i - 1 >= lo and _party_span_ending_at(doc, i - 1) is not None:
            party = _party_span_ending_at(doc, i - 1)  # "the Scottish Green Party's health spokeswoman"
            m.party = m.party or party.label_
            i = party.start - 1
            continue
        if tok.text in ("'s", "\u2019s") and i - 1 >= lo:
            c, n = _country_at(doc, i - 1, lo)
            if c:
                m.country, m.explicit_country = m.country or c, True
                possessive = True  # "Russia's president": as definite as "the Russian president"
                i -= 1 + n
                continue
            b, n = _body_at(doc, i - 1, lo)
            if b:
                body = body or b
                i -= 1 + n
                continue
            owner = doc[i - 1]
            if owner.lower_ in _STATE_NOUNS:
                break  # "the communist country's leader"
            if any(t.end == i for t in doc.spans.get("kg_titles", [])) and owner.pos_ in ("NOUN", "PROPN"):
                m.owner = m.owner if m.owner is not None else i - 1  # "the president's deputy adviser"
                break
            if owner.ent_type_ in ("ORG", "FAC", "PRODUCT") or (owner.pos_ == "NOUN" and owner.text.islower()):
                return None  # "the company's president", "Apple's chairman"
            break
        party = _party_span_ending_at(doc, i)
        if party is not None:
            m.party = m.party or party.label_
            i = party.start - 1
            continue
        c, n = _country_at(doc, i, lo)
        if c:
            m.country, m.explicit_country = m.country or c, True
            i -= n
            continue
        b, n = _body_at(doc, i, lo)
        if b:
            body = body or b
            i -= n
            continue
        c, n = _state_or_city_at(doc, i, lo)
        if c:  # "Ohio Gov. X", "Lexington Mayor Y": a state's or city's office is its country's
            m.country, m.explicit_country = m.country or c, True
            i -= n
            continue
        if entry.kind in ("chair", "party", "office", "head") and tok.text[:1].isupper() and tok.is_alpha:
            b, party, k = _chamber_run_at(doc, i, lo)
            if b is not None or party is not None:  # "House Judiciary Committee Chairman"
                body = body or b
                if party is not None:
                    m.party = m.party or party.label_
                i = k - 1
                continue
        if entry.kind in ("spokes", "chair") and portfolio < 3 and tok.is_alpha and tok.text.islower() \
                and tok.pos_ in ("NOUN", "ADJ") and tok.dep_ in ("compound", "amod"):
            portfolio += 1  # "Lib Dem home affairs spokesman": the party, body or country still has to come
            i -= 1
            continue
        break
    start = i + 1
    # an organisation's own president: "Human Rights Campaign President X" (a name no lexicon knows)
    if entry.phrase == "president" and i > lo and doc[i].pos_ == "PROPN" and doc[i].is_alpha \
            and doc[i].text[:1].isupper() and doc[i].ent_type_ not in ("GPE", "NORP", "PERSON") \
            and not (body is not None or m.party or m.country):
        return None
    # a company or team right before the title makes it a business or sport title
    if i >= lo and doc[i].ent_type_ in ("ORG", "FAC", "PRODUCT") and doc[i].pos_ == "PROPN" \
            and not (body is not None or m.party or m.country) \
            and not any(t.end == i + 1 for t in doc.spans.get("kg_titles", [])):  # "... Chair Sen. X"
        return None
    # right side: "of Russia", "of the Conservative Party", "to the United Nations"
    if e + 1 < hi and doc[e].lower_ in ("for", "to") and entry.kind in ("spokes", "adviser", "office") \
            and entry.title not in POSTED_TO:
        j = e + 2 if doc[e + 1].lower_ in honorifics() and e + 2 < hi else e + 1
        if j in ents_by_start:
            m.owner = m.owner if m.owner is not None else ents_by_start[j].end - 1  # "a spokesman for Mueller"
    elect = _elect_end(doc, e, hi)
    if elect and entry.kind in ("head", "office") and not title.endswith("-elect"):
        title, e = f"{title}-elect", elect  # "President-elect X": not yet in office, its own title
    end = e
    if e < hi and entry.kind in _NEEDS_BODY and doc[e].lower_ == "for" and e + 1 < hi:
        j = e + 2 if doc[e + 1].lower_ == "the" else e + 1
        c, n = _country_at(doc, j, lo) if j < hi else (None, 0)
        if c:  # "a spokesman for the Chinese foreign ministry"
            m.country, m.explicit_country = c, True
        elif j < hi:
            b, n = _body_at(doc, j + 1, lo) if j + 1 < hi and _body_at(doc, j + 1, lo)[0] else _body_at(doc, j, lo)
            text, _k = _of_phrase(doc, e, hi)  # "a spokeswoman for the European Union"
            c = country_for(text) if text[:1].isupper() else None
            if c:
                m.country, m.explicit_country = c, True
            body = body or b or bodies().get(text)
    if e + 1 < hi and doc[e].lower_ == "for" and entry.phrase in ("president", "vice president") \
            and doc[e + 1].text.islower():
        return None  # "vice president for issues and policy" at a company or a lobby group
    if e < hi and doc[e].lower_ in ("of", "to") and not entry.phrase.endswith(" of"):
        text, k = _of_phrase(doc, e, hi)
        c = country_for(text) if text[:1].isupper() else None
        p = party_for(text) if text[:1].isupper() else None
        b = bodies().get(text) or _chamber_phrase(text)
        if c and entry.title in POSTED_TO and doc[e].lower_ == "to":
            end = k  # "U.S. ambassador to South Korea": the office is the sender's
        elif c:
            m.country, m.explicit_country = c, True
            end = k
        elif p:
            m.party = p.name
            end = k
        elif b:
            body = body or b
            end = k
        elif text[:1].isupper() and doc[e + 1:k] and any(t.ent_type_ == "GPE" for t in doc[e + 1:k]):
            if entry.phrase == "president":
                return None  # a city or state has a mayor or governor: "president of Austin-based X"
            end = k  # a state or city: "governor of Ohio", "mayor of London"
            _, where = place_for(text) or (None, None)
            if where and not m.country:
                m.country, m.explicit_country = where, True
        elif text in _SUBNATIONAL:
            end = k  # "chief minister of the province", "governor of the state"
        elif doc[e].lower_ == "of" and entry.kind in ("head", "chair", "spokes", "office") \
                and entry.phrase not in ("minister",):
            return None  # "president of the company", "governor of the central bank"
    # which titles need a body, a country or a party to be political
    if entry.kind in _NEEDS_BODY and not (body or m.country or m.party or m.owner is not None or shadow):
        if not (entry.kind == "chair" and sp.text[:1].isupper() and e in ents_by_start):
            return None
    if entry.phrase == "leader" and not (m.country or m.party or body):
        # "leader Kim Jong Un": a bare "leader" is political before a well-known leader's name
        ent = ents_by_start.get(e) or (ents_by_start.get(e + 1) if e + 1 < hi and doc[e].text == "," else None)
        known = known_person(ent.text) if ent is not None else None
        if known is None or not known.country:
            return None
        m.country = known.country
    if entry.phrase in ("speaker", "representative", "chair") and not (sp.text[:1].isupper() or body):
        return None
    if entry.phrase == "justice" and not (sp.text[:1].isupper() and e in ents_by_start):
        return None  # "Justice Anthony Kennedy"; not "obstruction of justice", "the Justice Department"
    if entry.phrase in ("king", "queen") and not (m.country or e in ents_by_start):
        return None
    if m.party and entry.kind in ("head", "party") and entry.phrase in ("leader", "party leader", "dictator"):
        title = "Deputy Leader" if title.startswith("Deputy") else "Leader"
        m.kind = "party"
    if body is not None and not (entry.title in POSTED_TO and body.organization):
        m.organization = body.organization
        if not m.country and body.country:
            m.country = body.country
            m.explicit_country = True
    m.title = title
    m.start, m.end = start, end
    if shadow and not m.country:
        m.country = "United Kingdom"  # before the title's default: a shadow Secretary of State is British
    if not m.country and entry.country and not m.organization and m.owner is None:
        m.country = entry.country
    _attach_person(doc, m, sp, lo, hi, ents_by_start, ents_by_end)
    if not m.has_person and (possessive or start - 1 >= lo and doc[start - 1].lower_ in _DETERMINERS):
        m.definite = True
    return m


def _attach_person(doc, m: TitleMention, sp, lo, hi, ents_by_start, ents_by_end) -> None:
    # title before name: "Russian President Vladimir Putin"
    ent = ents_by_start.get(m.end) or ents_by_start.get(sp.end)
    if ent is None and m.end + 1 < hi and doc[m.end].lower_ in honorifics():
        ent = ents_by_start.get(m.end + 1)  # "Supreme Leader Ayatollah Ali Khamenei", "President Dr. X"
    if ent is None and m.end + 1 < hi and doc[m.end].text[:1].isupper() and (m.end + 1) in ents_by_start \
            and ents_by_start[m.end + 1][-1].text.startswith(doc[m.end].text):
        ent = ents_by_start[m.end + 1]  # hover text: "President Trump Donald John Trump", surname first
    if ent is None and m.end < hi:
        # two offices before one name: "Senate Budget Committee Chair Sen. X", "House Budget Chair Rep. Y"
        nxt = next((t for t in doc.spans.get("kg_titles", []) if t.start == m.end and t.text[:1].isupper()
                    and titles()[t.label_].kind == "legislator"), None)
        if nxt is not None:
            ent = ents_by_start.get(nxt.end)
    if ent is None and m.kind == "spokes" and (m.party or m.title.startswith("Shadow")):
        # a party's portfolio spokesman: "Liberal Democrat spokeswoman for women X", "shadow spokesman for sport Y"
        j = m.end + 1 if m.end < hi and doc[m.end].lower_ == "for" else None
        while j is not None and j < hi and j - m.end <= 3 and doc[j].is_alpha and doc[j].text.islower():
            j += 1
        if j is not None and j > m.end + 1:
            ent = ents_by_start.get(j)
    if ent is not None and m.start > lo and doc[m.start - 1].lower_ in ("a", "an"):
        return  # "could a President Rubio undo it?": a hypothetical holder
    if ent is not None:
        m.person_start, m.person_end, m.rule = ent.start, ent.end, "role:title-before-name"
        return
    # "Israel's prime minister, Benjamin Netanyahu"
    if m.end + 1 < hi and doc[m.end].text == "," and (m.end + 1) in ents_by_start:
        ent = ents_by_start[m.end + 1]
        after = doc[ent.end].text if ent.end < len(doc) else "."
        before = doc[m.start - 1] if m.start > lo else None
        # "the Israeli prime minister, X," — not "... each living secretary of state, X said"
        opens_np = before is None or before.pos_ in ("DET", "ADP", "PUNCT", "CCONJ", "PART") \
            or before.lower_ in ("his", "her", "their", "its") \
            or before.text in ("'s", "\u2019s") or m.explicit_country
        if opens_np and after in (",", ".", ")", ";", "said", "says", "and", "—"):
            m.person_start, m.person_end, m.rule = ent.start, ent.end, "role:title-comma-name"
            return
    # apposition: "Putin, the Russian president" / "X, who is the foreign minister of Y"
    if m.end < hi and doc[m.end].text in ("'s", "\u2019s", "'"):
        return  # "X, the president's pick": the title names someone else
    k = m.start - 1
    gap = 0
    if m.owner is not None and k >= lo and doc[k].text in ("'s", "\u2019s"):
        k = m.owner - 1  # "X, Trump's former chief strategist": the owner is not the one described
        while k >= lo and doc[k].ent_type_ == "PERSON":
            k -= 1
    j = k  # "X, a pro-democracy lawmaker": describing words between the article and the title
    while j >= lo and k - j < 4 and (doc[j].text == "-" or doc[j].is_alpha and doc[j].text.islower()
                                     and (doc[j].pos_ == "ADJ" or doc[j].dep_ in ("amod", "compound"))):
        j -= 1
    if j < k and j >= lo and doc[j].lower_ in ("a", "an", "the"):
        k = j
    while k >= lo and doc[k].lower_ in _APPOS_GAP and gap < 4:
        k -= 1
        gap += 1
    if k >= lo and doc[k].text == "," and k not in ents_by_end:
        j = k - 1  # "Representative X of Wisconsin, the ... chairman"
        while j > lo and k - j <= 3 and doc[j].text[:1].isupper() and doc[j].ent_type_ == "GPE":
            j -= 1
        if j < k - 1 and doc[j].lower_ == "of" and j in ents_by_end:
            k = j
    head = sp.root  # "chief" of "chief of staff"
    subject = head.dep_ in ("nsubj", "nsubjpass") and head.head.i >= m.end and head.head.pos_ in ("VERB", "AUX")
    if k >= lo and doc[k].text in (",", "of") and k in ents_by_end and not subject:
        # ("about Kim, the president insisted": the title is the next clause's subject, not an apposition)
        ent = ents_by_end[k]
        m.person_start, m.person_end, m.rule = ent.start, ent.end, "role:apposition"
        return
    if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
        ent = ent_at(doc, head.head.i)
        if ent is not None:
            m.person_start, m.person_end, m.rule = ent.start, ent.end, "role:apposition"
            return
    # copula: "X is the mayor of Y", "X served as defense minister"
    verb = None
    if head.dep_ in ("attr", "oprd"):
        verb = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "as":
        verb = head.head.head
    if head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.lemma_ in _SPELLS:
        # "her time as secretary of state", "Obama's tenure as senator": the owner of the spell
        owner = next((c for c in head.head.head.children if c.dep_ == "poss"), None)
        if owner is not None:
            ent = ent_at(doc, owner.i)
            if ent is not None and ent.label_ == "PERSON":
                m.person_start, m.person_end, m.rule = ent.start, ent.end, "role:spell"
            elif owner.lower_ in ("his", "her"):
                m.person_start, m.person_end, m.rule = owner.i, owner.i + 1, "role:spell"
            if m.has_person:
                m.former = True  # a spell looked back on
                return
    if verb is not None and verb.lemma_ in _COPULA:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ == "acl":
            # "X, the retired general serving as chief of staff": the phrase the participle describes,
            # or the name that phrase is in apposition to
            subj = verb.head.head if verb.head.dep_ == "appos" else verb.head
        if subj is not None:
            if subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
                subj = verb.head
            ent = ent_at(doc, subj.i)
            if ent is not None and ent.label_ == "PERSON":
                m.person_start, m.person_end, m.rule = ent.start, ent.end, "role:copula"
            elif subj.lower_ in ("he", "she"):
                m.person_start, m.person_end, m.rule = subj.i, subj.i + 1, "role:copula"
