"""spaCy component: repairs PERSON entities the small model gets wrong.

- strips honorifics and titles it swallowed ("President Trump" → "Trump") and a
  trailing possessive ("Putin's" → "Putin");
- joins a name split in two with its surname repeated in front, as web pages'
  hover text leaves it ("Trump Donald" + "John Trump" → "Donald John Trump"), also
  where the hover text runs into the next headline ("John TrumpGOP"; the glued
  tail is cut off by kg.extract.people.repair_name);
- makes a PERSON of the capitalised words after an honorific or a title written
  before a name ("Prime Minister Theresa May", where "May" came out a DATE);
- drops PERSON entities that are party names ("Likud").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.lexicons import bodies, honorifics, party_for, titles

_MISLABELS = {"ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"}
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
# title words that, capitalised right before a name, mark what follows as a person
_TITLE_WORDS_BEFORE_NAME = {"president", "minister", "secretary", "senator", "sen.", "rep.", "gov.",
                            "governor", "chancellor", "speaker", "premier", "mayor", "leader",
                            "ambassador", "chairman", "representative", "congressman", "congresswoman",
                            "sens.", "reps.", "pm", "mp"}


# lower-case office words after which two or three capitalised words are a name even where the
# model called them an ORG ("State Department spokeswoman Morgan Ortagus", "SNP leader Nicola Sturgeon")
_LOWER_TRIGGERS = {"spokesman", "spokeswoman", "spokesperson", "leader", "minister", "secretary", "chairman",
                   "chairwoman", "ambassador", "envoy", "senator", "governor", "mayor", "president", "premier"}
_APPOS_TITLES = _TITLE_WORDS_BEFORE_NAME | _LOWER_TRIGGERS
# lower-case particles inside surnames: "von der Leyen", "de Gaulle", "bin Salman"
_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "la", "le",
              "bin", "ibn", "al", "el"}
# generational suffixes: "Donald Trump Jr." is not his father, so the suffix stays in the name
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _not_a_name(span) -> bool:
    text = span.text
    return party_for(text) is not None or text in bodies() or any(t.text in bodies() for t in span)


def _same_or_glued(word: str, surname: str) -> bool:
    """ "Trump" or "TrumpGOP" (hover text glued to the next headline) for the surname "Trump"."""
    if word.lower() == surname.lower():
        return True
    return len(surname) >= 3 and word.startswith(surname) and word[len(surname):][:1].isupper()


def _is_name_word(tok) -> bool:
    t = tok.text
    return (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "DATE", "ORG", "")) and t[:1].isupper() \
        and (t.isalpha() or "-" in t or "." in t and len(t) <= 3) and tok.lower_ not in _TITLE_WORDS_BEFORE_NAME


class PersonRepair:
    def __init__(self, nlp: Language, name: str):
        self.strip_words = set(honorifics()) | {w for p in titles() for w in p.split()} | {"former", "ex", "then"}
        # capitalised triggers only: "President Obama", not "the president said"
        self.triggers = PhraseMatcher(nlp.vocab, attr="ORTH")
        words = _TITLE_WORDS_BEFORE_NAME | set(honorifics())
        forms = {w.capitalize() for w in words} | {w.upper() for w in words if len(w) <= 3}
        self.triggers.add("TRIGGER", [nlp.make_doc(f) for f in forms])
        self.lower_triggers = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower_triggers.add("TRIGGER", [nlp.make_doc(w) for w in _LOWER_TRIGGERS])

    def _trim(self, span: Span) -> Span | None:
        s, e = span.start, span.end
        doc = span.doc
        while s < e and (doc[s].lower_ in self.strip_words or not doc[s].text[:1].isalnum()):
            s += 1
        for k in range(s + 1, e):  # "Liberman's Israel Beytenu party" → "Liberman"
            if doc[k].lower_ in _POSSESSIVE:
                e = k
                break
        while e > s and (doc[e - 1].lower_ in _POSSESSIVE or not doc[e - 1].text[-1:].isalnum()):
            e -= 1
        if s >= e or not any(t.text[:1].isupper() for t in doc[s:e]):
            return None
        return Span(doc, s, e, label="PERSON")

    @staticmethod
    def _with_suffix(span: Span, doc: Doc) -> Span:
        """ "Donald Trump" + "Jr." (or ", Jr."): the model leaves the suffix out of the name."""
        e = span.end
        if e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ in NAME_SUFFIXES:
            e += 1
        if e < len(doc) and doc[e].lower_ in NAME_SUFFIXES and doc[e].text[:1].isupper():
            return Span(doc, span.start, e + 1, label="PERSON")
        return span

    @staticmethod
    def _extend(span: Span, doc: Doc, people: list[Span]) -> Span:
        """A surname the model cut: "Ursula von" + "der Leyen" (particles and the capitalised word
        after them), "Enrique Peña" + "Nieto" where "Peña Nieto" is a name elsewhere in the text."""
        e = span.end
        j = e
        while j < len(doc) and doc[j].lower_ in _PARTICLES and doc[j].text.islower() and j - e < 2:
            j += 1
        starts = {p.start for p in people}
        if (j > e or span[-1].lower_ in _PARTICLES) and j < len(doc) and doc[j].text[:1].isupper() \
                and doc[j].is_alpha and j not in starts and doc[j].ent_type_ in ("", "PERSON", "GPE", "ORG", "NORP"):
            return Span(doc, span.start, j + 1, label="PERSON")
        if e < len(doc) and len(span) >= 2 and doc[e].pos_ == "PROPN" and doc[e].text[:1].isupper() \
                and doc[e].is_alpha and e not in starts:
            tail = f"{doc[e - 1].text} {doc[e].text}"
            if any(p.text == tail or p.text.startswith(tail + " ") or p.text.endswith(" " + tail)
                   for p in people if p.start != span.start):
                return Span(doc, span.start, e + 1, label="PERSON")
        return span

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        people: list[Span] = []
        others: list[Span] = []
        for ent in ents:
            if ent.label_ != "PERSON":
                others.append(ent)
                continue
            if party_for(ent.text) is not None:
                continue
            span = self._trim(ent)
            if span is None:
                continue
            # "Moon Jae" + "-in": the model cut a hyphenated given name
            while span.end + 1 < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_ \
                    and not doc[span.end].whitespace_ and doc[span.end + 1].is_alpha:
                span = Span(doc, span.start, span.end + 2, label="PERSON")
            if people and people[-1].end == span.start and _same_or_glued(span[-1].text, people[-1][0].text):
                prev = people.pop()  # "Trump Donald" "John Trump": the repeated surname goes
                span = Span(doc, prev.start + 1, span.end, label="PERSON")
            people.append(span)
        # a name the model called an ORG or a GPE in one place and a PERSON elsewhere
        surnames = {p[-1].lower_ for p in people}
        relabelled = []
        for o in others:
            if o.label_ in _MISLABELS and len(o) <= 3 and o[-1].lower_ in surnames \
                    and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in o) and party_for(o.text) is None:
                people.append(Span(doc, o.start, o.end, label="PERSON"))
                relabelled.append(o)
        others = [o for o in others if o not in relabelled]
        # names after a capitalised title or honorific that the model missed or mislabelled
        covered = {t for p in people for t in range(p.start, p.end)}
        for _, _, end in self.triggers(doc):
            i = end
            if i >= len(doc) or i in covered:
                continue
            j = i
            while j < len(doc) and j - i < 4 and j not in covered and _is_name_word(doc[j]):
                j += 1
            if j > i and j not in covered:  # a run running into a known name is a repeat of it
                span = Span(doc, i, j, label="PERSON")
                people.append(span)
                covered.update(range(i, j))
        # the same after a lower-case office word, for runs of two or three words only
        for _, _, end in self.lower_triggers(doc):
            i = end
            j = i
            while j < len(doc) and j - i < 3 and j not in covered and _is_name_word(doc[j]) and doc[j].pos_ == "PROPN":
                j += 1
            if j - i >= 2 and j not in covered and (j >= len(doc) or not doc[j].text[:1].isupper()) \
                    and not _not_a_name(doc[i:j]):
                people.append(Span(doc, i, j, label="PERSON"))
                covered.update(range(i, j))
        # "Nikki Haley, the U.S. ambassador to ...": an ORG in apposition to an office is a person
        for o in others:
            if o.label_ != "ORG" or not 2 <= len(o) <= 3 or any(t in covered for t in range(o.start, o.end)) \
                    or not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in o) or _not_a_name(o):
                continue
            after = doc[o.end:o.end + 6]
            if len(after) >= 3 and after[0].text == "," and after[1].lower_ in ("the", "a", "an") \
                    and any(t.lower_ in _APPOS_TITLES for t in after[2:]) \
                    and not any(t.text in (",", ".") for t in after[2:][:next((k for k, t in enumerate(after[2:]) if t.lower_ in _APPOS_TITLES), 0)]):
                people.append(Span(doc, o.start, o.end, label="PERSON"))
                covered.update(range(o.start, o.end))
        people = [self._with_suffix(self._extend(p, doc, people), doc) for p in people]
        covered = {t for p in people for t in range(p.start, p.end)}
        kept_others = [o for o in others if not any(t in covered for t in range(o.start, o.end))]
        doc.ents = filter_spans(people + kept_others)
        return doc


@Language.factory("kg_person_repair")
def make_person_repair(nlp: Language, name: str) -> PersonRepair:
    return PersonRepair(nlp, name)
