"""Party words whose party depends on the country: "Socialist X" is of the Socialist Party in a
French story and of the PSOE in a Spanish one (kg/data/party_words.tsv).

Adds spans to the article's party spans, labelled with the party of the country the sentence names
(a country of the word's table), else of the one of those countries the story names most.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Span

from kg.extract.docindex import span_ents
from kg.extract.geo import country_for, data_rows


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """word → {country: party}."""
    out: dict[str, dict[str, str]] = {}
    for row in data_rows("party_words.tsv"):
        if len(row) >= 3 and row[2].strip():
            out.setdefault(row[0].strip(), {})[row[1].strip()] = row[2].strip()
    return out


def _story_countries(doc) -> Counter:
    """How often the doc names each country (computed once per doc, when a party word needs it)."""
    counts = Counter(country_for(e.text) for e in doc.ents if e.label_ in ("GPE", "NORP"))
    counts.pop(None, None)
    return counts


_LEAD_WORDS = {"leader", "chairman", "chief", "head", "lawmaker", "deputy", "candidate", "mp", "mayor", "senator"}


def country_party_spans(doc, taken: set[int]) -> list[Span]:
    """Spans for the country-dependent party words of the doc, outside tokens already in a party span."""
    table = _table()
    out: list[Span] = []
    story = None
    i = 0
    while i < len(doc):
        tok = doc[i]
        opening = tok.is_sent_start and not (i + 1 < len(doc) and (
            doc[i + 1].ent_type_ == "PERSON" or doc[i + 1].lower_ in _LEAD_WORDS))
        if i in taken or not tok.text[:1].isupper() or opening:
            i += 1  # a sentence's first word is capitalised anyway, unless a name follows it
            continue
        two = doc[i:i + 2].text if i + 1 < len(doc) else None
        word, n = (two, 2) if two in table else (tok.text, 1) if tok.text in table else (None, 0)
        if word is None or any(j in taken for j in range(i, i + n)):
            i += 1
            continue
        parties = table[word]
        here = [c for c in (country_for(e.text) for e in span_ents(tok.sent) if e.label_ in ("GPE", "NORP")) if c in parties]
        if not here:  # the country of the word's table the story names most
            story = story if story is not None else _story_countries(doc)
            here = [c for c, _ in story.most_common() if c in parties][:1]
        country = here[0] if here else None
        if country in parties:
            out.append(Span(doc, i, i + n, label=parties[country]))
        i += n
    return out
