"""Extraction stages: each a function from the parse and earlier findings to what it adds."""
