"""The ingest loop: articles → facts (in worker processes) → article graphs → store.

Streaming all the way: articles are read lazily from their sources, parsed in
batches, and written to the store a batch at a time, so memory stays flat on a
corpus of any size. Each article is written as one named graph in one
transaction, so a crash never leaves half an article behind.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from kg.article import Article

BATCH_SIZE = 32          # articles per store write batch
TASK_SIZE = 16           # articles per worker task: small enough for a smooth progress bar
PIPE_BATCH = 8           # spaCy's internal batch in the single-process path
MAX_IN_FLIGHT = 2        # batches queued per worker: enough to keep workers busy, bounded for memory


class IngestError(RuntimeError):
    """The ingest could not go on (what was done before is stored)."""


@dataclass
class IngestEvent:
    """What the loop tells the caller as it goes (for progress bars and logs)."""

    kind: str            # "parsed" (extracted, not yet stored), "ingested", "replaced", "unchanged",
                         # "skipped", "failed"
    input: str           # article id, file, line or URL
    message: str = ""


@dataclass
class IngestReport:
    ingested: int = 0
    replaced: int = 0    # stored before with other content: the new graph replaced the old
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    triples: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        return (f"{self.ingested} ingested, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.skipped} skipped, {self.failed} failed in {self.seconds:.1f}s")


def parse_shard(spec: str) -> tuple[int, int]:
    """'2/4' → (2, 4): the second of four shares (1-based, like `split -n l/K/N`)."""
    try:
        i, n = (int(x) for x in spec.split("/"))
    except ValueError:
        raise ValueError(f"--shard takes I/N with whole numbers, e.g. 1/4; got {spec!r}") from None
    if not (n >= 1 and 1 <= i <= n):
        raise ValueError(f"--shard I/N needs 1 <= I <= N; got {spec!r}")
    return i, n


def in_shard(article_id: str, shard: tuple[int, int] | None) -> bool:
    """A stable share by article id: the same id lands in the same shard on every machine."""
    if shard is None:
        return True
    i, n = shard
    digest = hashlib.sha1(article_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == i - 1


# --- workers ---------------------------------------------------------------------------------

_worker_nlp = None


def _init_worker(model: str | None) -> None:
    global _worker_nlp
    from kg.nlp.pipeline import load_nlp

    _worker_nlp = load_nlp(model)


def _extract_stream(articles: Iterable[Article]) -> Iterator[tuple[Article, object]]:
    """Parse and extract article by article; a failure is reported for its article alone."""
    from kg.extract import extract_facts

    pairs = _worker_nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=PIPE_BATCH)
    for doc, article in pairs:
        try:
            yield article, extract_facts(doc, article)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            yield article, f"{type(exc).__name__}: {exc}"


def _extract_batch(articles: list[Article]) -> list[tuple[Article, object]]:
    return list(_extract_stream(articles))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extracted(articles: Iterable[Article], *, workers: int = 1, model: str | None = None,
              batch_size: int = TASK_SIZE) -> Iterator[tuple[Article, object]]:
    """(article, ArticleFacts or error text) for each article, in input order."""
    if workers <= 1:
        _init_worker(model)
        yield from _extract_stream(articles)
        return
    from kg.nlp.pipeline import check_model

    check_model(model)  # a clear error here, not a broken pool later
    # spawn, not fork: the parent holds an open store (RocksDB threads, file locks) that a
    # forked child must not inherit mid-operation
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=(model,)) as pool:
        pending: deque[Future] = deque()
        try:
            for batch in _batches(articles, batch_size):
                pending.append(pool.submit(_extract_batch, batch))
                if len(pending) >= workers * MAX_IN_FLIGHT:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool:
            raise IngestError("a worker process died (out of memory?); the articles before it are "
                              "stored: run the same command again to go on, with fewer --workers") from None


# --- the loop --------------------------------------------------------------------------------

def ingest_articles(store, items: Iterable, *, workers: int = 1, model: str | None = None,
                    force: bool = False, shard: tuple[int, int] | None = None,
                    on_event: Callable[[IngestEvent], None] | None = None,
                    batch_size: int = BATCH_SIZE) -> IngestReport:
    """Ingest Articles (and the source errors met on the way) into `store`.

    `items` yields Article objects, or objects whose str() is a one-line error
    (source errors) or skip notice (with `.skipped = True`). Unchanged articles
    (same content hash as stored) are skipped unless `force`.
    """
    from kg.rdf.ids import article_iri
    from kg.rdf.mapping import article_graph

    report = IngestReport()
    started = time.perf_counter()
    emit = on_event or (lambda event: None)

    def note(kind: str, name: str, message: str = "") -> None:
        setattr(report, kind, getattr(report, kind) + 1)
        if kind == "failed":
            report.errors.append(message)
        emit(IngestEvent(kind, name, message))

    def to_extract() -> Iterator[Article]:
        for item in items:
            if not isinstance(item, Article):
                kind = "skipped" if getattr(item, "skipped", False) else "failed"
                note(kind, getattr(item, "input", ""), str(item))
                continue
            if not in_shard(item.id, shard):
                continue
            stored = store.stored_hash(str(article_iri(item.id)))
            if not force and stored == item.content_hash:
                note("unchanged", item.id)
                continue
            if stored is not None and stored != item.content_hash:
                replacing.add(item.id)
            yield item

    pending: list[tuple[str, object]] = []
    pending_articles: list[Article] = []
    replacing: set[str] = set()  # ids of stored articles whose content changed

    def flush() -> None:
        if not pending:
            return
        try:
            store.replace_graphs(pending)
        except Exception as exc:  # noqa: BLE001 - the store's message names the cause
            for article in pending_articles:
                note("failed", article.id, f"{article.id}: not stored: {exc}")
        else:
            for article in pending_articles:
                note("replaced" if article.id in replacing else "ingested", article.id)
                replacing.discard(article.id)
        pending.clear()
        pending_articles.clear()

    try:
        for article, facts in extracted(to_extract(), workers=workers, model=model):
            if isinstance(facts, str):
                note("failed", article.id, f"{article.id}: extraction failed: {facts}")
                continue
            emit(IngestEvent("parsed", article.id))
            iri, graph = article_graph(facts)
            report.triples += len(graph)
            pending.append((str(iri), graph))
            pending_articles.append(article)
            if len(pending) >= batch_size:
                flush()
    finally:
        flush()  # whatever was extracted is stored, even when the loop stops early
    report.seconds = time.perf_counter() - started
    return report
