"""Fast bulk loading of RDF files into a pyoxigraph store.

One `Store.bulk_load` call parses the whole file on one thread and then sorts and
writes every index of each million-quad batch on one more: on a 1M-quad file that
is ~90-110k quads/s. Line-based files (N-Quads, N-Triples) can be cut at line ends and
the blocks loaded by separate calls on LOAD_THREADS threads (pyoxigraph releases the
GIL), which measured ~2× faster; smaller batches also sort faster. Turtle and TriG
cannot be cut as text (prefixes, multi-line statements): they are parsed here and
handed over as N-Quads blocks (~2× faster too).

Two limits keep that safe:
- a blank node label is scoped to one parser call, so a file containing "_:" (or, in
  Turtle/TriG, "[") loads in one call (kg's own files have no blank nodes);
- every call adds its own files to RocksDB's first level and reads slow down with
  their number (32 blocks per million quads made a full scan 5× slower), so a file
  is cut into at most MAX_BLOCKS blocks, and the caller compacts the store afterwards
  (EmbeddedStore.load does): 1M quads load in ~4 s + ~1.8 s of compaction, against
  ~9 s in one call.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from typing import BinaryIO, Iterator

import pyoxigraph as ox

LOAD_THREADS = 2
MAX_BLOCKS = 8
MIN_BLOCK_BYTES = 8 << 20          # smaller files are not worth cutting
BLOCK_QUADS = 250_000              # Turtle/TriG blocks, re-serialized as N-Quads
TURTLE_BYTES_PER_QUAD = 60         # what kg's TriG dumps average, to size blocks of big files
LINE_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)
STATEMENT_FORMATS = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)


def load_file(db: ox.Store, path: str | os.PathLike, fmt: ox.RdfFormat, *,
              to_graph: ox.NamedNode | None = None, lenient: bool = False) -> int:
    """Bulk-load one file into `db`, in parallel blocks when the format and content allow it.

    Returns the number of bulk_load calls made (1 when the file was not cut)."""
    size = os.path.getsize(path)
    if size < 2 * MIN_BLOCK_BYTES or fmt not in LINE_FORMATS + STATEMENT_FORMATS or _has_blank_nodes(path, fmt):
        db.bulk_load(path=str(path), format=fmt, to_graph=to_graph, lenient=lenient)
        return 1
    if fmt in LINE_FORMATS:
        blocks = line_blocks(open(path, "rb"), max(MIN_BLOCK_BYTES, -(-size // MAX_BLOCKS)))
        block_format = fmt
    else:
        blocks = reserialized_blocks(path, fmt, lenient, max(BLOCK_QUADS, size // TURTLE_BYTES_PER_QUAD // MAX_BLOCKS))
        block_format = ox.RdfFormat.N_QUADS
    return _load_blocks(db, blocks, block_format, to_graph, lenient)


def _load_blocks(db: ox.Store, blocks: Iterator[bytes], fmt: ox.RdfFormat,
                 to_graph: ox.NamedNode | None, lenient: bool) -> int:
    pending: deque[Future] = deque()
    count = 0
    with ThreadPoolExecutor(LOAD_THREADS, thread_name_prefix="kg-load") as pool:
        try:
            for block in blocks:
                if len(pending) >= LOAD_THREADS:       # at most LOAD_THREADS + 1 blocks in memory
                    pending.popleft().result()
                pending.append(pool.submit(db.bulk_load, block, fmt, to_graph=to_graph, lenient=lenient))
                count += 1
            while pending:
                pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
            close = getattr(blocks, "close", None)
            if close:
                close()
    return count


def reserialized_blocks(path: str | os.PathLike, fmt: ox.RdfFormat, lenient: bool, quads: int) -> Iterator[bytes]:
    """A Turtle/TriG file as N-Quads blocks of `quads` quads: parsed and written by
    pyoxigraph on this thread (islice pulls the quads; no Python code per quad) while
    the loader threads sort and write the blocks before."""
    parsed = ox.parse(path=str(path), format=fmt, lenient=lenient)
    while block := ox.serialize(islice(parsed, quads), None, ox.RdfFormat.N_QUADS):
        yield block


def line_blocks(f: BinaryIO, block_bytes: int) -> Iterator[bytes]:
    """`f` in blocks of about `block_bytes`, each ending at a line end (closes `f` at the end)."""
    with f:
        while block := f.read(block_bytes):
            if not block.endswith(b"\n"):
                block += f.readline()
            yield block


def _has_blank_nodes(path: str | os.PathLike, fmt: ox.RdfFormat, window: int = 16 << 20) -> bool:
    """True when the file may name a blank node: "_:" (or "[" in Turtle/TriG) anywhere,
    maybe inside a literal, where we are merely cautious."""
    marks = (b"_:",) if fmt in LINE_FORMATS else (b"_:", b"[")
    with open(path, "rb") as f:
        tail = b""
        while chunk := f.read(window):
            if any(m in tail + chunk[:1] or m in chunk for m in marks):
                return True
            tail = chunk[-1:]
    return False
