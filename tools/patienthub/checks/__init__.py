"""Layer 6: the checks (pure: a Site in, Findings out). A new check is one module with a CHECK and one line here."""

from __future__ import annotations

from patienthub.checks import (
    advice,
    cms,
    draft,
    evidence,
    files,
    freshness,
    html,
    hub,
    links,
    outcomes,
    readability,
    review,
    schema,
    source_updates,
    terminology,
)
from patienthub.checks.base import Check
from patienthub.core.findings import Rule, Severity
from patienthub.domain import suppressions

REGISTRY: tuple[Check, ...] = (
    schema.CHECK,
    freshness.CHECK,
    terminology.CHECK,
    advice.CHECK,
    hub.CHECK,
    review.CHECK,
    source_updates.CHECK,
    outcomes.CHECK,
    readability.CHECK,
    html.CHECK,
    files.CHECK,
    links.CHECK,
    draft.CHECK,
    evidence.CHECK,
    cms.CHECK,
)


def all_rules() -> dict[str, Rule]:
    """Every rule id any check can report, with its default severity and Dutch summary."""
    rules = {rule.id: rule for check in REGISTRY for rule in check.rules}
    rules.update((rule.id, rule) for rule in suppressions.RULES)  # reported by the filter stage
    for check in REGISTRY:  # the engine reports a crashing check under its own family
        crash = Rule(
            f"{check.name}.internal-error", Severity.ERROR, "Een controle liep vast: een fout in patienthub."
        )
        rules[crash.id] = crash
    return rules
