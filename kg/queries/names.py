"""What a user types for a person or a party, made into what the store can match.

    person_core("President Trump")  → "Trump"      (honorifics and titles are not names)
    party_names("Tories")           → ["Tories", "Conservative Party", "Conservative", …]

The lexicons are kg/data's TSV files, read by kg.nlp.lexicons (plain Python: no spaCy).
"""
from __future__ import annotations

from functools import lru_cache

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
