"""Per-document lookups for the extractors that cost no scan of the whole document.

spaCy rebuilds `doc.text` from every token, and `doc.ents` from every token, on each
access: read once per mention or per trigger they made extraction quadratic in the
article's length (a 60,000-character article spent 80 s there). These helpers give
the same answers at the cost of one scan per document, or of one entity's length.
"""
from __future__ import annotations

from spacy.tokens import Span

_TEXT_KEY = "kg_doc_text"


def doc_text(doc) -> str:
    """doc.text, built once per document (a Doc's text never changes)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def ent_at(doc, i: int) -> Span | None:
    """The entity of doc.ents that holds token i, or None: read from the tokens' IOB tags,
    so it costs the entity's length and is never stale."""
    tok = doc[i]
    if tok.ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type, kb_id=tok.ent_kb_id)


def span_ents(span) -> list[Span]:
    """span.ents (the entities wholly inside a span, e.g. a sentence) from the span's own
    tokens: spaCy's Span.ents walks every entity of the document."""
    doc = span.doc
    out = []
    for i in range(span.start, span.end):
        if doc[i].ent_iob_ == "B":
            ent = ent_at(doc, i)
            if ent.end <= span.end:
                out.append(ent)
    return out


def ents_starting(doc, indices) -> list[Span]:
    """The entities of doc.ents that start at one of these token indices, in document order."""
    return [ent_at(doc, i) for i in sorted(set(indices)) if doc[i].ent_iob_ == "B"]


def span_ending_at(doc, key: str, i: int) -> Span | None:
    """The first span of the span group doc.spans[key] whose last token is i, or None
    (an index per group, rebuilt if the group changes size)."""
    group = doc.spans.get(key, [])
    cached = doc.user_data.get(("kg_span_ends", key))
    if cached is None or cached[0] != len(group):
        ends: dict[int, Span] = {}
        for sp in group:
            ends.setdefault(sp.end - 1, sp)
        cached = doc.user_data[("kg_span_ends", key)] = (len(group), ends)
    return cached[1].get(i)
