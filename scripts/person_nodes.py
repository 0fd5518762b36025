#!/usr/bin/env python3
"""How many person nodes the extractors make for some surnames, over a whole corpus.

Person IRIs come from canonical names (kg.rdf.ids.person_iri), so every distinct
canonical name is one node. For each surname asked about, prints every canonical
name whose last word is that surname (or which is that surname), the IRI key it
gets, and in how many articles it occurs: real distinct people ("Melania Trump")
are fine, spurious variants ("Trump Donald", "Donald J. Trump" beside "Donald
Trump") are what `kg.extract.people` should fold away.

    python scripts/person_nodes.py ../shared/corpus/news.jsonl --surname Trump Obama Putin
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter, defaultdict
from datetime import date
from multiprocessing import Pool
from pathlib import Path

from kg.article import Article
from kg.sources import iter_articles


def read_corpus(path: Path, limit: int | None) -> list[Article]:
    articles = (a for a in iter_articles([str(path)], check_language=False) if isinstance(a, Article))
    return list(itertools.islice(articles, limit))


def _names_of(articles: list[Article]) -> list[list[str]]:
    """Canonical person names of each article (run in a worker process)."""
    from kg.extract import extract_facts
    from kg.nlp.pipeline import load_nlp

    nlp = load_nlp()
    return [[p.name for p in extract_facts(doc, a).people]
            for doc, a in zip(nlp.pipe(a.text for a in articles), articles)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--surname", nargs="+", default=["Trump", "Obama", "Putin"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = ap.parse_args()

    from kg.rdf.ids import slug

    articles = read_corpus(args.corpus, args.limit)
    chunks = [articles[i:i + 20] for i in range(0, len(articles), 20)]
    with Pool(args.workers) as pool:
        per_article = [names for chunk in pool.imap(_names_of, chunks) for names in chunk]

    wanted = {s.lower(): s for s in args.surname}
    found: dict[str, Counter] = defaultdict(Counter)
    all_nodes: set[str] = set()
    for names in per_article:
        for name in set(names):
            all_nodes.add(slug(name))
            for word in name.split():
                if word.lower() in wanted:
                    found[wanted[word.lower()]][name] += 1
                    break
    report = {s: dict(found[s].most_common()) for s in args.surname}
    if args.json:
        print(json.dumps({"articles": len(articles), "person_nodes": len(all_nodes), "surnames": report}, indent=1))
        return 0
    print(f"{len(articles)} articles, {len(all_nodes)} person nodes in all")
    for s in args.surname:
        names = found[s]
        nodes = {slug(n) for n in names}
        print(f"\n{s}: {len(nodes)} nodes")
        for name, n in names.most_common():
            print(f"  {n:5d}  {name}  (person/{slug(name)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
