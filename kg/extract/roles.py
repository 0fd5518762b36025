"""Role facts from a parsed article (first version: finds nothing yet)."""
from __future__ import annotations

from kg.article import Article
from kg.facts import Role


def extract_roles(doc, article: Article, people) -> list[Role]:
    return []
