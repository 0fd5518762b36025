"""The ingest never stops on one article: time limits, failing extractors, dying workers.

The stub extractors below run inside the worker processes (kg.worker_pool.EXTRACTOR names
one as 'module:function'; the workers get this test's sys.path). Each does the real
extraction except for the article whose title asks for trouble.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import api, worker_pool
from kg.cli import cli

MODULE = Path(__file__).stem

TEXTS = [
    ("Talks in Oslo", "Prime Minister Jonas Lund met German Chancellor Olaf Brandt in Oslo on Tuesday."),
    ("SLOW talks", "President Maria Costa spoke by phone with Prime Minister Ivan Petrov on Monday."),
    ("Visit", "Foreign Minister Ana Ruiz visited Lisbon, where she met President Paulo Reis on Friday."),
]


def sleepy(doc, article):
    """Sleeps through its time limit on the SLOW article."""
    from kg.extract import extract_facts_isolated

    if "SLOW" in (article.title or ""):
        time.sleep(60)
    return extract_facts_isolated(doc, article)


def stuck(doc, article):
    """On the SLOW article, blocks the worker's alarm and hangs: only a kill ends it."""
    from kg.extract import extract_facts_isolated

    if "SLOW" in (article.title or ""):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return extract_facts_isolated(doc, article)


def broken_meetings(doc, article):
    """The meetings extractor overflows the stack on the SLOW article; people fail on 'PEOPLE'."""
    import kg.extract.meetings
    import kg.extract.people
    from kg.extract import extract_facts_isolated

    real_meetings = getattr(kg.extract.meetings, "_real", kg.extract.meetings.extract_meetings)
    real_people = getattr(kg.extract.people, "_real", kg.extract.people.resolve_people)
    kg.extract.meetings._real, kg.extract.people._real = real_meetings, real_people

    def meetings(doc, article, people):
        if "SLOW" in (article.title or ""):
            raise RecursionError("maximum recursion depth exceeded")
        return real_meetings(doc, article, people)

    def people(doc, article):
        if "PEOPLE" in (article.title or ""):
            raise ValueError("no names")
        return real_people(doc, article)

    kg.extract.meetings.extract_meetings, kg.extract.people.resolve_people = meetings, people
    return extract_facts_isolated(doc, article)


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "title": t, "text": x, "published": "2021-03-05"}) + "\n"
                            for i, (t, x) in enumerate(TEXTS)), encoding="utf-8")
    return path


def use_extractor(monkeypatch, name: str) -> None:
    monkeypatch.setattr(worker_pool, "EXTRACTOR", f"{MODULE}:{name}")


def stored_ids(store) -> set[str]:
    return {a["id"] for a in store.articles()}


def test_an_article_over_its_time_limit_fails_alone_and_the_cli_exits_1(tmp_path, corpus, monkeypatch):
    use_extractor(monkeypatch, "sleepy")
    store = tmp_path / "s"
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", str(corpus), "--extract-timeout", "3"])
    assert result.exit_code == 1, result.output
    assert "a1: extraction timed out after 3 s" in result.output
    assert "2 ingested" in result.output and "1 failed" in result.output
    with api.open_store(str(store), read_only=True) as s:
        assert stored_ids(s) == {"a0", "a2"}


def test_a_worker_stuck_beyond_a_signal_is_killed_and_replaced(tmp_path, corpus, monkeypatch):
    use_extractor(monkeypatch, "stuck")
    started = time.monotonic()
    with api.open_store(str(tmp_path / "s")) as store:
        report = api.ingest(store, [str(corpus)], extract_timeout=3, workers=1)
        assert (report.ingested, report.failed) == (2, 1)
        assert report.errors == ["a1: extraction timed out after 3 s (worker stopped)"]
        assert stored_ids(store) == {"a0", "a2"}
    assert time.monotonic() - started < 50   # the 60 s sleep was cut short


def test_a_failing_fact_extractor_keeps_the_other_families(tmp_path, corpus, monkeypatch):
    use_extractor(monkeypatch, "broken_meetings")
    with api.open_store(str(tmp_path / "s")) as store:
        report = api.ingest(store, [str(corpus)])
        assert (report.ingested, report.failed) == (2, 1)
        [line] = report.errors
        assert line.startswith("a1: meetings extractor failed: RecursionError: maximum recursion depth")
        assert stored_ids(store) == {"a0", "a1", "a2"}
        roles = json.loads(api.query(store, "roles", fmt="json"))["results"]["bindings"]
        assert "Ivan Petrov" in {r["personName"]["value"] for r in roles}       # a1's roles were kept
        met = json.loads(api.query(store, "who-met", fmt="json", person="Maria Costa"))["results"]["bindings"]
        assert met == []                                                         # its meetings were not
        assert json.loads(api.query(store, "who-met", fmt="json", person="Jonas Lund"))["results"]["bindings"]


def test_people_failing_drops_the_article_and_names_the_extractor(tmp_path, monkeypatch):
    use_extractor(monkeypatch, "broken_meetings")
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "p1", "title": "PEOPLE", "text": TEXTS[0][1]}) + "\n"
                    + json.dumps({"id": "p2", "title": "fine", "text": TEXTS[2][1]}) + "\n")
    with api.open_store(str(tmp_path / "s")) as store:
        report = api.ingest(store, [str(path)])
        assert report.errors == ["p1: people extractor failed: ValueError: no names"]
        assert stored_ids(store) == {"p2"}


def test_extract_facts_without_a_problem_list_lets_errors_through(monkeypatch):
    import kg.extract.roles
    from kg.article import Article
    from kg.extract import extract_facts
    from kg.nlp.pipeline import load_nlp

    def boom(doc, article, people):
        raise KeyError("x")

    monkeypatch.setattr(kg.extract.roles, "extract_roles", boom)
    article = Article(id="t", text=TEXTS[0][1])
    doc = load_nlp()(article.text)
    with pytest.raises(KeyError):
        extract_facts(doc, article)
    problems: list[str] = []
    facts = extract_facts(doc, article, problems)
    assert problems == ["roles extractor failed: KeyError: 'x'"]
    assert facts.roles == [] and facts.meetings     # the meeting of the same sentence is kept


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except FileNotFoundError:  # a thread that just ended
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_die_with_a_killed_ingest(tmp_path):
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"k{i}", "title": t, "text": x}) + "\n"
                              for i in range(300) for t, x in TEXTS[:1]))
    kg = Path(sys.executable).with_name("kg")
    parent = subprocess.Popen([str(kg), "--store", str(tmp_path / "s"), "ingest", str(corpus), "--workers", "2", "-q"],
                              stderr=subprocess.DEVNULL)
    try:
        deadline, workers = time.monotonic() + 60, set()
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = _children(parent.pid)
        assert len(workers) == 2
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


README_EXAMPLE = textwrap.dedent("""
    from kg import api

    if __name__ == "__main__":
        with api.open_store(STORE) as store:
            report = api.ingest(store, [CORPUS], workers=2)
            print(report.summary())
            print(api.query(store, "who-met", person="Jonas Lund", fmt="csv"))
""")


@pytest.mark.parametrize("guarded", [True, False])
def test_the_readme_example_runs_as_a_script(tmp_path, corpus, guarded):
    code = README_EXAMPLE.replace("STORE", repr(str(tmp_path / "s"))).replace("CORPUS", repr(str(corpus)))
    if not guarded:  # workers never import the user's script again, so even this works
        code = code.replace('if __name__ == "__main__":\n', "if True:\n")
    script = tmp_path / "example.py"
    script.write_text(code)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr
    assert "3 ingested" in done.stdout and "Olaf Brandt" in done.stdout


def test_a_script_without_a_main_guard_that_spawns_is_told_to_add_one(tmp_path):
    """The user's own multiprocessing (spawn) imports the script again: the child's store open
    says what is wrong instead of 'store in use by another kg process'."""
    script = tmp_path / "unguarded.py"
    script.write_text(textwrap.dedent(f"""
        import multiprocessing
        from kg import api

        with api.open_store({str(tmp_path / "s")!r}) as store:
            child = multiprocessing.get_context("spawn").Process(target=print)
            child.start()
            child.join()
            print("child exit code", child.exitcode)
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert "child exit code 1" in done.stdout
    assert 'if __name__ == "__main__":' in done.stderr and "in use by another" not in done.stderr
