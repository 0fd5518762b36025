"""The article: what every source produces and every later stage reads.

Plain data only; no I/O, no NLP, no RDF.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, a JSON line, a URL or a feed item."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    author: str | None = None
    publisher: str | None = None
    language: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def source(self) -> str:
        """What named queries report as `source`: the URL, else the id."""
        return self.url or self.id

    @property
    def content_hash(self) -> str:
        """Changes whenever anything extraction reads changes (text, title, date)."""
        h = hashlib.sha256()
        for part in (self.title or "", self.published.isoformat() if self.published else "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()
