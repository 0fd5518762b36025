"""Knobs for reading sources, kept apart from kg.sources.fetch so that building
them never imports requests."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg import __version__

PROJECT_URL = "https://github.com/kg-news/kg"
DEFAULT_USER_AGENT = f"kg/{__version__} (+{PROJECT_URL})"

# Media types a URL may answer with; anything else is refused before its body is read.
ACCEPTED_CONTENT_TYPES = (
    "text/html", "application/xhtml+xml",
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml",
    "text/plain",
    "application/json", "application/x-ndjson", "application/jsonl", "application/jsonlines",
)


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how patiently URLs are fetched."""

    connect_timeout: float = 5.0       # seconds to open a connection
    read_timeout: float = 20.0         # seconds of silence allowed while reading
    total_timeout: float = 60.0        # wall-clock cap per request, against slow-drip servers
    retries: int = 3                   # extra attempts after a 429, a 5xx or a failed connection
    backoff: float = 1.0               # first wait between attempts; doubles each time
    max_wait: float = 60.0             # longest single wait, Retry-After included; longer asks give up
    max_bytes: int = 5 * 1024 * 1024   # body cap; a larger body is cut off while streaming, not downloaded
    max_redirects: int = 5
    min_interval: float = 1.0          # seconds between two requests to the same host
    user_agent: str = DEFAULT_USER_AGENT
    accepted_content_types: tuple[str, ...] = field(default=ACCEPTED_CONTENT_TYPES)
