"""Report writers: turn extractions into files people read (CSV, Markdown, HTML)."""
