"""Role facts: who holds which political office, from the title mentions of the article.

One Role per (person, title). Its country is the one written next to the title in
any mention ("the Russian president"); else one written next to another office of
the same person; else the title's own default ("Senator" → United States); else the
country the article's other offices are most often of.
"""
from __future__ import annotations

from collections import Counter

from kg.article import Article
from kg.extract.geo import country_for, legislature_for, legislature_names
from kg.extract.titles import TitleMention
from kg.facts import Evidence, Role
from kg.nlp.lexicons import bodies


def evidence_for(doc, token_index: int, rule: str) -> Evidence:
    sent = doc[token_index].sent
    return Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char, rule=rule)


def home_country(doc, people) -> str | None:
    """The country whose offices the article names without saying whose: the one its
    country-specific bodies and titles point to ("White House", "Sen.", "Downing Street");
    failing those, the one its explicit offices are most often of."""
    votes: Counter = Counter()
    for m in people.titles:
        if not m.explicit_country and m.country:
            votes[m.country] += 1          # "Sen.", "Foreign Secretary": the title implies it
    text = doc.text
    for name, body in bodies().items():
        if body.country and len(name) > 4 and name[0].isupper() and name in text:
            votes[body.country] += text.count(name)
    if votes:
        return votes.most_common(1)[0][0]
    for name in legislature_names():   # "the Knesset", "the Bundestag": whose politics this is
        if name[0].isupper() and name in text:
            votes[legislature_for(name)[0]] += text.count(name)
    if votes:
        return votes.most_common(1)[0][0]
    for ent in doc.ents:               # failing all that, the country the article names most
        if ent.label_ in ("GPE", "NORP"):
            country = country_for(ent.text)
            if country:
                votes[country] += 1
    if votes:
        return votes.most_common(1)[0][0]
    explicit = Counter(m.country for m in people.titles if m.explicit_country and m.country)
    return explicit.most_common(1)[0][0] if explicit else None


def extract_roles(doc, article: Article, people) -> list[Role]:
    by_person: dict[str, dict[str, list[TitleMention]]] = {}
    for person in people.persons:
        for m in people.offices_of(person.name):
            by_person.setdefault(person.name, {}).setdefault(m.title, []).append(m)
    article_country = home_country(doc, people)
    roles: list[Role] = []
    for name, offices in by_person.items():
        own = Counter(m.country for ts in offices.values() for m in ts
                      if m.explicit_country and m.country and m.kind in ("head", "office", "legislator"))
        for title, ms in offices.items():
            country = next((m.country for m in ms if m.explicit_country and m.country), None)
            organization = next((m.organization for m in ms if m.organization), None)
            confidence = 0.9 if country else 0.7
            if country is None and not organization:
                country = next((m.country for m in ms if m.country), None)
                if country is None and own:
                    country = own.most_common(1)[0][0]
                if country is None:
                    country = article_country
                    confidence = 0.6
            roles.append(Role(
                person=name, title=title, country=country, organization=organization,
                former=all(m.former for m in ms), confidence=confidence,
                evidence=tuple(evidence_for(doc, m.head, m.rule or "role:reference") for m in ms[:3]),
            ))
    return roles
