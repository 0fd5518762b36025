"""HTML pages: main text without navigation, captions or boilerplate, plus metadata (trafilatura)."""
from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlsplit

from kg.article import Article
from kg.sources.dates import parse_published
from kg.sources.errors import SourceProblem

# trafilatura logs every page it finds too short at WARNING; we report those ourselves.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# Fewer words than this is a menu, a button or a cookie notice, not an article.
MIN_ARTICLE_WORDS = 12


def _usable_canonical(canonical: str | None) -> str | None:
    """The page's canonical URL, unless it is not absolute http(s) or points at a site's
    home page (some sites set that on every article, which would merge them all into one).
    A canonical on another host is kept: that is a syndicated copy naming its original."""
    if not canonical:
        return None
    parts = urlsplit(canonical)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path in ("", "/"):
        return None
    return canonical


def article_from_html(html: str, *, id: str | None, url: str | None = None,
                      published: date | None = None, title: str | None = None,
                      extra: dict | None = None) -> Article:
    """Extract an Article from a page. `id` None means "the page's URL". A canonical URL the
    page states is its id in any case, so a page saved to a file and the same page fetched
    from its URL are one article.

    `published` and `title` are fallbacks for pages that do not carry their own
    (a feed item's date and title, or the caller's --published).
    """
    import trafilatura  # heavy; only when HTML is actually read

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        found = f" (only {text[:40]!r})" if text else ""
        raise SourceProblem(f"no article text found in the HTML{found}: an index page, a login or "
                            f"cookie wall, or a page built by JavaScript?")
    page_title = (doc.title or "").strip()
    first, _, rest = text.partition("\n")
    if page_title and first.strip() == page_title and rest.strip():
        text = rest.strip()  # the headline repeated as the body's first line: it is the title
    canonical = _usable_canonical(doc.url)
    page_url = canonical or url
    try:
        page_date = parse_published(doc.date) if doc.date else None
    except SourceProblem:
        page_date = None  # a garbled page date is no reason to lose the article
    info = dict(extra or {})
    if url and page_url != url:
        info["fetched_url"] = url  # where we read it, when the page names another address
    return Article(
        id=canonical or id or page_url or "",
        text=text,
        title=page_title or title,
        url=page_url,
        published=page_date or published,
        author=(doc.author or "").strip() or None,
        publisher=(doc.sitename or "").strip() or None,
        extra=info,
    )
