"""Hover-text link blurbs some publishers paste into the text.

"... Chairman Bob Goodlatte Robert (Bob) William GoodlatteUSCIS chief blames ... MORE (R-Va.)":
after a linked name come the person's full name, then their surname glued to the next
headline's first word, headlines, and an upper-case MORE. None of it is the story: its names,
meetings and elections belong to other articles.
"""
from __future__ import annotations

_KEY = "kg_link_blurbs"
_MAX_BLURB = 80     # tokens from the glued word to MORE
_MAX_FULL_NAME = 8  # tokens of the repeated full name before the glued word


def link_blurbs(doc) -> frozenset[int]:
    """Token indices of the doc's link blurbs (computed once per doc, kept in doc.user_data)."""
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached
    out: set[int] = set()
    if "MORE" in doc.text:
        start = None
        for t in doc:
            if start is None and _glued(t.text) and t.is_alpha:
                start = t.i
            elif start is not None and t.text == "MORE":
                out.update(range(_full_name_start(doc, start), t.i + 1))
                start = None
            elif start is not None and t.i - start > _MAX_BLURB:
                start = None
    result = frozenset(out)
    doc.user_data[_KEY] = result
    return result


def _glued(text: str) -> bool:
    """"GoodlatteUSCIS", "TrumpTrump": a capitalised word with an upper-case letter inside."""
    return len(text) > 5 and text[:1].isupper() and any(
        text[i].isupper() and text[i - 1].islower() for i in range(2, len(text) - 1))


def _full_name_start(doc, glued: int) -> int:
    """The repeated full name before the glued word starts after the linked name's last word (the
    surname the glued word begins with): "Bob Goodlatte | Robert (Bob) William | GoodlatteUSCIS"."""
    word = doc[glued].text
    for i in range(glued - 1, max(glued - _MAX_FULL_NAME, 0) - 1, -1):
        t = doc[i]
        if t.is_alpha and len(t.text) > 1 and word.startswith(t.text) and word[len(t.text):][:1].isupper():
            return i + 1
        if not (t.pos_ == "PROPN" or t.text in ("(", ")", ".") or t.is_title):
            break
    return glued
