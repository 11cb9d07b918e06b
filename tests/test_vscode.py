"""The VS Code wiring: the task's problem matcher understands `check`'s text output; the schema is associated."""

import json
import re

from tests.conftest import GOOD_META, REPO_ROOT, TODAY, run_cli


def test_problem_matcher_reads_findings_from_the_text_format(repo):
    tasks = json.loads((REPO_ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))
    pattern = tasks["tasks"][0]["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    output = run_cli("check", "--today", TODAY, cwd=repo.root).stdout
    matches = [regexp.match(line) for line in output.splitlines()]
    found = [m for m in matches if m]
    assert len(found) == 1
    match = found[0]
    assert match.group(pattern["file"]) == "content/oud.md"
    assert match.group(pattern["line"]) == "6"
    assert match.group(pattern["severity"]) == "error"
    assert match.group(pattern["code"]) == "freshness.overdue"
    assert "opnieuw gecontroleerd" in match.group(pattern["message"])


def test_front_matter_schema_is_associated_with_the_pages():
    settings = json.loads((REPO_ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    globs = settings["yaml.schemas"]["./tools/patienthub/schemas/frontmatter.schema.json"]
    assert "content/**/*.md" in globs
    for schema_path in settings["yaml.schemas"]:
        assert (REPO_ROOT / schema_path).is_file()
