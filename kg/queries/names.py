"""What a user types for a person or a party, made into what the store can match.

    person_core("President Trump")  → "Trump"      (honorifics and titles are not names)
    name_words("Luiz Inácio Lula")  → ("luiz", "inacio", "lula")   (no case, no accents)
    NameIndex(names).containing("lula") → the people with "Lula" among the words of a name
    party_names("Tories")           → ["Tories", "Conservative Party", "Conservative", …]

The lexicons are kg/data's TSV files, read by kg.nlp.lexicons (plain Python: no spaCy).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from kg.nlp.lexicons import honorifics, party_aliases, titles


@lru_cache(maxsize=1)
def _title_phrases() -> tuple[tuple[str, ...], ...]:
    """Every title phrase as a tuple of lower-case words, longest first (so "prime minister" beats "minister")."""
    phrases = {tuple(p.split()) for p in titles() if p}
    return tuple(sorted(phrases, key=len, reverse=True))


def _is_honorific(word: str) -> bool:
    table = honorifics()
    return word in table or word.rstrip(".") in table


def person_core(name: str) -> str:
    """The name without leading honorifics and titles ("Mr.", "President", "Prime Minister").

    Stops before the last word: a name is never stripped to nothing ("President" alone stays)."""
    words = name.split()
    while len(words) > 1:
        lowered = [w.lower() for w in words]
        if _is_honorific(lowered[0]):
            words = words[1:]
            continue
        phrase = next((p for p in _title_phrases() if len(p) < len(words) and tuple(lowered[:len(p)]) == p), None)
        if phrase is None:
            break
        words = words[len(phrase):]
    return " ".join(words)


def party_names(name: str) -> list[str]:
    """The names a party asked for as `name` may be stored under: as typed, plus, when the
    lexicon (kg/data/parties.tsv) knows it as an alias, the party's canonical name and aliases."""
    typed = " ".join(name.split())
    entry = party_aliases().get(typed.lower())
    if entry is None:
        return [typed]
    return list(dict.fromkeys([typed, entry.name, *entry.aliases]))


_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents, so that "lula" matches "Lula" and "Jose" matches "José"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_words(text: str) -> tuple[str, ...]:
    """The folded words of a name; hyphens and apostrophes separate words ("Jong-un" → jong, un)."""
    return tuple(_WORD.findall(fold(text)))


def holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """True when `part` occurs in `words` as consecutive whole words."""
    n = len(part)
    return n > 0 and any(words[i:i + n] == part for i in range(len(words) - n + 1))


@dataclass
class NameIndex:
    """Every person's full name and aliases as folded words, indexed by word.

    Built from (person IRI, full name or None, name) triples, one per rdfs:label or
    skos:altLabel; a store has thousands of people, so it is small and quick to search."""

    full_name: dict[str, str] = field(default_factory=dict)     # IRI → full name (rdfs:label)
    by_word: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)  # word → (IRI, name words)

    @classmethod
    def build(cls, names: Iterable[tuple[str, str | None, str]]) -> "NameIndex":
        index = cls()
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for iri, label, name in names:
            if label is not None:
                # a person labelled differently in two articles: the longest label is the full name
                known = index.full_name.get(iri)
                if known is None or (len(label), label) > (len(known), known):
                    index.full_name[iri] = label
            words = name_words(name)
            if words and (iri, words) not in seen:
                seen.add((iri, words))
                for word in set(words):
                    index.by_word.setdefault(word, []).append((iri, words))
        return index

    def _names_with(self, words: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        return self.by_word.get(words[0], []) if words else []

    def exact(self, name: str) -> set[str]:
        """IRIs of the people one of whose names is `name`, ignoring case, accents and punctuation."""
        words = name_words(name)
        return {iri for iri, held in self._names_with(words) if held == words}

    def containing(self, name: str) -> set[str]:
        """IRIs of the people one of whose names holds `name` as whole words ("Kim" in "Kim Jong Un")."""
        words = name_words(name)
        return {iri for iri, held in self._names_with(words) if holds(held, words)}
