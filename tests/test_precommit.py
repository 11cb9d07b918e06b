"""`pre-commit run --all-files` passes on (a copy of) this repository's working tree."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow


def working_tree_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [name for name in listed.split("\0") if name and (REPO_ROOT / name).is_file()]


def test_hooks_for_other_repositories_are_valid():
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["patienthub-check"]
    assert hooks[0]["entry"].startswith("patienthub check")
    # Pages, not every Markdown file of the other repository: `check README.md` fails (no front matter).
    files, exclude = re.compile(hooks[0]["files"]), re.compile(hooks[0]["exclude"])
    pages = ["docs/rugpijn.md", "content/uitleg/hernia.md", "docs/oud.markdown"]
    others = ["README.md", "CHANGELOG.md", "tools/notities.md", "content/_data/notitie.md"]
    assert [p for p in pages + others if files.search(p) and not exclude.search(p)] == pages


@pytest.mark.long
def test_pre_commit_run_all_files_passes(tmp_path):
    """Run in a throwaway copy, so pre-commit never stashes or touches the developer's own work tree."""
    copy = tmp_path / "repo"
    for name in working_tree_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / name, target)
    (copy / ".venv").symlink_to(REPO_ROOT / ".venv")
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=copy, check=True)
    subprocess.run([*git, "add", "-A"], cwd=copy, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_MKDOCS_2_WARNING": "1"}
    pre_commit = Path(sys.executable).parent / "pre-commit"
    run = subprocess.run(
        [str(pre_commit), "run", "--all-files", "--show-diff-on-failure"],
        cwd=copy,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "patienthub check" in run.stdout
