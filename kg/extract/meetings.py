"""Meeting facts from a parsed article (first version: finds nothing yet)."""
from __future__ import annotations

from kg.article import Article
from kg.facts import Meeting


def extract_meetings(doc, article: Article, people) -> list[Meeting]:
    return []
