"""JSON articles: one object, a list of them, or one per line (JSON Lines).

Documented fields (see shared eval/README.md): id, url, title, published, text;
also author, publisher, language. `field_map` names other keys for other dataset
shapes, e.g. {"text": "body", "published": "date"}; dotted keys reach into nested
objects ("meta.date"). The id falls back to the url, then to "<file>:<line>".
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from kg.article import Article
from kg.sources.dates import parse_published
from kg.sources.errors import SourceProblem

FIELDS = ("id", "url", "title", "published", "text", "author", "publisher", "language")


@dataclass(frozen=True)
class OversizedLine:
    """Stands in for a line too long to hold in memory; it was read past, not kept."""

    size: int        # bytes in the line
    cap: int         # the cap it broke
    head: bytes      # its first bytes, to tell a JSON list saved as .jsonl


def capped_lines(f: BinaryIO, cap: int) -> Iterator[bytes | OversizedLine]:
    """The lines of a binary stream, never holding more than `cap` bytes of one line."""
    while True:
        line = f.readline(cap + 1)
        if not line:
            return
        if len(line) <= cap or line.endswith(b"\n"):
            yield line
            continue
        size, head = len(line), line[:64]
        while True:
            chunk = f.readline(1 << 20)
            size += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                break
        yield OversizedLine(size, cap, head)


def check_field_map(field_map: dict[str, str] | None) -> dict[str, str]:
    """Validate once, before any input is read: a typo here would fail every record."""
    field_map = dict(field_map or {})
    for ours, theirs in field_map.items():
        if ours not in FIELDS:
            raise ValueError(f"--field: {ours!r} is not an article field; map one of "
                             f"{', '.join(FIELDS)} to a key of your data, e.g. --field text=body")
        if not isinstance(theirs, str) or not theirs:
            raise ValueError(f"--field: {ours!r} must name a key of your data, got {theirs!r}")
    return field_map


def _lookup(obj: dict, key: str) -> Any:
    if key in obj:
        return obj[key]
    value: Any = obj
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _optional_str(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value) or None  # e.g. several authors
    raise SourceProblem(f"field {key!r} is a {type(value).__name__}, expected a string")


def article_from_record(obj: Any, *, field_map: dict[str, str], fallback_id: str) -> Article:
    if isinstance(obj, list):
        raise SourceProblem("expected a JSON object with a \"text\" field, got a list; JSON Lines "
                            "need one article object per line (convert a list with jq -c '.[]')")
    if not isinstance(obj, dict):
        raise SourceProblem(f"expected a JSON object with a \"text\" field, got a {type(obj).__name__}")
    key = {f: field_map.get(f, f) for f in FIELDS}
    text = _lookup(obj, key["text"])
    if text is None:
        keys = ", ".join(list(obj)[:12]) or "none"
        hint = "" if "text" in field_map else "; if the text is under another key, map it: --field text=KEY"
        raise SourceProblem(f"no {key['text']!r} field (keys present: {keys}){hint}")
    if not isinstance(text, str):
        raise SourceProblem(f"field {key['text']!r} is a {type(text).__name__}, expected a string")
    if not text.strip():
        raise SourceProblem(f"field {key['text']!r} is empty")
    url = _optional_str(_lookup(obj, key["url"]), key["url"])
    id_ = _optional_str(_lookup(obj, key["id"]), key["id"]) or url or fallback_id
    return Article(
        id=id_, text=text, url=url,
        title=_optional_str(_lookup(obj, key["title"]), key["title"]),
        published=parse_published(_lookup(obj, key["published"]), key["published"]),
        author=_optional_str(_lookup(obj, key["author"]), key["author"]),
        publisher=_optional_str(_lookup(obj, key["publisher"]), key["publisher"]),
        language=_optional_str(_lookup(obj, key["language"]), key["language"]),
    )


# Python's json messages, in words a user can act on: (what is wrong, what usually causes it).
_JSON_ERRORS = {
    "Invalid control character at": ("invalid control character in a string",
                                     "a raw tab or line break inside a string must be written \\t or \\n"),
    "Unterminated string starting at": ("unterminated string", "a closing quote is missing, or the line was cut"),
    "Expecting value": ("expected a value", "a trailing comma, a missing value, or text that is not JSON"),
    "Expecting property name enclosed in double quotes": ("expected a key in double quotes",
                                                          "a trailing comma, or a key in single quotes"),
    "Expecting ',' delimiter": ("expected a comma", "a missing comma, or an unescaped quote inside a string"),
    "Expecting ':' delimiter": ("expected a colon after a key", "a key without its value"),
    "Extra data": ("more data after the end of the JSON value", "two objects on one line?"),
    "Invalid \\escape": ("invalid backslash escape", "write a backslash as \\\\"),
    "Invalid \\uXXXX escape": ("invalid \\u escape", "\\u takes four hex digits"),
}


def json_problem(exc: json.JSONDecodeError, name: str, line: int | None = None) -> tuple[str, SourceProblem]:
    """("corpus.jsonl line 7, column 12", problem "invalid control character in a string (…)")."""
    what, hint = _JSON_ERRORS.get(exc.msg, (exc.msg[:1].lower() + exc.msg[1:], ""))
    where = f"{name} line {line if line is not None else exc.lineno}, column {exc.colno}"
    return where, SourceProblem(f"{what} (broken JSON{': ' + hint if hint else ''})")


def iter_json_lines(lines: Iterable[bytes | str | OversizedLine], *, name: str, field_map: dict[str, str],
                    id_prefix: str | None = None) -> Iterator[tuple[str, Article | SourceProblem]]:
    """(input name, Article or problem) per non-blank line, reading one line at a time.
    A record with neither id nor url is "<id_prefix>:<line>" (id_prefix: the file's real path)."""
    for n, line in enumerate(lines, start=1):
        where = f"{name} line {n}"
        if isinstance(line, OversizedLine):
            hint = ("; it starts with '[': a JSON list saved as JSON Lines? convert it with "
                    "jq -c '.[]'" if line.head.lstrip().startswith(b"[") else
                    "; split the article, or pass --truncate to keep its start")
            yield where, SourceProblem(f"text too long: the line has {line.size:,} bytes, over the "
                                       f"{line.cap:,}-byte line cap{hint}")
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield where, SourceProblem(
                    f"not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); "
                    f"JSON Lines must be UTF-8: re-encode the file (e.g. iconv -t UTF-8)")
                continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line.rstrip("\r\n"))  # an unterminated string is not "a control character"
        except json.JSONDecodeError as exc:
            yield json_problem(exc, name, n)
            continue
        try:
            yield where, article_from_record(obj, field_map=field_map, fallback_id=f"{id_prefix or name}:{n}")
        except SourceProblem as problem:
            yield where, problem


def iter_json_document(text: str, *, name: str, field_map: dict[str, str], id_prefix: str | None = None
                       ) -> Iterator[tuple[str, Article | SourceProblem]]:
    """A .json file: one article object, or a list of them (items named "item N")."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield json_problem(exc, name)
        return
    if isinstance(doc, list):
        if not doc:
            yield name, SourceProblem("an empty JSON list: no articles in it")
        for n, obj in enumerate(doc, start=1):
            try:
                yield f"{name} item {n}", article_from_record(obj, field_map=field_map,
                                                               fallback_id=f"{id_prefix or name}:{n}")
            except SourceProblem as problem:
                yield f"{name} item {n}", problem
        return
    try:
        yield name, article_from_record(doc, field_map=field_map, fallback_id=id_prefix or name)
    except SourceProblem as problem:
        yield name, problem
