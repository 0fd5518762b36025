"""References to people that the article's PeopleIndex leaves open, as meeting arguments:

- "X said Y had called him": an object pronoun inside what a reporting verb reports is its
  speaker (when the speaker is not the reported clause's own subject);
- "the general", "the senator": the last person named before with that rank written before
  their name ("Gen. Martin Dempsey", "Sen. X").
"""
from __future__ import annotations

from functools import lru_cache

from kg.nlp.lexicons import data_rows

_OBJECT_PRONOUNS = {"him", "her"}
_MAX_CLIMB = 6  # clauses between a pronoun and the reporting verb above it
# rank nouns and the abbreviations written before a name
_RANKS = {"general": ("gen", "general"), "senator": ("sen", "senator"), "governor": ("gov", "governor"),
          "admiral": ("adm", "admiral"), "colonel": ("col", "colonel"), "ambassador": ("amb", "ambassador"),
          "congressman": ("rep", "congressman"), "congresswoman": ("rep", "congresswoman"),
          "representative": ("rep", "representative"), "bishop": ("bishop",), "cardinal": ("cardinal",),
          "rabbi": ("rabbi",), "sheikh": ("sheikh",)}


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(row[0] for row in data_rows("reporting_verbs.tsv") if row and row[0])


def reported_speaker(tok, people) -> str | None:
    """"Corsi said Malloch had called him" → Corsi."""
    if tok.lower_ not in _OBJECT_PRONOUNS or tok.dep_ not in ("dobj", "pobj", "dative"):
        return None
    own = tok.head
    while own.pos_ not in ("VERB", "AUX") and own.head.i != own.i:
        own = own.head
    own_subjects = {people.name_for(c) for c in own.children if c.dep_ in ("nsubj", "nsubjpass")}
    clause = own
    for _ in range(_MAX_CLIMB):
        if clause.dep_ not in ("ccomp", "parataxis", "conj", "xcomp", "advcl") or clause.head.i == clause.i:
            return None
        verb = clause.head
        if verb.lemma_.lower() in _reporting_verbs():
            speaker = next((people.name_for(c) for c in verb.children if c.dep_ == "nsubj"), None)
            return speaker if speaker and speaker not in own_subjects else None
        clause = verb
    return None


def ranked_reference(tok, people) -> str | None:
    """"the general" → the last person named before `tok` as "Gen. X" or "General X"."""
    marks = _RANKS.get(tok.lower_)
    if not marks or tok.tag_ != "NN" or not any(c.lower_ == "the" for c in tok.children):
        return None
    doc = tok.doc
    found = None
    for start, _, name in people.mentions():
        if start >= tok.i:
            break
        before = [doc[j].lower_.rstrip(".") for j in (start - 1, start) if 0 <= j < len(doc)]
        if any(word in marks for word in before):
            found = name
    return found
