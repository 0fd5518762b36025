"""Facts → RDF: the ontology's namespace, identifiers, and the mapping of facts to triples."""
