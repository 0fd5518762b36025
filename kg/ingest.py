"""The ingest loop: articles → facts (in worker processes) → article graphs → store.

Each article's extraction has a time limit (`extract_timeout`, 10 s by default, counted
after parsing): one that runs over is reported on one line and the batch goes on; a
worker stuck past it is replaced (kg.worker_pool).

Streaming all the way: articles are read lazily from their sources, parsed in
batches, and written to the store a batch at a time, so memory stays flat on a
corpus of any size. Each article is written as one named graph in one
transaction, so a crash never leaves half an article behind.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from kg.article import Article
from kg.worker_pool import DEFAULT_TIMEOUT as DEFAULT_EXTRACT_TIMEOUT
from kg.worker_pool import TASK_SIZE, Outcome, WorkerStartError, extract_all

BATCH_SIZE = 32          # articles per store write batch


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

def extracted(articles: Iterable[Article], *, workers: int = 1, model: str | None = None,
              extract_timeout: float | None = DEFAULT_EXTRACT_TIMEOUT,
              batch_size: int = TASK_SIZE) -> Iterator[Outcome]:
    """An Outcome (facts, or a one-line error) for each article, in input order.

    Always in worker processes (kg.worker_pool says why), each article's extraction
    limited to `extract_timeout` seconds (None or 0: no limit)."""
    from kg.nlp.pipeline import ModelNotInstalled

    try:
        yield from extract_all(articles, workers=workers, model=model, timeout=extract_timeout,
                               task_size=batch_size)
    except WorkerStartError as exc:
        if exc.kind == "ModelNotInstalled":
            raise ModelNotInstalled(str(exc)) from None
        raise IngestError(str(exc)) from None


# --- the loop --------------------------------------------------------------------------------

def ingest_articles(store, items: Iterable, *, workers: int = 1, model: str | None = None,
                    force: bool = False, shard: tuple[int, int] | None = None,
                    extract_timeout: float | None = DEFAULT_EXTRACT_TIMEOUT,
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
    pending_articles: list[tuple[Article, str]] = []
    replacing: set[str] = set()  # ids of stored articles whose content changed

    def flush() -> None:
        if not pending:
            return
        try:
            store.replace_graphs(pending)
        except Exception as exc:  # noqa: BLE001 - the store's message names the cause
            for article, _ in pending_articles:
                note("failed", article.id, f"{article.id}: not stored: {exc}")
        else:
            for article, problems in pending_articles:
                if problems:
                    note("failed", article.id, f"{article.id}: {problems} (its other facts were stored)")
                else:
                    note("replaced" if article.id in replacing else "ingested", article.id)
                replacing.discard(article.id)
        pending.clear()
        pending_articles.clear()

    try:
        for outcome in extracted(to_extract(), workers=workers, model=model, extract_timeout=extract_timeout):
            article = outcome.article
            if outcome.error:
                note("failed", article.id, f"{article.id}: {outcome.error}")
                continue
            emit(IngestEvent("parsed", article.id))
            iri, graph = article_graph(outcome.facts)
            report.triples += len(graph)
            pending.append((str(iri), graph))
            # an extractor that failed loses its family only: the rest is stored, the article counts as failed
            pending_articles.append((article, "; ".join(outcome.problems)))
            if len(pending) >= batch_size:
                flush()
    finally:
        flush()  # whatever was extracted is stored, even when the loop stops early
    report.seconds = time.perf_counter() - started
    return report
