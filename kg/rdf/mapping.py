"""Facts → triples: one named graph per article.

The model (ontology/kg.ttl; shapes in ontology/shapes.ttl). Every triple an article
supports goes into ONE graph named by the article IRI <A>, including the type and
label triples of the people, parties, countries and places it names; so replacing
an article is replacing one graph, and a shared node lives as long as some graph
still states it. No blank nodes: every node has a deterministic IRI (kg.rdf.ids),
so mapping the same facts twice gives the same triples.

    <A> a schema:NewsArticle ; schema:identifier "id" ; schema:url "https://..." ;
        schema:headline "..." ; schema:datePublished "2019-09-12"^^xsd:date ;
        kg:contentHash "sha256hex" ; kg:mentions <person>, <party>, <country>, <place> .

    <person>  a kg:Person ; rdfs:label "Vladimir Putin" ; skos:altLabel "Putin" .
    <country> a kg:Country ; rdfs:label "Russia" .
    <place>   a kg:Place ; rdfs:label "Sochi" ; kg:country <country> .
    <party>   a kg:PoliticalParty ; rdfs:label "Likud" ; kg:country <country> .
    <post>    a kg:Post ; rdfs:label "President of Russia" ; kg:title "President" ;
              kg:country <country> (or kg:organization "NATO") .

    <A>/meeting/<hash> a kg:Meeting ; kg:participant <p1>, <p2> ; kg:host <p1> ;
        kg:visitor <p2> ; kg:date "2019-09-12"^^xsd:date (gYearMonth, gYear: the
        precision is the datatype) ; kg:place <place or country> ;
        kg:meetingKind <concept> ; kg:status <concept> ; kg:topic "..." ;
        kg:confidence 0.8 ; prov:wasDerivedFrom <A> ; kg:evidence <A>/evidence/s-e .
    <concept> skos:notation "visit" .   (so queries need not load the ontology)

    <A>/tenure/<key> a kg:Tenure ; kg:holder <person> ; kg:post <post> ;
        kg:former false ; kg:startDate ... ; kg:endDate ... ; kg:confidence ... ;
        prov:wasDerivedFrom <A> ; kg:evidence ... .
    <person> org:holds <post> .          (only when not former)

    <A>/membership/<key> a kg:PartyMembership ; org:member <person> ;
        org:organization <party> ; kg:partyRole "leader" ; kg:former false ;
        kg:confidence ... ; prov:wasDerivedFrom <A> ; kg:evidence ... .

    <election> a kg:Election ; rdfs:label "Israel parliamentary election 2019-09-17" ;
        kg:country <country> ; kg:region "Texas" ; kg:electionKind <concept> ;
        kg:date ... ; kg:winner <person> ; prov:wasDerivedFrom <A> ; kg:evidence ... .
        (one global node per country, kind and date; each article's graph states it)

    <A>/evidence/<start>-<end> a kg:Evidence ; kg:sentence "..." ; kg:charStart 10 ;
        kg:charEnd 95 ; kg:rule "meeting:met-with" ; prov:wasDerivedFrom <A> .

A meeting place is the kg:Country node when the facts give the place as its own
country (place == place_country), a kg:Place otherwise.

This runs once per article on the ingest path: it only builds IRIs and literals.
"""
from __future__ import annotations

import logging
import re
from datetime import date as _date
from decimal import Decimal
from typing import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, SKOS

from kg.facts import (ArticleFacts, Election, Evidence, Meeting, Membership, Role)
from kg.rdf import ids
from kg.rdf.namespace import KG

SCHEMA_NS = "https://schema.org/"
SCHEMA_NEWS_ARTICLE = URIRef(SCHEMA_NS + "NewsArticle")
SCHEMA_IDENTIFIER = URIRef(SCHEMA_NS + "identifier")
SCHEMA_URL = URIRef(SCHEMA_NS + "url")
SCHEMA_HEADLINE = URIRef(SCHEMA_NS + "headline")
SCHEMA_DATE_PUBLISHED = URIRef(SCHEMA_NS + "datePublished")

log = logging.getLogger(__name__)

_DATE_FORMS = {
    10: (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    7: (re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"), XSD.gYearMonth),
    4: (re.compile(r"^\d{4}$"), XSD.gYear),
}


def date_literal(iso: str) -> Literal:
    """ "2019-09-12" → xsd:date, "2019-09" → xsd:gYearMonth, "2019" → xsd:gYear.

    Raises ValueError for anything else, so a bad date never reaches the store.
    """
    form = _DATE_FORMS.get(len(iso))
    if form is None or not form[0].match(iso):
        raise ValueError(f"date {iso!r} is not ISO 8601 YYYY-MM-DD, YYYY-MM or YYYY; "
                         "give dates at the precision the text supports")
    if form[1] == XSD.date:
        _date.fromisoformat(iso)  # rejects 2019-02-30 with its own clear message
    return Literal(iso, datatype=form[1])


def article_graph(facts: ArticleFacts, base: str | None = None) -> tuple[URIRef, Graph]:
    """The article's IRI and the triples of its named graph, per the model above."""
    builder = _ArticleGraph(facts, base or ids.base_iri())
    builder.build()
    return builder.iri, builder.graph


def _decimal(value: float) -> Literal:
    # Via str() so 0.8 is written "0.8", not 0.8000000000000000444...
    return Literal(Decimal(str(round(float(value), 4))))


class _ArticleGraph:
    """Builds one article's graph; remembers which shared nodes it has already typed."""

    def __init__(self, facts: ArticleFacts, base: str) -> None:
        self.facts = facts
        self.base = base
        self.iri = ids.article_iri(facts.article.id, base=base)
        self.graph = Graph(identifier=self.iri)
        self.graph.bind("kg", KG._NS)
        self.add = self.graph.add
        self._labelled: dict[URIRef, str] = {}
        self._used_keys: set[str] = set()
        self._evidence: set[URIRef] = set()
        self._aliases = {p.name: p.aliases for p in facts.people}

    # ------------------------------------------------------------ whole article

    def build(self) -> None:
        self._article()
        for person in self.facts.people:
            self.person(person.name)
        for meeting in self.facts.meetings:
            self._meeting(meeting)
        for role in self.facts.roles:
            self._tenure(role)
        for membership in self.facts.memberships:
            self._membership(membership)
        for election in self.facts.elections:
            self._election(election)

    def _article(self) -> None:
        a, A = self.facts.article, self.iri
        self.add((A, RDF.type, SCHEMA_NEWS_ARTICLE))
        self.add((A, SCHEMA_IDENTIFIER, Literal(a.id)))
        if a.url:
            self.add((A, SCHEMA_URL, Literal(a.url)))
        if a.title:
            self.add((A, SCHEMA_HEADLINE, Literal(a.title)))
        if a.published:
            self.add((A, SCHEMA_DATE_PUBLISHED, Literal(a.published.isoformat(), datatype=XSD.date)))
        self.add((A, KG.contentHash, Literal(a.content_hash)))

    # ------------------------------------------------------------ shared nodes

    def _entity(self, iri: URIRef, cls: URIRef, label: str) -> bool:
        """Types and labels a shared node once per article; True the first time."""
        if iri in self._labelled:
            return False
        self._labelled[iri] = label
        self.add((iri, RDF.type, cls))
        self.add((iri, RDFS.label, Literal(label)))
        if cls != KG.Post:
            self.add((self.iri, KG.mentions, iri))
        return True

    def person(self, name: str) -> URIRef:
        iri = ids.person_iri(name, base=self.base)
        if self._entity(iri, KG.Person, name):
            for alias in self._aliases.get(name, ()):
                if alias != name:
                    self.add((iri, SKOS.altLabel, Literal(alias)))
        return iri

    def country(self, name: str) -> URIRef:
        iri = ids.country_iri(name, base=self.base)
        self._entity(iri, KG.Country, name)
        return iri

    def place(self, name: str, country: str | None) -> URIRef:
        if country and ids.slug(name) == ids.slug(country):
            return self.country(country)
        iri = ids.place_iri(name, base=self.base)
        if self._entity(iri, KG.Place, name) and country:
            self.add((iri, KG.country, self.country(country)))
        return iri

    def party(self, name: str, country: str | None) -> URIRef:
        iri = ids.party_iri(name, base=self.base)
        if self._entity(iri, KG.PoliticalParty, name) and country:
            self.add((iri, KG.country, self.country(country)))
        return iri

    def post(self, title: str, country: str | None, organization: str | None) -> URIRef:
        iri = ids.post_iri(title, country, organization, base=self.base)
        of = country or organization
        if self._entity(iri, KG.Post, f"{title} of {of}" if of else title):
            self.add((iri, KG.title, Literal(title)))
            if country:
                self.add((iri, KG.country, self.country(country)))
            elif organization:
                self.add((iri, KG.organization, Literal(organization)))
        return iri

    def concept(self, iri: URIRef, notation: str) -> URIRef:
        self.add((iri, SKOS.notation, Literal(notation)))
        return iri

    # ------------------------------------------------------------ per-article nodes

    def node(self, kind: str, key: str) -> URIRef:
        """<A>/<kind>/<key>, with -2, -3 ... when the article states the same key twice."""
        candidate, n = key, 1
        while f"{kind}/{candidate}" in self._used_keys:
            n += 1
            candidate = f"{key}-{n}"
        self._used_keys.add(f"{kind}/{candidate}")
        return URIRef(f"{self.iri}/{kind}/{candidate}")

    def evidence(self, ev: Evidence) -> URIRef:
        iri = URIRef(f"{self.iri}/evidence/{ev.start}-{ev.end}")
        if ev.rule:
            self.add((iri, KG.rule, Literal(ev.rule)))  # one sentence may feed several rules
        if iri in self._evidence:
            return iri
        self._evidence.add(iri)
        self.add((iri, RDF.type, KG.Evidence))
        self.add((iri, KG.sentence, Literal(ev.sentence)))
        self.add((iri, KG.charStart, Literal(ev.start)))
        self.add((iri, KG.charEnd, Literal(ev.end)))
        self.add((iri, PROV.wasDerivedFrom, self.iri))
        return iri

    def provenance(self, node: URIRef, evidence: Iterable[Evidence],
                   confidence: float | None) -> None:
        if confidence is not None:
            self.add((node, KG.confidence, _decimal(confidence)))
        self.add((node, PROV.wasDerivedFrom, self.iri))
        for ev in evidence:
            self.add((node, KG.evidence, self.evidence(ev)))

    def date(self, iso: str | None, what: str) -> Literal | None:
        """A date literal, or None (with a warning) when the extractor gave a bad date."""
        if not iso:
            return None
        try:
            return date_literal(iso)
        except ValueError as err:
            log.warning("article %s: dropping the %s date: %s", self.facts.article.id, what, err)
            return None

    # ------------------------------------------------------------ facts

    def _meeting(self, m: Meeting) -> None:
        when = self.date(m.date, "meeting")
        key = "|".join((",".join(sorted(ids.slug(p) for p in m.participants)),
                        m.kind, m.status, str(when or ""), ids.slug(m.place) if m.place else ""))
        node = self.node("meeting", ids.short_hash(key))
        self.add((node, RDF.type, KG.Meeting))
        for name in m.participants:
            self.add((node, KG.participant, self.person(name)))
        for name in m.hosts:
            self.add((node, KG.host, self.person(name)))
        for name in m.visitors:
            self.add((node, KG.visitor, self.person(name)))
        if when is not None:
            self.add((node, KG.date, when))
        if m.place:
            self.add((node, KG.place, self.place(m.place, m.place_country)))
        self.add((node, KG.meetingKind, self.concept(ids.meeting_kind_iri(m.kind), m.kind)))
        self.add((node, KG.status, self.concept(ids.meeting_status_iri(m.status), m.status)))
        if m.topic:
            self.add((node, KG.topic, Literal(m.topic)))
        self.provenance(node, m.evidence, m.confidence)

    def _tenure(self, r: Role) -> None:
        person = self.person(r.person)
        post = self.post(r.title, r.country, r.organization)
        key = f"{ids.slug(r.person)}--{post.rsplit('/', 1)[-1]}" + ("--former" if r.former else "")
        node = self.node("tenure", key)
        self.add((node, RDF.type, KG.Tenure))
        self.add((node, KG.holder, person))
        self.add((node, KG.post, post))
        self.add((node, KG.former, Literal(bool(r.former))))
        start, end = self.date(r.start, "tenure start"), self.date(r.end, "tenure end")
        if start is not None:
            self.add((node, KG.startDate, start))
        if end is not None:
            self.add((node, KG.endDate, end))
        if not r.former:
            self.add((person, ORG.holds, post))
        self.provenance(node, r.evidence, r.confidence)

    def _membership(self, m: Membership) -> None:
        person = self.person(m.person)
        party = self.party(m.party, m.country)
        key = f"{ids.slug(m.person)}--{ids.slug(m.party)}" + ("--former" if m.former else "")
        node = self.node("membership", key)
        self.add((node, RDF.type, KG.PartyMembership))
        self.add((node, ORG.member, person))
        self.add((node, ORG.organization, party))
        if m.role:
            self.add((node, KG.partyRole, Literal(m.role)))
        self.add((node, KG.former, Literal(bool(m.former))))
        self.provenance(node, m.evidence, m.confidence)

    def _election(self, e: Election) -> None:
        when = self.date(e.date, "election")
        iso = str(when) if when is not None else None
        node = ids.election_iri(e.country, e.kind, iso, region=e.region, base=self.base)
        where = f"{e.region} ({e.country})" if e.region else e.country
        label = " ".join(x for x in (where, e.kind, "election", iso) if x)
        if node not in self._labelled:  # an article may mention the same election twice
            self._labelled[node] = label
            self.add((node, RDF.type, KG.Election))
            self.add((node, RDFS.label, Literal(label)))
            self.add((node, KG.country, self.country(e.country)))
            if e.region:
                self.add((node, KG.region, Literal(e.region)))
            self.add((node, KG.electionKind, self.concept(ids.election_kind_iri(e.kind), e.kind)))
            if when is not None:
                self.add((node, KG.date, when))
        if e.winner:
            self.add((node, KG.winner, self.person(e.winner)))
        # Elections are shared across articles, so a per-article confidence on the
        # node would be ambiguous; the evidence says where each article stated it.
        self.provenance(node, e.evidence, None)
