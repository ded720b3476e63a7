"""The analyst's layer: grading, corroboration, estimative language."""
