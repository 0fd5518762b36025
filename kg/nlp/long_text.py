"""Parsing a text of any length in pieces, so memory and time stay proportional to it.

spaCy's parser needs working memory that grows with the text (some 1.2 GB for 300,000
characters with the small English model) and refuses texts over nlp.max_length. A long
text is cut at line breaks (else spaces) into pieces of at most PIECE_CHARS, the pieces
parsed one by one and joined with Doc.from_docs: the same text and character offsets,
with entities, sentences and span groups; a sentence never crosses a line break anyway.
"""
from __future__ import annotations

from typing import Iterable, Iterator

PIECE_CHARS = 100_000


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut into consecutive pieces of at most `size` characters ("".join gives it back)."""
    out, start = [], 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        cut = end if cut < 0 else cut + 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse_long(nlp, text: str, size: int = PIECE_CHARS):
    """One Doc for `text`, parsed in pieces of at most `size` characters."""
    from spacy.tokens import Doc

    parts = pieces(text, size)
    if len(parts) == 1:
        return nlp(text)
    return Doc.from_docs(list(nlp.pipe(parts, batch_size=1)), ensure_whitespace=False)


def parse_pairs(nlp, pairs: Iterable[tuple[str, object]], batch_size: int,
                size: int = PIECE_CHARS) -> Iterator[tuple[object, object]]:
    """Like nlp.pipe(pairs, as_tuples=True), in order, with long texts parsed in pieces."""
    short: list[tuple[str, object]] = []
    for text, context in pairs:
        if len(text) <= size:
            short.append((text, context))
            continue
        yield from nlp.pipe(short, as_tuples=True, batch_size=batch_size)
        short = []
        yield parse_long(nlp, text, size), context
    yield from nlp.pipe(short, as_tuples=True, batch_size=batch_size)
