"""The content-hash cache: what is served from it, what invalidates it, and that it never changes an outcome."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import GOOD_BODY, GOOD_META, REPO_ROOT, run_cli

from patienthub import Finding, Rule, Severity, load_project, load_site
from patienthub.checks import REGISTRY
from patienthub.checks.base import Check
from patienthub.domain.model import Site
from patienthub.engine.runner import run
from patienthub.load import cache
from patienthub.load.cache import Cache

SPY = Rule("readability.spy", Severity.WARNING, "test")
TODAY = dt.date(2026, 11, 22)


class Spy:
    """A page check that counts the pages it really ran on (not served from the cache)."""

    def __init__(self, cross_page: bool = False, fail_on: str | None = None, depends_on=None) -> None:
        self.calls: Counter[str] = Counter()
        self.fail_on = fail_on
        self.check = Check(
            "readability", (SPY,), page=self.page, cross_page=cross_page, depends_on=depends_on
        )

    def page(self, page, site):
        self.calls[page.path] += 1
        if page.path == self.fail_on:
            raise RuntimeError("kapot")
        return [Finding(SPY.id, SPY.severity, page.path, 1, f"gezien: {page.meta.title}")]


def checked(repo, spy: Spy, today: dt.date = TODAY):
    """One run as `patienthub check` does it: a fresh Cache object (a new process), loaded, run, saved."""
    project = load_project(repo.root / "mkdocs.yml")
    cache = Cache.for_project(project)
    site = load_site(project, today, cache=cache)
    result = run(site, checks=(*REGISTRY, spy.check), cache=cache)
    cache.save()
    return result


@pytest.fixture
def site_repo(repo):
    repo.page("a.md")
    repo.page("b.md", meta=GOOD_META.replace("Lage rugpijn", "Rug"))
    repo.write("content/_data/terms.yml", TERMS)
    return repo


TERMS = """\
terms:
  lage-rugpijn:
    preferred: lage rugpijn
    explanation: Pijn onder in de rug.
    avoid: [lumbago]
    examples:
      flag: [Lumbago gaat vanzelf over.]
      pass: [Lage rugpijn gaat vanzelf over.]
"""


def test_an_edited_page_is_checked_again_and_an_unchanged_one_is_not(site_repo):
    spy = Spy()
    checked(site_repo, spy)
    assert spy.calls == {"content/a.md": 1, "content/b.md": 1, "content/index.md": 1}
    site_repo.page("a.md", body=GOOD_BODY + "\nEen nieuwe zin.\n")
    result = checked(site_repo, spy)
    assert spy.calls == {"content/a.md": 2, "content/b.md": 1, "content/index.md": 1}
    assert sum(1 for f in result.findings if f.rule == SPY.id) == 3  # the cached ones are reported too


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda repo: repo.write("content/_data/terms.yml", TERMS.replace("[lumbago]", "[lumbago, spit]")),
            id="termbase",
        ),
        pytest.param(
            lambda repo: repo.write("content/_data/organisations.yml", "nhg:\n  name: NHG\n"), id="registry"
        ),
        pytest.param(
            lambda repo: repo.write(
                "mkdocs.yml",
                (repo.root / "mkdocs.yml")
                .read_text()
                .replace(
                    "  - patienthub\n", "  - patienthub:\n      freshness:\n        due_soon_days: 10\n"
                ),
            ),
            id="config",
        ),
        pytest.param(lambda repo: repo.write("content/_data/urls.txt", "/\n"), id="url-manifest"),
    ],
)
def test_a_change_to_what_every_page_depends_on_checks_every_page_again(site_repo, change):
    spy = Spy()
    checked(site_repo, spy)
    checked(site_repo, spy)
    assert set(spy.calls.values()) == {1}
    change(site_repo)
    checked(site_repo, spy)
    assert set(spy.calls.values()) == {2}


def test_another_date_checks_every_page_again(site_repo):
    spy = Spy()
    checked(site_repo, spy)
    checked(site_repo, spy, today=TODAY + dt.timedelta(days=1))
    assert set(spy.calls.values()) == {2}


def test_a_check_that_reads_other_pages_always_runs(site_repo):
    spy = Spy(cross_page=True)
    checked(site_repo, spy)
    checked(site_repo, spy)
    assert set(spy.calls.values()) == {2}


def test_a_check_that_says_which_pages_it_reads_is_checked_again_when_one_of_them_changes(site_repo):
    spy = Spy(cross_page=True, depends_on=lambda page: [("b.md",)] if page.src_uri == "a.md" else [])
    checked(site_repo, spy)
    checked(site_repo, spy)
    assert spy.calls == {"content/a.md": 1, "content/b.md": 1, "content/index.md": 1}
    site_repo.page("b.md", body=GOOD_BODY + "\nAnders.\n")
    checked(site_repo, spy)
    assert spy.calls == {"content/a.md": 2, "content/b.md": 2, "content/index.md": 1}


def test_a_reference_to_no_page_or_file_is_checked_every_time(site_repo):
    spy = Spy(cross_page=True, depends_on=lambda page: [("woordenlijst.md",)])  # a generated page
    checked(site_repo, spy)
    checked(site_repo, spy)
    assert set(spy.calls.values()) == {2}


def test_a_link_is_checked_again_when_its_target_changes(site_repo):
    site_repo.page("a.md", body=GOOD_BODY + "\nLees [meer](b.md#wat-u-doet).\n")
    site_repo.page("b.md", body=GOOD_BODY + "\n## Wat u doet\n\nBlijf bewegen.\n")
    assert not [f for f in checked(site_repo, Spy()).findings if f.rule.startswith("links.")]
    site_repo.page("b.md", body=GOOD_BODY + "\n## Wat u zelf doet\n\nBlijf bewegen.\n")
    findings = checked(site_repo, Spy()).findings
    assert [(f.path, f.rule) for f in findings if f.rule.startswith("links.")] == [
        ("content/a.md", "links.missing-anchor")
    ]


def test_a_crashed_check_is_not_stored(site_repo):
    spy = Spy(fail_on="content/a.md")
    first = checked(site_repo, spy)
    assert any(f.rule == "readability.internal-error" for f in first.findings)
    checked(site_repo, spy)
    assert spy.calls["content/a.md"] == 2
    assert spy.calls["content/b.md"] == 1


class SiteSpy:
    """A site-wide check that counts its real runs."""

    def __init__(self, cached: bool = True, fail: bool = False) -> None:
        self.calls = 0
        self.fail = fail
        self.check = Check("readability", (SPY,), site=self.site, site_cached=cached)

    def site(self, site):
        self.calls += 1
        if self.fail:
            raise RuntimeError("kapot")
        return [Finding(SPY.id, SPY.severity, "mkdocs.yml", None, f"{len(site.pages)} pagina's")]


def test_a_site_check_on_an_unchanged_site_comes_from_the_cache(site_repo):
    spy = SiteSpy()
    first = checked(site_repo, spy)
    again = checked(site_repo, spy)
    assert spy.calls == 1
    assert [f for f in again.findings if f.rule == SPY.id] == [f for f in first.findings if f.rule == SPY.id]
    assert any(f.rule == SPY.id for f in again.findings)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda repo: repo.page("a.md", body=GOOD_BODY + "\nEen nieuwe zin.\n"), id="page"),
        pytest.param(lambda repo: repo.page("c.md"), id="new-page"),
        pytest.param(lambda repo: (repo.root / "content" / "b.md").unlink(), id="deleted-page"),
        pytest.param(
            lambda repo: repo.write("content/_data/terms.yml", TERMS.replace("[lumbago]", "[lumbago, spit]")),
            id="data-file",
        ),
    ],
)
def test_a_site_check_runs_again_when_a_page_or_data_file_changes(site_repo, change):
    spy = SiteSpy()
    checked(site_repo, spy)
    change(site_repo)
    checked(site_repo, spy)
    assert spy.calls == 2


def test_a_site_check_that_reads_more_than_the_model_always_runs(site_repo):
    spy = SiteSpy(cached=False)
    checked(site_repo, spy)
    checked(site_repo, spy)
    assert spy.calls == 2


def test_a_crashed_site_check_is_not_stored(site_repo):
    spy = SiteSpy(fail=True)
    first = checked(site_repo, spy)
    assert any(f.rule == "readability.internal-error" for f in first.findings)
    checked(site_repo, spy)
    assert spy.calls == 2


def test_only_the_files_check_reads_more_than_the_model_site_wide():
    """files.* reads the copied files themselves (images, SVGs), which no fingerprint covers."""
    assert {c.name for c in REGISTRY if c.site is not None and not c.site_cached} == {"files"}


def test_a_broken_cache_file_is_an_empty_cache(site_repo):
    spy = Spy()
    checked(site_repo, spy)
    for stored in (site_repo.root / ".patienthub-cache").glob("*.pickle"):
        stored.write_bytes(b"niet te lezen")
    checked(site_repo, spy)
    assert set(spy.calls.values()) == {2}


class _RunsCode:
    """Unpickling this opens (creates) a file: what a hostile cache file in a pull request could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_cache_file_that_came_with_the_repository_is_never_unpickled(site_repo, tmp_path):
    spy = Spy()
    checked(site_repo, spy)
    [stored] = (site_repo.root / ".patienthub-cache").glob("*.pickle")
    marker = tmp_path / "PWNED-BY-PICKLE"
    stored.write_bytes(pickle.dumps({"pages": _RunsCode(marker), "results": {}, "derived": {}, "memo": {}}))
    result = checked(site_repo, spy)
    assert not marker.exists()
    assert set(spy.calls.values()) == {2}  # nothing was taken from that file
    assert not [f for f in result.findings if f.rule.endswith(".internal-error")]


def test_a_cache_file_signed_with_another_users_key_is_not_believed(site_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "redacteur"))
    spy = Spy()
    checked(site_repo, spy)
    checked(site_repo, spy)
    assert set(spy.calls.values()) == {1}  # the same user: served from the cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "iemand-anders"))
    checked(site_repo, spy)
    assert set(spy.calls.values()) == {2}
    key = tmp_path / "iemand-anders" / "patienthub" / "cache-key"
    assert len(key.read_bytes()) == 32 and key.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_without_a_place_for_the_key_nothing_is_cached(site_repo, tmp_path, monkeypatch):
    (tmp_path / "bestand").write_text("geen map", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "bestand"))  # a file: no folder can be made in it
    spy = Spy()
    checked(site_repo, spy)
    checked(site_repo, spy)
    assert set(spy.calls.values()) == {2}
    assert not list((site_repo.root / ".patienthub-cache").glob("*.pickle"))


def test_the_cache_folder_stays_out_of_git_and_keeps_one_file(site_repo):
    checked(site_repo, Spy())
    folder = site_repo.root / ".patienthub-cache"
    (folder / "v1-oude-versie.pickle").write_bytes(pickle.dumps({}))
    site_repo.page("a.md", body=GOOD_BODY + "\nNog een zin.\n")
    checked(site_repo, Spy())
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert len(list(folder.glob("*.pickle"))) == 1  # a cache of other code is of no use


@pytest.mark.long
def test_cached_output_is_byte_identical_to_a_run_without_cache(copy_of_project: Path):
    # Findings of several kinds, with metrics: this repository's pages plus one that breaks many rules.
    (copy_of_project / "content" / "lastig.md").write_text(
        "---\ntitle: Lumbago\ndescription: x\ntype: education\nowner: onbekend\nlast_reviewed: 2019-01-01\n"
        "status: approved\nsources: []\n---\n\n# Lumbago\n\nBij lumbago is bedrust het beste, ook als de "
        "pijn na een aantal weken nog steeds niet minder wordt en u niet kunt werken.\n",
        encoding="utf-8",
    )
    for output in ("json", "text", "github"):
        args = ("check", "--today", "2026-11-22", "--format", output)
        uncached = run_cli(*args, "--no-cache", cwd=copy_of_project)
        filling = run_cli(*args, cwd=copy_of_project)
        cached = run_cli(*args, cwd=copy_of_project)
        assert uncached.code == filling.code == cached.code == 1
        assert uncached.stdout == filling.stdout == cached.stdout
        assert output != "json" or '"flesch_douma"' in cached.stdout  # metrics come from the cache too


def test_no_cache_neither_reads_nor_writes(site_repo):
    result = run_cli("check", "--today", "2026-11-22", "--no-cache", cwd=site_repo.root)
    assert result.code == 0, result.stderr
    assert not (site_repo.root / ".patienthub-cache").exists()
    run_cli("check", "--today", "2026-11-22", cwd=site_repo.root)
    assert list((site_repo.root / ".patienthub-cache").glob("*.pickle"))


def test_cache_dir_null_switches_the_cache_off(site_repo):
    config = site_repo.root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - patienthub\n", "  - patienthub:\n      cache_dir: null\n")
    )
    assert run_cli("check", "--today", "2026-11-22", cwd=site_repo.root).code == 0
    assert not (site_repo.root / ".patienthub-cache").exists()


# --- what may be cached: page functions read only the page, the configuration and the data files ---------------


class _Recorder:
    """A Site stand-in that notes which attributes a function reads."""

    OTHER_PAGES = frozenset({"pages", "by_path", "by_url", "by_src_uri"})

    def __init__(self, site: Site) -> None:
        self._site = site
        self.read: set[str] = set()

    def __getattr__(self, name: str):
        self.read.add(name)
        return getattr(self._site, name)


def test_no_cached_check_reads_other_pages():
    """Checks whose page results are cached must not look at other pages; one that does must say so with
    Check(cross_page=True), or edits elsewhere would leave its cached results stale."""
    site = load_site(load_project(REPO_ROOT / "mkdocs.yml"), TODAY)
    for check in REGISTRY:
        if check.cross_page:
            continue
        for page in site.pages:
            recorder = _Recorder(site)
            if check.page is not None:
                list(check.page(page, recorder))
            if check.metrics is not None:
                check.metrics(page, recorder)
            assert not recorder.read & _Recorder.OTHER_PAGES, (check.name, page.path, recorder.read)


def test_no_cached_build_step_reads_other_pages():
    from patienthub.build import present, transforms

    site = load_site(load_project(REPO_ROOT / "mkdocs.yml"), TODAY)
    for page in site.pages:
        recorder = _Recorder(site)
        transforms.apply(page.body, page, recorder)
        present.page_view(page, recorder)
        assert not recorder.read & _Recorder.OTHER_PAGES, (page.path, recorder.read)


def test_a_relative_cache_home_is_ignored(site_repo, tmp_path, monkeypatch):
    # A relative XDG_CACHE_HOME could put the key inside the repository, next to a cache file it signs.
    monkeypatch.chdir(site_repo.root)
    monkeypatch.setenv("XDG_CACHE_HOME", "sleutels")
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    assert cache.machine_key() is not None
    assert not (site_repo.root / "sleutels").exists()
    assert (tmp_path / "thuis" / ".cache" / "patienthub" / "cache-key").is_file()


def test_another_output_folder_is_the_same_context(site_repo, tmp_path):
    """`mkdocs build -d DIR` (the bench, `patienthub build -d`) after `patienthub check` reuses the check's work."""
    project = load_project(site_repo.root / "mkdocs.yml")
    elsewhere = dataclasses.replace(project, site_dir=tmp_path / "elders")
    assert cache.context_fingerprint(project, "2026-11-22") == cache.context_fingerprint(
        elsewhere, "2026-11-22"
    )
    other_docs = dataclasses.replace(project, site_url="https://elders.example/")
    assert cache.context_fingerprint(project, "2026-11-22") != cache.context_fingerprint(
        other_docs, "2026-11-22"
    )


def test_the_builds_work_is_a_file_of_its_own_that_a_check_leaves_alone(site_repo):
    project = load_project(site_repo.root / "mkdocs.yml")
    build = Cache.for_project(project, build=True)
    site = load_site(project, TODAY, cache=build)
    page = site.by_path["content/a.md"]
    calls = Counter()

    def work():
        calls["work"] += 1
        return "getransformeerd"

    assert build.derived(site, page, "test", "", work, build=True) == "getransformeerd"
    build.save()
    assert build.build_file is not None and build.build_file.is_file()
    written = build.build_file.stat().st_mtime_ns

    checked(site_repo, Spy())  # an editor's check: reads and writes the check's part only
    assert build.build_file.stat().st_mtime_ns == written
    check_only = Cache.for_project(project)
    assert check_only.derived(site, page, "test", "", work, build=True) == "getransformeerd"
    assert calls["work"] == 2  # not in the check's part: computed, and not kept there

    again = Cache.for_project(project, build=True)
    assert again.derived(site, page, "test", "", work, build=True) == "getransformeerd"
    assert calls["work"] == 2  # the next build has it


def test_a_builds_work_on_no_core_page_is_kept_under_its_parts_and_the_context(site_repo):
    # MkDocs' rendering of any page (render_memo.py): kept by the next build, not by a check, not elsewhere.
    project = load_project(site_repo.root / "mkdocs.yml")
    build = Cache.for_project(project, build=True)
    site = load_site(project, TODAY, cache=build)
    key = build.build_key(site, "test", ["pagina.md", "# Kop"])
    assert build.built(key) is None
    build.keep_built(key, "<h1>Kop</h1>")
    build.save()
    again = Cache.for_project(project, build=True)
    assert again.built(key) == "<h1>Kop</h1>"
    assert again.build_key(site, "test", ["pagina.md", "# Andere kop"]) != key
    tomorrow = load_site(project, TODAY + dt.timedelta(days=1))
    assert again.build_key(tomorrow, "test", ["pagina.md", "# Kop"]) != key
    check_only = Cache.for_project(project)
    check_only.keep_built(key, "iets anders")
    assert check_only.built(key) is None


def test_a_page_that_could_not_be_read_is_not_answered_with_another_unreadable_pages_findings(
    site_repo, tmp_path
):
    """A symbolic link, a binary file, a file over the size limit: each is a page without text, so their results
    were stored under the same key and the second one got the first one's findings (a binary file reported as a
    symbolic link; with an error demoted in mkdocs.yml, a symbolic link reported as nothing but that)."""
    page = site_repo.root / "content" / "a.md"
    outside = tmp_path / "elders.md"
    outside.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    page.unlink()
    page.symlink_to(outside)
    first = {f.rule for f in checked(site_repo, Spy()).findings if f.path == "content/a.md"}
    assert "files.symlink" in first
    page.unlink()
    page.write_bytes(b"\x00\x01binary\xff" * 10)
    second = {f.rule for f in checked(site_repo, Spy()).findings if f.path == "content/a.md"}
    assert "schema.binary-file" in second and "files.symlink" not in second


def test_a_cache_folder_that_is_a_link_is_not_written_into(tmp_path):
    from patienthub.load.cache import Cache

    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "v0-ander.pickle").write_bytes(b"dierbaar")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / ".patienthub-cache").symlink_to(elsewhere, target_is_directory=True)
    cache = Cache(tmp_path / "project" / ".patienthub-cache")
    cache._added = True  # something to save
    cache.save()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["v0-ander.pickle"]
    assert (elsewhere / "v0-ander.pickle").read_bytes() == b"dierbaar"
