"""A real `kg serve` in a subprocess on 127.0.0.1 (free port), and stores for it.

    with KgServe(store_path, "--timeout", "1") as url:   # "http://127.0.0.1:PORT"
        ...

A subprocess, not a thread: a query past its timeout keeps running inside the
server (pyoxigraph cannot cancel one), and stopping the process ends it.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox

try:
    from oxigraph_server import free_port
except ImportError:
    from tests.oxigraph_server import free_port

SAMPLES = Path(__file__).resolve().parent.parent / "scripts" / "samples" / "demo.jsonl"
ID = "https://w3id.org/kg-news/id/"
KG = "https://w3id.org/kg-news/ontology#"
HOSTILE_NAME = '<script>window.kgPwned=1</script>Eve "><img src=x onerror=window.kgPwned=2>'
HOSTILE_SENTENCE = 'Netanyahu met <b>Eve</b> "><img src=x onerror=window.kgPwned=3> in Haifa.'
ACCENTED_NAME = "Zoë Ångström"


def sample_store(path: Path) -> str:
    """The sample articles ingested, plus one hand-made article whose names and sentence are hostile."""
    from kg import api

    with api.open_store(str(path)) as store:
        report = api.ingest(store, [str(SAMPLES)])
        assert report.ingested == 3, report.summary()
        store.replace_graphs([(ID + "article/test-hostile", hostile_triples())])
    return str(path)


def hostile_triples() -> list:
    n, lit = ox.NamedNode, ox.Literal
    a, eve, zoe, bibi = n(ID + "article/test-hostile"), n(ID + "person/eve"), n(ID + "person/zoe-angstrom"), \
        n(ID + "person/benjamin-netanyahu")
    m, ev = n(ID + "article/test-hostile/meeting/1"), n(ID + "article/test-hostile/evidence/0-70")
    rdf_type, label, alt = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), \
        n("http://www.w3.org/2000/01/rdf-schema#label"), n("http://www.w3.org/2004/02/skos/core#altLabel")
    prov = n("http://www.w3.org/ns/prov#wasDerivedFrom")
    date = lit("2020-02-03", datatype=n("http://www.w3.org/2001/XMLSchema#date"))
    return [
        (a, rdf_type, n("https://schema.org/NewsArticle")), (a, n("https://schema.org/identifier"), lit("test/hostile")),
        (a, n("https://schema.org/headline"), lit("<script>window.kgPwned=4</script> headline")),
        (a, n("https://schema.org/url"), lit("javascript:window.kgPwned=5")),
        (eve, rdf_type, n(KG + "Person")), (eve, label, lit(HOSTILE_NAME)), (eve, alt, lit("Eve")),
        (zoe, rdf_type, n(KG + "Person")), (zoe, label, lit(ACCENTED_NAME)),
        (bibi, rdf_type, n(KG + "Person")), (bibi, label, lit("Benjamin Netanyahu")),
        (m, rdf_type, n(KG + "Meeting")), (m, n(KG + "participant"), eve), (m, n(KG + "participant"), bibi),
        (m, n(KG + "date"), date), (m, prov, a), (m, n(KG + "evidence"), ev),
        (m, n(KG + "meetingKind"), n("https://w3id.org/kg-news/concept/meeting-kind/visit")),
        (ev, rdf_type, n(KG + "Evidence")), (ev, n(KG + "sentence"), lit(HOSTILE_SENTENCE)), (ev, prov, a),
    ]


class KgServe:
    """`kg --store STORE serve` on a free port of 127.0.0.1, stopped (Ctrl-C) on exit."""

    def __init__(self, store: str, *args: str, startup_timeout: float = 30.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [sys.executable, "-c", "from kg.cli import main; main()", "--store", store, "serve",
                        "--port", str(self.port), "--quiet", *args]
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> str:
        self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kg serve exited: {self.process.stderr.read()}")
            try:
                with urllib.request.urlopen(self.url + "/api/people?q=a", timeout=2) as r:
                    json.loads(r.read())
                    return self.url
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("kg serve did not answer in time")

    def stop(self) -> tuple[int | None, str, str]:
        """Ctrl-C; the exit code, standard output and error."""
        if self.process is None:
            return None, "", ""
        self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        code, self.process = self.process.returncode, None
        return code, out, err

    def __exit__(self, *exc: object) -> None:
        self.stop()
