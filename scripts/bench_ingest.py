#!/usr/bin/env python3
"""Ingest throughput against spaCy alone, in one run, on a JSON Lines corpus.

    python scripts/bench_ingest.py ../shared/corpus/news.jsonl --workers 2

Reports words/s of (1) the spaCy pipeline alone — same model, same components,
same number of processes — and (2) the full `kg ingest` into a fresh embedded
store, their ratio, and the peak resident memory of each (the whole process tree).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


class PeakRSS:
    """Samples a process tree's RSS every 50 ms while running."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


SPACY_ALONE = """
import json, sys, time
from kg.nlp.pipeline import load_nlp
corpus, workers = sys.argv[1], int(sys.argv[2])
texts = [json.loads(l)["text"] for l in open(corpus, encoding="utf-8") if l.strip()]
nlp = load_nlp()
start = time.perf_counter()
words = sum(len(doc) for doc in nlp.pipe(texts, n_process=workers, batch_size=32))
print(json.dumps({"seconds": time.perf_counter() - start, "tokens": words}))
"""


def run(cmd: list[str], env=None) -> tuple[float, float, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with PeakRSS(proc.pid) as rss:
        out, err = proc.communicate()
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd[:3]} failed ({proc.returncode}):\n{err[-2000:]}")
    return time.perf_counter() - start, rss.peak, out + err


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    words = sum(len(json.loads(l)["text"].split()) for l in args.corpus.open(encoding="utf-8") if l.strip())
    _, spacy_rss, out = run([sys.executable, "-c", SPACY_ALONE, str(args.corpus), str(args.workers)])
    spacy_seconds = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])["seconds"]

    kg = Path(sys.executable).with_name("kg")
    with tempfile.TemporaryDirectory() as tmp:
        # the same measure for kg: model loading excluded by timing a run over an empty corpus
        empty = Path(tmp, "empty.jsonl")
        empty.write_text("")
        startup, _, _ = run([str(kg), "--store", f"{tmp}/s0", "ingest", str(empty), "--workers", str(args.workers), "-q"])
        total, kg_rss, log = run([str(kg), "--store", f"{tmp}/s1", "ingest", str(args.corpus),
                                  "--workers", str(args.workers), "-q"])
    kg_seconds = max(total - startup, 1e-6)
    spacy_rate, kg_rate = words / spacy_seconds, words / kg_seconds
    print(f"corpus: {args.corpus} ({words:,} words), workers: {args.workers}")
    print(f"{'run':<22} {'seconds':>8} {'words/s':>10} {'peak RSS MB':>12}")
    print(f"{'spaCy alone':<22} {spacy_seconds:8.1f} {spacy_rate:10,.0f} {spacy_rss:12.0f}")
    print(f"{'kg ingest (full)':<22} {kg_seconds:8.1f} {kg_rate:10,.0f} {kg_rss:12.0f}")
    print(f"ratio full / spaCy alone: {kg_rate / spacy_rate:.2f}  (target >= 0.80)")
    print(f"peak RSS of kg ingest: {kg_rss:.0f} MB  (target <= 1500 MB with 2 workers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
