"""A remote SPARQL 1.1 server (Oxigraph, Fuseki, …) over HTTP, with the standard library only.

Endpoints: `--store http://host:port` means Oxigraph's layout — queries at /query,
updates at /update, the Graph Store Protocol at /store. For other servers set the
endpoints explicitly (they win over the convention):

    KG_SPARQL_QUERY=http://localhost:3030/kg/query     (Fuseki dataset "kg")
    KG_SPARQL_UPDATE=http://localhost:3030/kg/update
    KG_SPARQL_GSP=http://localhost:3030/kg/data

Credentials: KG_SPARQL_USER + KG_SPARQL_PASSWORD (HTTP basic) or KG_SPARQL_TOKEN
(bearer). KG_SPARQL_TIMEOUT: seconds to wait for the server (default 60).
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Mapping

import pyoxigraph as ox

from kg.store.base import (InvalidQuery, QueryTimeout, Row, Store, StoreError, StoreUnavailable, Triple,
                           check_export_format)
from kg.store.embedded import rdf_format
from kg.store.export import UNION_TRIPLES
from kg.store.jsonld import write_jsonld
from kg.store.sparql import PREFIXES, inject_values, replace_graphs_update, with_prefixes

MEDIA_TYPES = {
    ox.RdfFormat.TURTLE: "text/turtle", ox.RdfFormat.N_TRIPLES: "application/n-triples",
    ox.RdfFormat.N_QUADS: "application/n-quads", ox.RdfFormat.TRIG: "application/trig",
    ox.RdfFormat.JSON_LD: "application/ld+json", ox.RdfFormat.RDF_XML: "application/rdf+xml",
    ox.RdfFormat.N3: "text/n3",
}
QUAD_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


class BadRequest(StoreError):
    """The server answered HTTP 400: it could not make sense of what was sent."""


class RemoteStore(Store):
    """A SPARQL 1.1 server: Query, Update and Graph Store Protocol endpoints."""

    def __init__(self, url: str, *, read_only: bool = False, timeout: float | None = None) -> None:
        base = url.rstrip("/")
        self.location = base
        self.read_only = read_only
        self.query_url = os.environ.get("KG_SPARQL_QUERY") or base + "/query"
        self.update_url = os.environ.get("KG_SPARQL_UPDATE") or base + "/update"
        self.gsp_url = os.environ.get("KG_SPARQL_GSP") or base + "/store"
        self.timeout = timeout or float(os.environ.get("KG_SPARQL_TIMEOUT", "60"))
        self._headers: dict[str, str] = {"User-Agent": "kg (knowledge graph builder)"}
        if os.environ.get("KG_SPARQL_TOKEN"):
            self._headers["Authorization"] = "Bearer " + os.environ["KG_SPARQL_TOKEN"]
        elif os.environ.get("KG_SPARQL_USER"):
            pair = f"{os.environ['KG_SPARQL_USER']}:{os.environ.get('KG_SPARQL_PASSWORD', '')}"
            self._headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()

    # --- HTTP -------------------------------------------------------------------------

    def _request(self, url: str, *, data: bytes | None = None, content_type: str | None = None,
                 accept: str | None = None, method: str | None = None, timeout: float | None = None) -> Any:
        headers = dict(self._headers)
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        wait = timeout or self.timeout
        try:
            return urllib.request.urlopen(req, timeout=wait)
        except urllib.error.HTTPError as e:
            detail = e.read(2000).decode("utf-8", "replace").strip().splitlines()
            detail_text = detail[0] if detail else e.reason
            if e.code in (401, 403):
                raise StoreUnavailable(f"the SPARQL server at {url} refused access (HTTP {e.code}); set "
                                       f"KG_SPARQL_USER and KG_SPARQL_PASSWORD, or KG_SPARQL_TOKEN") from None
            if e.code == 400:
                raise BadRequest(f"the SPARQL server rejected the request: {detail_text}") from None
            if e.code == 404:
                raise StoreUnavailable(f"no SPARQL endpoint at {url} (HTTP 404); for a server that is not "
                                       f"Oxigraph set KG_SPARQL_QUERY / KG_SPARQL_UPDATE / KG_SPARQL_GSP") from None
            raise StoreUnavailable(f"the SPARQL server at {url} answered HTTP {e.code}: {detail_text}") from None
        except TimeoutError:
            raise QueryTimeout(f"the SPARQL server at {url} did not answer within {wait} s; "
                               f"narrow the query or raise the timeout (KG_SPARQL_TIMEOUT)") from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise QueryTimeout(f"the SPARQL server at {url} did not answer within {wait} s; "
                                   f"raise the timeout (KG_SPARQL_TIMEOUT)") from None
            raise StoreUnavailable(f"cannot reach the SPARQL server at {url} ({e.reason}); start it "
                                   f"(e.g. `oxigraph serve --location DIR --bind 127.0.0.1:7878`) "
                                   f"or fix --store / $KG_STORE") from None

    def _post_form(self, url: str, field: str, text: str, accept: str, timeout: float | None = None,
                   extra: Mapping[str, str] | None = None) -> bytes:
        data = urllib.parse.urlencode({field: text, **(extra or {})}).encode("utf-8")
        with self._request(url, data=data, accept=accept, timeout=timeout,
                           content_type="application/x-www-form-urlencoded") as resp:
            return resp.read()

    def _query(self, query: str, bindings: Mapping[str, Any] | None, accept: str,
               timeout: float | None, union_default_graph: bool = False) -> bytes:
        try:
            text = with_prefixes(inject_values(query, bindings or {}))
        except ValueError as e:
            raise InvalidQuery(f"invalid SPARQL: {e}") from e
        # Oxigraph's protocol extension (any value turns it on); other servers set it in their config
        extra = {"union-default-graph": ""} if union_default_graph else None
        try:
            return self._post_form(self.query_url, "query", text, accept, timeout, extra)
        except BadRequest as e:  # from the query endpoint: the query does not parse
            raise InvalidQuery(f"invalid SPARQL: {e}") from None

    # --- reading ----------------------------------------------------------------------

    def select(self, query: str, bindings: Mapping[str, Any] | None = None,
               timeout: float | None = None, *, union_default_graph: bool = False) -> tuple[list[str], list[Row]]:
        body = self._query(query, bindings, "application/sparql-results+json", timeout, union_default_graph)
        result = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query; use ask() or construct() for the others")
        variables = [v.value for v in result.variables]
        n = len(variables)
        return variables, [tuple(sol[i] for i in range(n)) for sol in result]

    def ask(self, query: str, bindings: Mapping[str, Any] | None = None, timeout: float | None = None,
            *, union_default_graph: bool = False) -> bool:
        body = self._query(query, bindings, "application/sparql-results+json", timeout, union_default_graph)
        result = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        if not isinstance(result, ox.QueryBoolean):
            raise StoreError("ask() needs an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Any] | None = None,
                  timeout: float | None = None, *, union_default_graph: bool = False) -> list[ox.Triple]:
        body = self._query(query, bindings, "application/n-triples", timeout, union_default_graph)
        return [q.triple for q in ox.parse(body, ox.RdfFormat.N_TRIPLES)]

    def export(self, fmt: str, out: BinaryIO) -> None:
        key = check_export_format(fmt)
        if key in ("nquads", "trig"):
            with self._request(self.gsp_url, accept=MEDIA_TYPES[rdf_format(key)]) as resp:
                shutil.copyfileobj(resp, out, 1 << 20)
        elif key == "jsonld":
            with self._request(self.gsp_url, accept="application/n-quads") as resp:
                write_jsonld(ox.parse(resp, ox.RdfFormat.N_QUADS), out, PREFIXES)
        else:
            # the same union-default-graph query as the embedded store (export.py): subjects come
            # out together; Turtle is re-written here with the ontology's prefixes
            data = urllib.parse.urlencode({"query": UNION_TRIPLES, "union-default-graph": ""}).encode()
            with self._request(self.query_url, data=data, accept="application/n-triples",
                               content_type="application/x-www-form-urlencoded") as resp:
                if key == "turtle":
                    ox.serialize((q.triple for q in ox.parse(resp, ox.RdfFormat.N_TRIPLES)), out,
                                 ox.RdfFormat.TURTLE, prefixes=PREFIXES)
                else:
                    shutil.copyfileobj(resp, out, 1 << 20)

    # --- writing ----------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} was opened read-only; open it with read_only=False to write")

    def update(self, sparql_update: str) -> None:
        self._writable()
        self._post_form(self.update_url, "update", with_prefixes(sparql_update), "*/*")

    def replace_graphs(self, graphs: Iterable[tuple[str, Iterable[Triple]]]) -> None:
        # One update request: the server applies it as one transaction.
        self._writable()
        update = replace_graphs_update(graphs)
        if update:
            self._post_form(self.update_url, "update", update, "*/*")

    def remove_graphs(self, iris: Iterable[str]) -> int:
        self._writable()
        graphs = [ox.NamedNode(i) for i in iris]
        if not graphs:
            return 0
        values = " ".join(str(g) for g in graphs)
        _, rows = self.select(f"SELECT DISTINCT ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
        if rows:
            self._post_form(self.update_url, "update", " ;\n".join(f"DROP SILENT GRAPH {r[0]}" for r in rows), "*/*")
        return len(rows)

    def _count_all(self) -> int:
        _, rows = self.select(COUNT_ALL)
        return int(rows[0][0].value)

    def load(self, paths: Iterable[str | os.PathLike], fmt: str | None = None, graph: str | None = None,
             *, lenient: bool = False, compact: bool = True) -> int:
        self._writable()
        before = self._count_all()
        for path in paths:
            if not Path(path).exists():
                raise StoreError(f"no such file: {path}")
            rf = rdf_format(fmt, path)
            if rf in QUAD_FORMATS:
                url = self.gsp_url
            else:
                target = {"graph": graph} if graph else {"default": ""}
                url = self.gsp_url + "?" + urllib.parse.urlencode(target)
            with open(path, "rb") as f:
                with self._request(url, data=f, method="POST", content_type=MEDIA_TYPES[rf],
                                   timeout=max(self.timeout, 600)):
                    pass
        return self._count_all() - before
