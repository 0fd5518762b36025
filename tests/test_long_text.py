"""Long texts are parsed in pieces and joined: the same text, offsets, entities and spans."""
from __future__ import annotations

import spacy

from kg.nlp.long_text import parse_long, parse_pairs, pieces
from kg.nlp.pipeline import load_nlp, model_name

PARAGRAPH = ("Prime Minister Jonas Lund met German Chancellor Olaf Brandt in Oslo on Tuesday. "
             "The two leaders discussed energy prices.\n\n")


def test_pieces_give_the_text_back_and_respect_the_size():
    text = PARAGRAPH * 20 + "x" * 700 + " tail"
    parts = pieces(text, 300)
    assert "".join(parts) == text
    assert all(len(p) <= 300 for p in parts) and len(parts) > 10
    assert all(p.endswith("\n") for p in parts[:5])   # cut at line breaks where there are some


def test_a_doc_parsed_in_pieces_keeps_text_offsets_entities_and_spans():
    nlp = load_nlp()
    text = PARAGRAPH * 6
    whole, joined = nlp(text), parse_long(nlp, text, size=250)
    assert joined.text == text and len(joined) == len(whole)
    assert [(e.start_char, e.end_char, e.label_) for e in joined.ents] == \
           [(e.start_char, e.end_char, e.label_) for e in whole.ents]
    assert len(list(joined.sents)) == len(list(whole.sents))
    assert [s.text for s in joined.spans["kg_titles"]] == [s.text for s in whole.spans["kg_titles"]]
    assert joined[joined.ents[-1].start].text == whole[whole.ents[-1].start].text


def test_parse_pairs_keeps_the_order():
    nlp = load_nlp()
    texts = [("short one.", 1), (PARAGRAPH * 5, 2), ("another short one.", 3)]
    out = list(parse_pairs(nlp, texts, batch_size=2, size=200))
    assert [c for _, c in out] == [1, 2, 3]
    assert [d.text for d, _ in out] == [t for t, _ in texts]


def test_a_text_without_full_stops_is_cut_into_sentences_of_bounded_length():
    from kg.nlp.sentence_cap import MAX_SENT_TOKENS

    nlp = load_nlp()
    run_on = "Jonas Lund met Olaf Brandt in Oslo, and " * 200 + "they talked."
    doc = nlp(run_on)
    assert max(len(s) for s in doc.sents) <= MAX_SENT_TOKENS + 1
    plain = spacy.load(model_name(), exclude=["ner"])   # the model alone, no cap
    text = PARAGRAPH * 3
    assert [s.text for s in nlp(text).sents] == [s.text for s in plain(text).sents]
    assert max(len(s) for s in plain(run_on).sents) > MAX_SENT_TOKENS   # without the cap it is long
