"""What a check is: a name, the rules it may report, and pure functions over the model."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from patienthub.core.findings import Finding, Rule
from patienthub.domain.model import Page, Site

PageCheck = Callable[[Page, Site], Iterable[Finding]]
SiteCheck = Callable[[Site], Iterable[Finding]]
PageMetrics = Callable[[Page, Site], Mapping[str, Any]]
# Per reference to another file: the docs_dir paths it may resolve to (read from the page alone).
PageDependencies = Callable[[Page], Iterable[tuple[str, ...]]]


@dataclass(frozen=True)
class Check:
    name: str
    rules: tuple[Rule, ...]
    page: PageCheck | None = None  # runs once per checked page
    site: SiteCheck | None = None  # runs once per run, sees every page
    metrics: PageMetrics | None = None  # numbers for the JSON report and dashboards
    # True when `page`/`metrics` read other pages (site.pages, site.by_url, ...), e.g. to follow a link: such
    # results change when another page does. Page functions may otherwise read only the page, the
    # configuration and the data files (a test checks this for every registered check).
    cross_page: bool = False
    # For a cross_page check: which files each of the page's results depends on. With it, results are cached
    # under the state of those files and `check --changed` re-checks just the pages that point at a changed
    # file; without it, the check runs on every page, every time.
    depends_on: PageDependencies | None = None
    # True when `site` reads nothing but the model (pages, configuration, data files; no other file, no git):
    # its findings are then cached under all of those, and a run in which nothing changed skips it.
    site_cached: bool = False

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
