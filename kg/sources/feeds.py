"""RSS and Atom feeds (feedparser): the items to follow, with their dates and titles."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from kg.sources.errors import SourceProblem

_FEED_ROOT = re.compile(rb"<(?:rss[\s>]|feed[\s>]|rdf:RDF[\s>])", re.I)


def looks_like_feed(data: bytes) -> bool:
    """True when the first element (after the XML prologue) is <rss>, <feed> or <rdf:RDF>."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S).lstrip()
    return bool(_FEED_ROOT.match(head))


@dataclass(frozen=True)
class FeedItem:
    number: int                 # 1-based position in the feed, for messages
    link: str | None
    title: str | None
    published: date | None


def _item_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def parse_feed(data: bytes, base_url: str | None = None) -> tuple[str | None, list[FeedItem]]:
    """(feed title, items). Raises SourceProblem when the data is no feed or has no items."""
    import feedparser

    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise SourceProblem(f"not an RSS or Atom feed{f' ({why})' if why else ''}")
    if not parsed.entries:
        raise SourceProblem("the feed has no items")
    items = []
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        if link and base_url:
            link = urljoin(base_url, link)
        title = (entry.get("title") or "").strip() or None
        items.append(FeedItem(n, link, title, _item_date(entry)))
    return (parsed.feed.get("title") or None), items
