"""HTTP fetching, politely and defensively: the only module that imports requests.

One `Fetcher` per batch keeps a connection pool and a per-host clock, so a feed
of fifty links to one site is fetched at most one request per `min_interval`.
Every failure raises SourceProblem with a one-line reason that says what to do.

Timeouts: connect and read timeouts bound each wait on the socket, and a total
deadline (`total_timeout`) bounds the whole fetch, retries included. A server that
trickles a few bytes every few seconds never trips a read timeout, so the deadline
is kept by a timer that shuts the connection's socket down when time is up,
whether the fetch is waiting for headers or reading the body.
"""
from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

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


# --- the total deadline --------------------------------------------------------------------------

_current = threading.local()   # the _Deadline of the fetch running in this thread, if any


class _Deadline:
    """Shuts down the socket of the fetch in progress once `seconds` have passed."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _current.deadline = None
        with self._lock:
            self._sock = None

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock
            if self.expired and sock is not None:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._sock is not None:
                _shut(self._sock)


def _shut(sock: socket.socket) -> None:
    """Wake a blocked read with end-of-file. socket.socket's own shutdown, not SSLSocket's,
    which would pull the TLS state from under the reading thread."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class _Watched:
    """Hands the connection's socket to the running fetch's deadline once the request is sent."""

    def getresponse(self):
        deadline = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.watch(self.sock)  # type: ignore[attr-defined]
        return super().getresponse()  # type: ignore[misc]


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    """requests' adapter, with connections the deadline timer can reach."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy, **kwargs):
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS pools bring their own connections
            manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager


class Fetcher:
    """GET with timeouts, retries, a size cap, a content-type check and a per-host rate limit."""

    def __init__(self, options: FetchOptions | None = None, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.options = options or FetchOptions()
        self._sleep = sleep
        self._clock = clock
        self._session = requests.Session()
        for scheme in ("http://", "https://"):
            self._session.mount(scheme, _WatchedAdapter())
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
        """The body at `url`, within `total_timeout` seconds in all, retries included."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceProblem("not an http(s) URL; write it in full, e.g. https://example.org/page")
        self._wait_turn(parts.hostname)  # the polite pause before the first request is not the URL's time
        deadline = self._clock() + self.options.total_timeout
        with _Deadline(self.options.total_timeout) as timer:
            try:
                fetched = self._get(url, parts.hostname, deadline)
            except SourceProblem:
                if timer.expired:
                    raise self._over_deadline() from None
                raise
            if timer.expired:  # a body without a length just ends when the socket is shut
                raise self._over_deadline()
            return fetched

    def _over_deadline(self, why: str = "") -> SourceProblem:
        return SourceProblem(f"timed out: over the {self.options.total_timeout:g} s limit for one URL{why} "
                             f"(a slow or trickling server; raise the limit with --timeout)")

    def _pause(self, seconds: float, deadline: float) -> None:
        """Wait before a retry, unless the wait would pass the deadline."""
        if self._clock() + seconds > deadline:
            raise self._over_deadline(", counting the waits between retries")
        self._sleep(seconds)

    def _get(self, url: str, host: str, deadline: float) -> Fetched:
        opts = self.options
        attempt = 0
        while True:
            if attempt:
                self._wait_turn(host)
            left = deadline - self._clock()
            if left <= 0:
                raise self._over_deadline()
            try:
                timeout = (min(opts.connect_timeout, left), min(opts.read_timeout, left))
                resp = self._session.get(url, timeout=timeout, stream=True, allow_redirects=True)
            except requests.exceptions.TooManyRedirects:
                raise SourceProblem(f"more than {opts.max_redirects} redirects (a redirect loop?); "
                                    f"open the URL in a browser to see where it leads") from None
            except requests.exceptions.ReadTimeout:
                # The server is there but silent: asking again would only wait again.
                raise SourceProblem(f"timed out: no answer within the {opts.read_timeout:g} s read "
                                    f"timeout (raise it with --timeout for slow sites)") from None
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
                                f"longer than kg waits ({opts.max_wait:g} s); try later")
                        self._pause(wait, deadline)
                        attempt += 1
                        continue
                    if status >= 400:
                        raise SourceProblem(self._http_reason(resp, attempt))
                    return self._read(resp, deadline)
            if not retry or attempt >= opts.retries:
                tries = f" (after {attempt + 1} attempts)" if attempt else ""
                raise SourceProblem(reason + tries)
            self._pause(min(opts.backoff * 2 ** attempt, opts.max_wait), deadline)
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
            return f"{head}: still rate-limited after {retries} retries; wait longer between requests (--rate)"
        if status >= 500:
            return f"{head}: server error, still failing after {retries} retries; try again later"
        return head

    def _read(self, resp: requests.Response, deadline: float) -> Fetched:
        opts = self.options
        content_type = resp.headers.get("Content-Type", "")
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type and media_type not in opts.accepted_content_types:
            raise SourceProblem(f"wrong content type {media_type!r}: expected an HTML page, an RSS/Atom "
                                f"feed, plain text or JSON")
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > opts.max_bytes:
            raise SourceProblem(f"too large: {_mb(int(declared))}, over the {_mb(opts.max_bytes)} cap "
                                f"(--max-bytes raises it); not downloaded")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(CHUNK_BYTES):
                size += len(chunk)
                if size > opts.max_bytes:
                    raise SourceProblem(f"too large: over the {_mb(opts.max_bytes)} cap "
                                        f"(--max-bytes raises it); stopped reading")
                if self._clock() > deadline:
                    raise self._over_deadline()
                chunks.append(chunk)
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            if "timed out" in str(exc).lower():
                raise SourceProblem(f"timed out while reading the body (read timeout "
                                    f"{opts.read_timeout:g} s; --timeout raises it)") from None
            raise SourceProblem(f"the connection broke while reading the body: "
                                f"{str(exc).splitlines()[0][:200]}") from None
        charset = None
        for param in content_type.split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        return Fetched(url=resp.url, status=resp.status_code, media_type=media_type,
                       charset=charset, body=b"".join(chunks))
