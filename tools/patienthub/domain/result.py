"""The outcome of a check run: every checked page with its metrics, and the findings. Plain data: the build's
generators (the dashboard) and the reports are given a Result; they never run the checks themselves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from patienthub.core.findings import Finding, Severity
from patienthub.domain.model import Page, Site


@dataclass(frozen=True)
class PageReport:
    page: Page
    metrics: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    site: Site
    pages: tuple[PageReport, ...]
    findings: tuple[Finding, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def for_path(self, path: str) -> list[Finding]:
        return [f for f in self.findings if f.path == path]
