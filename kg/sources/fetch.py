"""HTTP fetching, politely and defensively: the only module that imports requests.

One `Fetcher` per batch keeps a connection pool and a per-host clock, so a feed
of fifty links to one site is fetched at most one request per `min_interval`.
Every failure raises SourceProblem with a one-line reason that says what to do.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urlsplit

import requests

from kg.sources.errors import SourceProblem
from kg.sources.options import FetchOptions

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK_BYTES = 64 * 1024
ACCEPT = ("text/html,application/xhtml+xml;q=0.9,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.8,text/plain;q=0.7,application/json;q=0.7,*/*;q=0.1")


@dataclass(frozen=True)
class Fetched:
    url: str                 # after redirects
    status: int
    media_type: str          # "text/html", lower case, no parameters; "" when not sent
    charset: str | None      # from the Content-Type header
    body: bytes


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _connection_reason(exc: Exception, url: str) -> tuple[str, bool]:
    """(one-line reason, worth retrying?). A refused port or an unknown host will not
    mend within seconds; a reset or a stalled connect may."""
    parts = urlsplit(url)
    where = f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    text = str(exc)
    if "refused" in text.lower() or "Errno 111" in text:
        return f"connection refused by {where} (is the server running, and the port right?)", False
    if any(s in text for s in ("Name or service not known", "Failed to resolve", "nodename nor servname",
                               "getaddrinfo failed", "Temporary failure in name resolution",
                               "No address associated")):
        return f"cannot resolve host {parts.hostname} (check the spelling, or the network)", False
    if "timed out" in text.lower():
        return f"timed out talking to {where}", True
    first = text.splitlines()[0][:200] if text else type(exc).__name__
    return f"connection to {where} failed: {first}", True


class Fetcher:
    """GET with timeouts, retries, a size cap, a content-type check and a per-host rate limit."""

    def __init__(self, options: FetchOptions | None = None, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.options = options or FetchOptions()
        self._sleep = sleep
        self._clock = clock
        self._session = requests.Session()
        self._session.max_redirects = self.options.max_redirects
        self._session.headers.update({"User-Agent": self.options.user_agent, "Accept": ACCEPT})
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        """Keep at least `min_interval` seconds between two requests to one host."""
        with self._lock:
            last = self._last.get(host)
            if last is not None:
                wait = self.options.min_interval - (self._clock() - last)
                if wait > 0:
                    self._sleep(wait)
            self._last[host] = self._clock()

    def get(self, url: str) -> Fetched:
        opts = self.options
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceProblem("not an http(s) URL; write it in full, e.g. https://example.org/page")
        attempt = 0
        while True:
            self._wait_turn(parts.hostname)
            try:
                resp = self._session.get(url, timeout=(opts.connect_timeout, opts.read_timeout),
                                         stream=True, allow_redirects=True)
            except requests.exceptions.TooManyRedirects:
                raise SourceProblem(f"more than {opts.max_redirects} redirects (a redirect loop?); "
                                    f"open the URL in a browser to see where it leads") from None
            except requests.exceptions.ReadTimeout:
                # The server is there but silent: asking again would only wait again.
                raise SourceProblem(f"timed out: no answer within the {opts.read_timeout:g} s read "
                                    f"timeout (raise FetchOptions.read_timeout for slow sites)") from None
            except requests.exceptions.ConnectTimeout:
                reason, retry = f"timed out: could not connect within {opts.connect_timeout:g} s", True
            except requests.exceptions.SSLError as exc:
                raise SourceProblem(f"TLS/SSL error: {str(exc).splitlines()[0][:200]}") from None
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                    requests.exceptions.InvalidSchema) as exc:
                raise SourceProblem(f"invalid URL: {exc}") from None
            except requests.exceptions.ConnectionError as exc:
                reason, retry = _connection_reason(exc, url)
            except requests.exceptions.RequestException as exc:
                raise SourceProblem(f"request failed: {str(exc).splitlines()[0][:200]}") from None
            else:
                with resp:
                    status = resp.status_code
                    if status in RETRY_STATUSES and attempt < opts.retries:
                        wait = _retry_after(resp.headers.get("Retry-After"))
                        if wait is None:
                            wait = opts.backoff * 2 ** attempt
                        if wait > opts.max_wait:
                            raise SourceProblem(
                                f"HTTP {status} {resp.reason}: the server asks to retry after {wait:g} s, "
                                f"longer than FetchOptions.max_wait ({opts.max_wait:g} s); try later")
                        self._sleep(wait)
                        attempt += 1
                        continue
                    if status >= 400:
                        raise SourceProblem(self._http_reason(resp, attempt))
                    return self._read(resp)
            if not retry or attempt >= opts.retries:
                tries = f" (after {attempt + 1} attempts)" if attempt else ""
                raise SourceProblem(reason + tries)
            self._sleep(min(opts.backoff * 2 ** attempt, opts.max_wait))
            attempt += 1

    @staticmethod
    def _http_reason(resp: requests.Response, retries: int) -> str:
        status = resp.status_code
        head = f"HTTP {status} {resp.reason or ''}".rstrip()
        if status in (404, 410):
            return f"{head}: check the URL (the page may have moved or been removed)"
        if status in (401, 403):
            return f"{head}: the site refuses the request (a login, a paywall or a block on robots)"
        if status == 429:
            return f"{head}: still rate-limited after {retries} retries; raise FetchOptions.min_interval"
        if status >= 500:
            return f"{head}: server error, still failing after {retries} retries; try again later"
        return head

    def _read(self, resp: requests.Response) -> Fetched:
        opts = self.options
        content_type = resp.headers.get("Content-Type", "")
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type and media_type not in opts.accepted_content_types:
            raise SourceProblem(f"wrong content type {media_type!r}: expected an HTML page, an RSS/Atom "
                                f"feed, plain text or JSON")
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > opts.max_bytes:
            raise SourceProblem(f"too large: {_mb(int(declared))}, over the {_mb(opts.max_bytes)} cap "
                                f"(FetchOptions.max_bytes); not downloaded")
        deadline = self._clock() + opts.total_timeout
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(CHUNK_BYTES):
                size += len(chunk)
                if size > opts.max_bytes:
                    raise SourceProblem(f"too large: over the {_mb(opts.max_bytes)} cap "
                                        f"(FetchOptions.max_bytes); stopped reading")
                if self._clock() > deadline:
                    raise SourceProblem(f"timed out: the download took over {opts.total_timeout:g} s "
                                        f"(FetchOptions.total_timeout)")
                chunks.append(chunk)
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            if "timed out" in str(exc).lower():
                raise SourceProblem(f"timed out while reading the body (read timeout "
                                    f"{opts.read_timeout:g} s)") from None
            raise SourceProblem(f"the connection broke while reading the body: "
                                f"{str(exc).splitlines()[0][:200]}") from None
        charset = None
        for param in content_type.split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        return Fetched(url=resp.url, status=resp.status_code, media_type=media_type,
                       charset=charset, body=b"".join(chunks))
