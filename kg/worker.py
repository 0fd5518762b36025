"""One extraction worker process: parses the articles it is sent and extracts their facts,
each article's extraction under a time limit.

Started by kg.worker_pool as a plain `python -c` process, not through multiprocessing, so
the user's main script is never imported again in the worker (no `__main__` guard needed,
no resource tracker left behind). It talks to its parent over one socket
(multiprocessing.connection framing, pickled messages):

    parent → worker   ("init", model, extractor)  then  ("task", [(seq, Article)...], timeout)  or  None (quit)
    worker → parent   ("ready",) | ("fatal", kind, message)
                      ("start", seq)                       extraction of `seq` begins (parsing is done)
                      ("done", seq, facts, problems, error, seconds, timed_out)

A worker dies with its parent: PR_SET_PDEATHSIG on Linux, and a thread that polls the
parent's pid everywhere (the kernel signal is sent when the parent *thread* that started
the worker ends, and does not exist elsewhere; the poll covers both).
"""
from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
import time

PIPE_BATCH = 8            # spaCy's internal batch within one task
PARENT_POLL_SECONDS = 0.5
PR_SET_PDEATHSIG = 1      # <linux/prctl.h>


class ExtractionTimeUp(BaseException):
    """Raised inside the extractor by SIGALRM when an article's time is up (a BaseException, so
    that no `except Exception` in an extractor swallows it)."""


def _on_alarm(signum, frame):
    raise ExtractionTimeUp()


def die_with_parent(parent_pid: int) -> None:
    """Exit as soon as the process that started us is gone (never outlive a killed ingest)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the poll below does it alone
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def resolve(spec: str):
    """'package.module:function' → the function."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def describe(exc: BaseException) -> str:
    """One line: an extractor's own failure names itself; anything else says what it was."""
    from kg.extract import ExtractorFailed

    text = " ".join(str(exc).split())[:300]
    if isinstance(exc, ExtractorFailed):
        return text
    return f"extraction failed: {type(exc).__name__}: {text}" if text else f"extraction failed: {type(exc).__name__}"


def extract_limited(extract, doc, article, timeout: float | None):
    """(facts, problems, error, seconds, timed_out): the extractor run under a SIGALRM limit.

    The extractor returns facts, or (facts, problems) where problems are one-line notes of
    what failed while the rest was kept.

    A signal interrupts Python code between bytecodes, which is where every loop of the
    extractors runs; the parent kills the whole worker as a backstop for anything that
    a signal cannot interrupt."""
    started = time.perf_counter()
    facts, problems, error, timed_out = None, [], "", False
    try:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            facts = extract(doc, article)
            if isinstance(facts, tuple):
                facts, problems = facts
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except ExtractionTimeUp:
        timed_out, error = True, f"extraction timed out after {timeout:g} s"
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        error = describe(exc)
    return facts, problems, error, time.perf_counter() - started, timed_out


def warm_up(nlp, extract) -> None:
    """Run the extractor once on a sentence of our own, so that loading the lexicons (lazily,
    on first use) is not counted against the first real article's time limit."""
    from kg.article import Article

    text = "Prime Minister Ana Ruiz met President Paulo Reis in Lisbon on Friday."
    try:
        extract(nlp(text), Article(id="warm-up", text=text))
    except Exception:  # noqa: BLE001 - a real article will report whatever is wrong
        pass


def serve(conn) -> None:
    """Answer tasks until told to quit (None) or the parent closes the socket."""
    kind, model, extractor = conn.recv()
    assert kind == "init"
    try:
        from kg.nlp.long_text import parse_pairs
        from kg.nlp.pipeline import load_nlp

        nlp = load_nlp(model or None)
        extract = resolve(extractor)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which stops the ingest
        conn.send(("fatal", type(exc).__name__, str(exc)))
        return
    warm_up(nlp, extract)
    signal.signal(signal.SIGALRM, _on_alarm)
    conn.send(("ready",))
    while True:
        message = conn.recv()
        if message is None:
            return
        _, items, timeout = message
        texts = ((article.text, (seq, article)) for seq, article in items)
        for doc, (seq, article) in parse_pairs(nlp, texts, PIPE_BATCH):
            conn.send(("start", seq))
            facts, problems, error, seconds, timed_out = extract_limited(extract, doc, article, timeout)
            try:
                conn.send(("done", seq, facts, problems, error, seconds, timed_out))
            except Exception as exc:  # noqa: BLE001 - facts that cannot be pickled
                conn.send(("done", seq, None, [], f"extraction failed: {type(exc).__name__}: {exc}", seconds, False))


def main(fd: int, parent_pid: int) -> None:
    from multiprocessing.connection import Connection

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent(parent_pid)
    conn = Connection(fd)
    try:
        serve(conn)
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the parent went away
    sys.exit(0)
