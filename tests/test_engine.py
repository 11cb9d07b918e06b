import datetime as dt

from tests.conftest import GOOD_META, LONG_SENTENCE, page_text

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


def test_checking_in_several_processes_gives_the_result_of_one(copy_of_project, tmp_path):
    from patienthub.engine import runner
    from patienthub.load.cache import Cache

    project = load_project(copy_of_project / "mkdocs.yml")
    site = load_site(project, dt.date(2026, 11, 22))
    assert len(site.pages) >= runner.MIN_PARALLEL_PAGES  # enough pages that workers are really started

    def outcome(result):
        return result.findings, [(r.page.path, r.metrics) for r in result.pages]

    calls: list[tuple[int, int]] = []
    serial = run(site, jobs=1)
    parallel = run(site, jobs=2, progress=lambda done, total: calls.append((done, total)))
    assert outcome(parallel) == outcome(serial)
    assert calls == [(n, len(site.pages)) for n in range(1, len(site.pages) + 1)]

    # With a cache: the workers' findings are stored as a run in one process stores them, and read back.
    cache = Cache(tmp_path / "cache")
    assert outcome(run(site, jobs=2, cache=cache)) == outcome(serial)
    cache.save()
    again = Cache(tmp_path / "cache")
    assert outcome(run(site, jobs=2, cache=again)) == outcome(serial)
    assert all(again.results(site, page, runner.REGISTRY) is not None for page in site.pages)


def test_a_checked_page_lets_go_of_its_prose_and_makes_it_again_when_asked(repo):
    """5,000 pages' sentences and tokens must not all stay in memory until the run ends."""
    repo.page("a.md")
    site = site_of(repo)
    page = site.by_path["content/a.md"]
    before = [s.text for s in page.prose.sentences]
    run(site)
    assert "prose" not in page.__dict__
    assert [s.text for s in page.prose.sentences] == before


def test_run_unsaved_judges_the_given_text_and_leaves_the_file_alone(repo):
    from patienthub.engine.runner import run_unsaved

    path = repo.page("pijn.md")
    on_disk = path.read_bytes()
    site = site_of(repo)
    unsaved = page_text(body=LONG_SENTENCE).encode("utf-8")
    result = run_unsaved(site, path, unsaved)
    assert [r.page.path for r in result.pages] == ["content/pijn.md"]
    assert "readability.sentence-length" in {f.rule for f in result.findings}
    assert path.read_bytes() == on_disk
    assert "readability.sentence-length" not in {f.rule for f in run(site, {"content/pijn.md"}).findings}
    # A page that has no file yet is checked as if it had one.
    new = run_unsaved(site, repo.content / "nieuw.md", unsaved)
    assert [r.page.path for r in new.pages] == ["content/nieuw.md"] and not (
        repo.content / "nieuw.md"
    ).exists()


def test_what_the_worker_processes_looked_up_is_kept_by_the_parent(copy_of_project):
    # Word frequencies and syllables computed in a worker: the cache saves the parent's tables, so without this
    # the next run loaded wordfreq and Pyphen again for every edited page.
    from patienthub.core import memo
    from patienthub.engine import runner

    page = copy_of_project / "content" / "bewegen-bij-rugpijn.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nDe kwispelfluxtuin is nieuw.\n", encoding="utf-8")
    site = load_site(load_project(copy_of_project / "mkdocs.yml"), dt.date(2026, 11, 22))
    assert len(site.pages) >= runner.MIN_PARALLEL_PAGES
    frequencies = memo.table("wordfreq.zipf-nl")
    assert not any("kwispelfluxtuin" in key for key in frequencies)
    run(site, jobs=2)
    assert any("kwispelfluxtuin" in key for key in frequencies)
