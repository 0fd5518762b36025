"""Geography lookups: country names, aliases and nationality adjectives → canonical country.

Backed by kg/data/countries.tsv (loaded once). Canonical names are the ones the
scorer and the gold use: "United States", "United Kingdom", "Russia", "Israel".
Pure functions, no spaCy: any extractor may use them.
"""
from __future__ import annotations

from functools import lru_cache

from kg.nlp.lexicons import data_rows  # one TSV loader for every lexicon in kg/data


def _clean(text: str) -> str:
    """Strip what does not change which country is meant: 'the', possessive 's, dots at the end."""
    t = " ".join(text.replace("\u2019", "'").split())
    if t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("'"):
        t = t[:-1]
    if t[:4].lower() == "the ":
        t = t[4:]
    return t.strip(" ,;:")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """(exact form → country, lower-cased form → country, canonical names, lower-cased names+aliases).

    Upper-case abbreviations ("US", "UK") are matched exactly only, so the pronoun
    "us" never becomes the United States."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    canon: set[str] = set()
    nouns: set[str] = set()
    for row in data_rows("countries.tsv"):
        row = row + ["", ""]
        country = row[0].strip()
        aliases = [country] + [n.strip() for n in row[1].split("|") if n.strip()]
        adjectives = [n.strip() for n in row[2].split("|") if n.strip()]
        canon.add(country)
        for name in aliases + adjectives:
            for form in {name, _clean(name)}:
                exact.setdefault(form, country)
                if not form.replace(".", "").isupper():
                    folded.setdefault(form.lower(), country)
                if name in aliases:
                    nouns.add(form.lower())
    return exact, folded, frozenset(canon), frozenset(nouns)


@lru_cache(maxsize=4096)
def country_for(text: str) -> str | None:
    """Canonical country for a country name, alias or nationality adjective, else None.

    >>> country_for("U.S."), country_for("British"), country_for("the Kremlin")
    ('United States', 'United Kingdom', None)
    """
    if not text:
        return None
    exact, folded, _, _ = _tables()
    t = _clean(text)
    if not t:
        return None
    if t.replace(".", "").isupper() and len(t) <= 6:
        return exact.get(t)
    hit = exact.get(t) or folded.get(t.lower())
    if hit:
        return hit
    # plural demonyms: "Israelis", "Americans", "Palestinians"
    if t.endswith("s") and len(t) > 4:
        return exact.get(t[:-1]) or folded.get(t[:-1].lower())
    return None


def is_country(name: str) -> bool:
    """Is `name` a country's name or alias (not an adjective)? 'Russia', 'U.S.' yes; 'Russian', 'Moscow' no."""
    if not name:
        return False
    t = _clean(name)
    if not t[:1].isupper():
        return False
    return country_for(t) is not None and t.lower() in _tables()[3]


def countries() -> frozenset[str]:
    """All canonical country names."""
    return _tables()[2]


# --- places and legislatures -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str, str]]:
    """lower-cased name → (place as reported, country, kind) from kg/data/places.tsv."""
    out: dict[str, tuple[str, str, str]] = {}
    for row in data_rows("places.tsv"):
        name, place, country, kind = (row + ["", "", ""])[:4]
        out.setdefault(_clean(name).lower(), (place, country or "", kind))
    return out


@lru_cache(maxsize=4096)
def place_for(text: str) -> tuple[str, str | None] | None:
    """(place, country) for a landmark, city, state or country name; None when unknown.

    "the White House" → ("Washington", "United States"); "Sochi" → ("Sochi", "Russia");
    "Russia" → ("Russia", "Russia")."""
    if not text:
        return None
    t = _clean(text)
    hit = _places().get(t.lower())
    if hit:
        return hit[0], hit[1] or None
    if is_country(t):
        c = country_for(t)
        return c, c
    return None


def place_kind(text: str) -> str | None:
    """'landmark', 'city', 'state', 'region' or 'country' for a known place name."""
    hit = _places().get(_clean(text).lower())
    if hit:
        return hit[2]
    return "country" if is_country(text) else None


def place_names() -> list[str]:
    """Every landmark/city/state name of the gazetteer, longest first (for phrase scans)."""
    return sorted({r[0] for r in data_rows("places.tsv")}, key=len, reverse=True)


@lru_cache(maxsize=1)
def _legislatures() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for row in data_rows("legislatures.tsv"):
        name, country, kind = (row + ["", ""])[:3]
        out.setdefault(name.strip(), (country, kind or "general"))
    return out


def legislature_for(text: str) -> tuple[str, str] | None:
    """(country, election kind) for a legislature's name: "Knesset" → ("Israel", "parliamentary")."""
    return _legislatures().get(_clean(text)) if text else None


def legislature_names() -> list[str]:
    return sorted(_legislatures(), key=len, reverse=True)
