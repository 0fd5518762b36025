"""`kg serve`: the SPARQL endpoint through a standard client, the page's routes, safety.

One real server (a subprocess on 127.0.0.1) over a store holding the sample articles
and one hand-made article whose names and sentence carry HTML.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.serve_fixture import ACCENTED_NAME, HOSTILE_NAME, ID, KgServe, sample_store

NETANYAHU, PUTIN = ID + "person/benjamin-netanyahu", ID + "person/vladimir-putin"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return sample_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store):
    with KgServe(store, "--timeout", "1", "--max-bytes", "20000") as url:
        yield url


def get(url: str, accept: str | None = None, method: str = "GET", data: bytes | None = None,
        content_type: str | None = None) -> tuple[int, dict, bytes]:
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", content_type)) if v}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers, method=method),
                                    timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def quad_count(store: str) -> int:
    return len(ox.Store.read_only(store))


# --- the endpoint, through SPARQLWrapper ------------------------------------------------------

WHO_MET_PUTIN = """SELECT DISTINCT ?name WHERE { ?m a kg:Meeting ; kg:participant ?p, ?o .
  ?p rdfs:label "Vladimir Putin" . ?o rdfs:label ?name FILTER(?o != ?p) }"""


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_in_each_result_format_with_a_standard_client(server, fmt):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(WHO_MET_PUTIN)   # kg: and rdfs: are predeclared; no GRAPH: the default graph is the union
    client.setReturnFormat({"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV}[fmt])
    result = client.query()
    converted = result.convert()
    if fmt == "json":
        names = [b["name"]["value"] for b in converted["results"]["bindings"]]
    elif fmt == "xml":
        names = [n.firstChild.data for n in converted.getElementsByTagName("literal")]
    else:
        names = converted.decode().splitlines()[1:]
    assert [n.strip('"') for n in names] == ["Benjamin Netanyahu"]
    expected = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}[fmt]
    assert result.info()["content-type"].startswith(expected)


def test_construct_in_turtle_and_graph_still_reaches_each_article(server):
    from SPARQLWrapper import TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("CONSTRUCT { ?m kg:participant ?p } WHERE { GRAPH ?g { ?m kg:participant ?p ; kg:place ?pl . "
                    "?pl rdfs:label 'Sochi' } }")
    client.setReturnFormat(TURTLE)
    triples = list(ox.parse(client.query().convert(), ox.RdfFormat.TURTLE))
    assert {t.object.value for t in triples} == {NETANYAHU, PUTIN}


def test_rdflib_sparqlstore_reads_the_endpoint(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = SPARQLStore(server + "/sparql")
    rows = list(graph.query("SELECT ?n WHERE { ?p a <https://w3id.org/kg-news/ontology#Person> ; "
                            "<http://www.w3.org/2000/01/rdf-schema#label> ?n } ORDER BY ?n"))
    assert "Vladimir Putin" in [str(r[0]) for r in rows]


def test_every_update_is_refused_and_the_store_is_unchanged(server, store):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    before = quad_count(store)
    client = SPARQLWrapper(server + "/sparql")
    client.setMethod(POST)
    client.setQuery("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as caught:
        client.query()
    assert "403" in str(caught.value) or getattr(caught.value, "code", None) == 403
    attempts = [
        ("POST", urllib.parse.urlencode({"update": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
        ("POST", b"CLEAR ALL", "application/sparql-update"),
        ("POST", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-query"),
        ("POST", urllib.parse.urlencode({"query": "LOAD <http://127.0.0.1:9/x.ttl>"}).encode(),
         "application/x-www-form-urlencoded"),
    ]
    for method, data, kind in attempts:
        status, _, body = get(server + "/sparql", method=method, data=data, content_type=kind)
        assert status == 403, (data, body)
        assert b"read-only" in body
    status, _, _ = get(server + "/sparql?" + urllib.parse.urlencode({"update": "DROP ALL"}))
    assert status == 403
    assert quad_count(store) == before


def test_a_bad_query_gets_400_with_the_parsers_message(server):
    status, _, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x ?y }"}))
    assert status == 400
    assert b"invalid SPARQL" in body and b"1:" in body   # the parser says where: line:column


def test_protocol_variants_and_negotiation(server):
    query = "ASK { ?p rdfs:label 'Vladimir Putin' }"
    status, headers, body = get(server + "/sparql", method="POST", data=query.encode(),
                                content_type="application/sparql-query", accept="application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml") and b"true" in body
    status, _, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": query}),
                          accept="text/html;q=0.9, application/sparql-results+json;q=0.8")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, _ = get(server + "/sparql?" + urllib.parse.urlencode({"query": query}), accept="image/png")
    assert status == 406
    status, _, body = get(server + "/sparql?" + urllib.parse.urlencode(
        {"query": "CONSTRUCT WHERE { ?s rdfs:label 'Sochi' }"}), accept="application/n-triples")
    assert status == 200 and b"<https://w3id.org/kg-news/id/place/sochi>" in body


def test_a_result_over_the_size_limit_is_413(server):
    status, _, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
    assert status == 413 and b"LIMIT" in body


def test_a_slow_query_hits_the_timeout(server):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    status, _, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": slow}))
    assert status == 408 and b"timeout" in body
    assert time.monotonic() - started < 10


# --- the page's routes ---------------------------------------------------------------------

def test_search_is_accent_and_case_insensitive(server):
    def search(q):
        return [p["label"] for p in json.loads(get(server + "/api/people?" + urllib.parse.urlencode({"q": q}))[2])]
    assert search("netanyahu")[0] == "Benjamin Netanyahu"
    assert search("zoe angstrom") == [ACCENTED_NAME] and search("ANGSTR") == [ACCENTED_NAME]
    assert search("PUTIN") == ["Vladimir Putin"]


def test_network_timeline_and_edge_evidence(server):
    q = urllib.parse.urlencode
    graph = json.loads(get(server + "/api/network?" + q({"person": NETANYAHU}))[2])
    assert {n["label"] for n in graph["nodes"]} == {"Benjamin Netanyahu", "Vladimir Putin", HOSTILE_NAME}
    only_meetings = json.loads(get(server + "/api/network?" + q({"person": NETANYAHU, "kinds": "meeting"}))[2])
    assert {n["label"] for n in only_meetings["nodes"]} == {"Benjamin Netanyahu", "Vladimir Putin"}
    later = json.loads(get(server + "/api/network?" + q({"person": NETANYAHU, "since": "2020"}))[2])
    assert {n["label"] for n in later["nodes"]} == {"Benjamin Netanyahu", HOSTILE_NAME}
    timeline = json.loads(get(server + "/api/timeline?" + q({"person": NETANYAHU, "per_page": 1}))[2])
    assert timeline["total"] == 2 and timeline["pages"] == 2
    assert (timeline["dated"][0]["date"], timeline["dated"][0]["place"]) == ("2019-09-12", "Sochi")
    evidence = json.loads(get(server + "/api/edge?" + q({"a": NETANYAHU, "b": PUTIN}))[2])
    assert len(evidence) == 1 and evidence[0]["place"] == "Sochi" and evidence[0]["source"]["url"].endswith("sochi-talks")
    marked = [t for ev in evidence[0]["evidence"] for t, m in ev["segments"] if m]
    assert "Vladimir Putin" in marked and "Sochi" in marked


def test_person_and_article_pages(server):
    status, headers, body = get(server + "/person?" + urllib.parse.urlencode({"iri": NETANYAHU}))
    page = body.decode()
    assert status == 200 and "Prime Minister of Israel" in page and "Sochi" in page
    assert "Israel parliamentary election 2019-09-17" in page and "Articles (2)" in page
    evidence = json.loads(get(server + "/api/edge?" + urllib.parse.urlencode({"a": NETANYAHU, "b": PUTIN}))[2])
    status, _, body = get(server + "/article?" + urllib.parse.urlencode({"iri": evidence[0]["article"]}))
    page = body.decode()
    assert status == 200 and "Netanyahu and Putin talk security in Sochi" in page
    assert "Meetings (1)" in page and "Offices (2)" in page and "<mark>Sochi</mark>" in page
    status, _, body = get(server + "/person?" + urllib.parse.urlencode({"iri": ID + "person/nobody"}))
    assert status == 404


def test_article_text_is_escaped_everywhere(server):
    for path in ("/person?" + urllib.parse.urlencode({"iri": ID + "person/eve"}),
                 "/article?" + urllib.parse.urlencode({"iri": ID + "article/test-hostile"})):
        status, _, body = get(server + path)
        page = body.decode()
        assert status == 200
        assert "<script>window" not in page and "<img src=x" not in page and "<b>Eve" not in page
        assert "&lt;script&gt;window.kgPwned" in page
        assert 'href="javascript:' not in page


def test_read_only_routes_and_security_headers(server):
    for method in ("PUT", "DELETE", "PATCH"):
        assert get(server + "/sparql", method=method, data=b"x")[0] == 405
    assert get(server + "/api/people", method="POST", data=b"q=a")[0] == 405
    status, headers, _ = get(server + "/")
    assert status == 200
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert get(server + "/static/../app.py")[0] == 404
    assert get(server + "/static/cytoscape.LICENSE")[0] == 200
    assert get(server + "/api/network?since=yesterday")[0] == 400


# --- the command ---------------------------------------------------------------------------

def test_serve_help_has_an_example():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "--host" in result.output


def test_serve_warns_off_loopback_and_stops_on_ctrl_c(store):
    server = KgServe(store, "--host", "0.0.0.0")
    with server:  # it answers on 127.0.0.1 too
        code, out, err = server.stop()
    assert code == 0 and "http://0.0.0.0:" in out and "stopped" in out
    assert "visible to anyone on the network" in err


def test_an_unusable_store_is_exit_code_2(tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "none"), "serve"])
    assert result.exit_code == 2 and "no kg store" in result.output


def test_the_server_never_imports_spacy(store):
    probe = ("import sys, urllib.request, threading\n"
             "from kg.cli import cli\nfrom kg.store import open_store\nfrom kg.web.app import make_server\n"
             "s = make_server(open_store(sys.argv[1], read_only=True), '127.0.0.1', 0, quiet=True)\n"
             "threading.Thread(target=s.serve_forever, daemon=True).start()\n"
             "base = 'http://127.0.0.1:%d' % s.server_address[1]\n"
             "for path in ('/', '/api/network', '/api/timeline', '/api/people?q=put',\n"
             "             '/person?iri=https://w3id.org/kg-news/id/person/vladimir-putin', '/sparql?query=ASK%7B%7D'):\n"
             "    urllib.request.urlopen(base + path).read()\n"
             "s.shutdown()\n"
             "print('IMPORTED', [m for m in ('spacy', 'thinc', 'kg.extract', 'requests', 'trafilatura') if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", probe, store], capture_output=True, text=True, timeout=60)
    assert "IMPORTED []" in out.stdout, out.stdout + out.stderr


def test_serve_over_a_sparql_server(store, oxigraph_server, tmp_path):
    """Any store: the same page data and endpoint over an Oxigraph server holding the same graphs."""
    from conftest import clear_server
    from kg.store import open_store

    clear_server(oxigraph_server)
    dump = tmp_path / "all.nq"
    with open_store(store, read_only=True) as local, dump.open("wb") as out:
        local.export("nquads", out)
    with open_store(oxigraph_server) as remote:
        remote.load([str(dump)])
    with KgServe(oxigraph_server) as url:
        graph = json.loads(get(url + "/api/network?" + urllib.parse.urlencode({"person": NETANYAHU}))[2])
        assert "Vladimir Putin" in {n["label"] for n in graph["nodes"]}
        status, _, body = get(url + "/sparql?" + urllib.parse.urlencode(
            {"query": "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?p kg:participant ?x . ?x rdfs:label ?n } } ORDER BY ?n"}),
            accept="text/csv")
        assert status == 200 and "Vladimir Putin" in body.decode()
        assert get(url + "/sparql?" + urllib.parse.urlencode({"update": "CLEAR ALL"}))[0] == 403


def test_a_federated_query_is_refused_without_any_request(server):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        status, _, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": query}))
        assert status == 400 and b"SERVICE" in body
        with pytest.raises(socket.timeout):
            listener.accept()
    ok = "SELECT ?service WHERE { BIND('SERVICE' AS ?service) }"   # the word elsewhere is fine
    assert get(server + "/sparql?" + urllib.parse.urlencode({"query": ok}))[0] == 200


def test_an_article_without_url_or_title_is_listed_by_its_iri():
    from kg.web.pages import _article_link

    html = _article_link({"iri": ID + "article/x", "url": None, "headline": None, "id": None, "published": None})
    assert "article/x" in html and "source" not in html
