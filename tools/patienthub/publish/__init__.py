"""Layer 8: after the checks: what is made from a check run's Result (the review dashboard) and from the
finished site (Pagefind index, precompressed copies, trimmed CSS)."""

from __future__ import annotations

from patienthub.build.generators.base import ResultGenerator
from patienthub.publish import dashboard

# Generators of a check run's outcome: (site, result) -> outputs.
RESULT_REGISTRY: tuple[ResultGenerator, ...] = (dashboard.generate,)

__all__ = ["RESULT_REGISTRY"]
