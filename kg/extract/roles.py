"""Role facts: who holds which political office, from the title mentions of the article.

One Role per (person, title). Its country is the one written next to the title given
to the name ("Russian President Vladimir Putin"); else, for a well-known leader of
kg/data/well_known_people.tsv, the country of their offices; else one written next to
a title reference resolved to them ("the Russian president"); else the title's own
default ("Senator" → United States); else one written next to another office of the
same person; else the country the article's other offices are most often of.
"""
from __future__ import annotations

from collections import Counter

from kg.article import Article
from kg.extract.docindex import span_ents
from kg.extract.geo import country_for, legislature_for, legislature_names
from kg.extract.titles import POSTED_TO, TitleMention
from kg.facts import Evidence, Role
from kg.nlp.lexicons import bodies, honorific_countries, known_by_surname, known_country, known_person, party_for, titles


_HEAD_TITLES = {t.title for t in titles().values() if t.kind == "head"}


def evidence_for(doc, token_index: int, rule: str) -> Evidence:
    sent = doc[token_index].sent
    return Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char, rule=rule)


# offices a state does not have: a bare "King" or "Prime Minister" in an American story is
# someone else's, so the article's fallback country skips to its next one
_NO_SUCH_OFFICE = {
    "United States": ("Minister", "King", "Queen", "Emir", "Prince", "Supreme Leader", "Chancellor", "MP"),
    "United Kingdom": ("Senator", "Governor", "Representative", "Supreme Leader", "Emir"),
}


def _may_hold(country: str, title: str) -> bool:
    return not any(word in title for word in _NO_SUCH_OFFICE.get(country, ()))


def home_country(doc, people) -> str | None:
    countries = home_countries(doc, people)
    return countries[0] if countries else None


def home_countries(doc, people) -> list[str]:
    """The countries whose offices the article names without saying whose, likeliest first:
    the one its country-specific bodies and titles point to ("White House", "Sen.", "Downing
    Street"), then its legislatures, then the countries it names, then its explicit offices."""
    out: list[str] = []
    for votes in _votes(doc, people):
        out += [c for c, _ in votes.most_common() if c not in out]
    return out


def _votes(doc, people):
    votes: Counter = Counter()
    for m in people.titles:
        if not m.explicit_country and m.country:
            votes[m.country] += 1          # "Sen.", "Foreign Secretary": the title implies it
    text = doc.text
    # longest names first, each occurrence counted once: "House of Commons" is not the "House"
    for name, body in sorted(bodies().items(), key=lambda kv: -len(kv[0])):
        if len(name) > 4 and name[0].isupper() and name in text:
            if body.country:
                votes[body.country] += text.count(name)
            text = text.replace(name, " ")
    yield votes
    votes = Counter()
    for name in legislature_names():   # "the Knesset", "the Bundestag": whose politics this is
        if name[0].isupper() and name in text:
            votes[legislature_for(name)[0]] += text.count(name)
    yield votes
    votes = Counter()
    for ent in doc.ents:               # failing all that, the country the article names most
        if ent.label_ in ("GPE", "NORP"):
            country = country_for(ent.text)
            if country:
                votes[country] += 1
    yield votes
    yield Counter(m.country for m in people.titles if m.explicit_country and m.country)


def extract_roles(doc, article: Article, people) -> list[Role]:
    by_person: dict[str, dict[str, list[TitleMention]]] = {}
    for person in people.persons:
        for m in people.offices_of(person.name):
            by_person.setdefault(person.name, {}).setdefault(m.title, []).append(m)
    article_countries = home_countries(doc, people)
    roles: list[Role] = []
    for name, offices in by_person.items():
        own = Counter(m.country for ts in offices.values() for m in ts
                      if m.explicit_country and m.country and m.kind in ("head", "office", "legislator"))
        known = known_person(name) or (known_by_surname(name) if len(name.split()) == 1 else None)
        for title, ms in offices.items():
            # the country written next to a title given to the name itself; then the one a well-known
            # leader's offices belong to; then one written next to a title reference resolved to them
            country = next((m.country for m in ms if m.explicit_country and m.country and m.has_person), None)
            organization = next((m.organization for m in ms if m.organization), None)
            if country is None and not organization and known is not None and known.country:
                country = known.country
            elif country is None and not organization and known is None:
                country = known_country(name)  # "President George Bush": either Bush, one country
            if country is None:
                country = next((m.country for m in ms if m.explicit_country and m.country), None)
            confidence = 0.9 if country else 0.7
            if country is None and not organization:
                country = next((m.country for m in ms if m.country), None)
                party = next((m.party for m in ms if m.party), None)
                if country is None and party:
                    country = party_for(party).country if party_for(party) else None  # "Tory leader"
                if country is None and own:
                    country = own.most_common(1)[0][0]
                if country is None:
                    country = _owner_country(doc, ms, people)  # "Moon's press secretary"
                if country is None:
                    country = honorific_countries().get(name.split()[0].lower())  # "Lord Bach"
                if country is None:
                    country = _sentence_country(doc, name, ms, people)  # "... as Egypt's interim president ..."
                if country is None and title == "Minister" and article_countries \
                        and not _may_hold(article_countries[0], title):
                    continue  # "Minister Farrakhan" in an American story: a preacher, no portfolio, no state
                if country is None and title not in _NOT_STATE_OFFICES:
                    country = next((c for c in article_countries if _may_hold(c, title)), None)
                    confidence = 0.6
            roles.append(Role(
                person=name, title=title, country=country, organization=organization,
                former=all(m.former for m in ms), confidence=confidence,
                evidence=tuple(evidence_for(doc, m.head, m.rule or "role:reference") for m in ms[:3]),
            ))
    return _without_generic_leader(roles)


# officers of unions, parties and international bodies: the article's country is not theirs
_NOT_STATE_OFFICES = {"General Secretary", "Deputy General Secretary", "Secretary-General",
                      "Deputy Secretary-General"}


def _sentence_country(doc, name: str, ms: list[TitleMention], people) -> str | None:
    """The country the title's own sentence (or the next) names, where they are about this person
    alone (another person named there may be the one the country goes with): a title reference
    with its nationality ("... Egypt's interim president ...") of the same office first, then
    the one country the title's sentence names, where it names just one."""
    for m in ms:
        if m.title in POSTED_TO:
            continue  # "the ambassador in Libya" serves the country that sent them
        sent = doc[m.head].sent
        end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end  # and the next sentence
        if {n for s, _, n in people.mentions() if sent.start <= s < end} - {name}:
            continue
        for r in people.titles:
            if r.title == m.title and r.explicit_country and r.country and not r.has_person \
                    and sent.start <= r.head < end and people.name_for(doc[r.head]) in (None, name):
                return r.country
        found = {country_for(e.text) for e in span_ents(sent) if e.label_ in ("GPE", "NORP")} - {None}
        if len(found) == 1:
            return found.pop()
    return None


def _owner_country(doc, ms: list[TitleMention], people) -> str | None:
    """The country of the person whose office serves another ("Moon's press secretary"):
    that person's own office's country, else the gazetteer's."""
    for m in ms:
        if m.owner is None:
            continue
        owner = people.name_for(doc[m.owner])
        if not owner:
            known = known_by_surname(doc[m.owner].text)  # "Trump's" the model took for an ORG
            if known is not None and known.country:
                return known.country
            continue
        for o in people.offices_of(owner):
            if o.country and o.explicit_country:
                return o.country
        known = known_person(owner) or known_by_surname(owner.split()[-1])
        if known is not None and known.country:
            return known.country
    return None


def _without_generic_leader(roles: list[Role]) -> list[Role]:
    """ "the Russian leader" beside "Russian President Putin": "Leader" of the same country says
    nothing the head-of-state title does not, and is an extra answer; a party's Leader stays."""
    heads = {(r.person, r.country) for r in roles if r.title != "Leader" and r.title in _HEAD_TITLES}
    return [r for r in roles if not (r.title == "Leader" and (r.person, r.country) in heads)]
