"""Sources: every way an article gets in. Files, folders, JSON Lines, URLs, RSS/Atom feeds, stdin.

    from kg.sources import iter_articles, SourceError
    for item in iter_articles(["corpus.jsonl", "https://example.org/news/1"]):
        if isinstance(item, Article): ...
        else: print(item)            # SourceError or SkippedArticle: one line, input + reason

Only kg/sources/fetch.py imports requests, and only once a URL is met.
"""
from kg.sources.errors import SkippedArticle, SourceError
from kg.sources.iterate import MAX_TEXT_CHARS, OVERSIZE_POLICIES, SourceItem, iter_articles
from kg.sources.detect import FORMATS
from kg.sources.language import guess_language
from kg.sources.options import DEFAULT_USER_AGENT, FetchOptions

__all__ = ["DEFAULT_USER_AGENT", "FORMATS", "FetchOptions", "MAX_TEXT_CHARS", "OVERSIZE_POLICIES",
           "SkippedArticle", "SourceError", "SourceItem", "guess_language", "iter_articles"]
