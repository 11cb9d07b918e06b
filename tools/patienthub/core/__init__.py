"""Layer 1 (bottom): findings, errors, dates, size limits, memo and progress: what every other layer speaks.
Imports nothing else of patienthub."""
