"""Facts: what the extractors find in one article, as plain dataclasses.

The extractors build these and know nothing of RDF; the RDF layer reads these and
knows nothing of spaCy. People, parties, countries and places are referred to by
their canonical names (strings); `kg.rdf.ids` turns names into IRIs.

Dates are ISO 8601 strings at the precision the text supports:
"2019-09-12" (day), "2019-09" (month) or "2019" (year).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.article import Article

MEETING_KINDS = ("meeting", "visit", "host", "third-location", "call", "negotiation", "summit")
MEETING_STATUSES = ("happened", "planned")
ELECTION_KINDS = ("general", "parliamentary", "presidential", "midterm", "primary",
                  "referendum", "local", "leadership")


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from: its text and character offsets in `Article.text`."""

    sentence: str
    start: int
    end: int
    rule: str = ""  # which extractor rule fired, for explanations ("meeting:met-with")


@dataclass(frozen=True)
class Person:
    name: str                          # canonical full name, honorifics stripped: "Vladimir Putin"
    aliases: tuple[str, ...] = ()      # other forms used in the article: "Putin", "President Putin"


@dataclass(frozen=True)
class Meeting:
    participants: tuple[str, ...]      # canonical person names, two or more
    kind: str = "meeting"              # one of MEETING_KINDS
    status: str = "happened"           # one of MEETING_STATUSES
    date: str | None = None
    place: str | None = None           # city or country name: "Sochi"
    place_country: str | None = None   # country of `place` when known: "Russia"
    hosts: tuple[str, ...] = ()        # subset of participants, where the text says who hosted
    visitors: tuple[str, ...] = ()     # subset of participants, where the text says who visited
    topic: str | None = None
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Role:
    person: str
    title: str                         # office without nationality: "President", "Prime Minister"
    country: str | None = None         # state whose office it is: "Russia"
    organization: str | None = None    # body where the office is not a state's: "NATO", "Senate"
    former: bool = False
    start: str | None = None
    end: str | None = None
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Membership:
    person: str
    party: str                         # canonical party name: "Republican Party"
    country: str | None = None
    role: str | None = None            # "leader", "chair" where the text says so
    former: bool = False
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Election:
    country: str                       # country (or a state of it): "Israel"
    kind: str = "general"              # one of ELECTION_KINDS
    date: str | None = None
    region: str | None = None          # a state or province, for sub-national elections
    winner: str | None = None          # person name, where stated
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    people: list[Person] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
