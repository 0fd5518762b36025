"""Hostile text never crashes or stalls extraction; a million-character article goes through.

Runs the core of scripts/robustness.py (the ingest's worker processes and time limit) over
generated text: very long sentences, deep nesting, no verbs, long lists of names, repeats.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from click.testing import CliRunner

from kg import api
from kg.article import Article
from kg.cli import cli

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "robustness.py"

GIVEN = ["Ana", "Jonas", "Olaf", "Maria", "Ivan", "Paulo", "Lena", "Tomas", "Ines", "Karl"]
FAMILY = ["Lund", "Brandt", "Costa", "Petrov", "Reis", "Ruiz", "Berg", "Moreau", "Novak", "Silva",
          "Horvat", "Keller", "Lindqvist", "Marin", "Duarte", "Fischer", "Varga", "Olsen", "Rossi", "Weber"]


def load_script():
    spec = importlib.util.spec_from_file_location("robustness_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def names(n: int) -> list[str]:
    return [f"{GIVEN[i % len(GIVEN)]} {FAMILY[(i // len(GIVEN)) % len(FAMILY)]}" for i in range(n)]


def hostile_texts() -> dict[str, str]:
    people = names(200)
    return {
        "long-sentence": "Prime Minister Jonas Lund said that " + ", and that ".join(
            f"{p} met {q} in Oslo" for p, q in zip(people, people[1:])) + " on Tuesday.",
        "nested-parentheses": "President Maria Costa (" * 300 + "met Ivan Petrov" + ")" * 300 + ".",
        "nested-clauses": " ".join(f"{p} said that" for p in people) + " the talks went well.",
        "nested-relatives": "Olaf Brandt met " + " who met ".join(people) + " in Berlin.",
        "no-verbs": " ".join(f"Oslo, Berlin, {p}, Tuesday, Prime Minister." for p in people),
        "two-hundred-names": "Chancellor Olaf Brandt met " + ", ".join(f"Minister {p}" for p in people)
                             + " in Berlin on Friday.",
        "repeated-word": "met " * 5000 + ".",
        "repeated-name": "Lund " * 3000 + "met Brandt.",
        "titles-only": "the minister, the president and the chancellor met " * 400,
        "pronouns": "He met her. She met him. " * 1500,
        "one-line": "Minister Ana Ruiz visited Lisbon where she met President Paulo Reis " * 300,
    }


def test_hostile_texts_neither_crash_nor_time_out():
    robustness = load_script()
    articles = [Article(id=name, text=text, title="hostile") for name, text in hostile_texts().items()]
    report = robustness.check(articles, workers=1, timeout=10)
    assert report.articles == len(articles)
    assert report.crashes == [] and report.timeouts == []
    assert len(report.times) == len(articles) and report.percentile(99) < 10


def test_the_report_counts_what_it_sees():
    robustness = load_script()
    report = robustness.RobustnessReport(times=[(0.1, "a", 10), (0.3, "b", 10), (0.2, "c", 10)])
    assert report.percentile(50) == 0.2 and report.percentile(100) == 0.3 and report.ok
    joined = robustness.joined_texts(["one. " * 100, "two. " * 100, "three. " * 400], sizes=(300, 900))
    assert [len(a.text) for a in joined] == [300, 900]


def test_a_million_character_article_is_ingested_with_truncate(tmp_path):
    """Bounded by the machinery: cut to the cap, parsed in pieces, then at most the extraction
    limit. Paragraphs far apart (wide runs of blanks, as a badly extracted page has): the parse
    is short, the text is not (the speed on a dense 1M text is scripts/robustness.py's)."""
    people = names(20)
    paragraph = "\n".join(f"Prime Minister {p} met Chancellor {q} in Oslo on Tuesday. They discussed trade."
                          for p, q in zip(people, people[1:]))
    block = paragraph + "\n" + " " * 24_000 + "\n"
    text = block * (1_050_000 // len(block) + 1)
    corpus = tmp_path / "big.jsonl"
    corpus.write_text(json.dumps({"id": "big", "title": "Big", "text": text}) + "\n")
    assert len(text) > 1_000_000
    store = tmp_path / "s"
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", str(corpus), "--truncate",
                                      "--extract-timeout", "20"])
    if result.exit_code == 0:
        with api.open_store(str(store), read_only=True) as s:
            assert [a["id"] for a in s.articles()] == ["big"]
    else:  # the time limit stopped it: one line, and the run ended
        assert result.exit_code == 1 and "big: extraction timed out after 20 s" in result.output
