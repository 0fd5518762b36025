"""The kg ontology as a closed rdflib namespace (must agree with ontology/kg.ttl; a test checks)."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-news/ontology#"


class KG(DefinedNamespace):
    """kg ontology: leaders, offices, parties, elections, meetings and their provenance."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # classes
    Person: URIRef            # a person named in the news (⊑ schema:Person)
    Country: URIRef           # a sovereign state (⊑ schema:Country)
    Place: URIRef             # a city, region or venue (⊑ schema:Place)
    Post: URIRef              # an office: title + country or body (⊑ org:Post)
    Tenure: URIRef            # a person holding a post, with former/start/end (qualified org:holds)
    PoliticalParty: URIRef    # (⊑ org:FormalOrganization)
    PartyMembership: URIRef   # (⊑ org:Membership)
    Meeting: URIRef           # an encounter between people (⊑ sem:Event, schema:Event)
    Election: URIRef          # (⊑ sem:Event, schema:Event)
    Evidence: URIRef          # the sentence a fact came from (⊑ prov:Entity)
    MeetingKind: URIRef       # skos:Concept of the meeting-kind scheme
    MeetingStatus: URIRef     # skos:Concept: happened / planned
    ElectionKind: URIRef      # skos:Concept of the election-kind scheme

    # concept schemes
    meetingKinds: URIRef
    meetingStatuses: URIRef
    electionKinds: URIRef

    # meetings
    participant: URIRef       # ⊑ sem:hasActor
    host: URIRef              # ⊑ participant
    visitor: URIRef           # ⊑ participant
    meetingKind: URIRef
    status: URIRef
    topic: URIRef

    # shared by events and tenures
    date: URIRef              # xsd:date / xsd:gYearMonth / xsd:gYear at the text's precision (⊑ sem:hasTimeStamp)
    place: URIRef             # ⊑ sem:hasPlace
    country: URIRef           # the country a post, place, party or election belongs to
    region: URIRef            # sub-national region of an election
    former: URIRef            # xsd:boolean
    startDate: URIRef
    endDate: URIRef

    # offices
    holder: URIRef            # Tenure → Person
    post: URIRef              # Tenure → Post
    title: URIRef             # Post → "President"
    organization: URIRef      # Post → body that is not a state ("NATO"), as a literal name

    # parties
    partyRole: URIRef         # PartyMembership → "leader", "chair"

    # elections
    electionKind: URIRef
    winner: URIRef

    # provenance
    evidence: URIRef          # fact → Evidence
    sentence: URIRef          # Evidence → the sentence text
    charStart: URIRef         # xsd:integer offset in the article text
    charEnd: URIRef
    rule: URIRef              # extractor rule that produced the fact
    confidence: URIRef        # xsd:decimal in [0, 1]
    contentHash: URIRef       # NewsArticle → sha256 of what extraction read
    mentions: URIRef          # NewsArticle → Person / PoliticalParty / Place it names
