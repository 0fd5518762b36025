"""`kg ingest` on URLs and feeds served by a real local HTTP server: one line per failure,
a summary, exit code 1, and the good articles of the same batch stored."""
from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import cli
from tests.http_fixture import page, redirect, serve

PAGE = """<html><head><title>{title}</title><meta property="article:published_time" content="2021-04-12">
</head><body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>
<p>{text}</p><p>Officials on both sides described the discussions as long and detailed, and said
further rounds would follow in the coming weeks once experts had studied the proposals.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def html(title: str, text: str) -> str:
    return PAGE.format(title=title, text=text)


def feed(site, paths):
    items = "".join(f"<item><title>Item {p}</title><link>{site.url(p)}</link>"
                    f"<pubDate>Mon, 12 Apr 2021 10:00:00 GMT</pubDate></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'


def kg(store, *args):
    return CliRunner().invoke(cli, ["--store", store, *map(str, args)], catch_exceptions=False)


def test_urls_and_a_feed_with_failures_in_the_same_batch(tmp_path):
    routes = {
        "/talks": page(html("Talks in Oslo", "Prime Minister Jonas Lund met German Chancellor Olaf Brandt "
                                             "in Oslo on Monday to discuss energy prices.")),
        "/call": page(html("A call", "President Maria Costa spoke by phone with Prime Minister Ivan Petrov "
                                     "on Sunday about the border.")),
        "/gone": page("not here", content_type="text/plain", status=404),
        "/loop": redirect("/loop"),
        "/binary": page(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, content_type="image/png"),
    }
    with serve(routes) as site:
        routes["/rss"] = page(feed(site, ["/call", "/gone"]), content_type="application/rss+xml")
        store = str(tmp_path / "store")
        result = kg(store, "ingest", site.url("/talks"), site.url("/gone"), site.url("/loop"),
                    site.url("/binary"), site.url("/rss"), "--rate", "0", "--retries", "0", "--timeout", "2")
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert any("/gone" in line and "404" in line for line in failures)
    assert any("/loop" in line and "redirect" in line.lower() for line in failures)
    assert any("/binary" in line for line in failures)
    assert "2 ingested" in result.output and "failed" in result.output.splitlines()[-2]
    stored = [json.loads(line) for line in kg(store, "articles", "--format", "jsonl").output.splitlines()]
    assert sorted(a["title"] for a in stored) == ["A call", "Talks in Oslo"]
    met = kg(store, "who-met", "Lund", "--format", "csv").output
    assert "Olaf Brandt" in met and "2021-04-12" in met
