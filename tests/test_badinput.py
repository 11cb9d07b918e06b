"""The bad-input corpus (tests/badinput/): the real CLI over every case at once, then an assertion per case.

Any input gives a clear answer: a finding with path and line, exit 1 (or 0 for a valid page), never a traceback,
every other page still checked, in bounded time and memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from tests.badinput.generated import GENERATORS
from tests.conftest import MKDOCS_YML, ORGANISATIONS, REPO_ROOT, TODAY, MiniRepo, mkdocs_build, run_cli

CORPUS = Path(__file__).parent / "badinput"
CASES: list[dict] = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
MAX_SECONDS = 60  # the bound for the whole corpus; a normal run takes about a second
MAX_RSS_MB = 512
# Written only if a `!!python/object/apply:os.system` tag in the corpus were ever executed.
PWNED = "PWNED-BY-YAML"


@dataclass(frozen=True)
class CorpusRun:
    root: Path
    code: int
    stderr: str
    report: dict
    seconds: float
    max_rss_mb: float

    def findings(self, path: str) -> list[dict]:
        return [f for f in self.report["findings"] if f["path"] == path]


def write_corpus(root: Path) -> MiniRepo:
    repo = MiniRepo(root)
    repo.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    repo.write("content/_data/organisations.yml", ORGANISATIONS)
    for case in CASES:
        target = repo.content / case["file"]
        if "generate" in case:
            target.write_bytes(GENERATORS[case["generate"]]())
        else:
            target.write_bytes((CORPUS / "pages" / case["file"]).read_bytes())
    return repo


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> CorpusRun:
    """One run of the real `patienthub check` over the whole corpus, with its own time and peak memory."""
    repo = write_corpus(tmp_path_factory.mktemp("badinput") / "repo")
    out, err = repo.root / "stdout.json", repo.root / "stderr.txt"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "patienthub", "check", "--today", TODAY, "--format", "json"]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=repo.root, stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of this one child, not of earlier ones
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    return CorpusRun(
        root=repo.root,
        code=process.returncode,
        stderr=err.read_text(encoding="utf-8", errors="replace"),
        report=json.loads(out.read_text(encoding="utf-8")),
        seconds=seconds,
        max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
    )


def test_corpus_is_complete_and_every_file_is_a_case():
    assert len(CASES) >= 30
    files = [case["file"] for case in CASES]
    assert len(files) == len(set(files))
    committed = {path.name for path in (CORPUS / "pages").iterdir()}
    assert committed == {case["file"] for case in CASES if "generate" not in case}
    for case in CASES:
        assert set(case) <= {"file", "expect", "valid", "generate", "why"}, case
        assert case.get("expect") or case.get("valid"), case  # every case says what must happen
        assert "generate" not in case or case["generate"] in GENERATORS


def test_whole_corpus_in_one_run(corpus):
    assert corpus.code == 1
    assert "Traceback" not in corpus.stderr
    assert corpus.stderr == ""
    checked = {page["path"] for page in corpus.report["pages"]}
    assert checked == {f"content/{case['file']}" for case in CASES}  # nothing skipped, no page lost
    crashes = [f for f in corpus.report["findings"] if f["rule"].endswith(".internal-error")]
    assert crashes == []
    assert corpus.seconds < MAX_SECONDS
    assert corpus.max_rss_mb < MAX_RSS_MB


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_case(corpus, case):
    path = f"content/{case['file']}"
    found = corpus.findings(path)
    located = {(f["rule"], f["line"]) for f in found}
    for rule, line in case.get("expect", []):
        assert (rule, line) in located, (rule, line, sorted(located))
    errors = [f for f in found if f["severity"] == "error"]
    if case.get("valid"):
        assert errors == [], errors
    else:
        assert errors  # `patienthub check <this file>` exits 1
    assert all(f["line"] is None or f["line"] >= 1 for f in found)
    assert all(f["message"] for f in found)


def test_yaml_tags_are_never_executed(corpus):
    assert not list(corpus.root.rglob(PWNED))


@pytest.mark.parametrize(
    ("file", "code"),
    [("ok.md", 0), ("bom-crlf.md", 0), ("rug pijn één.md", 0), ("non-utf8.md", 1), ("script.md", 1)],
)
def test_exit_code_of_a_single_case(corpus, file, code):
    run = run_cli("check", "--today", TODAY, f"content/{file}", cwd=corpus.root)
    assert run.code == code, run.stdout
    assert "Traceback" not in run.stderr


@pytest.mark.long
@pytest.mark.slow
def test_strict_build_of_the_corpus_fails_cleanly(corpus, tmp_path):
    """MkDocs on the same corpus: the plugin keeps unreadable pages and refused front matter away from MkDocs and
    the theme, so the build fails on the findings (strict) instead of a traceback."""
    repo = write_corpus(tmp_path / "repo")
    build = mkdocs_build(repo.root)
    assert build.code == 1
    assert "Traceback" not in build.stderr
    assert "html.script" in build.stderr and "schema.binary-file" in build.stderr
    assert "Aborted with" in build.stdout + build.stderr
