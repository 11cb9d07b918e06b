"""`patienthub build`: check, then a real strict build by the chosen engine (mini sites, real processes)."""

from __future__ import annotations

import pytest
from tests.conftest import GOOD_META, LONG_SENTENCE, REPO_ROOT, run_cli

from patienthub.adapters import cli, engines


def review_line(html: str) -> str:
    start = html.index('<footer class="ph-review">')
    return " ".join(html[start : html.index("</footer>", start)].split())


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_build_checks_and_builds_with_the_engine(repo, engine, tmp_path):
    out = tmp_path / "uit"
    run = run_cli("build", "--engine", engine, "-d", str(out), "--today", "2026-11-22", cwd=repo.root)
    assert run.code == 0, run.stderr
    label = engines.ENGINES[engine].label
    assert f"de site wordt gebouwd met {label} in {out}" in run.stderr
    assert f"klaar: de site staat in {out} (gebouwd met {label})" in run.stderr
    assert "0 fouten" in run.stdout  # the check's own summary comes first
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Laatst gecontroleerd door de redactie" in review_line(html)
    assert (out / "zoeken" / "index.html").is_file() and (out / "api" / "v1" / "pages.json").is_file()
    assert not (repo.root / "site").exists()


def test_each_finding_of_the_check_is_printed_once(repo, tmp_path):
    # The check's report, then the build: the plugin's own check inside MkDocs does not print it again
    # (`mkdocs build` alone still does: test_mkdocs_plugin.py).
    repo.page("lang.md", body=LONG_SENTENCE)
    run = run_cli("build", "-d", str(tmp_path / "uit"), "--today", "2026-11-22", cwd=repo.root)
    assert run.code == 0, run.stderr
    assert (run.stdout + run.stderr).count("Deze zin heeft 22 woorden") == 1
    assert (run.stdout + run.stderr).count("gecontroleerd: 0 fouten, 1 waarschuwing") == 1


@pytest.mark.long
def test_both_engines_build_the_same_page(repo, tmp_path):
    pages = {}
    for engine in ("mkdocs", "properdocs"):
        run = run_cli("build", "--engine", engine, "-d", str(tmp_path / engine), cwd=repo.root)
        assert run.code == 0, run.stderr
        pages[engine] = (tmp_path / engine / "index.html").read_text(encoding="utf-8")
    assert pages["mkdocs"] == pages["properdocs"]


def test_without_site_dir_the_site_goes_where_mkdocs_yml_says(repo):
    config = repo.root / "mkdocs.yml"
    config.write_text("site_dir: publiek\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    run = run_cli("build", cwd=repo.root)
    assert run.code == 0, run.stderr
    assert (repo.root / "publiek" / "index.html").is_file()
    assert f"gebouwd met MkDocs in {repo.root / 'publiek'}" in run.stderr


def test_errors_found_by_the_check_stop_before_the_build(repo, tmp_path):
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    run = run_cli("build", "-d", str(tmp_path / "uit"), "--today", "2026-11-22", cwd=repo.root)
    assert run.code == 1
    assert "freshness.overdue" in run.stdout
    assert "de controle vond fouten; de site is niet gebouwd" in run.stderr
    assert not (tmp_path / "uit").exists()


def test_a_failing_engine_build_is_exit_1_in_dutch(repo, tmp_path):
    # A nav entry for a page that does not exist: the check has no rule for it, MkDocs' strict build stops.
    config = repo.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - bestaat-niet.md\n", encoding="utf-8")
    run = run_cli("build", "-d", str(tmp_path / "uit"), cwd=repo.root)
    assert run.code == 1
    assert "bouwen met MkDocs is mislukt (code 1); zie de meldingen hierboven" in run.stderr
    assert "klaar" not in run.stderr and "Traceback" not in run.stderr


def test_a_symbolic_link_stops_the_zensical_build_at_the_check(repo, tmp_path):
    # The staging copy would follow it; the check refuses it first (an error no setting can lower).
    (repo.content / "weg.md").symlink_to(repo.content / "index.md")
    run = run_cli("build", "--engine", "zensical", "-d", str(tmp_path / "uit"), cwd=repo.root)
    assert run.code == 1
    assert "files.symlink" in run.stdout and "de controle vond fouten" in run.stderr
    assert not (tmp_path / "uit").exists() and "Traceback" not in run.stderr


def test_an_unknown_engine_is_a_usage_error_in_dutch(repo):
    run = run_cli("build", "--engine", "hugo", cwd=repo.root)
    assert run.code == 2
    assert "ongeldige keuze: 'hugo'" in run.stderr and "Traceback" not in run.stderr
    run = run_cli("build", "--engine", cwd=repo.root)
    assert run.code == 2 and "hier hoort één waarde achter" in run.stderr


def test_zensical_builds_the_hub_around_the_engine(repo, tmp_path):
    """Zensical runs no plugin: the docs are staged with the generated pages, the render stage runs as a
    Markdown extension and the publish stage over the finished site (docs/engines.md)."""
    out = tmp_path / "uit"
    run = run_cli("build", "--engine", "zensical", "-d", str(out), "--today", "2026-11-22", cwd=repo.root)
    assert run.code == 0, run.stderr
    assert f"klaar: de site staat in {out} (gebouwd met Zensical)" in run.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Laatst gecontroleerd door de redactie" in review_line(html)
    assert "ph-notice--concept" in html and 'type="application/ld+json"' in html
    assert '<meta http-equiv="Content-Security-Policy"' in html
    for generated in ("zoeken/index.html", "api/v1/pages.json", "feed.xml"):
        assert (out / generated).is_file(), generated
    assert (out / "pagefind" / "pagefind.js").is_file() and (out / "index.html.gz").is_file()
    # Nothing of the staging copy is left in the repository.
    assert sorted(p.name for p in repo.root.iterdir()) == sorted(
        ["content", "mkdocs.yml", ".patienthub-cache"]
    )


def test_a_failing_zensical_build_is_exit_1_and_writes_no_site(repo, tmp_path):
    # A theme folder that is not there: the check does not read the theme, Zensical stops on it. (A nav entry
    # without a page, as above, does not stop Zensical's strict build: docs/engines.md.)
    config = repo.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            f"custom_dir: {REPO_ROOT / 'overrides'}", "custom_dir: weg"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "uit"
    run = run_cli("build", "--engine", "zensical", "-d", str(out), cwd=repo.root)
    assert run.code == 1, run.stderr
    assert "bouwen met Zensical is mislukt" in run.stderr and not out.exists()


def test_an_engine_that_is_not_installed_is_a_usage_error(repo, monkeypatch, capsys):
    missing = engines.Engine("mkdocs", "MkDocs", "patienthub_geen_engine")
    monkeypatch.setitem(engines.ENGINES, "mkdocs", missing)
    monkeypatch.chdir(repo.root)
    assert cli.main(["build", "--engine", "mkdocs"]) == 2
    err = capsys.readouterr().err
    assert "MkDocs is niet geïnstalleerd (het Python-pakket 'patienthub_geen_engine' ontbreekt)" in err
    assert not (repo.root / "site").exists()
