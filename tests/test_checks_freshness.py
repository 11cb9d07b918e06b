import datetime as dt

import pytest
from tests.conftest import GOOD_META

from patienthub import load_project, load_site, run
from patienthub.domain.schedule import add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 3, 12), 36, dt.date(2029, 3, 12)),
        (dt.date(2024, 2, 29), 36, dt.date(2027, 2, 28)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def findings(repo, today: str, meta: str = GOOD_META):
    repo.page("index.md", meta=meta)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date.fromisoformat(today))
    return [(f.rule, f.severity.value, f.line) for f in run(site).findings if f.rule.startswith("freshness.")]


def test_fresh_page_has_no_freshness_findings(repo):
    assert findings(repo, "2026-11-22") == []


def test_overdue_by_default_interval(repo):
    meta = GOOD_META.replace("2026-03-12", "2020-01-01")
    assert findings(repo, "2026-11-22", meta) == [("freshness.overdue", "error", 6)]


def test_due_soon_window(repo):
    assert findings(repo, "2029-02-01") == [("freshness.due-soon", "warning", 6)]
    assert findings(repo, "2029-01-10") == []


def test_explicit_next_review_wins_and_is_the_line(repo):
    meta = GOOD_META + "next_review: 2026-06-01\n"
    assert findings(repo, "2026-11-22", meta) == [("freshness.overdue", "error", 12)]


def test_review_in_the_future(repo):
    assert findings(repo, "2026-01-01") == [("freshness.future-review", "error", 6)]


def test_interval_comes_from_config(repo):
    mkdocs = (
        (repo.root / "mkdocs.yml")
        .read_text()
        .replace("  - patienthub\n", "  - patienthub:\n      freshness:\n        review_interval_months: 6\n")
    )
    repo.write("mkdocs.yml", mkdocs)
    assert findings(repo, "2026-11-22") == [("freshness.overdue", "error", 6)]
