#!/usr/bin/env python3
"""Split an annotated corpus into two halves by a hash of each article id, for an honest
unseen-text figure: build a round of rules looking at the errors of one half only, measure the
other half before and after, then swap.

    python scripts/split_eval.py ../shared/eval/train /tmp/train-halves
    # → /tmp/train-halves/A/{corpus,gold}.jsonl and /tmp/train-halves/B/{corpus,gold}.jsonl

The split depends on the ids alone, so every run and every developer gets the same halves.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path


def half_of(article_id: str) -> str:
    return "AB"[hashlib.sha1(article_id.encode("utf-8")).digest()[0] % 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder with corpus.jsonl and gold.jsonl")
    parser.add_argument("out", type=Path, help="where to write A/ and B/")
    args = parser.parse_args()
    counts = {"A": 0, "B": 0}
    for name in ("corpus.jsonl", "gold.jsonl"):
        outs = {}
        for half in "AB":
            (args.out / half).mkdir(parents=True, exist_ok=True)
            outs[half] = (args.out / half / name).open("w", encoding="utf-8")
        with (args.folder / name).open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    half = half_of(json.loads(line)["id"])
                    outs[half].write(line if line.endswith("\n") else line + "\n")
                    if name == "corpus.jsonl":
                        counts[half] += 1
        for f in outs.values():
            f.close()
    print(f"A: {counts['A']} articles, B: {counts['B']} articles in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
