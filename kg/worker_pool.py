"""Extraction in worker processes, every article under a time limit, stuck workers replaced.

Why always a child process, even for one worker: a time limit inside the main process
(SIGALRM) only interrupts Python code and only in the main thread, and cannot help with
a parse that eats the machine's memory; a separate process can always be killed and
replaced, whatever it is stuck in. The cost is small: the main process no longer loads
spaCy, the worker does; and the pool stays up between ingest calls in one process (tests,
notebooks) so the model is loaded once.

Two limits per article, both counted from the end of its parse:
- `timeout` seconds: the worker interrupts the extractor itself (SIGALRM) and goes on with
  the next article, model still loaded;
- HARD_FACTOR × timeout + HARD_EXTRA: the parent kills the worker (a loop in C code, a
  blocked signal) and starts a fresh one for the rest of its task.

A worker that dies (out of memory, a crash in native code) costs the article it was
extracting; if it died while parsing, the rest of its task is retried one article at a
time, so the article that kills a worker is found and reported alone.
"""
from __future__ import annotations

import atexit
import itertools
import json
import os
import socket
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator

from kg.article import Article

DEFAULT_TIMEOUT = 10.0       # seconds of extraction per article (after parsing)
HARD_FACTOR, HARD_EXTRA = 2.0, 2.0
TASK_SIZE = 16               # articles per task: small enough for smooth progress
MAX_WAITING = 64             # finished articles held back to keep input order, per worker
POLL_SECONDS = 0.25
EXTRACTOR = "kg.extract:extract_facts_isolated"   # 'module:function' (doc, article) → facts

_BOOT = ("import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
         "from kg.worker import main; main(int(sys.argv[2]), int(sys.argv[3]))")


class WorkerStartError(RuntimeError):
    """A worker could not start (the model is missing, the interpreter failed)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass
class Outcome:
    """What became of one article: facts, or a one-line error."""

    article: Article
    facts: object = None
    error: str = ""            # the article is lost: why
    problems: list[str] = field(default_factory=list)   # kept, but these extractors failed
    seconds: float = 0.0       # extraction time, parsing excluded
    timed_out: bool = False


class _Worker:
    def __init__(self, model: str | None, extractor: str):
        ours, theirs = socket.socketpair()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _BOOT, json.dumps(sys.path), str(theirs.fileno()), str(os.getpid())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=2, close_fds=True)
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.conn.send(("init", model, extractor))
        self.ready = False
        self.items: dict[int, Article] = {}     # the current task's articles not yet done
        self.extracting: tuple[int, float] | None = None

    @property
    def busy(self) -> bool:
        return bool(self.items)

    def assign(self, items: list[tuple[int, Article]], timeout: float | None) -> None:
        self.items = dict(items)
        self.extracting = None
        self.conn.send(("task", items, timeout))

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.proc.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class WorkerPool:
    """Worker processes for one model and extractor, kept between ingest calls."""

    def __init__(self, model: str | None, extractor: str):
        self.model, self.extractor = model, extractor
        self.workers: list[_Worker] = []

    def take(self, n: int) -> list[_Worker]:
        """n live workers (starting any that are missing)."""
        for worker in [w for w in self.workers if w.proc.poll() is not None]:
            self.replace(worker)
        while len(self.workers) < n:
            self.workers.append(_Worker(self.model, self.extractor))
        return self.workers[:n]

    def replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        fresh = _Worker(self.model, self.extractor)
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers.clear()


_pool: WorkerPool | None = None


def shared_pool(model: str | None, extractor: str) -> WorkerPool:
    global _pool
    if _pool is None or (_pool.model, _pool.extractor) != (model, extractor):
        close_workers()
        _pool = WorkerPool(model, extractor)
    return _pool


@atexit.register
def close_workers() -> None:
    """Stop the worker processes kept between ingest calls (they also stop at exit)."""
    global _pool
    if _pool is not None:
        _pool.close()
        _pool = None


def _numbered(articles: Iterable[Article], size: int) -> Iterator[list[tuple[int, Article]]]:
    task: list[tuple[int, Article]] = []
    for seq, article in enumerate(articles):
        task.append((seq, article))
        if len(task) >= size:
            yield task
            task = []
    if task:
        yield task


def extract_all(articles: Iterable[Article], *, workers: int = 1, model: str | None = None,
                timeout: float | None = DEFAULT_TIMEOUT, task_size: int = TASK_SIZE,
                extractor: str | None = None) -> Iterator[Outcome]:
    """An Outcome for each article, in input order; `timeout` None or 0 means no limit."""
    tasks = _numbered(articles, task_size)
    first = next(tasks, None)
    if first is None:
        return  # nothing to extract (all unchanged): no worker started
    tasks = itertools.chain([first], tasks)
    pool = shared_pool(model, extractor or EXTRACTOR)
    active = pool.take(max(1, workers))
    hard_limit = HARD_FACTOR * timeout + HARD_EXTRA if timeout else None
    retry: deque[list[tuple[int, Article]]] = deque()
    finished: dict[int, Outcome] = {}
    next_seq, exhausted, clean = 0, False, False

    def finish(worker: _Worker, seq: int, outcome_args: dict) -> None:
        article = worker.items.pop(seq)
        finished[seq] = Outcome(article, **outcome_args)
        if worker.extracting and worker.extracting[0] == seq:
            worker.extracting = None

    def lost(worker: _Worker, why: str) -> _Worker:
        """The worker died or was killed: its article fails, the rest of its task is retried."""
        if not worker.ready:
            raise _start_error(worker)
        if worker.extracting:
            finish(worker, worker.extracting[0], {"error": why, "timed_out": "timed out" in why})
            rest = sorted(worker.items.items())
            if rest:
                retry.append(rest)
        elif len(worker.items) == 1:
            seq = next(iter(worker.items))
            finish(worker, seq, {"error": "the worker process died while parsing it (out of memory?)"})
        else:  # died while parsing: one article at a time finds the one that kills it
            retry.extend([item] for item in sorted(worker.items.items()))
        worker.items = {}
        fresh = pool.replace(worker)
        active[active.index(worker)] = fresh
        return fresh

    try:
        while True:
            for worker in active:
                if worker.busy:
                    continue
                task = retry.popleft() if retry else None
                # new work waits while finished articles pile up behind a slow one (memory stays flat)
                if task is None and not exhausted and len(finished) <= MAX_WAITING * len(active):
                    task = next(tasks, None)
                    exhausted = task is None
                if task is None:
                    continue
                try:
                    worker.assign(task, timeout)
                except OSError:
                    worker.items = dict(task)
                    lost(worker, "the worker process died (out of memory?)")
            while next_seq in finished:
                yield finished.pop(next_seq)
                next_seq += 1
            busy = [w for w in active if w.busy]
            if not busy:
                if exhausted and not retry and not finished:
                    break
                continue
            for conn in wait([w.conn for w in busy], timeout=POLL_SECONDS):
                worker = next(w for w in busy if w.conn is conn)
                try:
                    while worker.busy and worker.conn.poll():
                        _handle(worker, worker.conn.recv(), finish)
                except (EOFError, OSError):
                    lost(worker, "the worker process died while extracting it (out of memory?)")
                except WorkerStartError:
                    raise
            if hard_limit:
                now = time.monotonic()
                for worker in [w for w in active if w.extracting]:
                    if now - worker.extracting[1] > hard_limit and not worker.conn.poll():
                        lost(worker, f"extraction timed out after {timeout:g} s (worker stopped)")
        clean = True
    finally:
        if not clean:  # stopped midway (an error, Ctrl-C, the caller gave up): nothing half-done stays
            close_workers()


def _handle(worker: _Worker, message, finish) -> None:
    kind = message[0]
    if kind == "ready":
        worker.ready = True
    elif kind == "fatal":
        worker.ready = False
        raise WorkerStartError(message[1], message[2])
    elif kind == "start":
        worker.ready = True
        worker.extracting = (message[1], time.monotonic())
    elif kind == "done":
        _, seq, facts, problems, error, seconds, timed_out = message
        finish(worker, seq, {"facts": facts, "problems": problems, "error": error, "seconds": seconds,
                             "timed_out": timed_out})


def _start_error(worker: _Worker) -> WorkerStartError:
    code = worker.proc.wait()
    return WorkerStartError("died", f"a worker process could not start (exit code {code}); "
                                    f"see the error printed above")
