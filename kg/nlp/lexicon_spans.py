"""spaCy component: marks title phrases and party names from the kg/data lexicons.

Sets doc.spans["kg_titles"] (label = the title phrase as listed in titles.tsv) and
doc.spans["kg_parties"] (label = the canonical party name); longest match wins.
One PhraseMatcher pass each, so the extractors never loop over the lexicons.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.lexicons import parties, titles

TITLES_KEY = "kg_titles"
PARTIES_KEY = "kg_parties"


class LexiconSpans:
    def __init__(self, nlp: Language, name: str):
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in titles():
            # tokenise a capitalised form too, so "Sen." splits as it does in running text
            forms = {phrase, phrase.title(), phrase.capitalize()}
            self.titles.add(phrase, [nlp.make_doc(f) for f in forms])
        # parties are matched as written: "Conservative" the party, not "conservative" the leaning
        self.parties = PhraseMatcher(nlp.vocab, attr="ORTH")
        for p in parties():
            forms = set(p.aliases) | {p.name} | {a.upper() for a in p.aliases if len(a) > 3}
            self.parties.add(p.name, [nlp.make_doc(f) for f in forms])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[TITLES_KEY] = filter_spans(
            [Span(doc, s, e, label=k) for k, s, e in self.titles(doc)])
        doc.spans[PARTIES_KEY] = filter_spans(
            [Span(doc, s, e, label=k) for k, s, e in self.parties(doc)])
        return doc


@Language.factory("kg_lexicon_spans")
def make_lexicon_spans(nlp: Language, name: str) -> LexiconSpans:
    return LexiconSpans(nlp, name)
