"""spaCy stage: the pipeline and our components. Only this package and kg.extract import spaCy."""
