<<<<<<< HEAD
"""Reports written from extraction results (HTML and CSV)."""
=======
"""Report writers: turn extractions into files people read (CSV, Markdown, HTML)."""
>>>>>>> main
