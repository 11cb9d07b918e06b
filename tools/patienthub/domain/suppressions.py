"""Inline suppressions: HTML comments that switch a rule off for one block or a region, always with a reason.

    <!-- patienthub: disable readability.sentence-length reason="Letterlijk citaat uit de richtlijn." -->
    Een lange zin …

    <!-- patienthub: disable readability reason="Tabel met namen van geneesmiddelen." -->
    … een region …
    <!-- patienthub: enable readability -->

A `disable` with a later `enable` for the same rule covers the lines in between; without one it covers the
next block (paragraph, list item, heading, table …). A rule is a full id or a family ("readability"). The
comments are invisible on the site. Only the filter stage (filters.py) applies them: no rule knows of them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from patienthub.core.findings import FAMILIES, Finding, Rule, Severity, is_locked
from patienthub.domain.model import Page
from patienthub.text.markdown import blocks

SYNTAX = Rule(
    "schema.suppression-syntax",
    Severity.ERROR,
    "Een patienthub-opmerking (<!-- patienthub: … -->) is onleesbaar.",
)
REASON = Rule(
    "schema.suppression-reason", Severity.ERROR, 'Een regel wordt uitgezet zonder reden (reason="…").'
)
UNKNOWN = Rule(
    "schema.suppression-rule", Severity.ERROR, "Een patienthub-opmerking noemt een regel die niet bestaat."
)
UNMATCHED = Rule("schema.suppression-unmatched", Severity.WARNING, "Een 'enable' zonder 'disable' ervoor.")
UNUSED = Rule("schema.suppression-unused", Severity.WARNING, "Een regel wordt uitgezet waar hij niets vindt.")
LOCKED = Rule(
    "schema.suppression-locked",
    Severity.ERROR,
    "Een beveiligingsregel (html., files.) kan in een pagina niet worden uitgezet.",
)
RULES = (SYNTAX, REASON, UNKNOWN, UNMATCHED, UNUSED, LOCKED)

_DIRECTIVE = re.compile(r"<!--\s*patienthub\s*:(?P<body>.*?)-->", re.S)
_BODY = re.compile(
    r"^\s*(?P<verb>disable|enable)\s+(?P<rules>[\w.\-]+(?:\s*,\s*[\w.\-]+|\s+(?!reason\b)[\w.\-]+)*)"
    r"(?:\s+reason\s*=\s*(?:\"(?P<reason>[^\"]*)\"|“(?P<curly>[^”]*)”))?\s*$",
    re.S,
)


@dataclass
class Suppression:
    rule: str  # a rule id or a family
    reason: str
    line: int  # the comment's line
    first: int  # first and last file line it covers
    last: int
    used: bool = field(default=False, compare=False)

    def covers(self, finding: Finding) -> bool:
        return (
            finding.line is not None
            and self.first <= finding.line <= self.last
            and (finding.rule == self.rule or finding.rule.startswith(self.rule + "."))
        )


@dataclass
class PageSuppressions:
    path: str
    active: list[Suppression]
    problems: list[Finding]

    def suppresses(self, finding: Finding) -> bool:
        hit = False
        for suppression in self.active:
            if finding.path == self.path and suppression.covers(finding):
                suppression.used = hit = True
        return hit

    def unused(self, ran_rules: Collection[str] | None = None) -> list[Finding]:
        """Suppressions that hid nothing; only for rules that ran (`ran_rules`; None: all of them)."""
        return [
            Finding(
                UNUSED.id,
                UNUSED.severity,
                self.path,
                s.line,
                f"'{s.rule}' staat hier uit, maar die regel vindt in dit stuk niets (meer).",
                "Haal de opmerking weg, zodat de controle weer werkt.",
            )
            for s in self.active
            if not s.used
            and (ran_rules is None or any(r == s.rule or r.startswith(s.rule + ".") for r in ran_rules))
        ]


def parse(page: Page, known_rules: Collection[str]) -> PageSuppressions:
    """The page's suppressions, and findings for comments that are wrong (no reason, unknown rule, …)."""
    families = set(FAMILIES)
    found = PageSuppressions(page.path, [], [])
    if "patienthub" not in page.body:  # every directive names it; most pages have none
        return found
    scanned = blocks(page.body, page.body_start_line)
    directives = []  # (verb, rules, reason, line, index of the next non-comment block)
    for index, block in enumerate(scanned):
        if block.kind != "comment":
            continue
        for match in _DIRECTIVE.finditer(block.text):
            line = block.line_at(match.start())
            parsed = _BODY.match(match.group("body"))
            if parsed is None:
                found.problems.append(_problem(SYNTAX, page, line, match.group().strip()))
                continue
            rules = [r for r in re.split(r"[\s,]+", parsed.group("rules")) if r]
            unknown = [r for r in rules if r not in known_rules and r not in families]
            if unknown:
                found.problems.append(_problem(UNKNOWN, page, line, ", ".join(unknown)))
                continue
            locked = [r for r in rules if is_locked(r)]
            if locked and parsed.group("verb") == "disable":
                found.problems.append(_problem(LOCKED, page, line, ", ".join(locked)))
                continue
            reason = (parsed.group("reason") or parsed.group("curly") or "").strip()
            if parsed.group("verb") == "disable" and not reason:
                found.problems.append(_problem(REASON, page, line, ", ".join(rules)))
                continue
            following = next((b for b in scanned[index + 1 :] if b.kind != "comment"), None)
            directives.append((parsed.group("verb"), rules, reason, line, following))
    closed: set[tuple[int, str]] = set()  # (line of an enable, rule) already matched with a disable
    for position, (verb, rules, reason, line, following) in enumerate(directives):
        if verb != "disable":
            continue
        for rule in rules:
            end = next(
                (
                    d[3]
                    for d in directives[position + 1 :]
                    if d[0] == "enable" and rule in d[1] and (d[3], rule) not in closed
                ),
                None,
            )
            if end is not None:
                closed.add((end, rule))
                found.active.append(Suppression(rule, reason, line, line, end))
            elif following is not None:
                found.active.append(Suppression(rule, reason, line, following.lines[0], following.lines[-1]))
            else:
                found.active.append(Suppression(rule, reason, line, line, line))  # nothing follows: unused
    for verb, rules, _, line, _ in directives:
        for rule in rules:
            if verb == "enable" and (line, rule) not in closed:
                found.problems.append(_problem(UNMATCHED, page, line, rule))
    return found


def _problem(rule: Rule, page: Page, line: int, detail: str) -> Finding:
    messages = {
        SYNTAX.id: (
            f"Deze opmerking kan patienthub niet lezen: {detail}",
            'Schrijf: <!-- patienthub: disable REGEL reason="…" --> of <!-- patienthub: enable REGEL -->.',
        ),
        REASON.id: (
            f"'{detail}' wordt uitgezet zonder reden; daarom blijft de regel aan.",
            'Zet er een reden bij: reason="Letterlijk citaat uit de richtlijn."',
        ),
        UNKNOWN.id: (
            f"De regel '{detail}' bestaat niet; deze opmerking zet niets uit.",
            "Controleer de spelling; de regels staan in de handleiding voor redacteuren.",
        ),
        LOCKED.id: (
            f"'{detail}' is een beveiligingsregel: die kan niet worden uitgezet, ook niet met een reden. Deze "
            "opmerking zet niets uit.",
            "Haal de opmerking weg en los de fout op. Is de HTML echt nodig? Vraag het technische team.",
        ),
        UNMATCHED.id: (
            f"'enable {detail}' zonder 'disable {detail}' ervoor.",
            "Haal de opmerking weg of zet er een 'disable' met reden voor.",
        ),
    }
    message, suggestion = messages[rule.id]
    return Finding(rule.id, rule.severity, page.path, line, message, suggestion)
