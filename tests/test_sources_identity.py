"""Which stored article an input is (issue 10 items 14, 15): files by their real path, pages
by their canonical URL, and the ingest summary saying "replaced" when a stored article changes.

Real model, real embedded store, a real HTTP server on 127.0.0.1; invented texts.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from kg import api
from kg.sources import FetchOptions

try:
    from http_fixture import page, serve
except ImportError:  # tests run as a package
    from tests.http_fixture import page, serve

FAST = FetchOptions(connect_timeout=1.0, read_timeout=2.0, total_timeout=5.0, retries=0, min_interval=0.0)

TALKS = ("Talks in Kessel\n\nPrime Minister Astrid Vale met Foreign Minister Tomas Greve in Kessel "
         "on Tuesday to discuss a new ferry link between the two islands.\n")
OTHER_TALKS = ("Talks in Kessel\n\nPrime Minister Astrid Vale met Mayor Ilse Harrow in Kessel on "
               "Wednesday to discuss repairs to the harbour wall.\n")


@contextmanager
def cwd(path: Path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def ingest(store, inputs, **kw):
    return api.ingest(store, [str(i) for i in inputs], fetch_options=FAST, **kw)


def test_a_file_named_relative_or_absolute_is_one_article(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "note.txt").write_text(TALKS, encoding="utf-8")
    with api.open_store(str(tmp_path / "store")) as store:
        with cwd(folder):
            first = ingest(store, ["note.txt"])
        second = ingest(store, [folder / "note.txt"])          # typed from elsewhere, absolute
        third = ingest(store, [folder / ".." / "notes" / "note.txt"])
        assert (first.ingested, second.unchanged, third.unchanged) == (1, 1, 1)
        [article] = store.articles()
        assert article["id"] == str((folder / "note.txt").resolve())


def test_the_same_name_in_another_folder_is_another_article_and_a_change_says_replaced(tmp_path):
    for name, text in (("a", TALKS), ("b", OTHER_TALKS)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "note.txt").write_text(text, encoding="utf-8")
    with api.open_store(str(tmp_path / "store")) as store:
        with cwd(tmp_path / "a"):
            ingest(store, ["note.txt"])
        with cwd(tmp_path / "b"):
            other = ingest(store, ["note.txt"])
        assert (other.ingested, other.replaced) == (1, 0)      # not a silent replacement of a/note.txt
        assert len(store.articles()) == 2
        (tmp_path / "a" / "note.txt").write_text(OTHER_TALKS.replace("Wednesday", "Friday"), encoding="utf-8")
        edited = ingest(store, [tmp_path / "a" / "note.txt"])
        assert (edited.ingested, edited.replaced, edited.unchanged) == (0, 1, 0)
        assert "0 ingested, 1 replaced, 0 unchanged, 0 skipped, 0 failed" in edited.summary()
        assert len(store.articles()) == 2


def ferry_page(canonical: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry talks</title>'
            f'<link rel="canonical" href="{canonical}"></head><body><article><h1>Ferry talks</h1>'
            f"<p>Prime Minister Astrid Vale met Foreign Minister Tomas Greve in Kessel on Tuesday to "
            f"discuss a new ferry link between the two islands, officials said.</p>"
            f"<p>Greve told reporters that both governments wanted the link to open before the "
            f"winter storms closed the northern harbour.</p></article></body></html>")


def test_a_saved_page_and_its_url_are_one_article(tmp_path):
    routes = {}
    with serve(routes) as site:
        url = site.url("/politics/ferry-talks")
        html = ferry_page(url)
        routes["/politics/ferry-talks"] = page(html)
        saved = tmp_path / "saved.html"
        saved.write_text(html, encoding="utf-8")
        with api.open_store(str(tmp_path / "store")) as store:
            from_file = ingest(store, [saved])
            from_url = ingest(store, [url])
            assert (from_file.ingested, from_url.ingested, from_url.unchanged) == (1, 0, 1)
            [article] = store.articles()
            assert article["id"] == url and article["url"] == url

