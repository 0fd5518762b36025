"""A cap on sentence length, set before the parser: no "sentence" of thousands of tokens.

A text without full stops (a list, a table, a run-on paragraph pasted from a page) can
reach the extractors as one sentence of thousands of tokens, and every rule that reads
a trigger's sentence or clause then costs the sentence's length per trigger: quadratic.
Real sentences stay far below MAX_SENT_TOKENS; a stretch longer than that with no
sentence-ending punctuation or line break gets a sentence start after its last comma
(or semicolon) of the closing stretch, else where the count runs out. The parser keeps
the starts it is given and decides everything else as before.
"""
from __future__ import annotations

from spacy.language import Language

MAX_SENT_TOKENS = 150
_ENDS = {".", "!", "?"}
_SOFT = {",", ";", ":"}


@Language.component("kg_sentence_cap")
def cap_sentences(doc):
    run_start = 0          # first token of the current stretch without a sentence end
    last_soft = None       # the last comma in it
    for tok in doc:
        if tok.text in _ENDS or "\n" in tok.text:
            run_start, last_soft = tok.i + 1, None
            continue
        if tok.text in _SOFT:
            last_soft = tok.i
        if tok.i - run_start >= MAX_SENT_TOKENS:
            cut = last_soft + 1 if last_soft is not None and last_soft + 1 < tok.i else tok.i
            doc[cut].is_sent_start = True
            run_start, last_soft = cut, None
    return doc
