"""What a source yields instead of an Article: an error (bad input) or a deliberate skip.

Both are plain values, yielded in the stream so one bad file, line or URL never
stops a batch. `str()` is one line: the input (a path, "corpus.jsonl line 17", a
URL, a feed item) and the reason, with how to fix it where we can tell.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceError:
    """An input that could not be read as an article."""

    input: str
    reason: str
    skipped = False  # class constant: lets consumers tell errors from skips without isinstance

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(frozen=True)
class SkippedArticle:
    """An input read fine but left out on purpose (e.g. not in English)."""

    input: str
    reason: str
    skipped = True

    def __str__(self) -> str:
        return f"{self.input}: skipped: {self.reason}"


class SourceProblem(Exception):
    """Raised inside the source readers; `iter_articles` turns it into a SourceError.

    `skip=True` turns it into a SkippedArticle instead. `where` refines the input
    name ("line 17", "item 3") when the reader knows more than the caller.
    """

    def __init__(self, reason: str, *, skip: bool = False, where: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.skip = skip
        self.where = where
