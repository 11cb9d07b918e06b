"""What a check is: a name, the rules it may report, and pure functions over the model."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..findings import Finding, Rule
from ..model import Page, Site

PageCheck = Callable[[Page, Site], Iterable[Finding]]
SiteCheck = Callable[[Site], Iterable[Finding]]
PageMetrics = Callable[[Page, Site], Mapping[str, Any]]


@dataclass(frozen=True)
class Check:
    name: str
    rules: tuple[Rule, ...]
    page: PageCheck | None = None  # runs once per checked page
    site: SiteCheck | None = None  # runs once per run, sees every page
    metrics: PageMetrics | None = None  # numbers for the JSON report and dashboards
    # True when `page`/`metrics` read other pages (site.pages, site.by_url, ...), e.g. to follow a link: such
    # results change when another page does, so they are never cached and `check --changed` runs them on
    # every page. Page functions may otherwise read only the page, the configuration and the data files.
    cross_page: bool = False

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
