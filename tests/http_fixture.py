"""A real HTTP server on 127.0.0.1 for tests: routes map a path to a handler function.

    with serve({"/a": page("<html>…</html>")}) as site:
        requests.get(site.url("/a"))

Each handler gets the BaseHTTPRequestHandler and writes the whole response, so a
route can stall, loop, stream forever or change its answer between calls.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

Handler = Callable[[BaseHTTPRequestHandler], None]


class Site:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path


def send(h: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None,
         headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    if content_type:
        h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        h.send_header(key, value)
    h.end_headers()
    h.wfile.write(body)


def page(body: str | bytes, content_type: str | None = "text/html; charset=utf-8", status: int = 200,
         headers: dict[str, str] | None = None) -> Handler:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return lambda h: send(h, status, data, content_type, headers)


def redirect(to: str, status: int = 302) -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return handle


def slow(seconds: float, then: Handler) -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            then(h)
        except OSError:
            pass  # the client gave up waiting: that is the point
    return handle


def endless(chunk: bytes = b"<p>" + b"x" * 65_531 + b"</p>", content_type: str = "text/html",
            limit_bytes: int = 200 * 1024 * 1024) -> Handler:
    """A body with no Content-Length that goes on until the client hangs up (or a hard limit)."""
    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.end_headers()
        sent = 0
        try:
            while sent < limit_bytes:
                h.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        h.server.sent_bytes[h.path] = sent  # type: ignore[attr-defined]
    return handle


def flaky(failures: int, first: Handler, then: Handler) -> Handler:
    """`first` for the first `failures` calls, then `then` (e.g. 503 twice, then 200)."""
    calls = {"n": 0}
    lock = threading.Lock()

    def handle(h: BaseHTTPRequestHandler) -> None:
        with lock:
            calls["n"] += 1
            n = calls["n"]
        (first if n <= failures else then)(h)
    return handle


@contextmanager
def serve(routes: dict[str, Handler]) -> Iterator[Site]:
    """Serve `routes` on a free port of 127.0.0.1 for the duration of the block."""
    site_ref: list[Site] = []

    class RouteHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            site = site_ref[0]
            path = self.path.split("?", 1)[0]
            site.hits[path] += 1
            site.user_agents.append(self.headers.get("User-Agent", ""))
            handler = routes.get(path)
            if handler is None:
                send(self, 404, b"<h1>Not found</h1>", "text/html")
            else:
                handler(self)

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), RouteHandler)
    server.daemon_threads = True
    server.sent_bytes = {}  # type: ignore[attr-defined]
    site_ref.append(Site(server))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site_ref[0]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
