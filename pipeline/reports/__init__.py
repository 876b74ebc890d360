"""Reports written from extraction results (HTML and CSV)."""
