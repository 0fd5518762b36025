"""Is this article English? A function-word detector, small and dependency-free.

Function words ("the", "of", "and") make up a large, stable share of any running
English text (40-50 % in news) and almost none of a German or Spanish one. On a
long text the share alone separates languages; on a few sentences it is the
count that decides: English wins when its function words clear the threshold and
outnumber those of the best other language, another language wins when at least
`MIN_FOREIGN_HITS` of its own function words outnumber the English ones.

Two things keep English texts full of foreign names from looking foreign: only
lower-case words count (so "El Salvador", "Le Pen", "Die Linke" say nothing), and
a lower-case run inside a name ("Lula da Silva", "von der Leyen") is a name
particle, not a word of the text. Foreign function words that are also English
words ("met", "die", "per", "come") never count for the other language.

A text mostly in another script (Cyrillic, Arabic, CJK…) is not English at any
length. Texts under `MIN_WORDS` words are not judged. Word lists live in
kg/data/stopwords.json.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MIN_WORDS = 8              # below this nothing is judged: a caption or a headline
LONG_WORDS = 30            # from here a text with almost no English function words is not English
ENGLISH_MIN_RATIO = 0.15   # English news sits at 0.35-0.55; other languages under 0.08
UNKNOWN_MAX_RATIO = 0.08   # a long text under this, in no language we know, is "an unknown language"
MIN_FOREIGN_HITS = 3       # another language's own function words needed to call a short text foreign
MIN_LATIN_SHARE = 0.5      # of the letters; below it the text is in another script
SAMPLE_CHARS = 20_000      # the start of the text is enough, and keeps long texts cheap

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageGuess:
    code: str | None        # "en", "de", …; None when unknown or not judged
    name: str               # "English", "German", "an unknown language", "Cyrillic script"
    english_ratio: float    # share of words that are English function words
    words: int              # words looked at
    judged: bool = False    # False for texts too short (or too bare) to tell

    @property
    def english(self) -> bool | None:
        """True or False once judged; None when the text says too little."""
        return self.code == "en" if self.judged else None


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, frozenset[str]], dict[str, str], frozenset[str]]:
    """(function words per language, language names, name particles). Other languages keep
    only the function words English does not share, nor uses as words of its own."""
    raw = json.loads(resources.files("kg").joinpath("data", "stopwords.json").read_text("utf-8"))
    english = frozenset(raw["stopwords"]["en"])
    lookalikes = frozenset(raw["english_lookalikes"])
    stop = {code: frozenset(words) if code == "en" else frozenset(words) - english - lookalikes
            for code, words in raw["stopwords"].items()}
    return stop, dict(raw["names"]), frozenset(raw["name_particles"])


def _counted_words(sample: str, particles: frozenset[str]) -> tuple[list[str], int]:
    """(the lower-case words minus name particles, all words). A particle is a run of one
    or two particle words (da, von, der, al…) joined by spaces or hyphens to a capitalised
    word on each side ("Lula da Silva", "von der Leyen", "al-Assad")."""
    tokens = list(_WORD.finditer(sample))
    counted: list[str] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].group().islower():
            i += 1
            continue
        end = i + 1
        while end < len(tokens) and end - i < 3 and tokens[end].group().islower() and \
                _joined(sample, tokens[end - 1], tokens[end]):
            end += 1
        run = [t.group() for t in tokens[i:end]]
        particle = (end - i <= 2 and i > 0 and end < len(tokens)
                    and tokens[i - 1].group()[0].isupper() and tokens[end].group()[0].isupper()
                    and _joined(sample, tokens[i - 1], tokens[i]) and _joined(sample, tokens[end - 1], tokens[end])
                    and all(w in particles for w in run))
        if not particle:
            counted.extend(run)
        i = end
    return counted, len(tokens)


def _joined(sample: str, left: re.Match, right: re.Match) -> bool:
    """Only spaces or a hyphen between two words: no comma, no full stop."""
    gap = sample[left.end():right.start()]
    return len(gap) <= 2 and all(c in " -" for c in gap)


def _other_script(sample: str) -> str | None:
    """The main non-Latin script ("Cyrillic") when most letters are not Latin, else None."""
    if sample.isascii():
        return None
    scripts: Counter[str] = Counter()
    scripts["LATIN"] = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    for ch in sample:
        if not ch.isascii() and ch.isalpha():
            scripts[unicodedata.name(ch, "UNKNOWN ").split(" ", 1)[0]] += 1
    letters = sum(scripts.values())
    if letters < 20 or scripts["LATIN"] >= MIN_LATIN_SHARE * letters:
        return None
    del scripts["LATIN"]
    script = scripts.most_common(1)[0][0]
    return {"CJK": "Chinese or Japanese characters"}.get(script, f"{script.title()} script")


def guess_language(text: str) -> LanguageGuess:
    """Judge `text` by its function words (see the module's doc)."""
    sample = text[:SAMPLE_CHARS]
    stop, names, particles = _lexicon()
    counted, words = _counted_words(sample, particles)
    script = _other_script(sample)
    if script:
        return LanguageGuess(None, script, 0.0, words, judged=True)
    if not words:
        return LanguageGuess(None, "an unknown language", 0.0, 0)
    hits = {code: sum(w in lexicon for w in counted) for code, lexicon in stop.items()}
    en = hits.pop("en")
    ratio = en / words
    best = max(hits, key=hits.__getitem__)
    if words < MIN_WORDS:
        return LanguageGuess(None, "an unknown language", ratio, words)
    if ratio >= ENGLISH_MIN_RATIO and en >= hits[best]:
        return LanguageGuess("en", names["en"], ratio, words, judged=True)
    if hits[best] >= MIN_FOREIGN_HITS and hits[best] > en:
        return LanguageGuess(best, names.get(best, best), ratio, words, judged=True)
    # between the two ratios, with no foreign evidence: captions, lists of names, headlines
    return LanguageGuess(None, "an unknown language", ratio, words,
                         judged=words >= LONG_WORDS and ratio < UNKNOWN_MAX_RATIO)


def is_english(text: str) -> bool | None:
    """True or False once the text says enough to judge; None for short texts."""
    return guess_language(text).english
