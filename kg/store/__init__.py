"""Where the triples live: an embedded pyoxigraph store on disk, or a SPARQL 1.1 server.

    from kg.store import open_store
    with open_store("~/kg-store") as store:            # a path → embedded pyoxigraph
        store.replace_graphs([(article_iri, triples)])
    with open_store("http://127.0.0.1:7878", read_only=True) as store:   # a URL → server
        variables, rows = store.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5")
"""
from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import (EXPORT_FORMATS, QueryTimeout, Row, Store, StoreBusy, StoreError,
                           StoreNotFound, StoreUnavailable)

#: Where the store lives when neither --store nor $KG_STORE says otherwise.
DEFAULT_STORE = str(Path("~/.local/share/kg/store").expanduser())

__all__ = ["DEFAULT_STORE", "EXPORT_FORMATS", "QueryTimeout", "Row", "Store", "StoreBusy", "StoreError",
           "StoreNotFound", "StoreUnavailable", "open_store", "resolve_location"]


def resolve_location(location: str | os.PathLike | None = None) -> str:
    """The location to use: the argument, else $KG_STORE, else DEFAULT_STORE."""
    if location:
        return str(location)
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(location: str | os.PathLike | None = None, *, read_only: bool = False) -> Store:
    """Open the store at `location`: an http(s):// URL → a SPARQL server, anything else → a directory.

    Raises StoreBusy when another process has the embedded store open for writing,
    StoreNotFound for a read-only open of a store that does not exist."""
    where = resolve_location(location)
    if where.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore  # urllib costs ~25 ms; only servers need it
        return RemoteStore(where, read_only=read_only)
    from kg.store.embedded import EmbeddedStore
    return EmbeddedStore(where, read_only=read_only)
