"""suppressions.py: inline `<!-- patienthub: disable … -->` comments, parsed into line ranges or problems."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import GOOD_META, TODAY, MiniRepo

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity
from patienthub.domain.suppressions import parse
from patienthub.engine import runner as engine
from patienthub.load.config import load_project
from patienthub.load.loader import load_site

KNOWN = {"readability.sentence-length", "readability.passive", "links.broken"}
BODY_START = 14  # the file line of the body's first line: "---", 10 lines of GOOD_META, "---", a blank line


def suppressions_of(repo: MiniRepo, body: str):
    repo.page("pagina.md", GOOD_META, body)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date.fromisoformat(TODAY))
    return parse(site.by_path["content/pagina.md"], KNOWN)


def test_disable_covers_the_next_block(repo: MiniRepo) -> None:
    parsed = suppressions_of(
        repo,
        '<!-- patienthub: disable readability.sentence-length reason="Citaat." -->\n'
        "Eerste regel\ntweede regel.\n\nVolgende alinea.\n",
    )
    assert [(s.rule, s.reason, s.first, s.last) for s in parsed.active] == [
        ("readability.sentence-length", "Citaat.", BODY_START + 1, BODY_START + 2)
    ]
    assert parsed.problems == []


def test_disable_and_enable_make_a_region_for_several_rules_or_a_family(repo: MiniRepo) -> None:
    parsed = suppressions_of(
        repo,
        "<!-- patienthub: disable readability, links.broken reason=“Tabel met namen.” -->\n\n"
        "Een.\n\nTwee.\n\n<!-- patienthub: enable readability links.broken -->\n\nDrie.\n",
    )
    assert [(s.rule, s.reason, s.first, s.last) for s in parsed.active] == [
        ("readability", "Tabel met namen.", BODY_START, BODY_START + 6),
        ("links.broken", "Tabel met namen.", BODY_START, BODY_START + 6),
    ]


@pytest.mark.parametrize(
    ("comment", "rule"),
    [
        ("<!-- patienthub: disable readability.passive -->", "schema.suppression-reason"),
        ('<!-- patienthub: disable readability.passive reason="" -->', "schema.suppression-reason"),
        ('<!-- patienthub: disable readability.pasive reason="x" -->', "schema.suppression-rule"),
        ("<!-- patienthub: uit readability -->", "schema.suppression-syntax"),
        ("<!-- patienthub: enable readability.passive -->", "schema.suppression-unmatched"),
    ],
)
def test_wrong_comments_are_findings_and_suppress_nothing(repo: MiniRepo, comment: str, rule: str) -> None:
    parsed = suppressions_of(repo, f"{comment}\nUw rug wordt onderzocht.\n")
    assert [(f.rule, f.line) for f in parsed.problems] == [(rule, BODY_START)]
    assert parsed.active == []


def test_other_comments_are_left_alone(repo: MiniRepo) -> None:
    parsed = suppressions_of(repo, "<!-- een gewone opmerking -->\nTekst.\n")
    assert parsed.active == [] and parsed.problems == []


LINK = Rule("links.broken", Severity.ERROR, "Een link werkt niet.")


def link_check(line_offsets: tuple[int, ...]) -> Check:
    """A check of another family, to show suppression is not a readability feature."""

    def page(p, site):
        return [
            Finding(LINK.id, LINK.severity, p.path, p.body_start_line + n, "Kapot.") for n in line_offsets
        ]

    return Check("links", (LINK,), page=page)


def test_suppression_works_for_any_rule_family(repo: MiniRepo) -> None:
    repo.page(
        "pagina.md",
        GOOD_META,
        '<!-- patienthub: disable links reason="Site is tijdelijk offline." -->\n[a](x)\n\n[b](y)\n',
    )
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date.fromisoformat(TODAY))
    result = engine.run(site, {"content/pagina.md"}, checks=(link_check((2, 4)),))
    assert [(f.rule, f.line) for f in result.findings] == [("links.broken", BODY_START + 3)]
