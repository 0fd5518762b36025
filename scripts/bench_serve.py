"""`kg serve` speed on a real store, as ratios against kg.queries in the same run.

    .venv/bin/kg --store /tmp/serve-bench ingest ../shared/corpus/news.jsonl --workers 2   # once
    .venv/bin/python scripts/bench_serve.py /tmp/serve-bench

1. who-met through the SPARQL endpoint (HTTP, SPARQL JSON, parsed by the client) over
   the same query text through kg.queries (store.select, rows of terms): target ≤ 1.5×.
   The full `run_query("who-met", person=NAME)` (name lookup included) is shown too.
2. the person page's server time (route → HTML, no network), median over the people
   with most meetings: target ≤ 200 ms; and the network/timeline JSON for the same people.
"""
from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import urllib.parse
import urllib.request

from kg.queries import QUERIES, resolve_people, run_query
from kg.store import open_store
from kg.store.sparql import inject_values, with_prefixes
from kg.web.app import make_server


def timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store")
    parser.add_argument("--people", type=int, default=10, help="how many of the most-met people to time")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with open_store(args.store, read_only=True) as store:
        server = make_server(store, "127.0.0.1", 0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        app = server.RequestHandlerClass.app
        stats = store.stats()
        print(f"store: {stats['articles']} articles, {stats['triples']} triples, {stats['people']} people, "
              f"{stats['meetings']} meetings")
        people = [p for p in app.people.top(args.people) if p.meetings]
        who_met = QUERIES["who-met"].text

        def over_http(text: str) -> int:
            data = urllib.parse.urlencode({"query": text}).encode()
            request = urllib.request.Request(endpoint, data=data, headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request, timeout=60) as r:
                return len(json.loads(r.read())["results"]["bindings"])

        rows_http, rows_lib, ratios, full_ratios = [], [], [], []
        print(f"\n{'person':28} {'rows':>5} {'kg.queries':>11} {'run_query':>10} {'endpoint':>9} {'ratio':>6}")
        for p in people:
            iris = resolve_people(store, p.label)
            text = with_prefixes(inject_values(who_met, {"person": iris}))
            lib = timed(lambda: store.select(text), args.repeat)
            full = timed(lambda: run_query(store, "who-met", person=p.label), args.repeat)
            http = timed(lambda: over_http(text), args.repeat)
            n_http, n_lib = over_http(text), len(store.select(text)[1])
            assert n_http == n_lib, (p.label, n_http, n_lib)
            rows_http.append(n_http)
            rows_lib.append(n_lib)
            ratios.append(http / lib)
            full_ratios.append(http / full)
            print(f"{p.label[:28]:28} {n_lib:5d} {lib * 1000:9.1f}ms {full * 1000:8.1f}ms {http * 1000:7.1f}ms "
                  f"{http / lib:5.2f}x")
        print(f"\nwho-met, endpoint / kg.queries (same query): median {statistics.median(ratios):.2f}x "
              f"(target <= 1.5x); endpoint / run_query (with name lookup): median {statistics.median(full_ratios):.2f}x")

        page_times, network_times, timeline_times = [], [], []
        for p in people:
            page_times.append(timed(lambda: app.route("/person", {"iri": p.iri}), args.repeat))
            network_times.append(timed(lambda: app.route("/api/network", {"person": p.iri, "depth": "2"}), args.repeat))
            timeline_times.append(timed(lambda: app.route("/api/timeline", {"person": p.iri}), args.repeat))
        overview = timed(lambda: app.route("/api/network", {}), args.repeat)
        all_meetings = timed(lambda: app.route("/api/timeline", {}), args.repeat)
        med = lambda xs: statistics.median(xs) * 1000  # noqa: E731
        print(f"person page server time: median {med(page_times):.1f} ms, max {max(page_times) * 1000:.1f} ms "
              f"over {len(people)} people (target <= 200 ms)")
        print(f"network (2 steps) median {med(network_times):.1f} ms; person timeline median {med(timeline_times):.1f} ms; "
              f"overview network {overview * 1000:.1f} ms; all-meetings timeline page {all_meetings * 1000:.1f} ms")
        server.shutdown()


if __name__ == "__main__":
    main()
