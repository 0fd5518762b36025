"""Plain text: the first non-empty line is the title, the rest is the article."""
from __future__ import annotations

from datetime import date

from kg.article import Article
from kg.sources.errors import SourceProblem


def article_from_text(raw: str, *, id: str, published: date | None = None,
                      url: str | None = None, extra: dict | None = None) -> Article:
    """Split off the title line. A text of one line only is all text, with no title,
    so a one-paragraph file without a heading is not lost."""
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = raw.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise SourceProblem("empty: no text in it (write the title on the first line, the article below)")
    title = lines[first].strip()
    body = "\n".join(lines[first + 1:]).strip()
    if not body:
        title, body = None, title
    return Article(id=id, text=body, title=title, url=url, published=published, extra=dict(extra or {}))
