#!/usr/bin/env python3
"""Score the extractors alone (no store, no SPARQL) against a gold file.

Runs the spaCy pipeline and kg.extract on every article of a JSON Lines corpus,
writes the four answers in the shape the named queries give them, and calls the
shared scorer. For fast iteration on rules; `../shared/eval/run.sh` stays the
official figure (it goes through the store and the queries).

    python scripts/eval_extract.py ../shared/eval/dev/corpus.jsonl ../shared/eval/dev/gold.jsonl --explain
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from kg.article import Article
from kg.sources import iter_articles
from kg.extract import extract_facts
from kg.nlp.pipeline import load_nlp


def read_corpus(path: Path) -> list[Article]:
    return [a for a in iter_articles([str(path)], check_language=False) if isinstance(a, Article)]


def bindings(rows: list[dict], variables: list[str]) -> dict:
    return {"head": {"vars": variables}, "results": {"bindings": [
        {k: {"type": "literal", "value": v} for k, v in row.items() if v} for row in rows]}}


def answers(facts_list) -> dict[str, dict]:
    meetings, roles, members, elections = [], [], [], []
    for facts in facts_list:
        src = facts.article.source
        for i, m in enumerate(facts.meetings):
            if m.status != "happened":
                continue
            for p in m.participants:
                meetings.append({"meeting": f"{src}#m{i}", "participantName": p, "date": m.date,
                                 "place": m.place, "source": src})
        for r in facts.roles:
            roles.append({"personName": r.person, "title": r.title, "country": r.country, "source": src})
        for m in facts.memberships:
            members.append({"personName": m.person, "party": m.party, "source": src})
        for e in facts.elections:
            elections.append({"country": e.country, "kind": e.kind, "date": e.date, "source": src})
    return {
        "meetings": bindings(meetings, ["meeting", "participantName", "date", "place", "source"]),
        "roles": bindings(roles, ["personName", "title", "country", "source"]),
        "memberships": bindings(members, ["personName", "party", "source"]),
        "elections": bindings(elections, ["country", "kind", "date", "source"]),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--only", help="keep only --explain lines of this kind (meeting, role, membership, election)")
    ap.add_argument("--article", help="only articles whose id contains this")
    ap.add_argument("--scorer", type=Path, default=None, help="score.py (default: beside the gold file's eval dir)")
    args = ap.parse_args()

    articles = read_corpus(args.corpus)
    if args.article:
        articles = [a for a in articles if args.article in a.id]
    nlp = load_nlp()
    facts = [extract_facts(doc, a) for doc, a in zip(nlp.pipe(a.text for a in articles), articles)]
    scorer = args.scorer or args.gold.resolve().parent.parent / "score.py"
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in answers(facts).items():
            Path(tmp, f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
        gold = args.gold
        if args.article:
            gold = Path(tmp, "gold.jsonl")
            keep = {a.id for a in articles}
            gold.write_text("".join(l for l in args.gold.open(encoding="utf-8") if json.loads(l)["id"] in keep))
        cmd = [sys.executable, str(scorer), "--gold", str(gold), "--results", tmp]
        if args.explain:
            cmd.append("--explain")
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
    if args.only:
        out = "\n".join(l for l in out.splitlines() if not l.startswith("  ") or l.startswith(f"  {args.only}"))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
