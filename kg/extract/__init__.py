"""spaCy Doc → facts. Knows nothing of RDF.

Each fact family has its own module with one entry point taking
(doc, article, people) where `people` is the article's PeopleIndex.
"""
from __future__ import annotations

from kg.article import Article
from kg.extract.docindex import reset as reset_doc_index
from kg.facts import ArticleFacts


class ExtractorFailed(RuntimeError):
    """One extractor raised on an article; the message names it: 'meetings extractor failed: …'."""

    def __init__(self, family: str, exc: BaseException):
        text = " ".join(str(exc).split())[:300]
        super().__init__(f"{family} extractor failed: {type(exc).__name__}" + (f": {text}" if text else ""))
        self.family = family


def extract_facts(doc, article: Article, problems: list[str] | None = None) -> ArticleFacts:
    """All facts of one article from its parsed text.

    Without `problems`, any extractor's exception propagates. With a list, a fact family
    whose extractor raises is left empty, the others are kept, and a line such as
    'meetings extractor failed: RecursionError: …' is appended. People come first and
    every family needs them: if resolving them fails, ExtractorFailed('people', …) is raised.
    """
    from kg.extract.elections import extract_elections
    from kg.extract.meetings import extract_meetings
    from kg.extract.memberships import extract_memberships
    from kg.extract.people import resolve_people
    from kg.extract.roles import extract_roles

    reset_doc_index(doc)
    try:
        people = resolve_people(doc, article)
    except Exception as exc:  # noqa: BLE001 - named, so the report says which extractor failed
        if problems is None:
            raise
        raise ExtractorFailed("people", exc) from exc

    def family(name: str, extract) -> list:
        if problems is None:
            return extract(doc, article, people)
        try:
            return extract(doc, article, people)
        except Exception as exc:  # noqa: BLE001 - one family failing keeps the others
            problems.append(str(ExtractorFailed(name, exc)))
            return []

    return ArticleFacts(
        article=article,
        people=list(people.persons),
        meetings=family("meetings", extract_meetings),
        roles=family("roles", extract_roles),
        memberships=family("memberships", extract_memberships),
        elections=family("elections", extract_elections),
    )


def extract_facts_isolated(doc, article: Article) -> tuple[ArticleFacts, list[str]]:
    """(facts, problems): what the ingest runs — one failing fact family does not lose the others."""
    problems: list[str] = []
    return extract_facts(doc, article, problems), problems
