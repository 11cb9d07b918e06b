import datetime as dt

from tests.conftest import GOOD_META

from patienthub import Finding, Rule, Severity, load_project, load_site
from patienthub.checks.base import Check
from patienthub.engine.runner import run

BOOM = Rule("readability.boom", Severity.ERROR, "test")


def site_of(repo):
    return load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))


def test_a_crashing_check_becomes_a_finding_and_others_still_run(repo):
    repo.page("b.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))

    def explode(page, site):
        if page.path.endswith("index.md"):
            raise ValueError("kapot")
        return []

    crashing = Check("readability", (BOOM,), page=explode)
    from patienthub.checks import freshness

    result = run(site_of(repo), checks=(crashing, freshness.CHECK))
    rules = [(f.path, f.rule) for f in result.findings]
    assert ("content/index.md", "readability.internal-error") in rules
    assert ("content/b.md", "freshness.overdue") in rules
    assert (
        "ValueError: kapot"
        in result.findings[rules.index(("content/index.md", "readability.internal-error"))].message
    )


def test_targets_limit_page_checks_and_site_findings(repo):
    repo.page("b.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))

    def site_wide(site):
        return [Finding("readability.boom", Severity.ERROR, p.path, 1, "x") for p in site.pages]

    check = Check("readability", (BOOM,), site=site_wide)
    result = run(site_of(repo), targets={"content/b.md"}, checks=(check,))
    assert [f.path for f in result.findings] == ["content/b.md"]
    assert [r.page.path for r in result.pages] == ["content/b.md"]


def test_result_counts_and_exit_code(repo):
    repo.page("b.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    result = run(site_of(repo))
    assert result.errors == 1
    assert result.exit_code == 1
    assert [r.page.path for r in result.pages] == ["content/b.md", "content/index.md"]
    assert result.pages[0].metrics["days_left"] < 0


def test_progress_is_reported_per_page(repo):
    repo.page("b.md")
    seen = []
    run(site_of(repo), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
