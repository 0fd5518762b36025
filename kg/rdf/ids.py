"""Deterministic IRIs: the same normalized name gives the same IRI in every article and run.

Names are normalized by `slug`: Unicode NFKD, accents dropped, lower case, every run
of other characters turned into one "-". Compound keys join slugs with "--"
(post/president--russia, election/israel--parliamentary--2019-09-17), which a slug
itself never contains, so two different keys never collide.

Data IRIs live under `base_iri()` (env KG_BASE_IRI, default
https://w3id.org/kg-news/id/); concept IRIs are fixed, since kg.ttl defines them.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from kg.facts import ELECTION_KINDS, MEETING_KINDS, MEETING_STATUSES

DEFAULT_BASE_IRI = "https://w3id.org/kg-news/id/"
CONCEPT_BASE_IRI = "https://w3id.org/kg-news/concept/"

MAX_ARTICLE_SLUG = 60  # keeps article IRIs readable; the hash suffix keeps them unique

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def base_iri() -> str:
    """The base of data IRIs: env KG_BASE_IRI, else the default; always ends with "/" or "#"."""
    base = os.environ.get("KG_BASE_IRI") or DEFAULT_BASE_IRI
    return base if base.endswith(("/", "#")) else base + "/"


def short_hash(text: str, length: int = 8) -> str:
    """A short, stable hex digest of `text` (not for security; for unique, readable IRIs)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """ "Benjamín  NETANYAHU" -> "benjamin-netanyahu".

    A name with no Latin letters or digits at all (e.g. written in Cyrillic) would slug
    to nothing; it gets "x-" plus a hash of its NFC form instead, so it still has a
    stable IRI of its own.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    s = _NON_ALNUM.sub("-", ascii_only.lower()).strip("-")
    if not s:
        stripped = unicodedata.normalize("NFC", name).strip()
        if not stripped:
            raise ValueError("cannot make an IRI from an empty name; give the entity a name")
        s = "x-" + short_hash(stripped.lower())
    return s


def _iri(*parts: str, base: str | None = None) -> URIRef:
    return _uriref((base or base_iri()) + "/".join(parts))


@lru_cache(maxsize=65536)
def _uriref(iri: str) -> URIRef:
    # rdflib checks every new URIRef's characters; the same people and places recur
    # in article after article, so building each IRI once saves a good share of mapping time.
    return URIRef(iri)


def person_iri(name: str, base: str | None = None) -> URIRef:
    return _iri("person", slug(name), base=base)


def party_iri(name: str, base: str | None = None) -> URIRef:
    return _iri("party", slug(name), base=base)


def country_iri(name: str, base: str | None = None) -> URIRef:
    return _iri("country", slug(name), base=base)


def place_iri(name: str, base: str | None = None) -> URIRef:
    return _iri("place", slug(name), base=base)


def post_iri(title: str, country: str | None = None, organization: str | None = None,
             base: str | None = None) -> URIRef:
    """post/president--russia; post/secretary-general--nato; post/senator when neither is known."""
    of = country or organization
    key = slug(title) if not of else f"{slug(title)}--{slug(of)}"
    return _iri("post", key, base=base)


def article_iri(article_id: str, base: str | None = None) -> URIRef:
    """article/<slug of id, capped>-<hash of id>: readable, and unique even when slugs collide."""
    s = slug(article_id)[:MAX_ARTICLE_SLUG].rstrip("-")
    return _iri("article", f"{s}-{short_hash(article_id)}", base=base)


def election_iri(country: str, kind: str, date: str | None, region: str | None = None,
                 base: str | None = None) -> URIRef:
    """election/israel--parliamentary--2019-09-17 (country, kind, date; region only when given).

    A sub-national election puts its region after the country
    (election/united-states--texas--primary--2020-03-03) so it is not merged with a
    national vote of the same kind and day.
    """
    parts = [slug(country)]
    if region:
        parts.append(slug(region))
    parts.append(slug(kind))
    if date:
        parts.append(slug(date))
    return _iri("election", "--".join(parts), base=base)


def _concept(scheme: str, value: str, allowed: tuple[str, ...]) -> URIRef:
    if value not in allowed:
        raise ValueError(f"unknown {scheme} {value!r}: use one of {', '.join(allowed)}")
    return _uriref(f"{CONCEPT_BASE_IRI}{scheme}/{value}")


def meeting_kind_iri(kind: str) -> URIRef:
    return _concept("meeting-kind", kind, MEETING_KINDS)


def meeting_status_iri(status: str) -> URIRef:
    return _concept("meeting-status", status, MEETING_STATUSES)


def election_kind_iri(kind: str) -> URIRef:
    return _concept("election-kind", kind, ELECTION_KINDS)
