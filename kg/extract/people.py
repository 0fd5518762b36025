"""People in one article: mentions → canonical full names (placeholder: PERSON entities only)."""
from __future__ import annotations

from kg.facts import Person


class PeopleIndex:
    """Resolves a mention (span or token) to the canonical full name of a person in the article."""

    def __init__(self, doc):
        self.doc = doc
        self._by_token: dict[int, str] = {}
        names: dict[str, set[str]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                names.setdefault(ent.text, set())
        full = [n for n in names if len(n.split()) > 1]
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = ent.text
            if len(name.split()) == 1:
                name = next((f for f in full if f.split()[-1] == name), name)
            for tok in ent:
                self._by_token[tok.i] = name
        self.persons = [Person(n) for n in sorted(set(self._by_token.values()))]

    def name_for(self, span_or_token) -> str | None:
        tokens = [span_or_token] if not hasattr(span_or_token, "start") or hasattr(span_or_token, "head") and not hasattr(span_or_token, "end") else list(span_or_token)
        for tok in tokens:
            if tok.i in self._by_token:
                return self._by_token[tok.i]
        return None


def resolve_people(doc, article) -> PeopleIndex:
    return PeopleIndex(doc)
