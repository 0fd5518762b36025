"""People in one article: every mention → the canonical full name of the person meant.

Mentions are PERSON entities (repaired by kg_person_repair), title references
("the Russian president", "his Israeli counterpart") and subject pronouns ("he",
"she"). Names are grouped into one person per real person of the article:

- a full name gathers the shorter forms that share its first and last word
  ("Donald John Trump" ~ "Donald Trump") and the one-word forms equal to its last
  (or, for "Xi", "Kim", "Moon", first) word; a one-word form that fits two people
  goes to the nearest one mentioned before it;
- two full names never merge when their first words differ (Barack ≠ Michelle Obama,
  Kim Jong Un ≠ Kim Yo Jong);
- the canonical name is the commonest full form, shortest first on ties, so the same
  person gets the same name in every article that names them fully;
- one node per real person across articles (the canonical name is the IRI key):
  a full name with the same first and last word as a well-known politician of
  kg/data/well_known_people.tsv takes the gazetteer's name ("Donald J. Trump",
  "Donald John Trump" → "Donald Trump"); other names lose their middle initials
  ("John F. Kelly" → "John Kelly"; the gazetteer keeps "George W. Bush" apart from
  "George H. W. Bush"); a surname the article never completes takes the gazetteer's
  full name where the surname is unambiguous ("Putin" → "Vladimir Putin");
- scraped-page junk is repaired or dropped before any of that (`repair_name`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from kg.extract.docindex import doc_text
from kg.extract.geo import country_for, place_for
from kg.extract.tenures import held_in
from kg.extract.titles import TitleMention, title_mentions
from kg.facts import Person
from kg.nlp.lexicons import (bodies, family_name_first, female_words, given_names, honorifics, known_by_surname,
                              known_misspelled, known_person, name_junk, party_for, same_given_name, surname_countries,
                              titles)

_PARTICLES = {"bin", "bint", "al", "al-", "el", "de", "da", "van", "von", "der", "la", "le", "du", "del", "ibn",
              "abu", "di", "dos", "das", "y"}
_PATRONYMIC = {"bin", "ibn", "bint", "ben"}  # "X bin Y": Y is the father's name
_POSSESSIVE_RE = re.compile(r"['\u2019]s?$")
_SUBJECT_PRONOUNS = {"he": "m", "she": "f"}
_POSSESSIVE_PRONOUNS = {"his": "m", "her": "f"}  # only where a title rule hands one over ("her time as ...")
_COUNTERPARTS = {"counterpart", "counterparts", "host", "guest"}
_MALE_HONORIFICS = {"mr", "mr."}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_POST_NOMINALS = {"MP", "MEP", "MSP", "QC", "KC", "AM", "MLA", "TD"}
_FUNCTION_POS = {"AUX", "VERB", "DET", "ADV", "PRON", "SCONJ", "CCONJ", "INTJ", "NUM"}
_NOT_NAME_POS = {"ADJ", "VERB", "AUX", "NOUN", "ADV", "DET", "PRON", "ADP", "SCONJ", "CCONJ", "INTJ", "NUM"}
# the given-name lexicon holds English names: it judges only the families of these countries' leaders
_ENGLISH_NAMING = {"United States", "United Kingdom", "Canada", "Australia", "Ireland", "New Zealand"}
# labels the model puts on a given name it cut off a surname ("lawyer Natalia" as a GPE)
_GIVEN_NAME_MISLABELS = {"GPE", "NORP", "ORG", "LOC", ""}
_GLUED_RE = re.compile(r"^([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)([A-Z][A-Za-z]*)$")


def clean_name(text: str) -> str:
    """Name as a label: single spaces, no possessive, no honorific in front ("Mr. Trump's" → "Trump");
    a generational suffix written one way ("Donald Trump, Jr" → "Donald Trump Jr.")."""
    words = text.replace("\u2019", "'").split()
    if words:
        words[-1] = _POSSESSIVE_RE.sub("", words[-1]) or words[-1]
    if len(words) >= 3 and _key(words[-1]) in _SUFFIXES:
        words[-2] = words[-2].rstrip(",")
        words[-1] = _suffix_form(words[-1])
    if len(words) >= 3 and words[-1].strip(",.") in _POST_NOMINALS:
        words = words[:-1]  # "Paul Boateng MP": a seat, not a name
    hon = honorifics()
    while len(words) > 1 and words[0].lower() in hon:
        if len(words) == 2 and hon[words[0].lower()]:
            break  # "Lord Falconer" is how he is known
        words = words[1:]
    name = " ".join(w for w in words if w).strip(" ,.;:")
    if words and len(words) >= 3 and _key(words[-1]) in ("jr", "sr") and not name.endswith("."):
        name += "."  # the stripping above took the suffix's own full stop
    return name


def _suffix_form(word: str) -> str:
    """ "jr", "Jr", "JR." → "Jr."; "iii" → "III"."""
    k = _key(word)
    return k.capitalize() + "." if k in ("jr", "sr") else k.upper()


def split_suffix(words: list[str]) -> tuple[list[str], str]:
    """(name without its generational suffix, the suffix's key or ""): "Donald Trump Jr." →
    (["Donald", "Trump"], "jr"). Father and son differ only there, so both parts are compared."""
    if len(words) >= 3 and _key(words[-1]) in _SUFFIXES:
        return words[:-1], _key(words[-1])
    return words, ""


def repair_name(name: str) -> str | None:
    """A PERSON entity's text as a person's name, or None where it is not one.

    Web pages' hover text leaves "Trump Donald John TrumpGOP senators...": a word glued
    to the next headline is cut back to the name it starts with ("TrumpGOP" → "Trump",
    where "Trump" is in the name or the tail is in capitals), and a surname repeated
    in front goes ("Trump Donald John Trump" → "Donald John Trump"). Names ending in a
    thing named after a person ("Trump White House", "Obama administration") and
    page furniture ("ET ON TUESDAY") are not people. A name in capitals is title-cased.
    """
    words = name.split()
    junk = name_junk()
    for k, w in enumerate(words):
        m = _GLUED_RE.match(w)
        if m and (m.group(1).lower() in {x.lower() for x in words[:k]} or known_by_surname(m.group(1)) is not None or
                  (len(m.group(2)) >= 2 and m.group(2).isupper()) or
                  junk.get(m.group(2).lower()) == "never" or known_by_surname(m.group(2)) is not None):
            words = words[:k] + [m.group(1)]
            break
    if len(words) >= 2 and (junk.get(words[-1].lower()) == "thing" or junk.get(" ".join(words[-2:]).lower()) == "thing"):
        return None
    # a country written before or after the name: "Saudi Arabia Trump", "Trump Mexico"
    # — but "Steve Israel", "Robert Jordan" are names: cut only where what is left stands alone
    for n in (2, 1):
        if len(words) > n and country_for(" ".join(words[:n])) and not known_person(" ".join(words)) \
                and _stands_alone(words[n:]):
            words = words[n:]
            break
    for n in (2, 1):
        if len(words) > n and country_for(" ".join(words[-n:])) and not known_person(" ".join(words)) \
                and _stands_alone(words[:-n]):
            words = words[:-n]
            break
    # a well-known full name running into the next name: "Donald Trump Donald", "Barack Obama Barack Hussein"
    for n in range(2, len(words)):
        known = known_person(" ".join(words[:n]))
        if known is not None and words[n].lower().strip(".") not in _SUFFIXES \
                and known_person(" ".join(words)) is None:
            words = words[:n]
            break
    # hover text: "Angus King Angus" (display name + the legal name's first word) loses the
    # last word; "Trump Donald John Trump" (surname + legal name) loses the first
    if len(words) == 3 and words[0].lower() == words[-1].lower() and known_by_surname(words[0]) is None:
        words = words[:2]
    while len(words) >= 2 and words[0].lower() == words[-1].lower():
        words = words[1:]
    # a known surname glued in front of another name: "Trump Gowdy", "Trump Krystal Ball"
    if len(words) >= 2 and words[1].lower().strip(".") not in _SUFFIXES:
        known = known_by_surname(words[0])
        if known is not None and known.name.split()[0].lower() != words[0].lower() \
                and known.name.split()[0].lower() != words[1].lower():
            words = words[1:]
    if not words or any(junk.get(w.lower().strip(".,")) == "never" for w in words):
        return None
    words = _cut_word_before_known_surname(words)
    if not words:
        return None
    if len(words) >= 2 and all(w.isupper() and len(w) > 1 for w in words):
        words = [w.capitalize() for w in words]
    return " ".join(words)


def _cut_word_before_known_surname(words: list[str]) -> list[str]:
    """Hover text glues a word to a well-known surname: "Libra Trump", "Team Obama", "Giuliani Trump"
    are no one (dropped: []); "Roger Penske Trump" is Roger Penske. Relatives keep their names
    ("Melania Trump", "Eric Trump"): the first word must be a given name. Only for well-known
    surnames of English-naming families, where the English given-name lexicon can judge."""
    if len(words) < 2 or words[-1].lower().strip(".") in _SUFFIXES:
        return words
    known = known_by_surname(words[-1])
    if known is None or known.country not in _ENGLISH_NAMING or known_person(" ".join(words)) is not None:
        return words
    first = words[0].lower().strip(".")
    if same_given_name(first, known.name.split()[0]) or known_misspelled(" ".join(words)) is not None:
        return words
    if any(w.lower() in given_names() for w in words[1:-1]) or _title_words() & set(re.split(r"[-\s]", first)):
        return words  # "First Lady Melania Trump", "Then-President Obama": an office, not junk
    if first not in given_names():
        return []
    middle = [w for w in words[1:-1] if not (len(w.strip(".")) == 1 or w.lower() in given_names())]
    return words[:-1] if middle else words


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Every word of an office or honorific ("first", "lady", "president", "sen")."""
    words = {w.strip(".") for phrase in titles() for w in re.split(r"[-\s]", phrase)}
    return frozenset(words | {w.strip(".") for w in honorifics()} | {"first", "lady"})


def _stands_alone(words: list[str]) -> bool:
    """What is left after cutting a country word is a name by itself: two words or more, or a
    well-known surname ("Saudi Arabia Trump" → "Trump"; not "Steve Israel" → "Steve")."""
    return len(words) >= 2 or known_by_surname(words[0]) is not None


def _cut_hover_repeat(name: str, after: str) -> str:
    """ "Lindsey Graham Lindsey Olin" + "GrahamGOP senators...": scraped hover text puts the legal
    name after the display name and glues its surname to the next headline. Where the second
    word comes back glued to a capital within the next words, the name is its first two."""
    words = name.split()
    if len(words) < 3:
        return name
    surname = words[1].rstrip(".,")
    keep = 3 if _key(words[2]) in _SUFFIXES else 2  # "Frank Pallone Jr. Frank Joseph Pallone"
    if len(surname) > 1 and re.search(r"(?<![A-Za-z])" + re.escape(surname) + r"[A-Z]", after[:80]):
        return " ".join(words[:keep])
    if len(words[0]) >= 3 and words[2][:3].lower() == words[0][:3].lower() and known_person(name) is None:
        return " ".join(words[:2])  # "Paul Ryan Paul Davis Ryan", "Pete Buttigieg Peter Paul"
    return name


def _drop_middle_initials(name: str) -> str:
    """ "John F. Kelly" → "John Kelly": the IRI key of a person should not hang on whether
    one article wrote the initial. Kept where the gazetteer lists the initialed form. A suffix
    stays ("Joseph R. Biden Jr." → "Joseph Biden Jr.")."""
    words, suffix = split_suffix(name.split())
    tail = [_suffix_form(suffix)] if suffix else []
    if len(words) < 3:
        return " ".join(words + tail)
    kept = [words[0]] + [w for w in words[1:-1] if not (len(w.strip(".")) == 1 and w.strip(".").isalpha())
                                             and not (w.endswith(".") and w.replace(".", "").isupper() and len(w) <= 5)] + [words[-1]]
    return " ".join(kept + tail)


def canonical_name(forms: list[str]) -> str:
    """The name a person's node gets from their full forms, commonest first: the gazetteer's
    name where a form is a well-known politician's, else the first without middle initials."""
    for form in forms:
        known = known_person(form)
        if known is not None:
            return known.name
    return _drop_middle_initials(forms[0])


def _key(word: str) -> str:
    return word.lower().strip(".")


def _is_plausible_name(name: str) -> bool:
    words = name.split()
    if not words or any(ch.isdigit() or ch in "/\\|@#&_+=<>[]{}" for ch in name) or len(words) > 6:
        return False
    if not all(w[:1].isupper() or w.lower() in _PARTICLES or w.lower().startswith("al-") for w in words):
        return False
    if country_for(name) or party_for(name):
        return False  # "Israel", "Russian", "Likud" labelled PERSON
    return True


@dataclass
class _Cluster:
    forms: Counter = field(default_factory=Counter)   # full forms (2+ words) → count
    short: Counter = field(default_factory=Counter)   # one-word forms → count
    first_seen: int = 0
    female: bool = False

    @property
    def full(self) -> list[str]:
        return [f for f, _ in sorted(self.forms.items(), key=lambda kv: (-kv[1], len(kv[0].split()), kv[0]))]

    known: str | None = None                           # gazetteer name for a surname-only person

    @property
    def name(self) -> str:
        if self.forms:
            return canonical_name(self.full)
        if self.known:
            return self.known
        return max(self.short.items(), key=lambda kv: (kv[1], len(kv[0])))[0]

    def fits_full(self, words: list[str]) -> bool:
        """Same first and last word, the same suffix (a son is not his father), no clash of middle words."""
        words, suffix = split_suffix(words)
        for f in self.forms:
            fw, f_suffix = split_suffix(f.split())
            if f_suffix != suffix:
                continue
            if same_given_name(_key(fw[0]), _key(words[0])) and _key(fw[-1]) == _key(words[-1]):
                mid_a, mid_b = [_key(w) for w in fw[1:-1]], [_key(w) for w in words[1:-1]]
                if not (mid_a and mid_b and mid_a != mid_b):
                    return True
        return False

    def fits_one(self, word: str) -> bool:
        """A one-word form fits the last word of a full name, or its first where that is a family
        name written first ("Kim" of "Kim Jong Un"; not "Michael" of "Michael Ancram")."""
        k = _key(word)
        first_ok = k in family_name_first()
        # "Salman" of "Mohammed bin Salman" is his father's name, not his: "King Salman" is another man
        cores = [split_suffix(f.split())[0] for f in self.forms]  # "Biden" of "Joseph R. Biden Jr."
        return any((_key(w[-1]) == k and not (len(w) > 2 and _key(w[-2]) in _PATRONYMIC))
                   or (first_ok and _key(w[0]) == k) for w in cores) \
            or any(_key(s) == k for s in self.short)

    def fits_tail(self, words: list[str]) -> bool:
        """ "Peña Nieto" is the end of "Enrique Peña Nieto": a two-word surname said alone."""
        n = len(words)
        return any(len(f.split()) > n and [_key(w) for w in f.split()[-n:]] == [_key(w) for w in words]
                   for f in self.forms)

    @property
    def weight(self) -> int:
        """How much the article is about this person: mentions, full and short."""
        return sum(self.forms.values()) + sum(self.short.values())


class PeopleIndex:
    """Resolves a mention (span or token) to the canonical full name of a person in the article."""

    def __init__(self, doc, published=None):
        self.doc = doc
        self.year: int | None = published.year if published is not None else None  # for tenures
        self._by_token: dict[int, int] = {}          # token index → cluster index
        self._clusters: list[_Cluster] = []
        self._mentions: list[tuple[int, int, int]] = []  # (start, end, cluster) in text order
        self._pronouns: dict[int, int | None] = {}
        self._build_names()
        self.titles: list[TitleMention] = title_mentions(doc)
        self._offices: dict[int, list[TitleMention]] = {}  # cluster → its titles
        self._bind_titles()
        self.persons = [Person(c.name, tuple(sorted((set(c.forms) | set(c.short)) - {c.name})))
                        for c in self._clusters if self._used(c)]

    # --- names ------------------------------------------------------------------------------

    def _build_names(self) -> None:
        doc = self.doc
        hon = honorifics()
        fem = female_words()
        raw: list[tuple[int, int, list[str], bool]] = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            ent = self._with_given_name(ent)
            name = repair_name(clean_name(self._trim_lead(ent).text))
            if name is not None:
                name = _cut_hover_repeat(name, doc_text(doc)[ent.end_char:ent.end_char + 80])
            if name is None or not _is_plausible_name(name):
                continue
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if len(name.split()) == 1 and before in hon and hon[before]:
                name = doc[ent.start - 1].text + " " + name  # "Lord Falconer"
            misspelled = known_misspelled(name)
            if misspelled is not None:
                name = misspelled.name  # "Vladmir Putin": one node with the rightly spelled name
            female = before in fem or _key(name.split()[0]) in fem or any(  # "X, the sister of Y"
                c.dep_ == "appos" and c.lower_ in fem for c in ent.root.children)
            raw.append((ent.start, ent.end, name.split(), female))
        fulls = {tuple(w.lower() for w in words) for _, _, words, _ in raw if len(words) >= 2}
        for k, (start, end, words, female) in enumerate(raw):
            if len(words) == 2 and self._reversed(words, fulls):
                raw[k] = (start, end, words[::-1], female)  # "Trump Donald" of hover text
        self._titled_at = {sp.end for sp in doc.spans.get("kg_titles", [])}
        # "Peña Nieto" beside "Enrique Peña Nieto": a two-word surname said alone is a short form
        longer = {tuple(_key(w) for w in words[-2:]) for _, _, words, _ in raw if len(words) >= 3}
        tails = {k for k, (_, _, words, _) in enumerate(raw) if len(words) == 2
                 and tuple(_key(w) for w in words) in longer}
        # full names first, in text order, so one-word forms can find them
        by_last: dict[str, set[int]] = {}  # last-word key → clusters with such a form (fits_full needs one)
        for k, (start, end, words, female) in enumerate(raw):
            if len(words) < 2 or words[0].lower() in hon or k in tails:
                continue
            last = _key(words[-1])
            idx = min((i for i in by_last.get(last, ()) if self._clusters[i].fits_full(words)), default=None)
            if idx is None:
                self._clusters.append(_Cluster(first_seen=start))
                idx = len(self._clusters) - 1
            by_last.setdefault(last, set()).add(idx)
            c = self._clusters[idx]
            c.forms[" ".join(words)] += 1
            c.female = c.female or female
        first_with_form: dict[str, int] = {}  # full forms are all read by now
        for i, c in enumerate(self._clusters):
            for form in c.forms:
                first_with_form.setdefault(form, i)
        for k, (start, end, words, female) in enumerate(raw):
            if len(words) >= 2 and words[0].lower() not in hon and k not in tails:
                idx = first_with_form[" ".join(words)]
            else:
                idx = self._cluster_for_short(words, start, female)
            self._mentions.append((start, end, idx))
            for t in range(start, end):
                self._by_token[t] = idx
        self._add_missed_surnames()
        self._mentions.sort()

    def _add_missed_surnames(self) -> None:
        """ "Manchin says ..." where the model tagged no PERSON: a lone proper noun equal to the
        surname of exactly one fully named person of the article is that person (not whoever a
        pronoun after it would otherwise fall back to)."""
        surnames: dict[str, set[int]] = {}
        for i, c in enumerate(self._clusters):
            for f in c.forms:
                words = split_suffix(f.split())[0]
                if not (len(words) > 2 and _key(words[-2]) in _PATRONYMIC):
                    surnames.setdefault(words[-1], set()).add(i)
        if not surnames:
            return
        doc = self.doc
        for tok in doc:
            owners = surnames.get(tok.text)
            if owners is None or len(owners) != 1 or tok.i in self._by_token or tok.pos_ != "PROPN" \
                    or tok.ent_type_ not in ("", "PERSON"):
                continue
            if (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN") or \
                    (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
                continue  # part of a longer name the model did not tag
            idx = next(iter(owners))
            self._clusters[idx].short[tok.text] += 1
            self._index_fits(idx)
            self._mentions.append((tok.i, tok.i + 1, idx))
            self._by_token[tok.i] = idx

    @staticmethod
    def _with_given_name(ent):
        """ "Russian lawyer Natalia X", where the model called the given name a place and kept
        only the surname: a one-word name takes the capitalised word before it, after a common
        noun, where that word is no place, country, party, body, title or honorific."""
        doc, i = ent.doc, ent.start - 1
        if len(ent) != 1 or i < 1:
            return ent
        tok, prev = doc[i], doc[i - 1]
        if not (tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() and tok.pos_ == "PROPN"
                and tok.ent_type_ in _GIVEN_NAME_MISLABELS
                and ((prev.is_alpha and prev.text.islower()) or prev.text in (",", "(", "\u2014"))):
            return ent  # "lawyer Natalia", "a lawyer, Natalia": a lower-case word or a comma before it
        low = tok.lower_
        if low in honorifics() or low in _title_words() or low in name_junk() or country_for(tok.text) \
                or place_for(tok.text) or party_for(tok.text) or tok.text in bodies():
            return ent
        return doc[i:ent.end]

    @staticmethod
    def _trim_lead(ent):
        """ "Top Obama aides", "Will Trump ...?": a headline word the model took into the name is
        not a first name where what follows is a well-known surname."""
        k = ent.start
        if known_by_surname(ent.doc[ent.end - 1].text) is not None and known_person(ent.text) is None:
            while k < ent.end - 1 and ent.doc[k].pos_ in _NOT_NAME_POS \
                    and (ent.doc[k].is_stop or ent.doc[k].text.isupper() or ent.doc[k].pos_ in _FUNCTION_POS):
                k += 1
        return ent.doc[k:ent.end]

    @staticmethod
    def _reversed(words: list[str], fulls: set[tuple[str, ...]]) -> bool:
        """ "Trump Donald": the article (or the gazetteer) knows the name the other way round."""
        if (words[1].lower(), words[0].lower()) in fulls and (words[0].lower(), words[1].lower()) not in fulls:
            return True
        known = known_by_surname(words[0])
        return known is not None and known.name.split()[0].lower() == words[1].lower() \
            and known_person(" ".join(words)) is None

    def _cluster_for_short(self, words: list[str], start: int, female: bool) -> int:
        word = words[-1]
        fits = [i for i in self._fitting(word) if self._clusters[i].forms or self._clusters[i].known]
        if female:
            fits = [i for i in fits if self._clusters[i].female] or fits
        known = known_by_surname(word) if len(words) == 1 else None
        if known is not None:
            # "Trump" in a story naming only "Donald Trump Jr.": the well-known father, not the son
            fits = [i for i in fits if self._clusters[i].name == known.name
                    or any(not split_suffix(f.split())[1] for f in self._clusters[i].forms)]
        if known is not None and self._male_marked(start) and fits \
                and all(self._clusters[i].female for i in fits):
            fits = []  # "President Obama" in an article that names only Michelle Obama
        if len(fits) > 1 and not female and known is not None:
            # "Trump" in a story naming Donald and Melania Trump: the gazetteer's leader of that surname
            fits = [i for i in fits if self._clusters[i].name == known.name] or fits
        if len(fits) > 1:
            fits = [self._pick_short(fits, start)]
        if fits:
            c = self._clusters[fits[0]]
            c.short[" ".join(words)] += 1
            self._index_fits(fits[0])
            return fits[0]
        idx = next((i for i in self._fitting(" ".join(words)) if not self._clusters[i].forms
                    and not (female and not self._clusters[i].female and self._clusters[i].known)), None)
        if idx is None:
            self._clusters.append(_Cluster(first_seen=start, female=female,
                                           known=known.name if known is not None and not female else None))
            idx = len(self._clusters) - 1
        self._clusters[idx].short[" ".join(words)] += 1
        self._index_fits(idx)
        return idx

    def _fitting(self, word: str) -> list[int]:
        """The clusters c with c.fits_one(word), in order: candidates from an index by word key
        (every cluster tried for every one-word mention was quadratic in the article's length)."""
        if self.__dict__.get("_fit_index") is None:
            self._fit_index: dict[str, set[int]] = {}
            for i in range(len(self._clusters)):
                self._index_fits(i)
        candidates = sorted(self._fit_index.get(_key(word), ()))
        return [i for i in candidates if self._clusters[i].fits_one(word)]

    def _index_fits(self, i: int) -> None:
        """Index cluster i under every key fits_one can match: first and last words of its full
        forms, its short forms (called after each change to the cluster)."""
        index = self.__dict__.get("_fit_index")
        if index is None:
            return
        c = self._clusters[i]
        for form in c.forms:
            words = form.split()
            index.setdefault(_key(words[-1]), set()).add(i)
            index.setdefault(_key(words[0]), set()).add(i)
        for form in c.short:
            index.setdefault(_key(form), set()).add(i)

    def _pick_short(self, fits: list[int], start: int) -> int:
        """Which of several people a one-word form means: the nearest named before it in the same
        sentence; else the one the article is about where one is named far more often ("Kim" in a
        Kim Jong Un story that once names an envoy Sung Kim); else the nearest before, else the first."""
        before = [(s, i) for s, i in ((self._last_mention_before(i, start), i) for i in fits) if s is not None]
        sent_start = self.doc[start].sent.start
        if before and max(before)[0] >= sent_start:
            return max(before)[1]
        weights = sorted(((sum(self._clusters[i].forms.values()), i) for i in fits), reverse=True)
        if weights[0][0] >= 2 * max(weights[1][0], 1):
            return weights[0][1]
        return max(before)[1] if before else fits[0]

    def _male_marked(self, start: int) -> bool:
        """ "Mr. Obama", "President Obama": written as a man, or with an office before the name."""
        return start > 0 and (self.doc[start - 1].lower_ in _MALE_HONORIFICS or start in self._titled_at)

    def _last_mention_before(self, idx: int, start: int) -> int | None:
        # mentions are appended in text order while names are read: each cluster's starts, kept
        # up to date with what was appended since the last call, answer by bisection
        seen, starts = self.__dict__.get("_starts_by_cluster", (0, {}))
        for s, _, i in self._mentions[seen:]:
            starts.setdefault(i, []).append(s)
        self._starts_by_cluster = (len(self._mentions), starts)
        mine = starts.get(idx, [])
        k = bisect_left(mine, start)
        return mine[k - 1] if k else None

    def _used(self, c: _Cluster) -> bool:
        return bool(c.forms or c.short)

    # --- titles -----------------------------------------------------------------------------

    def _bind_titles(self) -> None:
        """Titles given to a name tell us offices; title references then resolve to them."""
        for m in self.titles:
            if m.has_person:
                idx = self._cluster_at(m.person_start, m.person_end)
                if idx is not None:
                    self._offices.setdefault(idx, []).append(m)
                head = self.doc[m.head - 1] if self.doc[m.head].text == "." and m.head > m.start else self.doc[m.head]
                if m.rule in ("role:title-before-name", "role:title-comma-name") \
                        and head.lower_.rstrip(".").endswith("s"):
                    # "Sens. X and Y", "Presidents X and Y": a plural title covers every name joined by
                    # "and" that has no title of its own ("French President X and German President Y")
                    root = self.doc[m.person_end - 1]
                    joined = [c.i for c in root.conjuncts if c.i > root.i] + self._names_listed_after(m.person_end)
                    for i in joined:
                        other = self._by_token.get(i)
                        if other is not None and other != idx and not self._has_own_title(i) \
                                and m not in self._offices.get(other, []):
                            self._offices.setdefault(other, []).append(m)
        for m in self.titles:
            if m.has_person or not m.definite:
                continue
            idx = self._resolve_reference(m)
            if idx is not None:
                for t in range(m.start, m.end):
                    self._by_token.setdefault(t, idx)
                self._offices.setdefault(idx, []).append(m)

    def _names_listed_after(self, end: int) -> list[int]:
        """First tokens of the names listed after the one ending at `end`, past what the parse does
        not join: "Sens. A (D-Md.) and B", "Representatives A of New York and B of Ohio"."""
        doc, out, j = self.doc, [], end
        stop = doc[end - 1].sent.end if end > 0 else len(doc)
        starts = {s for s, _, _ in self._mentions}
        for _ in range(4):  # at most four more names
            if j < stop and doc[j].text == "(":
                close = next((k for k in range(j, min(j + 8, stop)) if doc[k].text == ")"), None)
                j = close + 1 if close is not None else j
            if j < stop and doc[j].lower_ == "of":  # "of New York"
                k = j + 1
                while k < stop and k - j <= 3 and doc[k].text[:1].isupper():
                    k += 1
                j = k
            if j < stop and doc[j].text == ",":
                j += 1
            if j < stop and doc[j].lower_ == "and":
                j += 1
            if j >= stop or j not in starts or j == end:
                break
            out.append(j)
            j = next(e for s, e, _ in self._mentions if s == j)
        return out

    def _has_own_title(self, i: int) -> bool:
        start = next((s for s, e, _ in self._mentions if s <= i < e), i)
        return any(m.has_person and m.person_start == start for m in self.titles)

    def _cluster_at(self, start: int, end: int) -> int | None:
        for t in range(start, end):
            if t in self._by_token:
                return self._by_token[t]
        if end - start == 1 and self.doc[start].lower_ in _SUBJECT_PRONOUNS | _POSSESSIVE_PRONOUNS.keys():
            return self._pronoun(self.doc[start])
        return None

    def _holders(self, title: str | None, country: str | None, heads_only: bool = False) -> list[int]:
        out = []
        for idx, ms in self._offices.items():
            for m in ms:
                if heads_only and m.kind != "head":
                    continue
                if title and m.title != title:
                    continue
                if country and m.country and m.country != country:
                    continue
                if country and not m.country and not title:
                    continue
                out.append(idx)
                break
        return out

    def _resolve_reference(self, m: TitleMention) -> int | None:
        """'the Israeli prime minister' → the one person of the article holding that title."""
        exact = [i for i in self._holders(m.title, m.country) if self._elect(m) == self._holds_elect(i, m.title)]
        if m.country:
            with_country = [i for i in exact if any(x.country == m.country for x in self._offices[i] if x.title == m.title)]
            # a holder known to serve another country is not "the North Korean president"
            exact = with_country or [i for i in exact if not self._countries(i) or m.country in self._countries(i)]
        if not m.former:  # "the president" is not the one the article calls the former president
            exact = [i for i in exact if any(not x.former for x in self._offices[i] if x.title == m.title)]
        if m.title == "Leader" and not exact and m.country:
            exact = [i for i, ms in self._offices.items() if any(x.kind == "head" and x.country == m.country for x in ms)]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1 and not m.country:
            # a bare "the president" is the home country's one, then the one the story is about
            home = self.home_country()
            exact = [i for i in exact if home in self._countries(i)] or exact
            weights = {i: self._weight(i) for i in exact}
            top = max(weights.values())
            exact = [i for i in exact if weights[i] == top]
        if len(exact) > 1:
            return self._nearest_before(exact, m.start)
        return exact[0] if exact else self._holder_that_year(m)

    def _holder_that_year(self, m: TitleMention) -> int | None:
        """ "the president" where no one in the article is given that title: the well-known person
        it names who held the office the year it was published (the nearest named before, if two)."""
        if self.year is None or self._elect(m):
            return None
        found: dict[int, str | None] = {}
        for i, c in enumerate(self._clusters):
            known = known_person(c.name) or (known_by_surname(c.name) if len(c.name.split()) == 1 else None)
            if known is None or (m.country and known.country != m.country):
                continue
            if held_in(known.name, m.title, self.year, former=None if m.historic else m.former):
                found[i] = known.country
        if len(found) > 1 and not m.country:
            # no nationality: the home country's office holder, then the one the story is most about
            home = self.home_country()
            found = {i: c for i, c in found.items() if c == home} or found
            top = max(self._weight(i) for i in found)
            found = {i: c for i, c in found.items() if self._weight(i) == top}
        if not found:
            return None
        idx = self._nearest_before(list(found), m.start) if len(found) > 1 else next(iter(found))
        if m.historic and not held_in(self._clusters[idx].name, m.title, self.year):
            m.former = True  # "the first black president", long out of office
        return idx

    def _elect(self, m: TitleMention) -> bool:
        """ "president-elect", "prime minister elect": not yet the office holder."""
        nxt = [t.lower_ for t in self.doc[m.head + 1:m.head + 3]]
        return bool(nxt) and (nxt[0] in ("-elect", "elect") or nxt[:2] == ["-", "elect"])

    def _holds_elect(self, idx: int, title: str | None) -> bool:
        """The person's named office of that title is an elect one."""
        named = [x for x in self._offices.get(idx, []) if x.has_person and (title is None or x.title == title)]
        return any(self._elect(x) for x in named)

    def _weight(self, idx: int) -> int:
        return sum(1 for _, _, i in self._mentions if i == idx)

    def home_country(self) -> str | None:
        """The country whose offices the article names most often: where the story is set."""
        if not hasattr(self, "_home"):
            counts = Counter(c for i in self._offices for c in self._countries(i, named_only=True))
            self._home = counts.most_common(1)[0][0] if counts else None
        return self._home

    def _countries(self, idx: int, named_only: bool = False) -> list[str]:
        """Countries of a person's offices: as the titles say, else the gazetteer's for a well-known leader."""
        ms = [m for m in self._offices.get(idx, []) if m.has_person or not named_only]
        name = self._clusters[idx].name
        known = known_person(name) or known_by_surname(name)
        fallback = known.country if known is not None else None
        if fallback is None and len(name.split()) == 1 and len(surname_countries(name)) == 1:
            fallback = next(iter(surname_countries(name)))  # "President Bush": either Bush, one country
        return [c for c in (m.country or fallback for m in ms) if c]

    def _nearest_before(self, clusters: list[int], pos: int) -> int | None:
        best = None
        for s, _, idx in self._mentions:
            if s >= pos:
                break
            if idx in clusters:
                best = idx
        return best if best is not None else clusters[0]

    # --- pronouns and counterparts -----------------------------------------------------------

    def _pronoun(self, tok) -> int | None:
        """'he'/'she' → the person last named as a subject before it (same or the two previous sentences)."""
        if tok.i in self._pronouns:
            return self._pronouns[tok.i]
        gender = _SUBJECT_PRONOUNS.get(tok.lower_) or _POSSESSIVE_PRONOUNS.get(tok.lower_)
        sent = tok.sent
        lo = sent.start
        prev = sent
        for _ in range(2):
            if prev.start == 0:
                break
            prev = self.doc[prev.start - 1].sent
            lo = prev.start
        # mentions are sorted by now: the ones between lo and the pronoun by bisection
        first, past = bisect_left(self._mentions, (lo,)), bisect_left(self._mentions, (tok.i,))
        candidates = [(s, idx) for s, e, idx in self._mentions[first:past]]
        if gender == "m":  # we only know who is a "she" (female_names.txt); anyone else may be a "he"
            candidates = [(s, idx) for s, idx in candidates if not self._clusters[idx].female]
        elif gender == "f":
            candidates = [(s, idx) for s, idx in candidates if self._clusters[idx].female] or candidates
        best = None
        if candidates:
            # a subject in the pronoun's own sentence, else the subject of an earlier one, else the latest
            subj = [(s, idx) for s, idx in candidates
                    if self.doc[s].sent.start == sent.start and self._is_subject(s)]
            if not subj:
                subj = [(s, idx) for s, idx in candidates if self._is_subject(s)]
                if subj:
                    # the latest sentence with a named subject; its main clause's subject before
                    # one inside a reported clause ("Pompeo said Trump wanted ..." → Pompeo)
                    last = self.doc[subj[-1][0]].sent
                    subj = [(s, idx) for s, idx in subj if self.doc[s].sent.start == last.start]
                    main = [(s, idx) for s, idx in subj if self._is_subject(s, main=True)]
                    subj = main[:1] or subj
            best = (subj or candidates)[-1][1]
        self._pronouns[tok.i] = best
        return best

    def _is_subject(self, start: int, main: bool = False) -> bool:
        for t in range(start, min(start + 5, len(self.doc))):
            if self._by_token.get(t) is None:
                break
            tok = self.doc[t]
            if tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"):
                tok = tok.head  # "His wife Heidi Cruz joined him"
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return not main or tok.head.dep_ == "ROOT" or tok.head == tok.sent.root
        return False

    def _counterpart(self, tok) -> int | None:
        """'his Israeli counterpart' → the head of state or government of Israel named in the article."""
        country = None
        for child in tok.children:
            if child.dep_ in ("amod", "compound") and child.text[:1].isupper():
                country = country_for(child.text) or country
        if country is None:
            return None
        found = self._holders(None, country, heads_only=True) or self._holders(None, country)
        return self._nearest_before(found, tok.i) if found else None

    # --- the interface ----------------------------------------------------------------------

    def name_for(self, span_or_token) -> str | None:
        """Canonical full name of the person a mention refers to, or None."""
        idx = self.cluster_for(span_or_token)
        return self._clusters[idx].name if idx is not None else None

    def cluster_for(self, span_or_token) -> int | None:
        tokens = [span_or_token] if hasattr(span_or_token, "i") else list(span_or_token)
        for tok in tokens:
            if tok.i in self._by_token:
                return self._by_token[tok.i]
        for tok in tokens:
            if tok.lower_ in _SUBJECT_PRONOUNS:
                return self._pronoun(tok)
            if tok.lower_ in _COUNTERPARTS:
                return self._counterpart(tok)
        return None

    def mentions(self) -> list[tuple[int, int, str]]:
        """Named mentions in text order: (start token, end token, canonical name)."""
        # names are final once the index is built: computed once, not per call (asked per title)
        if self.__dict__.get("_named_mentions") is None:
            self._named_mentions = [(s, e, self._clusters[i].name) for s, e, i in self._mentions]
        return list(self._named_mentions)

    def offices_of(self, name: str) -> list[TitleMention]:
        """Title mentions given to (or resolved to) the named person."""
        # grouped by name once: asked per mention, a scan of every cluster was quadratic
        by_name = self.__dict__.get("_offices_by_name")
        if by_name is None:
            by_name = {}
            for i, ms in self._offices.items():
                by_name.setdefault(self._clusters[i].name, []).extend(ms)
            self._offices_by_name = by_name
        return list(by_name.get(name, ()))


def resolve_people(doc, article) -> PeopleIndex:
    return PeopleIndex(doc, published=getattr(article, "published", None))
