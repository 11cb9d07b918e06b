"""The filter stage: runs once after all checks, so no rule needs to know about overrides or suppressions.

In order: page exemptions (front matter, with a reason), inline suppressions (HTML comments, with a reason),
then severity overrides from the configuration. Wrong or unused suppressions become findings themselves.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from patienthub.checks import all_rules
from patienthub.core.findings import Finding, Severity, is_locked
from patienthub.domain import suppressions
from patienthub.domain.model import Page, Site


def _override(rule: str, overrides: dict[str, str]) -> str | None:
    """The most specific override for a rule: its exact id, else its family ("readability")."""
    if rule in overrides:
        return overrides[rule]
    return overrides.get(rule.split(".", 1)[0])


def exemption(page: Page, rule: str) -> str | None:
    """The reason the page gives for being exempt from `rule` (by its id or its family), if any."""
    return page.meta.exempt.get(rule) or page.meta.exempt.get(rule.split(".", 1)[0])


def apply(
    findings: Iterable[Finding],
    site: Site,
    pages: Sequence[Page] | None = None,
    known_rules: Collection[str] | None = None,
    ran_rules: Collection[str] | None = None,
) -> list[Finding]:
    """Filter the findings of a run over `pages` (default: every page of the site). `known_rules` are the rule
    ids a suppression may name (default: every registered rule); any family may be named too. `ran_rules` are
    the rules of the checks that ran (default: all): a suppression of a rule that did not run is not "unused"."""
    checked = site.pages if pages is None else pages
    known = set(all_rules() if known_rules is None else known_rules)
    inline = {page.path: suppressions.parse(page, known) for page in checked}
    survivors: list[Finding] = []
    for f in findings:
        page = site.by_path.get(f.path)
        if is_locked(f.rule):  # security rules: no exemption, no suppression, no override
            survivors.append(f)
            continue
        if page is not None and exemption(page, f.rule):
            continue
        if f.path in inline and inline[f.path].suppresses(f):
            continue
        survivors.append(f)
    for parsed in inline.values():
        survivors.extend(parsed.problems)
        survivors.extend(parsed.unused(ran_rules))
    overrides = dict(site.config.rules)
    kept = []
    for f in survivors:
        level = None if is_locked(f.rule) else _override(f.rule, overrides)
        if level == "off":
            continue
        kept.append(f.with_severity(Severity(level)) if level else f)
    return kept
