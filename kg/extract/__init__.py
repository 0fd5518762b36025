"""spaCy Doc → facts. Knows nothing of RDF."""
from __future__ import annotations

from kg.article import Article
from kg.facts import ArticleFacts


def extract_facts(doc, article: Article) -> ArticleFacts:
    """All facts of one article from its parsed text."""
    from kg.extract.people import resolve_people

    people = resolve_people(doc, article)
    return ArticleFacts(article=article, people=list(people.persons))
