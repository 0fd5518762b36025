"""How many articles a list of inputs holds, cheaply, for progress bars with an ETA.

Counts lines of JSON Lines files (plain or .gz) and files in folders; answers None
when it cannot know without reading the articles themselves (URLs, feeds, stdin).
"""
from __future__ import annotations

import gzip
from collections.abc import Sequence
from fnmatch import fnmatch
from pathlib import Path

from kg.sources.detect import format_from_name, is_url


def estimate_count(inputs: Sequence[str], *, glob: str | None = None) -> int | None:
    """The number of articles in `inputs`, or None when some input cannot be counted up front."""
    total = 0
    for name in inputs:
        if name == "-" or is_url(name):
            return None
        path = Path(name)
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and (not glob or fnmatch(p.name, glob)))
        elif path.is_file():
            total += _count_file(path)
    return total


def _count_file(path: Path) -> int:
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    if format_from_name(name) != "jsonl":
        return 1
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 1
