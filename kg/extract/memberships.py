"""Membership facts from a parsed article (first version: finds nothing yet)."""
from __future__ import annotations

from kg.article import Article
from kg.facts import Membership


def extract_memberships(doc, article: Article, people) -> list[Membership]:
    return []
