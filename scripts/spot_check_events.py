#!/usr/bin/env python3
"""Print every happened Meeting and every Election the extractors find in a random sample of a
corpus, with the evidence sentence, so a reader can judge them by the annotation rules.

    python scripts/spot_check_events.py ../shared/corpus/news.jsonl --seed 1 --n 60 \
        --exclude ../shared/eval/dev/corpus.jsonl

The sample is fixed by the seed; articles of --exclude (the dev set) are left out, so rules tuned
on dev are judged on text they were not tuned on. Output is plain text, one block per fact:
    [M] article-id | published | participants | kind | date | place | rule
        > evidence sentence
"""
from __future__ import annotations

import argparse
import random
import sys
import textwrap
from pathlib import Path

from kg.article import Article
from kg.extract import extract_facts
from kg.nlp.pipeline import load_nlp
from kg.sources import iter_articles


def read(path: Path) -> list[Article]:
    return [a for a in iter_articles([str(path)], check_language=False) if isinstance(a, Article)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--exclude", type=Path, action="append", default=[], help="corpus whose articles to leave out")
    ap.add_argument("--planned", action="store_true", help="print planned meetings too")
    args = ap.parse_args()

    skip = {a.id for p in args.exclude for a in read(p)}
    articles = [a for a in read(args.corpus) if a.id not in skip]
    sample = random.Random(args.seed).sample(articles, min(args.n, len(articles)))
    nlp = load_nlp()
    counts = {"meetings": 0, "elections": 0}
    for doc, art in zip(nlp.pipe(a.text for a in sample), sample):
        facts = extract_facts(doc, art)
        head = f"{art.id} | {art.published}"
        for m in facts.meetings:
            if m.status != "happened" and not args.planned:
                continue
            counts["meetings"] += 1
            ev = m.evidence[0] if m.evidence else None
            print(f"[M{counts['meetings']}] {head} | {' + '.join(m.participants)} | {m.kind}/{m.status} | "
                  f"date={m.date} | place={m.place} | {ev.rule if ev else ''}")
            if ev:
                print(textwrap.indent(textwrap.fill(ev.sentence, 110), "    > "))
        for e in facts.elections:
            counts["elections"] += 1
            ev = e.evidence[0] if e.evidence else None
            print(f"[E{counts['elections']}] {head} | {e.country} | {e.kind} | date={e.date} | {ev.rule if ev else ''}")
            if ev:
                print(textwrap.indent(textwrap.fill(ev.sentence, 110), "    > "))
    print(f"# {len(sample)} articles (seed {args.seed}): {counts['meetings']} meetings, "
          f"{counts['elections']} elections", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
