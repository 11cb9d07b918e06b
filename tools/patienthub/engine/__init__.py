"""Layer 7 (above checks/, layer 6): running the checks: the run itself, filters (suppressions, exemptions,
severities), what changed since the cache, and the external link check."""
