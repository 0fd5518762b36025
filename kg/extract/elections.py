"""Election facts from a parsed article (first version: finds nothing yet)."""
from __future__ import annotations

from kg.article import Article
from kg.facts import Election


def extract_elections(doc, article: Article, people) -> list[Election]:
    return []
