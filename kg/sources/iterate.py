"""iter_articles: every input (files, folders, JSON Lines, URLs, feeds, stdin) as a stream of Articles.

Each input yields Articles, and a SourceError for anything that cannot be read
(or a SkippedArticle for what is left out on purpose), so one bad input never
stops a batch. JSON Lines are read one line at a time; nothing reads a whole
corpus into memory.

Text length: an article over `max_text_chars` (MAX_TEXT_CHARS, a million
characters, some 150,000 words: ten times the longest real news story) is an
error by default, not truncated: such a "text" is nearly always a concatenated
dump or a failed extraction, and cutting it would store facts from half of it
without anyone noticing. Pass oversize="truncate" to keep the first
`max_text_chars` characters instead (cut at a line break where one is near;
`extra["truncated_from"]` records the original length).
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import itertools
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from datetime import date
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, Union

from kg.article import Article
from kg.sources.decode import SNIFF_BYTES, binary_kind, decode_bytes, html_declared_charset
from kg.sources.detect import FORMATS, format_from_content_type, format_from_name, is_url, sniff_format
from kg.sources.errors import SkippedArticle, SourceError, SourceProblem
from kg.sources.language import guess_language
from kg.sources.options import FetchOptions
from kg.sources.records import capped_lines, check_field_map, iter_json_document, iter_json_lines

if TYPE_CHECKING:
    from kg.sources.fetch import Fetcher

MAX_TEXT_CHARS = 1_000_000
MAX_FILE_BYTES = 64 * 1024 * 1024   # one txt/html/json document; JSON Lines are streamed, uncapped
OVERSIZE_POLICIES = ("error", "truncate")

SourceItem = Union[Article, SourceError, SkippedArticle]
_Read = Iterator[tuple[str, Union[Article, SourceProblem]]]


@dataclasses.dataclass
class _Context:
    fmt: str | None
    glob: str | None
    field_map: dict[str, str]
    published: date | None
    fetch_options: FetchOptions | None
    stdin: TextIO | None
    max_text_chars: int
    oversize: str
    check_language: bool
    _fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from kg.sources.fetch import Fetcher  # requests only once a URL shows up

            self._fetcher = Fetcher(self.fetch_options)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def iter_articles(inputs: Sequence[str], *, fmt: str | None = None, glob: str | None = None,
                  field_map: dict[str, str] | None = None, published: date | None = None,
                  fetch_options: FetchOptions | None = None, stdin: TextIO | None = None,
                  max_text_chars: int = MAX_TEXT_CHARS, oversize: str = "error",
                  check_language: bool = True) -> Iterator[SourceItem]:
    """Articles from `inputs`: paths (files or folders), http(s) URLs, or "-" for stdin.

    fmt forces a reader (txt, html, json, jsonl, url, feed) instead of detection by
    extension and content. glob filters files in folders ("*.html"). field_map maps
    article fields to other keys of JSON data ({"text": "body"}). published is the
    date for inputs that carry none (text files, stdin text, pages without a date).
    Non-English articles are skipped unless check_language is False.

    Raises ValueError at once for bad arguments; every bad *input* is yielded as a
    SourceError instead.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [os.fspath(inputs)]
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}, or none to detect it")
    if oversize not in OVERSIZE_POLICIES:
        raise ValueError(f"oversize must be one of {', '.join(OVERSIZE_POLICIES)}, not {oversize!r}")
    if max_text_chars < 1:
        raise ValueError("max_text_chars must be positive")
    ctx = _Context(fmt, glob, check_field_map(field_map), published, fetch_options, stdin,
                   max_text_chars, oversize, check_language)
    return _generate(list(inputs), ctx)


def _generate(inputs: list[str], ctx: _Context) -> Iterator[SourceItem]:
    try:
        for raw in inputs:
            for name, thing in _read_input(str(raw), ctx):
                yield _finish(name, thing, ctx)
    finally:
        ctx.close()


# --- the last checks every article passes ------------------------------------------------------

def _finish(name: str, thing: Article | SourceProblem, ctx: _Context) -> SourceItem:
    if isinstance(thing, SourceProblem):
        where = f"{name} {thing.where}" if thing.where else name
        return SkippedArticle(where, thing.reason) if thing.skip else SourceError(where, thing.reason)
    article = thing
    if not article.text.strip():
        return SourceError(name, "no article text")
    if len(article.text) > ctx.max_text_chars:
        if ctx.oversize == "error":
            return SourceError(name, f"text too long: {len(article.text):,} characters, over the "
                                     f"{ctx.max_text_chars:,} cap; split it into articles, or pass "
                                     f"--truncate to keep its start")
        article = _truncate(article, ctx.max_text_chars)
    if ctx.check_language:
        guess = guess_language(article.text)
        if guess.english is False:
            return SkippedArticle(name, f"not English (looks like {guess.name}: {guess.english_ratio:.0%} of "
                                        f"its words are English function words, against over 30% in "
                                        f"English); pass --any-language to keep it")
        if guess.code == "en" and not article.language:
            article = dataclasses.replace(article, language="en")
    return article


def _truncate(article: Article, limit: int) -> Article:
    cut = article.text.rfind("\n", 0, limit)
    if cut < limit * 0.9:
        cut = limit
    extra = {**article.extra, "truncated_from": len(article.text)}
    return dataclasses.replace(article, text=article.text[:cut].rstrip(), extra=extra)


# --- dispatch ----------------------------------------------------------------------------------

def _display(path: Path) -> str:
    """How a path is named in ids and messages: relative to the working directory when inside it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return Path(os.path.normpath(path)).as_posix()


def _read_input(raw: str, ctx: _Context) -> _Read:
    if raw == "-":
        yield from _read_stdin(ctx)
        return
    if is_url(raw):
        yield from _read_url(raw, ctx)
        return
    path = Path(raw)
    if not path.exists():
        first = raw.split("/", 1)[0]
        looks_web = raw.startswith("www.") or ("/" in raw and "." in first.strip(".")
                                               and format_from_name(first) is None)
        if ctx.fmt == "url" or (ctx.fmt == "feed" and looks_web):
            yield from _read_url("https://" + raw, ctx)
            return
        hint = "; for a URL write it in full, with https://" if looks_web else "; check the path"
        yield raw, SourceProblem(f"no such file or directory{hint}")
        return
    if path.is_dir():
        yield from _read_dir(path, ctx)
        return
    yield from _read_file(path, _display(path), ctx)


def _identity(path: Path, regular: bool) -> str:
    """A file's article id: its resolved absolute path, so `note.txt`, `./note.txt` and
    `/abs/dir/note.txt` are one article and `note.txt` in another folder is another.
    A pipe or device has no stable real path: it keeps the name as typed."""
    return str(path.resolve()) if regular else _display(path)


def _read_dir(root: Path, ctx: _Context) -> _Read:
    found = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(dirpath) / filename
            if ctx.glob:
                rel = path.relative_to(root).as_posix()
                if not (fnmatch(filename, ctx.glob) or fnmatch(rel, ctx.glob)):
                    continue
            elif ctx.fmt in (None, "url") and format_from_name(filename) is None:
                continue  # unknown extension, no glob asking for it: not ours
            found += 1
            yield from _read_file(path, _display(path), ctx)
    if not found:
        what = f"files matching {ctx.glob!r}" if ctx.glob else "article files (.txt .html .json .jsonl .xml)"
        yield _display(root), SourceProblem(f"no {what} in this folder" +
                                            ("" if ctx.glob else "; pass a glob to pick other files"))


# --- files -------------------------------------------------------------------------------------

def _read_file(path: Path, name: str, ctx: _Context) -> _Read:
    """One file; opened once and peeked at, so pipes (`<(zcat corpus.jsonl.gz)`) stream too."""
    gzipped = path.suffix.lower() == ".gz"
    inner = path.name[:-3] if gzipped else path.name
    kind = ctx.fmt if ctx.fmt not in (None, "url") else format_from_name(inner)
    try:
        info = path.stat()
        regular = stat.S_ISREG(info.st_mode) and not gzipped
        ident = _identity(path, stat.S_ISREG(info.st_mode))
        with _open(path, gzipped) as f:
            head = f.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            if not head or (regular and info.st_size == 0):
                raise SourceProblem("empty file")
            what = binary_kind(head)
            if what:
                raise SourceProblem(f"not text: looks like {what}")
            if kind is None:
                kind = sniff_format(head)
            if kind == "json":
                first = head.split(b"\n", 1)[0]
                if _is_json_object_line(first) and head[len(first):].strip():
                    kind = "jsonl"  # a .json file holding JSON Lines: stream it
            if kind == "jsonl":
                yield from _read_jsonl(f, name, ctx, ident)
                return
            if regular and kind == "txt" and ctx.oversize == "error" and info.st_size > 4 * ctx.max_text_chars + 4:
                raise SourceProblem(f"text too long: {info.st_size:,} bytes, over the {ctx.max_text_chars:,} "
                                    f"character cap; split it, or pass --truncate to keep its start")
            data = f.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                hint = "; convert it to JSON Lines, one article a line" if kind == "json" else "; split it"
                raise SourceProblem(f"file too large: over {MAX_FILE_BYTES:,} bytes{hint}")
    except SourceProblem as problem:
        yield name, problem
        return
    except (OSError, EOFError, zlib.error) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield name, SourceProblem(f"cannot read it: {why}")
        return
    yield from _read_document(data, name, kind, ctx, declared=None, url=None, ident=ident)


def _open(path: Path, gzipped: bool) -> io.BufferedReader:
    """The file's bytes, decompressed for .gz, behind a buffer that can peek."""
    if gzipped:
        return io.BufferedReader(gzip.GzipFile(path, "rb"))  # type: ignore[arg-type]
    return path.open("rb")


def _is_json_object_line(line: bytes) -> bool:
    import json

    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _line_cap(ctx: _Context) -> int:
    """Bytes one JSON line may hold: room for a text at the character cap even if every
    character is escaped as \\uXXXX, plus its other fields. Truncating keeps longer texts."""
    if ctx.oversize == "truncate":
        return MAX_FILE_BYTES
    return 6 * ctx.max_text_chars + 64 * 1024


def _read_jsonl(f, name: str, ctx: _Context, ident: str) -> _Read:
    count = 0
    for item in iter_json_lines(capped_lines(f, _line_cap(ctx)), name=name, field_map=ctx.field_map,
                                id_prefix=ident):
        count += 1
        yield item
    if not count:
        yield name, SourceProblem("no articles: only blank lines")


def _read_document(data: bytes, name: str, kind: str, ctx: _Context, *, declared: str | None,
                   url: str | None, feed_item=None, ident: str | None = None) -> _Read:
    """One document's bytes, already fetched or read, through the reader for `kind`.
    `ident` is the article id of a file (its real path), `name` how messages call it."""
    ident = ident or name
    try:
        if not data.strip():
            raise SourceProblem("empty: no text in it")
        what = binary_kind(data)
        if what:
            raise SourceProblem(f"not text: looks like {what}")
        if kind == "feed":
            if feed_item is not None:
                raise SourceProblem("the link leads to another feed; feeds are followed one level deep")
            yield from _read_feed(data, name, ctx, base_url=url)
            return
        if kind == "jsonl":
            yield from iter_json_lines(data.splitlines(), name=name, field_map=ctx.field_map,
                                       id_prefix=ident)
            return
        text, encoding = decode_bytes(data, declared if kind != "html" else
                                      declared or html_declared_charset(data))
        extra = {"encoding": encoding} if encoding not in ("utf-8", "ascii") else {}
        if kind == "json":
            yield from iter_json_document(text, name=name, field_map=ctx.field_map, id_prefix=ident)
            return
        item_date = feed_item.published if feed_item else None
        item_title = feed_item.title if feed_item else None
        if feed_item is not None:
            extra["feed_item"] = feed_item.number
        if kind == "html":
            from kg.sources.html_page import article_from_html

            yield name, article_from_html(text, id=None if url else ident, url=url,
                                          published=item_date or ctx.published, title=item_title,
                                          extra=extra)
            return
        from kg.sources.text_file import article_from_text

        article = article_from_text(text, id=url or ident, url=url,
                                    published=item_date or ctx.published, extra=extra)
        if item_title and not article.title:
            article = dataclasses.replace(article, title=item_title)
        yield name, article
    except SourceProblem as problem:
        yield name, problem
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError) as exc:
        # trafilatura, lxml and feedparser are robust but not proven so on every page on
        # the web: one odd document must not end the batch.
        yield name, SourceProblem(f"could not parse it as {kind} ({type(exc).__name__}: "
                                  f"{str(exc)[:120]}); try another --format, or report it")


# --- stdin -------------------------------------------------------------------------------------

def _read_stdin(ctx: _Context) -> _Read:
    """JSON Lines (streamed) when the first line is a JSON object, else one document:
    a JSON list, HTML, a feed, or plain text with the first line as title."""
    stream = ctx.stdin if ctx.stdin is not None else sys.stdin
    name = "stdin"
    try:
        head: list[str] = []
        for line in stream:
            head.append(line)
            if line.strip():
                break
        first = head[-1].lstrip("\ufeff").strip() if head else ""
        if not first:
            yield name, SourceProblem("empty: nothing was piped in")
            return
        kind = ctx.fmt if ctx.fmt not in (None, "url") else _stdin_kind(first)
        if kind == "jsonl":
            yield from iter_json_lines(itertools.chain(head, stream), name=name, field_map=ctx.field_map)
            return
        text = "".join(head) + stream.read()
    except UnicodeDecodeError as exc:
        yield name, SourceProblem(f"not UTF-8 text ({exc.reason}); pipe UTF-8 in (e.g. through iconv)")
        return
    if kind == "json":
        yield from iter_json_document(text, name=name, field_map=ctx.field_map)
        return
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:12]  # same text, same id: re-piping is idempotent
    yield from _read_document(data, f"stdin:{digest}", kind, ctx, declared="utf-8", url=None)


def _stdin_kind(first_line: str) -> str:
    if first_line.startswith("{") and first_line != "{":
        return "jsonl"   # a broken first line is then one error, not the loss of the stream
    if first_line.startswith(("{", "[")):
        return "json"    # pretty-printed
    return sniff_format(first_line.encode("utf-8"))


# --- the web -----------------------------------------------------------------------------------

def _read_url(url: str, ctx: _Context, *, name: str | None = None, feed_item=None) -> _Read:
    name = name or url
    try:
        fetched = ctx.fetcher.get(url)
    except SourceProblem as problem:
        yield name, problem
        return
    if ctx.fmt in ("txt", "html", "json", "jsonl", "feed") and feed_item is None:
        kind = ctx.fmt
    else:
        kind = format_from_content_type(fetched.media_type, fetched.body, fetched.url)
    yield from _read_document(fetched.body, name, kind, ctx, declared=fetched.charset,
                              url=fetched.url, feed_item=feed_item)


def _read_feed(data: bytes, name: str, ctx: _Context, *, base_url: str | None) -> _Read:
    from kg.sources.feeds import parse_feed

    _title, items = parse_feed(data, base_url)   # SourceProblem propagates to _read_document
    seen: set[str] = set()
    for item in items:
        item_name = f"{name} item {item.number}" + (f" ({item.link})" if item.link else "")
        if not item.link:
            yield item_name, SourceProblem("the feed item has no link to follow")
            continue
        if item.link in seen:
            continue
        seen.add(item.link)
        if not is_url(item.link):
            yield item_name, SourceProblem("the item's link is not an http(s) URL (a relative link in "
                                           "a local feed file? feeds need absolute links)")
            continue
        yield from _read_url(item.link, ctx, name=item_name, feed_item=item)
