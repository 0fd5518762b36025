"""spaCy Doc → facts. Knows nothing of RDF.

Each fact family has its own module with one entry point taking
(doc, article, people) where `people` is the article's PeopleIndex.
"""
from __future__ import annotations

from kg.article import Article
from kg.facts import ArticleFacts


def extract_facts(doc, article: Article) -> ArticleFacts:
    """All facts of one article from its parsed text."""
    from kg.extract.elections import extract_elections
    from kg.extract.meetings import extract_meetings
    from kg.extract.memberships import extract_memberships
    from kg.extract.people import resolve_people
    from kg.extract.roles import extract_roles

    people = resolve_people(doc, article)
    return ArticleFacts(
        article=article,
        people=list(people.persons),
        meetings=extract_meetings(doc, article, people),
        roles=extract_roles(doc, article, people),
        memberships=extract_memberships(doc, article, people),
        elections=extract_elections(doc, article, people),
    )
