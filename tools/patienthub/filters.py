"""The filter stage: runs once after all checks, so no rule needs to know about overrides or suppressions."""

from __future__ import annotations

from collections.abc import Iterable

from .findings import Finding, Severity
from .model import Site


def _override(rule: str, overrides: dict[str, str]) -> str | None:
    """The most specific override for a rule: its exact id, else its family ("readability")."""
    if rule in overrides:
        return overrides[rule]
    return overrides.get(rule.split(".", 1)[0])


def apply(findings: Iterable[Finding], site: Site) -> list[Finding]:
    overrides = dict(site.config.rules)
    kept = []
    for f in findings:
        level = _override(f.rule, overrides)
        if level == "off":
            continue
        kept.append(f.with_severity(Severity(level)) if level else f)
    return kept
