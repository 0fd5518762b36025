"""Shared fixtures: a live Oxigraph server, and a store location for both backends.

    def test_something(store_location):    # runs twice: "embedded" (a tmp dir), "remote" (server URL)
        with open_store(store_location) as store: ...

The server is one per session; `store_location` empties it before each remote test.
"""
from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pytest

try:  # tests/ is on sys.path under pytest's default import mode
    from oxigraph_server import OxigraphServer
except ImportError:  # tests/ is a package
    from tests.oxigraph_server import OxigraphServer

FIXTURE_TRIG = Path(__file__).parent / "data" / "store_fixture.trig"


@pytest.fixture(scope="session")
def oxigraph_server():
    """Base URL of a live `oxigraph serve` on 127.0.0.1, for the whole session."""
    with OxigraphServer() as url:
        yield url


def clear_server(url: str) -> None:
    data = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    with urllib.request.urlopen(urllib.request.Request(url + "/update", data=data), timeout=30):
        pass


@pytest.fixture(params=["embedded", "remote"])
def store_location(request, tmp_path):
    """A fresh, empty store location: a temp directory, or the (cleared) live server's URL."""
    if request.param == "embedded":
        yield str(tmp_path / "store")
    else:
        url = request.getfixturevalue("oxigraph_server")
        clear_server(url)
        yield url
