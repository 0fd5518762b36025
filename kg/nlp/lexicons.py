"""Lexicons from kg/data (titles, honorifics, parties), loaded once.

Plain Python (no spaCy): the nlp components build matchers from these, the
extractors look values up in them.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def data_rows(filename: str) -> list[list[str]]:
    """TSV rows of a kg/data file, without comment lines and the header line."""
    text = resources.files("kg").joinpath("data", filename).read_text(encoding="utf-8")
    rows = [r for r in csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
            if r and not r[0].startswith("#")]
    return [r + [""] * 4 for r in rows[1:]]


@dataclass(frozen=True)
class TitleEntry:
    phrase: str        # lower case, as written: "secretary of state"
    title: str         # canonical office: "Secretary of State"
    country: str | None  # country the phrase alone implies ("senator" → United States)
    kind: str          # head, office, legislator, party, spokes, chair


@dataclass(frozen=True)
class PartyEntry:
    name: str          # canonical: "Republican Party"
    aliases: tuple[str, ...]
    country: str | None
    code: str | None   # one-letter code of "(R-Texas)"


@lru_cache(maxsize=1)
def titles() -> dict[str, TitleEntry]:
    """Title phrase (lower case) → entry."""
    out = {}
    for phrase, title, country, kind, *_ in data_rows("titles.tsv"):
        out[phrase.strip()] = TitleEntry(phrase.strip(), title.strip(), country.strip() or None, kind.strip())
    return out


@lru_cache(maxsize=1)
def honorifics() -> dict[str, bool]:
    """Honorific word (lower case) → whether a one-word name keeps it ("Lord Falconer")."""
    return {w.strip(): keep.strip() == "keep" for w, keep, *_ in data_rows("honorifics.tsv")}


@lru_cache(maxsize=1)
def honorific_countries() -> dict[str, str]:
    """Honorific word (lower case) → the state whose offices a person so styled holds ("lord")."""
    return {w.strip(): c.strip() for w, _, c, *_ in data_rows("honorifics.tsv") if c.strip()}


@lru_cache(maxsize=1)
def parties() -> list[PartyEntry]:
    out = []
    for name, aliases, country, code, *_ in data_rows("parties.tsv"):
        al = tuple(a.strip() for a in aliases.split("|") if a.strip())
        out.append(PartyEntry(name.strip(), al, country.strip() or None, code.strip() or None))
    return out


@lru_cache(maxsize=1)
def party_aliases() -> dict[str, PartyEntry]:
    """Alias as written, lower-cased (upper-case codes like "GOP" kept exact too) → party."""
    out: dict[str, PartyEntry] = {}
    for p in parties():
        for a in p.aliases + (p.name,):
            out.setdefault(a.lower(), p)
    return out


@lru_cache(maxsize=1)
def party_codes() -> dict[str, PartyEntry]:
    return {p.code: p for p in parties() if p.code}


@lru_cache(maxsize=4096)
def party_for(text: str) -> PartyEntry | None:
    """The party a name, alias or member word means ("GOP", "Tories", "Labour's"), else None."""
    t = " ".join(text.replace("\u2019", "'").split())
    if t.endswith("'s"):
        t = t[:-2]
    if t.lower().startswith("the "):
        t = t[4:]
    hit = party_aliases().get(t.lower())
    if hit is None and t.lower().endswith(" party"):
        hit = party_aliases().get(t[:-6].lower())
    # short all-caps codes ("SNP", "DUP") only when written in capitals
    if hit is not None and len(t) <= 5 and t.lower() != t and not t[0].isupper():
        return None
    return hit


@dataclass(frozen=True)
class Body:
    name: str
    country: str | None
    organization: str | None


@lru_cache(maxsize=1)
def bodies() -> dict[str, Body]:
    """Government body or international organisation, as written → entry."""
    return {b.strip(): Body(b.strip(), c.strip() or None, o.strip() or None)
            for b, c, o, *_ in data_rows("bodies.tsv")}


@lru_cache(maxsize=1)
def female_words() -> frozenset[str]:
    text = resources.files("kg").joinpath("data", "female_names.txt").read_text(encoding="utf-8")
    return frozenset(w.lower() for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def family_name_first() -> frozenset[str]:
    """Family names written first ("Kim" of "Kim Jong Un"), lower case."""
    text = resources.files("kg").joinpath("data", "family_name_first.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class KnownPerson:
    name: str            # canonical full name: "Vladimir Putin"
    country: str | None  # state whose offices the person holds, where one is


def _name_key(name: str) -> tuple[str, str]:
    """(first word, last word) of a full name, lower case, accents and an "al-"/"el-" prefix aside:
    "Bashar Assad" and "Bashar al-Assad" share a key."""
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    words = folded.replace(".", ". ").replace("-", " ").split()
    last = words[-1]
    for prefix in ("al-", "el-", "ul-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 1:
            last = last[len(prefix):]
    return words[0], last


@lru_cache(maxsize=1)
def _known_people() -> tuple[dict[str, KnownPerson], dict[tuple[str, str], list[KnownPerson]]]:
    by_surname: dict[str, KnownPerson] = {}
    by_key: dict[tuple[str, str], list[KnownPerson]] = {}
    for surname, name, country, *_ in data_rows("well_known_people.tsv"):
        name, surname, country = name.strip(), surname.strip(), country.strip()
        if not name or name == "-":
            continue
        person = KnownPerson(name, None if country in ("", "-") else country)
        if surname and surname != "-":
            by_surname[surname.lower()] = person
        entries = by_key.setdefault(_name_key(name), [])
        if person not in entries:
            entries.append(person)
    return by_surname, by_key


@lru_cache(maxsize=4096)
def surname_countries(word: str) -> frozenset[str]:
    """Countries of the listed politicians whose last name is this word, also where the bare
    surname is ambiguous ("Bush": either Bush, {"United States"})."""
    key = word.lower()
    return frozenset(p.country for ps in _known_people()[1].values() for p in ps
                     if p.country and p.name.split()[-1].lower() == key)


def known_by_surname(word: str) -> KnownPerson | None:
    """The well-known politician a bare surname means ("Putin"), if the gazetteer lists it as unambiguous."""
    return _known_people()[0].get(word.lower())


@lru_cache(maxsize=8192)
def known_person(name: str) -> KnownPerson | None:
    """The well-known politician a full name means: same first and last word, and middle words
    that do not clash ("Donald J. Trump" → Donald Trump; "George Bush" → None, two are listed)."""
    words = name.split()
    if len(words) < 2:
        return None
    hits = _known_people()[1].get(_name_key(name), [])
    if len(hits) <= 1:
        return hits[0] if hits else None
    mid = [w.strip(".").lower() for w in name.replace(".", ". ").split()[1:-1]]
    exact = [h for h in hits if [w.strip(".").lower() for w in h.name.replace(".", ". ").split()[1:-1]] == mid]
    return exact[0] if len(exact) == 1 else None


@lru_cache(maxsize=1)
def name_junk() -> dict[str, str]:
    """Word (lower case) → "thing" (a name followed by it names a thing: "Trump Tower") or
    "never" (never part of a name: weekdays, function words)."""
    return {w.strip().lower(): k.strip() for w, k, *_ in data_rows("name_junk.tsv")}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common English given names, lower case (kg/data/given_names.txt, plus female_names.txt)."""
    text = resources.files("kg").joinpath("data", "given_names.txt").read_text(encoding="utf-8")
    words = {w.lower() for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    return frozenset(words | female_words())


@lru_cache(maxsize=1)
def _nickname_pairs() -> frozenset[tuple[str, str]]:
    return frozenset((a.strip().lower(), b.strip().lower()) for a, b, *_ in data_rows("nicknames.tsv"))


def same_given_name(a: str, b: str) -> bool:
    """ "Chuck" and "Charles", "Bill" and "William": one given name, short or formal."""
    a, b = a.lower().strip("."), b.lower().strip(".")
    return a == b or (a, b) in _nickname_pairs() or (b, a) in _nickname_pairs()


@lru_cache(maxsize=1)
def _known_by_last() -> dict[str, list[KnownPerson]]:
    out: dict[str, list[KnownPerson]] = {}
    for key, people in _known_people()[1].items():
        for p in people:
            if p not in out.setdefault(key[1], []):
                out[key[1]].append(p)
    return out


def _one_edit(a: str, b: str) -> bool:
    """Exactly one letter inserted, dropped or changed ("Vladmir" ~ "Vladimir", "Barrack" ~ "Barack")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


@lru_cache(maxsize=8192)
def known_misspelled(name: str) -> KnownPerson | None:
    """The well-known politician a full name misspells by one letter of the given name, same surname
    ("Vladmir Putin" → Vladimir Putin). Given names under five letters are too close to others to judge."""
    words = name.split()
    if len(words) < 2 or known_person(name) is not None:
        return None
    first, last = _name_key(name)
    if len(first) < 5:
        return None
    hits = [p for p in _known_by_last().get(last, []) if _one_edit(first, _name_key(p.name)[0])]
    return hits[0] if len(hits) == 1 else None


def known_country(name: str) -> str | None:
    """The country of a well-known politician's offices, also where the full name fits two listed
    people of one country ("George Bush": either Bush, United States)."""
    known = known_person(name)
    if known is not None:
        return known.country
    if len(name.split()) < 2:
        return None
    countries = {p.country for p in _known_people()[1].get(_name_key(name), [])}
    return countries.pop() if len(countries) == 1 else None
