import datetime as dt
import json

from tests.conftest import GOOD_META

from patienthub import load_project, load_site, run
from patienthub.reports.formats import as_github, as_json_object, as_recheck_text, as_text


def result_of(repo):
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    return run(load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22)))


def test_json_object_has_the_documented_shape(repo):
    data = as_json_object(result_of(repo))
    json.dumps(data)  # serialisable
    assert data["version"] == 1
    assert data["today"] == "2026-11-22"
    assert set(data) == {"version", "today", "pages", "findings", "summary"}
    assert set(data["pages"][0]) == {"path", "url", "title", "type", "metrics"}
    documented = {"path", "line", "column", "rule", "severity", "message", "suggestion"}
    assert set(data["findings"][0]) == documented | {"link"}
    assert data["summary"] == {"pages": 2, "errors": 1, "warnings": 0}
    assert data["findings"][0]["path"] == "content/oud.md"
    assert data["findings"][0]["link"] == "handleiding/redacteuren.md#freshness.overdue"


def test_text_groups_per_file_with_summary(repo):
    text = as_text(result_of(repo))
    lines = text.splitlines()
    assert lines[0] == "content/oud.md"
    assert lines[1].startswith("  content/oud.md:6: error freshness.overdue — ")
    assert lines[1].endswith(" [uitleg: handleiding/redacteuren.md#freshness.overdue]")
    assert lines[-1] == "2 pagina’s gecontroleerd: 1 fout, 0 waarschuwingen, 0 suggesties."


def test_github_workflow_commands_escape_data(repo):
    out = as_github(result_of(repo)).splitlines()
    assert out[0].startswith("::error file=content/oud.md,line=6,title=freshness.overdue::")
    assert out[0].endswith(" [uitleg: handleiding/redacteuren.md#freshness.overdue]")
    assert "\n" not in out[0]


def test_links_use_the_configured_guide_url(repo):
    url = "https://github.com/voorbeeld/patienthub/blob/main/handleiding/redacteuren.md"
    config = repo.root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - patienthub\n", f"  - patienthub:\n      guide: {{url: '{url}'}}\n")
    )
    data = as_json_object(result_of(repo))
    assert data["findings"][0]["link"] == f"{url}#freshness.overdue"


def test_recheck_text_shows_the_changed_files_only_with_the_whole_summary(repo):
    text = as_recheck_text(result_of(repo), ["content/oud.md", "content/index.md"], 0.214)
    assert "content/oud.md: 1 opmerking\n  content/oud.md:6: error freshness.overdue" in text
    assert "content/index.md: geen opmerkingen\n" in text
    assert text.rstrip().endswith(
        "2 pagina’s gecontroleerd: 1 fout, 0 waarschuwingen, 0 suggesties. Opnieuw gecontroleerd in 0,21 s."
    )
