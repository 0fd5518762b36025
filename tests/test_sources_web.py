"""kg.sources on the web: pages, feeds and every way a fetch fails, against a real local server.

All pages are invented for the tests; FetchOptions use short timeouts and backoff.
"""
from __future__ import annotations

import socket
import time
from datetime import date

import pytest

from kg.article import Article
from kg.sources import FetchOptions, SkippedArticle, SourceError, iter_articles

try:
    from http_fixture import endless, flaky, page, redirect, serve, slow
except ImportError:  # tests run as a package
    from tests.http_fixture import endless, flaky, page, redirect, serve, slow

FAST = FetchOptions(connect_timeout=1.0, read_timeout=0.5, total_timeout=5.0, retries=2, backoff=0.01,
                    max_wait=2.0, max_bytes=256 * 1024, min_interval=0.0)

P1 = ("The governor of the invented province of Westmark, Ilse Harrow, met the mayor of Dunmore, "
      "Tobias Reed, on Monday to discuss repairs to the coastal road. Officials from both sides said "
      "the meeting was useful and that a plan would be published before the provincial election.")
P2 = ("Reed told reporters that the town could not pay for the work alone and asked the province to "
      "share the cost. Harrow said her government would look at the request in the spring budget, "
      "which she will present to the assembly in March.")
P3 = ("Members of the assembly from the Coastal Party welcomed the talks but warned that the road "
      "had been promised money many times before, and that the people of Dunmore were tired of waiting.")
DE = ("Die Gouverneurin der erfundenen Provinz Westmark traf am Montag den Bürgermeister von Dunmore, "
      "um über die Reparatur der Küstenstraße zu sprechen. Beamte beider Seiten sagten, das Treffen sei "
      "nützlich gewesen und dass ein Plan noch vor der Wahl veröffentlicht werden solle, weil die "
      "Straße für die Menschen in der Stadt sehr wichtig ist.")


def html(title: str | None, *paras: str, published: str | None = None, canonical: str | None = None,
         charset: str = "utf-8") -> str:
    meta = f'<meta charset="{charset}">'
    if published:
        meta += f'<meta property="article:published_time" content="{published}">'
    if canonical:
        meta += f'<link rel="canonical" href="{canonical}">'
    head = f"<title>{title}</title>" if title else ""
    body = "".join(f"<p>{p}</p>" for p in paras)
    h1 = f"<h1>{title}</h1>" if title else ""
    return (f"<!DOCTYPE html><html><head>{meta}{head}</head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{h1}{body}</article><footer>All rights reserved.</footer></body></html>")


def rss(site, items: list[tuple[str, str, str | None]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{site.url(path)}</link>"
        + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>"
        for t, path, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Westmark news</title>'
            f"<link>{site.base}</link><description>Invented</description>{entries}</channel></rss>")


def atom(site, items: list[tuple[str, str, str | None]]) -> str:
    entries = "".join(
        f"<entry><title>{t}</title><link href='{site.url(path)}'/><id>{site.url(path)}</id>"
        + (f"<published>{d}</published><updated>{d}</updated>" if d else "") + "</entry>"
        for t, path, d in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Westmark atom</title><id>{site.base}/atom</id><updated>2021-05-01T00:00:00Z</updated>"
            f"{entries}</feed>")


def run(inputs, **kw) -> list:
    kw.setdefault("fetch_options", FAST)
    return list(iter_articles(inputs, **kw))


def by_input(items) -> dict[str, SourceError]:
    return {e.input: e for e in items if isinstance(e, SourceError)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8

ROUTES = {
    "/article": page(html("Harrow meets Reed", P1, P2, published="2021-04-12",
                          canonical="http://127.0.0.1/news/harrow-reed")),
    "/undated": page(html("Road talks continue", P2, P3)),
    "/syndicated": page(html("Harrow meets Reed", P1, P2, canonical="https://original.example/harrow-reed")),
    "/home-canonical": page(html("Harrow meets Reed", P1, P2, canonical="https://courier.example/")),
    "/untitled": page(html(None, P1, P3)),
    "/german": page(html("Treffen in Dunmore", DE)),
    "/octet": page(PNG, content_type="application/octet-stream"),
    "/png-as-html": page(PNG, content_type="text/html"),
    "/slow": slow(2.0, page(html("Slow", P1, P2))),
    "/loop-a": redirect("/loop-b"),
    "/loop-b": redirect("/loop-a"),
    "/moved": redirect("/article", status=301),
    "/huge": endless(),
    "/huge-declared": page(b"x" * (300 * 1024), content_type="text/html"),
    "/flaky": flaky(2, page("busy", content_type="text/plain", status=503, headers={"Retry-After": "0"}),
                    page(html("Back again", P3, P1))),
    "/down": page("down", content_type="text/plain", status=503),
    "/ratelimited": page("slow down", content_type="text/plain", status=429, headers={"Retry-After": "30"}),
    "/latin1": page(html("Café in Dunmore", P1.replace("Ilse Harrow", "Ilse Hårrow"), P2).encode("latin-1"),
                    content_type="text/html; charset=iso-8859-1"),
    "/plain.txt": page(f"Plain headline\n\n{P1}\n\n{P2}", content_type="text/plain; charset=utf-8"),
    "/nav-only": page("<html><body><nav><a href='/'>Home</a><a href='/b'>World</a></nav></body></html>"),
}


@pytest.fixture()
def site():
    routes = dict(ROUTES)
    with serve(routes) as s:
        routes["/rss"] = page(rss(s, [
            ("Harrow meets Reed", "/article", "Mon, 12 Apr 2021 10:00:00 GMT"),
            ("Feed title for undated page", "/undated", "Tue, 13 Apr 2021 08:00:00 GMT"),
            ("Gone story", "/gone", "Wed, 14 Apr 2021 08:00:00 GMT"),
            ("Feed title for untitled page", "/untitled", None),
        ]), content_type="application/rss+xml")
        routes["/atom"] = page(atom(s, [
            ("Atom undated", "/undated", "2021-04-20T09:00:00Z"),
            ("Atom German", "/german", "2021-04-21T09:00:00Z"),
            ("Atom slow", "/slow", "2021-04-22T09:00:00Z"),
        ]), content_type="application/atom+xml")
        routes["/feed-as-xml"] = page(rss(s, [("Only", "/undated", None)]), content_type="text/xml")
        yield s


def test_article_page_text_metadata_and_user_agent(site):
    [a] = run([site.url("/article")])
    assert isinstance(a, Article)
    assert "Ilse Harrow" in a.text and "spring budget" in a.text and "All rights reserved" not in a.text
    assert a.title == "Harrow meets Reed"
    assert a.published == date(2021, 4, 12)
    assert a.url == a.id == "http://127.0.0.1/news/harrow-reed"  # the canonical URL
    assert site.user_agents[0].startswith("kg/") and "+http" in site.user_agents[0]


def test_canonical_url_kept_for_syndicated_copies_but_not_when_it_is_a_home_page(site):
    a, b = run([site.url("/syndicated"), site.url("/home-canonical")])
    assert a.id == a.url == "https://original.example/harrow-reed"
    assert a.extra["fetched_url"] == site.url("/syndicated")
    assert b.id == b.url == site.url("/home-canonical")


def test_redirect_followed_and_page_without_date_takes_published(site):
    [a] = run([site.url("/moved")])
    assert "Ilse Harrow" in a.text
    [b] = run([site.url("/undated")], published=date(2021, 1, 1))
    assert b.url == b.id == site.url("/undated") and b.published == date(2021, 1, 1)


def test_plain_text_url_and_declared_charset(site):
    a, b = run([site.url("/plain.txt"), site.url("/latin1")])
    assert a.title == "Plain headline" and a.id == site.url("/plain.txt")
    assert "Ilse Hårrow" in b.text and b.title == "Café in Dunmore"


def test_rss_feed_items_are_fetched_with_item_date_and_title_fallbacks(site):
    items = run([site.url("/rss")])
    got = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in got] == ["Harrow meets Reed", "Road talks continue", "Feed title for untitled page"]
    assert got[0].published == date(2021, 4, 12)        # the page's own date
    assert got[1].published == date(2021, 4, 13)        # the page has none: the item's
    assert got[2].published is None
    [err] = by_input(items).values()
    assert err.input == f"{site.url('/rss')} item 3 ({site.url('/gone')})"
    assert "HTTP 404" in err.reason


def test_atom_feed_items_with_skip_and_timeout_in_the_same_batch(site):
    items = run([site.url("/atom")])
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "SkippedArticle", "SourceError"]
    assert items[0].published == date(2021, 4, 20) and items[0].title == "Road talks continue"
    assert items[1].input.startswith(site.url("/atom") + " item 2") and "German" in items[1].reason
    assert items[2].input.endswith(f"({site.url('/slow')})") and "timed out" in items[2].reason


def test_feed_detected_by_content_when_served_as_xml(site):
    [a] = run([site.url("/feed-as-xml")])
    assert isinstance(a, Article) and a.title == "Road talks continue"


def test_retry_after_503_then_success(site):
    [a] = run([site.url("/flaky")])
    assert isinstance(a, Article) and a.title == "Back again"
    assert site.hits["/flaky"] == 3


def test_every_failure_is_one_error_and_good_pages_still_come_out(site):
    refused = f"http://127.0.0.1:{free_port()}/nothing"
    urls = [site.url(p) for p in ("/missing", "/slow", "/loop-a", "/huge", "/huge-declared", "/down",
                                  "/ratelimited", "/octet", "/png-as-html", "/nav-only", "/german")]
    started = time.monotonic()
    items = run([site.url("/article"), *urls, refused, site.url("/undated")])
    elapsed = time.monotonic() - started
    assert [i.title for i in items if isinstance(i, Article)] == ["Harrow meets Reed", "Road talks continue"]
    errs = by_input(items)
    reason = {path: errs[site.url(path)].reason for path in
              ("/missing", "/slow", "/loop-a", "/huge", "/huge-declared", "/down", "/ratelimited",
               "/octet", "/png-as-html", "/nav-only")}
    assert "HTTP 404" in reason["/missing"] and "check the URL" in reason["/missing"]
    assert "timed out" in reason["/slow"] and "--timeout" in reason["/slow"]
    assert "redirect" in reason["/loop-a"]
    assert "too large" in reason["/huge"] and "stopped reading" in reason["/huge"]
    assert "--max-bytes" in reason["/huge"] and "FetchOptions" not in reason["/huge"]
    assert "too large" in reason["/huge-declared"] and "not downloaded" in reason["/huge-declared"]
    assert "HTTP 503" in reason["/down"] and "2 retries" in reason["/down"]
    assert "retry after 30 s" in reason["/ratelimited"]
    assert "wrong content type 'application/octet-stream'" in reason["/octet"]
    assert "PNG image" in reason["/png-as-html"]
    assert "no article text" in reason["/nav-only"]
    assert "connection refused" in errs[refused].reason and "127.0.0.1" in errs[refused].reason
    [skip] = [i for i in items if isinstance(i, SkippedArticle)]
    assert skip.input == site.url("/german")
    assert site.hits["/down"] == 3                      # one try and two retries
    assert site.hits["/ratelimited"] == 1               # a 30 s Retry-After is over max_wait: no waiting
    assert elapsed < 10
    for e in errs.values():
        assert "\n" not in str(e) and str(e).startswith("http://127.0.0.1:")


def test_huge_body_is_cut_off_not_downloaded(site):
    run([site.url("/huge")])
    deadline = time.monotonic() + 3
    while "/huge" not in site.server.sent_bytes and time.monotonic() < deadline:
        time.sleep(0.05)
    # The server stops once the client hangs up, far below its own 200 MB limit.
    assert site.server.sent_bytes["/huge"] < 50 * 1024 * 1024


def test_per_host_rate_limit_spaces_requests(site):
    polite = FetchOptions(read_timeout=2.0, retries=0, min_interval=0.3)
    started = time.monotonic()
    items = run([site.url("/article"), site.url("/undated"), site.url("/untitled")], fetch_options=polite)
    assert all(isinstance(i, Article) for i in items)
    assert time.monotonic() - started >= 0.6


def test_format_url_adds_scheme_and_format_feed_forces_feed_reading(site):
    host = site.base.removeprefix("http://")
    # fmt="url" on a bare host/path means https://, which this plain-HTTP server cannot speak
    [err] = run([f"{host}/article"], fmt="url")
    assert isinstance(err, SourceError) and err.input == f"https://{host}/article"
    [a] = run([site.url("/feed-as-xml")], fmt="feed")
    assert isinstance(a, Article)


def test_refused_connection_is_not_retried(site):
    refused = f"http://127.0.0.1:{free_port()}/nothing"
    slow_backoff = FetchOptions(retries=3, backoff=5.0, connect_timeout=1.0)
    started = time.monotonic()
    [err] = run([refused], fetch_options=slow_backoff)
    assert "connection refused" in err.reason and time.monotonic() - started < 2


def test_retry_after_as_http_date_is_honoured():
    past = "Wed, 21 Oct 2015 07:28:00 GMT"  # already passed: retry at once
    routes = {"/dated": flaky(1, page("busy", content_type="text/plain", status=429,
                                      headers={"Retry-After": past}), page(html("Calm again", P1, P2)))}
    with serve(routes) as s:
        [a] = run([s.url("/dated")], fetch_options=FetchOptions(retries=1, backoff=30.0, min_interval=0))
        assert isinstance(a, Article) and a.title == "Calm again" and s.hits["/dated"] == 2


def test_json_and_json_lines_over_http():
    import json

    rows = [{"id": "w1", "text": P1}, {"id": "w2", "body": "wrong key"}, {"id": "w3", "text": P2}]
    routes = {
        "/list.json": page(json.dumps(rows), content_type="application/json"),
        "/lines": page("\n".join(json.dumps(r) for r in rows), content_type="application/x-ndjson"),
    }
    with serve(routes) as s:
        items = run([s.url("/list.json"), s.url("/lines")])
    assert [a.id for a in items if isinstance(a, Article)] == ["w1", "w3", "w1", "w3"]
    assert set(by_input(items)) == {s.url("/list.json") + " item 2", s.url("/lines") + " line 2"}


def test_local_feed_file_item_without_link_and_duplicate_links(tmp_path):
    with serve({"/undated": page(html("Road talks continue", P2, P3))}) as s:
        link = s.url("/undated")
        path = tmp_path / "news.rss"
        path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                        "<item><title>No link</title></item>"
                        f"<item><title>A</title><link>{link}</link></item>"
                        f"<item><title>A again</title><link>{link}</link></item></channel></rss>", "utf-8")
        items = run([str(path)])
        assert s.hits["/undated"] == 1                  # the repeated link is fetched once
    assert [type(i).__name__ for i in items] == ["SourceError", "Article"]
    assert items[0].input.endswith("news.rss item 1") and "no link" in items[0].reason
    assert items[1].extra["feed_item"] == 2


def test_not_a_feed_when_forced():
    with serve({"/page": page(html("Road talks continue", P2, P3))}) as s:
        [err] = run([s.url("/page")], fmt="feed")
    assert isinstance(err, SourceError) and "not an RSS or Atom feed" in err.reason


# --- a total deadline per URL (issue 10 item 17) -------------------------------------------------

def trickle(every: float, headers_too: bool = False):
    """A server that never stops: 8 bytes every `every` seconds, far within any read timeout,
    of the body (or, with headers_too, of the headers, before any body)."""
    def handle(h) -> None:
        try:
            h.wfile.write(b"HTTP/1.1 200 OK\r\n")
            if headers_too:
                for _ in range(10_000):
                    h.wfile.write(b"X-Slow: 1\r\n")
                    h.wfile.flush()
                    time.sleep(every)
            h.wfile.write(b"Content-Type: text/html\r\n\r\n<p>")
            for _ in range(10_000):
                h.wfile.write(b"slow.... ")
                h.wfile.flush()
                time.sleep(every)
        except OSError:
            pass  # the client hung up: what the test wants
    return handle


def test_a_trickling_server_is_cut_off_at_the_total_timeout():
    patient = FetchOptions(connect_timeout=1.0, read_timeout=2.0, total_timeout=1.5, retries=0, min_interval=0.0)
    with serve({"/body": trickle(0.2), "/headers": trickle(0.2, headers_too=True)}) as s:
        for path in ("/body", "/headers"):
            started = time.monotonic()
            [err] = run([s.url(path)], fetch_options=patient)
            took = time.monotonic() - started
            assert isinstance(err, SourceError), path
            assert "timed out" in err.reason and "1.5 s limit" in err.reason and "--timeout" in err.reason, err
            assert 1.4 < took < 5.0, (path, took)  # the server would go on for over half an hour


def test_retries_stop_at_the_total_timeout():
    stubborn = FetchOptions(connect_timeout=1.0, read_timeout=1.0, total_timeout=1.0, retries=5, backoff=0.4,
                            max_wait=10.0, min_interval=0.0)
    with serve({"/down": page("down", content_type="text/plain", status=503)}) as s:
        started = time.monotonic()
        [err] = run([s.url("/down")], fetch_options=stubborn)
    assert "1 s limit" in err.reason and "waits between retries" in err.reason
    assert time.monotonic() - started < 3.0 and s.hits["/down"] < 6


def test_the_timeout_flag_sets_the_total_and_the_socket_timeouts():
    from kg import api

    opts = api.fetch_options(timeout=7)
    assert (opts.total_timeout, opts.read_timeout, opts.connect_timeout) == (7, 7, 5)
    assert api.fetch_options(timeout=2).connect_timeout == 2


def test_kg_ingest_takes_max_bytes_and_timeout_and_says_so(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    def kg(*args):
        return CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "ingest", *args, "--rate", "0",
                                        "--retries", "0"], catch_exceptions=False)

    with serve({"/article": page(html("Harrow meets Reed", P1, P2, P3)), "/trickle": trickle(0.2)}) as s:
        small = kg(s.url("/article"), "--max-bytes", "500")
        started = time.monotonic()
        slow = kg(s.url("/trickle"), "--timeout", "1")
        took = time.monotonic() - started
    assert small.exit_code == 1 and "too large" in small.output and "--max-bytes" in small.output
    assert slow.exit_code == 1 and "1 s limit for one URL" in slow.output and took < 30
    help_text = CliRunner().invoke(cli, ["ingest", "--help"]).output
    assert "--max-bytes" in help_text and "in all" in help_text


def test_the_pause_between_requests_to_one_host_is_not_the_urls_time():
    polite = FetchOptions(read_timeout=1.0, total_timeout=0.5, retries=0, min_interval=2.0)
    with serve({"/a": page(html("Harrow meets Reed", P1, P2)), "/b": page(html("Road talks", P2, P3))}) as s:
        items = run([s.url("/a"), s.url("/b")], fetch_options=polite)
    assert [type(i).__name__ for i in items] == ["Article", "Article"]  # /b waited its turn, then had 0.5 s
