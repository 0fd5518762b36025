"""Start a real `oxigraph serve` on 127.0.0.1 (free port, temporary location) for tests.

    with OxigraphServer() as url:      # "http://127.0.0.1:PORT"
        ...
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


def oxigraph_binary() -> str | None:
    """The `oxigraph` console script of this Python's environment (the oxigraph wheel ships the server)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    scripts = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if scripts.exists():
        return str(scripts)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """A live Oxigraph SPARQL server in a temporary directory, stopped on exit."""

    def __init__(self, location: str | None = None, startup_timeout: float = 20.0) -> None:
        binary = oxigraph_binary()
        if binary is None:
            raise RuntimeError("the `oxigraph` server is not installed; run `pip install -e .[test]`")
        self.binary = binary
        self._tmp = None if location else tempfile.TemporaryDirectory(prefix="kg-oxigraph-")
        self.location = location or self._tmp.name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        self.process = subprocess.Popen(
            [self.binary, "serve", "--location", self.location, "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}: {err.strip()}")
            try:
                q = urllib.parse.urlencode({"query": "ASK {}"})
                with urllib.request.urlopen(f"{self.url}/query?{q}", timeout=1):
                    return self.url
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph serve did not answer on {self.url} within {self.startup_timeout} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()
        self.process = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

