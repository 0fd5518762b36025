"""Which reader an input needs: from its name first, its first bytes second."""
from __future__ import annotations

import json
from pathlib import PurePosixPath

from kg.sources.feeds import looks_like_feed

FORMATS = ("txt", "html", "json", "jsonl", "url", "feed")

# Known extensions; in a folder walk without a glob, files with other extensions are left alone.
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def format_from_name(name: str) -> str | None:
    """The reader a file or URL name asks for; "x.jsonl.gz" asks for jsonl (read through gzip)."""
    path = PurePosixPath(name.split("?", 1)[0])
    if path.suffix.lower() == ".gz":
        path = PurePosixPath(path.stem)
    return EXTENSIONS.get(path.suffix.lower())


def sniff_format(data: bytes) -> str:
    """Guess from content: feed, html, json, jsonl, else txt."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        if looks_like_feed(head):
            return "feed"
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first = data.split(b"\n", 1)[0]
        try:
            json.loads(first)
        except ValueError:
            return "json"  # a pretty-printed object spans lines
        return "jsonl"
    return "txt"


def format_from_content_type(media_type: str, data: bytes, url: str) -> str:
    """The reader for a fetched body, from its media type, URL and content."""
    by_name = format_from_name(url)
    if media_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if media_type in ("application/xml", "text/xml", "text/html", "application/xhtml+xml"):
        return "feed" if looks_like_feed(data) else "html"
    if media_type in ("application/x-ndjson", "application/jsonl", "application/jsonlines"):
        return "jsonl"
    if media_type == "application/json":
        return by_name if by_name in ("json", "jsonl") else sniff_format(data)
    if media_type == "text/plain":
        return by_name if by_name in ("json", "jsonl") else "txt"
    return sniff_format(data)
