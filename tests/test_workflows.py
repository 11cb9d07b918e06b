"""Supply chain and CI hardening: the workflows pass actionlint and zizmor (offline) with no findings, every
action and image is pinned to an immutable digest, permissions are least-privilege, no secret is needed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import REPO_ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml", "nightly.yml"}


def test_actionlint_finds_nothing():
    result = run(str(BIN / "actionlint"), "-no-color", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("persona", ["regular", "pedantic"])
def test_zizmor_offline_finds_nothing(persona):
    result = run(str(BIN / "zizmor"), "--offline", f"--persona={persona}", "--format=plain", ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def uses_lines(path: Path) -> list[str]:
    return [line.split("uses:", 1)[1].strip() for line in path.read_text().splitlines() if "uses:" in line]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_its_version(workflow):
    uses = uses_lines(workflow)
    assert uses
    assert [u for u in uses if not PINNED_ACTION.match(u)] == []


def test_the_same_action_is_pinned_to_the_same_commit_everywhere():
    pins: dict[str, set[str]] = {}
    for workflow in WORKFLOWS:
        for use in uses_lines(workflow):
            action, rest = use.split("@", 1)
            pins.setdefault(action, set()).add(rest)
    assert {action: refs for action, refs in pins.items() if len(refs) > 1} == {}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_no_secrets(workflow):
    data = load(workflow)
    assert data["permissions"] == {"contents": "read"}  # read-only by default; a job asks for more itself
    for name, job in data["jobs"].items():
        granted = job.get("permissions", {})
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert writes <= {"pages", "id-token"}, (name, writes)
        assert not writes or name == "deploy", name  # only the deploy job may write, and only to Pages
        image = job.get("container")
        image = image.get("image") if isinstance(image, dict) else image
        assert image is None or re.search(r"@sha256:[0-9a-f]{64}$", image), image
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False  # no token left behind for later steps
    assert "secrets." not in workflow.read_text()


def test_dependabot_updates_python_packages_and_actions():
    config = load(REPO_ROOT / ".github" / "dependabot.yml")
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert ecosystems >= {"pip", "github-actions"}
    assert all(update["cooldown"]["default-days"] >= 7 for update in config["updates"])


def test_dependencies_are_locked_with_hashes():
    lock = (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = re.findall(r"^([A-Za-z0-9._-]+(?:\[[^\]]+\])?)==\S+ \\$", lock, re.M)
    assert len(pinned) > 20
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2])
    assert all("--hash=sha256:" in entry for entry in entries if "==" in entry)
    assert "--require-hashes" in (REPO_ROOT / "Makefile").read_text()


def test_external_links_are_checked_nightly_and_never_in_ci():
    nightly = (REPO_ROOT / ".github" / "workflows" / "nightly.yml").read_text()
    assert "patienthub links --external" in nightly
    for workflow in WORKFLOWS:
        if workflow.name != "nightly.yml":
            assert "--external" not in workflow.read_text()
    assert "--external" not in (REPO_ROOT / "Makefile").read_text()


def test_ci_builds_the_site_as_make_site_does_and_with_every_engine():
    ci = load(REPO_ROOT / ".github" / "workflows" / "ci.yml")
    runs = [step.get("run", "") for job in ci["jobs"].values() for step in job["steps"]]
    assert "make site" in runs  # as the deploy workflow: patienthub build, check first
    assert not [run for run in runs if "mkdocs build" in run]  # never the engine alone
    for engine in ("properdocs", "zensical"):
        assert [run for run in runs if f"patienthub build --engine {engine} " in run], engine
