"""Reading a dataset: YAML, document texts, validation, schemas and git snapshots."""
