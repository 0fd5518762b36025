"""The HTTP server behind `kg serve`: routes, security headers, and start/stop.

The standard library's ThreadingHTTPServer: no dependency to install, one thread per
request (pyoxigraph releases the GIL while it evaluates, so requests overlap), and
the whole app is read-only — GET and HEAD everywhere, POST only for SPARQL queries.

    from kg.web.app import make_server
    server = make_server(store, "127.0.0.1", 8000)
    server.serve_forever()
"""
from __future__ import annotations

import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from kg.store.base import QueryTimeout, Store, StoreError
from kg.web import data, facts, pages
from kg.web.endpoint import Endpoint

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png", ".LICENSE": "text/plain; charset=utf-8"}
STATIC_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
MAX_BODY = 1_000_000
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class BadRequest(Exception):
    """A parameter is missing or malformed; the message says which."""


class App:
    """The routes over one open store."""

    def __init__(self, store: Store, *, timeout: float = 30.0, max_bytes: int = 50_000_000) -> None:
        self.store = store
        self.timeout = timeout
        self.people = data.PeopleIndex(store)
        self.endpoint = Endpoint(store, timeout=timeout, max_bytes=max_bytes)
        self._static = resources.files("kg.web") / "static"

    # each route: (params) → (status, content type, body)
    def route(self, path: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        html = "text/html; charset=utf-8"
        if path == "/":
            return 200, html, pages.index_page().encode()
        if path == "/person":
            iri = need(params, "iri")
            person = facts.person_page(self.store, iri)
            if not person["names"]:
                return 404, html, pages.error_page(404, f"no person {iri} in this store").encode()
            return 200, html, pages.person_page(person, self.people.label(iri)).encode()
        if path == "/article":
            iri = need(params, "iri")
            found = facts.articles(self.store, [iri]).get(iri)
            if found is None:
                return 404, html, pages.error_page(404, f"no article {iri} in this store").encode()
            return 200, html, pages.article_page(found, facts.read_facts(self.store, article=iri)).encode()
        if path == "/api/people":
            found = self.people.search(params.get("q", ""), limit=bounded(params, "limit", 10, 1, 50))
            return as_json([p.to_json() for p in found])
        if path == "/api/person":
            found = self.people.get(need(params, "iri"))
            return as_json(found.to_json() if found else None)
        if path == "/api/network":
            return as_json(data.network(self.store, self.people, params.get("person") or None, filters(params),
                                        depth=bounded(params, "depth", 1, 1, 2), limit=bounded(params, "limit", 30, 1, 100)))
        if path == "/api/timeline":
            return as_json(data.timeline(self.store, params.get("person") or None, filters(params),
                                         page=bounded(params, "page", 0, 0, 1_000_000),
                                         per_page=bounded(params, "per_page", 50, 1, 200)))
        if path == "/api/edge":
            iris = data.between(self.store, need(params, "a"), need(params, "b"), filters(params))[:50]
            return as_json(facts.meeting_evidence(self.store, iris))
        if path == "/api/meeting":
            return as_json(facts.meeting_evidence(self.store, [need(params, "iri")]))
        if path.startswith("/static/") or path == "/favicon.ico":
            return self.static("favicon.svg" if path == "/favicon.ico" else path[len("/static/"):])
        return 404, html, pages.error_page(404, f"nothing at {path}").encode()

    def static(self, name: str) -> tuple[int, str, bytes]:
        entry = self._static / name
        if not STATIC_NAME.match(name) or name.startswith(".") or not entry.is_file():
            return 404, "text/plain; charset=utf-8", b"not found\n"
        suffix = "." + name.rsplit(".", 1)[-1]
        return 200, STATIC_TYPES.get(suffix, "application/octet-stream"), entry.read_bytes()


def need(params: dict[str, str], name: str) -> str:
    value = params.get(name, "").strip()
    if not value:
        raise BadRequest(f"missing parameter {name!r}")
    if name in ("iri", "a", "b") and not value.startswith(("http://", "https://", "urn:")):
        raise BadRequest(f"{name} must be an IRI (http://…, https://… or urn:…), not {value!r}")
    return value


def bounded(params: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(params.get(name, default))))
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None


def filters(params: dict[str, str]) -> data.Filters:
    for key in ("since", "until"):
        if params.get(key) and not DATE.match(params[key]):
            raise BadRequest(f"{key} must be an ISO date like 2019, 2019-09 or 2019-09-12")
    status = params.get("status") or "happened"
    if status not in ("happened", "planned", "any"):
        raise BadRequest("status must be happened, planned or any")
    kinds = frozenset(k for k in params.get("kinds", "").split(",") if k)
    return data.Filters(since=params.get("since", ""), until=params.get("until", ""), place=params.get("place", ""),
                        kinds=kinds, status=status)


def as_json(value: Any) -> tuple[int, str, bytes]:
    return 200, "application/json", json.dumps(value, ensure_ascii=False).encode()


class Handler(BaseHTTPRequestHandler):
    server_version = "kg"
    protocol_version = "HTTP/1.1"
    app: App
    quiet = False

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.dispatch("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self.dispatch("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self.dispatch("POST")

    def refuse(self) -> None:
        self.close_connection = True  # the request body (if any) is left unread
        self.send(405, "text/plain; charset=utf-8", b"this server is read-only: GET, HEAD, and POST /sparql for queries\n",
                  extra={"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = refuse  # noqa: N815

    def dispatch(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        try:
            if url.path == "/sparql":
                self.sparql(method, url.query)
                return
            if method == "POST":
                self.refuse()
                return
            params = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
            status, kind, body = self.app.route(url.path, params)
        except BadRequest as exc:
            status, kind, body = 400, "text/plain; charset=utf-8", f"{exc}\n".encode()
        except QueryTimeout as exc:
            status, kind, body = 503, "text/plain; charset=utf-8", f"{exc}\n".encode()
        except StoreError as exc:
            status, kind, body = 502, "text/plain; charset=utf-8", f"{exc}\n".encode()
        except Exception as exc:  # a bug: say so in one line and keep serving
            self.log_error("%s failed: %r", url.path, exc)
            status, kind, body = 500, "text/plain; charset=utf-8", b"internal error; see the server's log\n"
        self.send(status, kind, body, head=method == "HEAD")

    def sparql(self, method: str, query: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send(413, "text/plain; charset=utf-8", f"request body over {MAX_BODY} bytes\n".encode())
            return
        body = self.rfile.read(length) if length else b""
        if method != "POST" and not query:  # a person at /sparql: the query form
            self.send(200, "text/html; charset=utf-8", pages.sparql_page().encode(), head=method == "HEAD")
            return
        answer = self.app.endpoint.handle(method, query, self.headers.get("Content-Type", ""), body,
                                          self.headers.get("Accept", ""))
        self.send(answer.status, answer.content_type, answer.body, head=method == "HEAD")

    def send(self, status: int, kind: str, body: bytes, *, head: bool = False, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store" if not kind.startswith(("text/javascript", "text/css")) else "max-age=300")
        for name, value in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, fmt: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(fmt, *args)


def make_server(store: Store, host: str = "127.0.0.1", port: int = 8000, *, timeout: float = 30.0,
                max_bytes: int = 50_000_000, quiet: bool = False) -> ThreadingHTTPServer:
    """A server bound to host:port (port 0 picks a free one) serving `store` read-only."""
    app = App(store, timeout=timeout, max_bytes=max_bytes)
    handler = type("KgHandler", (Handler,), {"app": app, "quiet": quiet})
    server = ThreadingHTTPServer((host, port), handler)
    # read the people index now, not on the first search (half a second on 1,000 articles)
    threading.Thread(target=app.people.top, args=(1,), daemon=True, name="kg-people-index").start()
    server.daemon_threads = True
    return server
