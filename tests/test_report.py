"""`patienthub report readability` (commands/report.py, reports/readability.py) through the real CLI."""

from __future__ import annotations

import shutil

import pytest
from tests.conftest import REPO_ROOT, TODAY, MiniRepo, run_cli

CORPUS = REPO_ROOT / "tests" / "corpus" / "readability"


@pytest.fixture
def corpus_repo(repo: MiniRepo) -> MiniRepo:
    for name in ("b1-naar-de-huisarts.md", "formal-zorgstandaard.md"):
        shutil.copy(CORPUS / name, repo.content / name)
    exempt = (CORPUS / "b1-werken-met-rugpijn.md").read_text(encoding="utf-8")
    exempt = exempt.replace("status: concept\n", 'status: concept\nreadability:\n  exempt: "Proefpagina."\n')
    repo.write("content/vrijgesteld.md", exempt)
    return repo


def test_text_report_sorts_hardest_first_with_worst_sentences(corpus_repo: MiniRepo) -> None:
    result = run_cli("report", "readability", "--today", TODAY, cwd=corpus_repo.root)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    table = lines[3 : lines.index("", 3)]  # title, blank line, column header, rows
    paths = [line.split("  ")[-1].split(" (")[0] for line in table]
    assert paths[0] == "content/formal-zorgstandaard.md"
    assert set(paths) == {
        "content/formal-zorgstandaard.md",
        "content/b1-naar-de-huisarts.md",
        "content/vrijgesteld.md",
        "content/index.md",
    }
    assert table[0].split()[0] == "11,8" and table[0].endswith("(fout)")
    assert "content/vrijgesteld.md (vrijgesteld)" in result.stdout
    assert "vrijgesteld: readability: Proefpagina." in result.stdout
    assert "  regel 43 (65 woorden): “Voor de ZSCP relevante aspecten" in result.stdout


def test_markdown_report_for_a_job_summary(corpus_repo: MiniRepo) -> None:
    result = run_cli(
        "report",
        "readability",
        "--format",
        "markdown",
        "--worst",
        "1",
        "--today",
        TODAY,
        cwd=corpus_repo.root,
    )
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "## Leesbaarheid"
    columns = "Pagina | Status | Flesch-Douma | Brouwer | Woorden | Zinnen | Lettergrepen | Woorden per zin"
    header = lines.index(f"| {columns} | Lange zinnen | Zeldzame woorden |")
    assert lines[header + 1] == "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    first = lines[header + 2]
    title = "Implementatie-agenda Zorgstandaard Chronische Pijn"
    assert first.startswith(f"| {title}<br>`content/formal-zorgstandaard.md` | fout | 11,8 |")
    # the counts of running prose (headings are labels) the score is computed from:
    # 206.835 - 0.93 * 1087/40 - 77 * 2396/1087 = 11.8
    assert first.endswith(f"| -7,0 | 1087 | 40 | 2396 | 27,2 | 32 | {first.split('|')[-2].strip()} |")
    summary = "<details><summary><code>content/formal-zorgstandaard.md</code> (11,8)</summary>"
    assert summary in lines
    worst = lines[lines.index(summary) + 2]
    assert worst.startswith("- regel 43 (65 woorden): “Voor de ZSCP")


def test_report_of_one_path_and_unknown_kind(corpus_repo: MiniRepo) -> None:
    result = run_cli("report", "readability", "content/index.md", "--today", TODAY, cwd=corpus_repo.root)
    assert "content/index.md" in result.stdout and "formal" not in result.stdout
    after_option = run_cli(
        "report",
        "readability",
        "--format",
        "markdown",
        "content/index.md",
        "--today",
        TODAY,
        cwd=corpus_repo.root,
    )
    assert after_option.code == 0, after_option.stderr
    assert "`content/index.md`" in after_option.stdout and "formal" not in after_option.stdout
    bogus = run_cli("report", "readability", "--bogus", cwd=corpus_repo.root)
    assert bogus.code == 2 and "onbekende argumenten: --bogus" in bogus.stderr
    wrong = run_cli("report", "leesbaarheid", cwd=corpus_repo.root)
    assert wrong.code == 2 and "leesbaarheid" in wrong.stderr
