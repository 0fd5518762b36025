#!/usr/bin/env python3
"""Spot-check extraction precision on unannotated articles.

Draws a fixed-seed random sample of articles from a corpus (leaving out the ones of
an annotated set, so what is judged is text the rules were not tuned on), runs the
spaCy pipeline and the extractors, and prints every fact of one family with the
sentence it came from, numbered, for a person to judge by the annotation rules of
../shared/eval/README.md. Count the wrong ones, group them into kinds, fix the kinds,
then re-measure with another --seed.

    python scripts/spot_check.py --family roles --sample 60 --seed 1
    python scripts/spot_check.py --family memberships --sample 60 --seed 2 --exclude ../shared/eval/dev/corpus.jsonl
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from kg.article import Article
from kg.extract import extract_facts
from kg.nlp.pipeline import load_nlp
from kg.sources import iter_articles

FAMILIES = ("roles", "memberships", "meetings", "elections")
_HERE = Path(__file__).resolve().parent.parent


def read(path: Path) -> list[Article]:
    return [a for a in iter_articles([str(path)], check_language=False) if isinstance(a, Article)]


def describe(family: str, fact) -> str:
    if family == "roles":
        former = " (former)" if fact.former else ""
        where = fact.country or fact.organization or "?"
        return f"{fact.person} | {fact.title}{former} | {where}"
    if family == "memberships":
        role = f" ({fact.role})" if fact.role else ""
        return f"{fact.person} | {fact.party}{role}"
    if family == "meetings":
        return f"{' + '.join(fact.participants)} | {fact.kind} {fact.status} | {fact.date} | {fact.place}"
    return f"{fact.country} | {fact.kind} | {fact.date}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--family", choices=FAMILIES, required=True)
    ap.add_argument("--sample", type=int, default=60, help="number of articles to draw")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=_HERE.parent / "shared" / "corpus" / "news.jsonl")
    ap.add_argument("--exclude", type=Path, action="append", default=None,
                    help="corpus whose article ids are left out (default: the dev set, where it exists)")
    ap.add_argument("--no-evidence", action="store_true", help="one line per fact, no sentence")
    ap.add_argument("--planned", action="store_true", help="meetings: list planned ones too")
    args = ap.parse_args()

    excludes = args.exclude
    if excludes is None:
        dev = _HERE.parent / "shared" / "eval" / "dev" / "corpus.jsonl"
        excludes = [dev] if dev.exists() else []
    skip = {a.id for path in excludes for a in read(path)}
    pool = [a for a in read(args.corpus) if a.id not in skip]
    articles = random.Random(args.seed).sample(pool, min(args.sample, len(pool)))

    nlp = load_nlp()
    n = 0
    for doc, article in zip(nlp.pipe(a.text for a in articles), articles):
        facts = getattr(extract_facts(doc, article), args.family)
        if args.family == "meetings" and not args.planned:
            facts = [m for m in facts if m.status == "happened"]
        if not facts:
            continue
        print(f"## {article.id}  ({article.published})  {article.title or ''}")
        for fact in facts:
            n += 1
            print(f"{n:4d}. {describe(args.family, fact)}")
            if not args.no_evidence:
                for ev in fact.evidence[:1]:
                    sentence = " ".join(ev.sentence.split())
                    print(f"      [{ev.rule}] {sentence[:300]}")
    print(f"# {n} {args.family} facts in {len(articles)} articles (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
