"""Where the ontology and the SHACL shapes live: the repository's ontology/ folder.

The package reaches it as kg/ontology (a link to ../ontology in the checkout; a
copy inside a built wheel). KG_ONTOLOGY_DIR points elsewhere.
"""
from __future__ import annotations

import os
from pathlib import Path

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"


def ontology_dir() -> Path:
    """The folder holding kg.ttl and shapes.ttl; raises FileNotFoundError saying how to fix it."""
    override = os.environ.get("KG_ONTOLOGY_DIR")
    folder = Path(override) if override else Path(__file__).parents[1] / "ontology"
    if not (folder / ONTOLOGY_FILE).is_file() or not (folder / SHAPES_FILE).is_file():
        raise FileNotFoundError(
            f"no {ONTOLOGY_FILE} and {SHAPES_FILE} in {folder}: reinstall kg (pip install -e . in its "
            "checkout, or its wheel), or set KG_ONTOLOGY_DIR to a folder holding both files")
    return folder


def ontology_path() -> Path:
    """ontology/kg.ttl: the OWL ontology with its SKOS concept schemes."""
    return ontology_dir() / ONTOLOGY_FILE


def shapes_path() -> Path:
    """ontology/shapes.ttl: the SHACL shapes every graph kg writes must satisfy."""
    return ontology_dir() / SHAPES_FILE
