"""Reports over a checked site: pure functions from an engine Result to text, for people and CI summaries."""
