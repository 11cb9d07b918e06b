"""Findings: what a check says about a page, and the rules that may say it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

FAMILIES = (
    "schema",
    "freshness",
    "readability",
    "terminology",
    "advice",
    "links",
    "html",
    "files",
    "outcomes",
    "review",
    "hub",
    "draft",
    "evidence",
    "cms",
)


# Security rules: what stands between a contributor and a patient's browser. No page may switch them off
# (inline or in its front matter) and mkdocs.yml may not demote them (suppressions.py, filters.py, config.py).
SECURITY_FAMILIES = ("html", "files")
# Rules in those families that are about structure, not safety, and may be suppressed like any other.
NOT_SECURITY = frozenset({"html.multiple-h1", "html.glued-list"})
# Rules of other families that are locked too: a theme key (`template` renders without the CSP), and the limits
# that keep "check passes => build passes" true (demoted, a refused page would silently vanish from the site).
LOCKED_RULES = frozenset(
    {
        "schema.theme-key",
        "schema.too-large",
        "schema.nesting",
        "schema.unclosed",
        "schema.backtick-run",
        "schema.control-character",
        "links.unsafe-file-name",
    }
)


def is_locked(rule: str) -> bool:
    """Whether a rule id, or a family, names a security rule that cannot be switched off or demoted."""
    return rule in LOCKED_RULES or (rule.split(".", 1)[0] in SECURITY_FAMILIES and rule not in NOT_SECURITY)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "suggestion": 0}[self.value]

    @property
    def dutch(self) -> str:
        return {"error": "fout", "warning": "waarschuwing", "suggestion": "suggestie"}[self.value]


@dataclass(frozen=True)
class Rule:
    """A rule a check can report. `summary` is the Dutch one-liner shown in guides and listings."""

    id: str
    severity: Severity
    summary: str

    def __post_init__(self) -> None:
        family = self.id.split(".", 1)[0]
        if family not in FAMILIES or "." not in self.id:
            raise ValueError(f"rule id {self.id!r} must start with one of {FAMILIES} and a dot")

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    path: str
    line: int | None
    message: str
    suggestion: str = ""
    column: int | None = None
    # Text quoted from the page (e.g. the sentence or word); used by suppression and reports.
    excerpt: str = field(default="", compare=False)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.rule)


def finding(rule: Rule, path: str, line: int | None, message: str, suggestion: str = "", **kw) -> Finding:
    """Build a finding at the rule's default severity."""
    return Finding(rule.id, rule.severity, path, line, message, suggestion, **kw)
