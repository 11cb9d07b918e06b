"""The real `patienthub` CLI in a subprocess: exit codes 0/1/2 and output formats."""

import json
import os
import subprocess
import sys

import pytest
from tests.conftest import GOOD_META, TODAY, page_text, run_cli


def test_clean_repo_exits_0(repo):
    run = run_cli("check", "--today", TODAY, cwd=repo.root)
    assert run.code == 0, run.stdout + run.stderr
    assert "1 pagina gecontroleerd: 0 fouten" in run.stdout


def test_json_format_and_exit_1_on_overdue_page(repo):
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    run = run_cli("check", "--format", "json", "--today", TODAY, cwd=repo.root)
    assert run.code == 1
    data = json.loads(run.stdout)
    assert data["today"] == TODAY
    assert [(f["path"], f["rule"], f["line"]) for f in data["findings"]] == [
        ("content/oud.md", "freshness.overdue", 6)
    ]
    assert "Traceback" not in run.stderr


def test_impossible_date_is_a_schema_finding_without_traceback(repo):
    repo.page("datum.md", meta=GOOD_META.replace("2026-03-12", "2026-02-30"))
    run = run_cli("check", "--format", "json", "--today", TODAY, cwd=repo.root)
    assert run.code == 1
    findings = json.loads(run.stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("schema.date", 6)]
    assert "Traceback" not in run.stderr


def test_paths_select_pages(repo):
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    run = run_cli("check", "content/index.md", "--today", TODAY, cwd=repo.root)
    assert run.code == 0
    assert "1 pagina gecontroleerd" in run.stdout


def test_excluded_file_is_named_not_silently_skipped(repo):
    repo.write("content/_data/notitie.md", "tekst")
    run = run_cli("check", "content/_data/notitie.md", "--today", TODAY, cwd=repo.root)
    assert run.code == 0
    assert "niet gecontroleerd" in run.stderr


def test_file_outside_the_site_is_checked(repo, tmp_path):
    outside = tmp_path / "los.md"
    outside.write_text("# Geen gegevens\n", encoding="utf-8")
    run = run_cli("check", str(outside), "--format", "json", "--today", TODAY, cwd=repo.root)
    assert run.code == 1
    assert json.loads(run.stdout)["findings"][0]["rule"] == "schema.frontmatter-missing"


def test_exit_2_on_usage_config_and_io_failures(repo, tmp_path):
    assert run_cli("check", "--today", "22-11-2026", cwd=repo.root).code == 2
    assert run_cli("check", "--format", "xml", cwd=repo.root).code == 2
    missing = run_cli("check", "bestaat-niet.md", cwd=repo.root)
    assert missing.code == 2 and "bestaat niet" in missing.stderr
    repo.write("mkdocs.yml", "plugins:\n  - patienthub:\n      onzin: 1\n")
    bad_config = run_cli("check", cwd=repo.root)
    assert bad_config.code == 2 and "onbekende instelling" in bad_config.stderr
    no_config = run_cli("check", cwd=tmp_path)
    assert no_config.code == 2 and "mkdocs.yml" in no_config.stderr
    for run in (missing, bad_config, no_config):
        assert "Traceback" not in run.stderr


def test_github_format(repo):
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    run = run_cli("check", "--format", "github", "--today", TODAY, cwd=repo.root)
    assert run.code == 1
    assert run.stdout.startswith("::error file=content/oud.md,line=6,title=freshness.overdue::")


def test_no_command_prints_help_and_exits_2(repo):
    run = run_cli(cwd=repo.root)
    assert run.code == 2
    assert "check" in run.stderr


def test_help_and_usage_errors_are_dutch(repo):
    """argparse's own words (usage, options, its error messages) are English; the editors read Dutch."""
    help_text = run_cli("check", "--help", cwd=repo.root)
    assert help_text.code == 0
    assert help_text.stdout.startswith("gebruik: patienthub check")
    assert "opties:" in help_text.stdout and "toon deze hulp" in help_text.stdout
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in help_text.stdout
    wrong_choice = run_cli("check", "--format", "xml", cwd=repo.root)
    assert "ongeldige keuze: 'xml' (kies uit" in wrong_choice.stderr
    missing = run_cli("review", cwd=repo.root)
    assert missing.code == 2 and "deze argumenten ontbreken: PAGINA, --by" in missing.stderr
    assert "required" not in missing.stderr and "usage" not in missing.stderr
    unknown = run_cli("check", "--onzin", cwd=repo.root)
    assert unknown.code == 2 and unknown.stderr.startswith("gebruik: patienthub check")
    assert "onbekende argumenten: --onzin" in unknown.stderr


def test_output_into_a_closed_pipe_is_no_traceback(repo):
    # `patienthub terms | head` or quitting `less` early: the reader is gone before patienthub is done.
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with os.fdopen(write_end, "wb") as stdout:
        proc = subprocess.run(
            [sys.executable, "-m", "patienthub", "check", "--today", TODAY],
            cwd=repo.root,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=300,
        )
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr, proc.stderr
    assert proc.returncode == 1  # not 0: the output did not arrive


def test_check_judges_by_the_date_the_build_uses(repo):
    """PATIENTHUB_TODAY fixes the date of `mkdocs build`: `check` without --today uses it too (one date, one
    cache); --today still wins, and a wrong value is a usage error in Dutch."""
    repo.page("a.md")
    run = run_cli("check", "--format", "json", cwd=repo.root, env={"PATIENTHUB_TODAY": "2031-01-01"})
    assert json.loads(run.stdout)["today"] == "2031-01-01"
    run = run_cli(
        "check", "--format", "json", "--today", TODAY, cwd=repo.root, env={"PATIENTHUB_TODAY": "2031-01-01"}
    )
    assert json.loads(run.stdout)["today"] == TODAY
    run = run_cli("check", cwd=repo.root, env={"PATIENTHUB_TODAY": "morgen"})
    assert run.code == 2
    assert "PATIENTHUB_TODAY='morgen' is geen datum" in run.stderr
    assert "Traceback" not in run.stderr


def test_watch_checks_again_after_each_save_and_stops_on_ctrl_c(repo):
    import queue
    import signal
    import threading

    page = repo.page("index.md")
    proc = subprocess.Popen(
        # faulthandler: if it ever hangs after Ctrl-C (seen twice under load, not reproduced), SIGABRT below
        # makes it print where every thread is.
        [sys.executable, "-X", "faulthandler", "-m", "patienthub", "check", "--watch", "--today", TODAY],
        cwd=repo.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def read_until(text: str) -> str:
        seen = ""
        while text not in seen:
            seen += lines.get(timeout=60)
        return seen

    try:
        assert "1 pagina gecontroleerd: 0 fouten" in read_until("Ik wacht op wijzigingen")
        page.write_text(
            page.read_text(encoding="utf-8").replace("2026-03-12", "2020-01-01"), encoding="utf-8"
        )
        report = read_until("Opnieuw gecontroleerd in")
        assert "content/index.md: 1 opmerking\n" in report
        assert "content/index.md:6: error freshness.overdue" in report
        assert "1 pagina gecontroleerd: 1 fout, 0 waarschuwingen, 0 suggesties." in report
        repo.write("content/nieuw.md", page_text(meta=GOOD_META.replace("Lage rugpijn", "Nieuwe pagina", 1)))
        report = read_until("Opnieuw gecontroleerd in")
        assert "content/nieuw.md: " in report and "2 pagina’s gecontroleerd" in report
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)
            _, err = proc.communicate(timeout=30)
            pytest.fail(f"check --watch did not stop within 60 s of Ctrl-C; its threads:\n{err[-6000:]}")
    finally:
        proc.kill()
    assert proc.returncode == 1  # the last run found an error
    assert "Traceback" not in err


def test_watch_refuses_machine_formats(repo):
    run = run_cli("check", "--watch", "--format", "json", "--today", TODAY, cwd=repo.root)
    assert run.code == 2
    assert "--watch werkt alleen met de gewone uitvoer" in run.stderr


def test_a_command_imports_only_its_own_module_and_help_lists_every_command(repo):
    # One fresh interpreter: first the parser of `check` alone (what it imported then), then the full one.
    probe = (
        "import sys\n"
        "from patienthub.adapters import cli\n"
        "only = cli.build_parser(['check'])\n"
        "others = ('build', 'links', 'cms_config', 'review')\n"
        "print([m for m in others if 'patienthub.adapters.commands.' + m in sys.modules])\n"
        "print(sorted(only.commands), sorted(cli.build_parser([]).commands) == sorted(cli.COMMANDS))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "['check'] True"]
    run = run_cli("--help", cwd=repo.root)
    assert all(name in run.stdout for name in ("check", "build", "cms-config", "links"))
