#!/usr/bin/env python3
"""Extraction over a whole corpus, as the ingest runs it: crashes, time-outs, slowest articles,
and how the cost grows with the length of a text.

    python scripts/robustness.py ../shared/corpus/robust.jsonl --workers 2
    python scripts/robustness.py corpus.jsonl --limit 200 --no-scaling

Every article goes through the ingest's worker processes (kg.worker_pool) with the ingest's
time limit; nothing is stored. Reported:
- crashes (an article lost to an exception or a dead worker, or a fact family lost to a
  failing extractor) and time-outs, each with its article;
- the 50th and 99th percentile of extraction time per article (parsing excluded) and the
  slowest articles;
- scaling: extraction time per 1,000 words of texts of 10k, 100k and 1M characters made
  by joining the corpus's articles (target: flat within 2×; run without a time limit).
Exit code 1 if anything crashed or timed out.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable

from kg.article import Article
from kg.worker_pool import DEFAULT_TIMEOUT, extract_all

SCALING_CHARS = (10_000, 100_000, 1_000_000)


@dataclass
class RobustnessReport:
    articles: int = 0
    crashes: list[str] = field(default_factory=list)      # "<id>: <reason>"
    timeouts: list[str] = field(default_factory=list)
    times: list[tuple[float, str, int]] = field(default_factory=list)   # (seconds, id, characters)
    seconds: float = 0.0

    def percentile(self, q: float) -> float:
        values = sorted(t for t, _, _ in self.times)
        if not values:
            return 0.0
        return values[min(len(values) - 1, int(q / 100 * len(values)))]

    @property
    def ok(self) -> bool:
        return not self.crashes and not self.timeouts


def check(articles: Iterable[Article], *, workers: int = 1, timeout: float | None = DEFAULT_TIMEOUT,
          model: str | None = None, progress: int = 0) -> RobustnessReport:
    """Extract every article (nothing stored) and collect what went wrong and how long it took."""
    report = RobustnessReport()
    started = time.perf_counter()
    for outcome in extract_all(articles, workers=workers, timeout=timeout, model=model):
        report.articles += 1
        aid = outcome.article.id
        if outcome.timed_out:
            report.timeouts.append(f"{aid}: {outcome.error}")
        elif outcome.error:
            report.crashes.append(f"{aid}: {outcome.error}")
        report.crashes.extend(f"{aid}: {p}" for p in outcome.problems)
        if not outcome.error:
            report.times.append((outcome.seconds, aid, len(outcome.article.text)))
        if progress and report.articles % progress == 0:
            print(f"... {report.articles} articles, {len(report.crashes)} crashes, {len(report.timeouts)} "
                  f"time-outs, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    report.seconds = time.perf_counter() - started
    return report


def joined_texts(texts: Iterable[str], sizes=SCALING_CHARS) -> list[Article]:
    """One article per size, made of whole corpus articles joined by blank lines, cut to size."""
    out, parts, length = [], [], 0
    texts = iter(texts)
    for size in sorted(sizes):
        while length < size:
            text = next(texts, None)
            if text is None:
                break
            parts.append(text.strip())
            length += len(parts[-1]) + 2
        joined = "\n\n".join(parts)[:size]
        out.append(Article(id=f"joined-{size}", text=joined, title="joined", published=None))
    return out


def scaling(texts: Iterable[str], *, model: str | None = None) -> list[tuple[int, int, float]]:
    """(characters, words, extraction seconds) for each joined text, without a time limit."""
    articles = joined_texts(texts)
    return [(len(o.article.text), len(o.article.text.split()), o.seconds)
            for o in extract_all(articles, workers=1, timeout=None, model=model)]


def _corpus(path: str, limit: int | None) -> list[Article]:
    from kg.sources import iter_articles

    items = iter_articles([path], check_language=False, oversize="truncate")
    return [a for a in islice(items, limit) if isinstance(a, Article)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="JSON Lines corpus (id, title, published, text)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="extraction limit per article, s")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--no-scaling", action="store_true", help="skip the 10k/100k/1M-character probe")
    parser.add_argument("--model")
    args = parser.parse_args(argv)

    articles = _corpus(args.corpus, args.limit)
    report = check(articles, workers=args.workers, timeout=args.timeout, model=args.model, progress=250)
    print(f"{report.articles} articles in {report.seconds:.0f} s with {args.workers} worker(s), "
          f"time limit {args.timeout:g} s")
    print(f"crashes: {len(report.crashes)}   time-outs: {len(report.timeouts)}")
    for line in report.crashes + report.timeouts:
        print(f"  {line}")
    print(f"extraction time per article: p50 {report.percentile(50) * 1000:.0f} ms, "
          f"p99 {report.percentile(99) * 1000:.0f} ms, max {report.percentile(100) * 1000:.0f} ms")
    print("slowest:")
    for seconds, aid, chars in sorted(report.times, reverse=True)[:args.slowest]:
        print(f"  {seconds * 1000:8.0f} ms  {chars:7,} chars  {aid}")
    if not args.no_scaling:
        rows = scaling((a.text for a in articles), model=args.model)
        per_kword = [s / max(w, 1) * 1000 for _, w, s in rows]
        print("scaling (extraction time per 1,000 words):")
        for (chars, words, seconds), per in zip(rows, per_kword):
            print(f"  {chars:9,} chars  {words:7,} words  {seconds:7.1f} s  {per * 1000:6.0f} ms / 1k words")
        print(f"  largest / smallest: {max(per_kword) / max(min(per_kword), 1e-9):.2f}x (target: within 2x)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
