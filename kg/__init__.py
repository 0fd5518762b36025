"""kg: a political news knowledge graph builder."""

__version__ = "0.1.0"
