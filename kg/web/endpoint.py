"""The SPARQL 1.1 Protocol endpoint at /sparql: read-only, with a timeout and a size limit.

Queries come by GET ?query=, POST form-encoded (query=) or POST application/sparql-query.
Every update (INSERT, DELETE, DROP, LOAD, CLEAR…) is refused with 403 before anything
runs, and the query parser the store uses cannot parse updates anyway. The default
graph is the union of the article graphs, so plain triple patterns see the data;
GRAPH ?g still reaches each article's graph. The ontology's prefixes are predeclared.

Results go out in the format the Accept header (or ?format=) asks for: SPARQL
Results JSON, XML, CSV or TSV for SELECT/ASK; Turtle, N-Triples, JSON-LD, RDF/XML
or N-Quads-free graphs for CONSTRUCT/DESCRIBE. pyoxigraph writes every format.
"""
from __future__ import annotations

import io
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.queries import query_form
from kg.queries.formats import to_sparql_json
from kg.store.base import Store, StoreError
from kg.store.sparql import PREFIXES, _blank_comments_and_strings, with_prefixes

RESULT_TYPES = {  # media type → results format, for SELECT and ASK
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {  # media type → RDF format, for CONSTRUCT and DESCRIBE
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
SHORT_NAMES = {  # ?format= (and SPARQLWrapper's ?format/?output/?results) → media type
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ttl": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
    "n-triples": "application/n-triples", "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
}
MAX_QUERY_CHARS = 100_000
# pyoxigraph evaluates SERVICE by fetching the given URL: the endpoint would make requests
# anywhere a caller names, so federated queries are refused
_SERVICE = re.compile(r"(?<![?$\w:])SERVICE\b", re.IGNORECASE)


@dataclass
class Answer:
    """What to send back: status, media type and body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> "Answer":
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class TooLarge(Exception):
    """The serialized result passed the size limit."""


class CappedBuffer(io.RawIOBase):
    """A write-only buffer that stops the serializer once `limit` bytes are passed."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.size += len(chunk)
        if self.size > self.limit:
            raise TooLarge()
        self.parts.append(chunk)
        return len(chunk)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


class Endpoint:
    """Answers SPARQL protocol requests against one store, read-only.

    At most `max_running` queries run at once: pyoxigraph cannot cancel a query, so
    one that passed its timeout keeps its thread until it ends; past the cap the
    endpoint answers 503 instead of piling more work on the machine."""

    def __init__(self, store: Store, *, timeout: float = 30.0, max_bytes: int = 50_000_000,
                 max_running: int = 4) -> None:
        self.store = store
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._slots = threading.BoundedSemaphore(max_running)

    # --- protocol --------------------------------------------------------------------

    def handle(self, method: str, query_string: str, content_type: str, body: bytes, accept: str) -> Answer:
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        media = (content_type or "").split(";")[0].strip().lower()
        if method == "POST":
            if media == "application/sparql-update":
                return refuse_update()
            if media == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                if "update" in form:
                    return refuse_update()
                params = {**params, **form}
            elif media == "application/sparql-query":
                params = {**params, "query": [body.decode("utf-8", "replace")]}
            else:
                return Answer.error(415, f"POST needs Content-Type application/sparql-query or "
                                         f"application/x-www-form-urlencoded, not {media or 'none'!r}")
        if "update" in params:
            return refuse_update()
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return Answer.error(400, "default-graph-uri and named-graph-uri are not supported: the default "
                                     "graph is the union of the article graphs; use GRAPH <article IRI> { … }")
        texts = params.get("query") or []
        if len(texts) != 1 or not texts[0].strip():
            return Answer.error(400, "give exactly one SPARQL query: GET /sparql?query=…, or POST it "
                                     "form-encoded (query=…) or as application/sparql-query")
        wanted = [v for key in ("format", "output", "results") for v in params.get(key, [])]
        return self.run(texts[0], accept_from(wanted, accept))

    def run(self, text: str, accept: str) -> Answer:
        if len(text) > MAX_QUERY_CHARS:
            return Answer.error(413, f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
        try:
            form = query_form(text)
        except ValueError as e:
            return Answer.error(400, f"invalid SPARQL: {e}")
        if form == "UPDATE":
            return refuse_update()
        if _SERVICE.search(_blank_comments_and_strings(text)):
            return Answer.error(400, "SERVICE (federated query) is not allowed: this endpoint only reads its own store")
        graph_result = form in ("CONSTRUCT", "DESCRIBE")
        chosen = negotiate(accept, GRAPH_TYPES if graph_result else RESULT_TYPES)
        if chosen is None:
            offered = ", ".join(GRAPH_TYPES if graph_result else RESULT_TYPES)
            return Answer.error(406, f"cannot answer a {form} in {accept!r}; ask for one of: {offered}")
        media, fmt = chosen
        if not self._slots.acquire(blocking=False):
            return Answer.error(503, "too many queries are running (slow ones finish in the background); "
                                     "try again in a moment")
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["body"] = self._evaluate(text, fmt)
            except BaseException as e:  # handed back to the request thread
                box["error"] = e
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=work, daemon=True, name="kg-sparql").start()
        if not done.wait(self.timeout):
            return Answer.error(408, f"the query ran longer than the endpoint's timeout of {self.timeout:g} s; "
                                     f"narrow it (LIMIT, a bound subject, GRAPH <article>) and try again")
        error = box.get("error")
        if isinstance(error, TooLarge):
            return Answer.error(413, f"the result is larger than the endpoint's limit of {self.max_bytes} bytes; "
                                     f"add a LIMIT or select fewer variables")
        if isinstance(error, (SyntaxError, ValueError)):
            return Answer.error(400, f"invalid SPARQL: {error}")
        if isinstance(error, StoreError):
            message = str(error)
            return Answer.error(400 if "invalid SPARQL" in message or "rejected" in message else 502, message)
        if error is not None:
            return Answer.error(500, f"the query failed: {error}")
        return Answer(200, media + "; charset=utf-8", box["body"])

    # --- evaluation ------------------------------------------------------------------

    def _evaluate(self, text: str, fmt: Any) -> bytes:
        out = CappedBuffer(self.max_bytes)
        result = self._query(text)
        if isinstance(fmt, ox.RdfFormat):
            ox.serialize(result, out, fmt, prefixes=PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
        else:
            result.serialize(out, fmt)
        return out.getvalue()

    def _query(self, text: str) -> Any:
        """The native pyoxigraph result (solutions, boolean or triples) with the union default graph."""
        db = getattr(self.store, "db", None)
        if isinstance(db, ox.Store):  # the embedded store: ask Oxigraph directly, lazily
            return db.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        return remote_result(self.store, with_prefixes(text))


def remote_result(store: Store, text: str) -> Any:
    """A SPARQL server's answer as a pyoxigraph result (the server's own default graph)."""
    form = query_form(text)
    if form == "ASK":
        answer = store.ask(text)
        return ox.parse_query_results(json.dumps({"head": {}, "boolean": answer}), ox.QueryResultsFormat.JSON)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return store.construct(text)
    variables, rows = store.select(text)
    return ox.parse_query_results(json.dumps(to_sparql_json(variables, rows)), ox.QueryResultsFormat.JSON)


def refuse_update() -> Answer:
    return Answer.error(403, "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP…) "
                             "are refused; change the graph with `kg ingest`, `kg remove` or `kg load`")


def accept_from(short_names: list[str], accept: str) -> str:
    """The Accept value to negotiate with: ?format=json (etc.) wins over the header."""
    for name in short_names:
        media = SHORT_NAMES.get(name.strip().lower()) or (name if "/" in name else None)
        if media:
            return media
    return accept or "*/*"


def negotiate(accept: str, offered: dict[str, Any]) -> tuple[str, Any] | None:
    """The offered (media type, format) the Accept header likes best; the first offered for */*."""
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    quality = float(f[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranges.append((-quality, i, fields[0].lower()))
    for _, _, media in sorted(ranges):
        if media in offered:
            return media, offered[media]
        if media in ("*/*", "application/*", "text/*"):
            for name, fmt in offered.items():
                if media == "*/*" or name.startswith(media[:-1]):
                    return name, fmt
    return None
