"""Per-document lookups for the extractors that cost no scan of the whole document.

spaCy rebuilds `doc.text` from every token, and `doc.ents` from every token, on each
access; Span.ents walks every entity of the document. Read once per mention or per
trigger they made extraction quadratic in the article's length (a 60,000-character
article spent 80 s there). These helpers answer the same from indexes built once per
extraction: extract_facts calls reset() first, so a Doc whose entities were changed
between two extractions is indexed afresh.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span

_KEY = "kg_doc_index"


class _Index:
    def __init__(self, doc):
        self.text = doc.text
        self.ents = doc.ents
        self.starts = [e.start for e in self.ents]
        self.ent_of_token: dict[int, int] = {}
        for k, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                self.ent_of_token[i] = k
        self.span_ends: dict[str, dict[int, Span]] = {}
        self.years: list[tuple[int, int]] | None = None


def reset(doc) -> None:
    """Forget the indexes of `doc` (called at the start of each extraction)."""
    doc.user_data.pop(_KEY, None)


def _index(doc) -> _Index:
    index = doc.user_data.get(_KEY)
    if index is None:
        index = doc.user_data[_KEY] = _Index(doc)
    return index


def doc_text(doc) -> str:
    """doc.text, built once."""
    return _index(doc).text


def ent_at(doc, i: int) -> Span | None:
    """The entity of doc.ents that holds token i, or None."""
    index = _index(doc)
    k = index.ent_of_token.get(i)
    return None if k is None else index.ents[k]


def span_ents(span) -> list[Span]:
    """span.ents: the entities wholly inside a span (e.g. a sentence), in order."""
    index = _index(span.doc)
    out = []
    for k in range(bisect_left(index.starts, span.start), len(index.ents)):
        ent = index.ents[k]
        if ent.end > span.end:
            break
        out.append(ent)
    return out


def ents_starting(doc, indices) -> list[Span]:
    """The entities of doc.ents that start at one of these token indices, in document order."""
    index = _index(doc)
    wanted = set(indices)
    found = {index.ent_of_token.get(i) for i in wanted} - {None}
    return [index.ents[k] for k in sorted(found) if index.ents[k].start in wanted]


def span_ending_at(doc, key: str, i: int) -> Span | None:
    """The first span of the span group doc.spans[key] whose last token is i, or None."""
    index = _index(doc)
    ends = index.span_ends.get(key)
    if ends is None:
        ends = index.span_ends[key] = {}
        for sp in doc.spans.get(key, []):
            ends.setdefault(sp.end - 1, sp)
    return ends.get(i)


def last_year_before(doc, pos: int) -> int | None:
    """The last year ("1998", "2019") written before token `pos`."""
    index = _index(doc)
    if index.years is None:
        index.years = [(t.i, int(t.text)) for t in doc
                       if t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20") and t.text.isdigit()]
    k = bisect_left(index.years, (pos,))
    return index.years[k - 1][1] if k else None
