"""Bytes → text: refuse binary data, honour BOMs and declared charsets, else
UTF-8, else whatever charset-normalizer finds; say so when nothing fits.

A BOM or a declared charset is a claim, not proof: any even number of bytes
"decodes" as UTF-16, and anything at all as Latin-1. So what such a decoding gives
must read as text (charset-normalizer's mess ratio: 0 for real text in any script,
well over 1 for bytes decoded with the wrong table) or the next guess is tried.
Valid UTF-8 needs no such check: random bytes are almost never valid UTF-8."""
from __future__ import annotations

import codecs
import re

from kg.sources.errors import SourceProblem

# Magic numbers of the binary files people most often feed in by mistake.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document (convert it to text first, e.g. pdftotext)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub; export it as text or HTML)"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"BZh", "a bzip2 archive (decompress it first)"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (export it as text or HTML)"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = bytes(c for c in range(32) if c not in b"\t\n\r\f\b\x1b")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
SNIFF_BYTES = 8192
MAX_MESS = 0.2          # charset-normalizer's own cut-off between text and garbage
MESS_SAMPLE_CHARS = 20_000


def binary_kind(data: bytes) -> str | None:
    """What `data` looks like if it is not text ("a PNG image"), else None."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    head = data[:SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text has NUL bytes but is text
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    if head and sum(head.count(c) for c in _CONTROL) / len(head) > 0.1:
        return "binary data (it is mostly control characters)"
    return None


def html_declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta charset> or http-equiv, if any."""
    m = _META_CHARSET.search(data[:SNIFF_BYTES])
    return m.group(1).decode("ascii", "replace") if m else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def reads_as_text(text: str) -> bool:
    """Does `text` look like writing rather than bytes decoded with the wrong table?"""
    from charset_normalizer.md import mess_ratio

    return mess_ratio(text[:MESS_SAMPLE_CHARS], MAX_MESS) < MAX_MESS


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Raises SourceProblem for binary or undecodable data."""
    kind = binary_kind(data)
    if kind:
        raise SourceProblem(f"not text: looks like {kind}")
    bom_enc = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    for enc in (bom_enc, _codec(declared), "utf-8"):
        if enc:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if enc in ("utf-8", "utf-8-sig") or reads_as_text(text):
                return text, enc
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 input

    best = from_bytes(data).best()
    if best is not None and best.encoding and reads_as_text(str(best)):
        return str(best), best.encoding
    if bom_enc and bom_enc != "utf-8-sig":
        raise SourceProblem(
            f"cannot decode the text: it starts like {bom_enc.upper()} (bytes {data[:2].hex(' ').upper()}) "
            f"but does not read as {bom_enc.upper()}, nor as text in any other encoding; if it is text, "
            f"convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)")
    where = "invalid bytes"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    raise SourceProblem(
        f"cannot decode the text: not UTF-8 ({where}) and no other encoding fits; "
        f"convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)")
