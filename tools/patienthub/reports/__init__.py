"""Layer 9: reports over a checked site: an engine Result to text (readability report, PR diff, output formats,
the writer's panel, links to the editors' guide)."""
