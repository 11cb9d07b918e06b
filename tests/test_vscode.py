"""The VS Code wiring: the task's problem matcher understands `check`'s text output; the schema is associated."""

import json
import re

from tests.conftest import GOOD_META, REPO_ROOT, TODAY, run_cli

VSCODE_SEVERITIES = {"error", "warning", "info"}  # any other word gets the matcher's default severity


def problems(task: dict, output: str) -> list[dict]:
    """What VS Code's Problems panel shows for `output`, read the way VS Code reads a problem matcher."""
    found = []
    for line in output.splitlines():
        for matcher in task["problemMatcher"]:
            pattern = matcher["pattern"]
            match = re.match(pattern["regexp"], line)
            if match is None:
                continue
            word = match.group(pattern["severity"])
            found.append(
                {
                    "file": match.group(pattern["file"]),
                    "line": match.group(pattern["line"]) if "line" in pattern else None,
                    "kind": pattern.get("kind", "location"),
                    "severity": word if word in VSCODE_SEVERITIES else matcher.get("severity", "error"),
                    "code": match.group(pattern["code"]),
                    "message": match.group(pattern["message"]),
                }
            )
    return found


def test_problem_matchers_put_every_finding_in_the_problems_panel_with_its_severity(repo):
    tasks = json.loads((REPO_ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    repo.page("bijna.md", meta=GOOD_META.replace("2026-03-12", "2023-12-20"))  # next review within 60 days
    (repo.content / "weg.md").symlink_to(repo.root / "bestaat-niet.md")  # a finding without a line
    config = repo.root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - patienthub\n", "  - patienthub:\n      rules:\n        freshness.due-soon: suggestion\n"
        )
    )
    output = run_cli("check", "--today", TODAY, cwd=repo.root).stdout
    for task in tasks["tasks"][:2]:
        found = {(p["file"], p["line"], p["kind"], p["severity"], p["code"]) for p in problems(task, output)}
        assert found == {
            ("content/oud.md", "6", "location", "error", "freshness.overdue"),
            ("content/bijna.md", "6", "location", "info", "freshness.due-soon"),  # a suggestion is no error
            ("content/weg.md", None, "file", "error", "files.symlink"),
        }, output
    [overdue] = [p for p in problems(tasks["tasks"][0], output) if p["code"] == "freshness.overdue"]
    assert "opnieuw gecontroleerd" in overdue["message"]


def test_front_matter_schema_is_associated_with_the_pages():
    settings = json.loads((REPO_ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    globs = settings["yaml.schemas"]["./tools/patienthub/schemas/frontmatter.schema.json"]
    assert "content/**/*.md" in globs
    for schema_path in settings["yaml.schemas"]:
        assert (REPO_ROOT / schema_path).is_file()
