"""One validation of data files: a misspelt or missing key is an error at its own file and line, never blamed on
the pages or files that use the entry."""

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT
from tests.conftest import TODAY as CONFTEST_TODAY

from patienthub.core.findings import Severity
from patienthub.engine import runner
from patienthub.load.config import load_project
from patienthub.load.loader import load_site
from patienthub.text.datafiles import load_data_file
from patienthub.text.schemas import validate_entries

DATA = "content/_data"
TODAY = dt.date.fromisoformat(CONFTEST_TODAY)

# (data-file kind, file, the line as it is, the line as an editor might break it — None removes it,
#  the rule expected at that file, and how the line of the finding relates to the changed line).
CASES = [
    (
        "organisations, typo",
        "organisations.yml",
        "  short_name: NHG",
        "  shortname: NHG",
        "schema.unknown-key",
        0,
    ),
    (
        "organisations, missing",
        "organisations.yml",
        "  website: https://www.nhg.org",
        None,
        "schema.required",
        None,
    ),
    (
        "sources, typo",
        "sources.yml",
        "  title: NHG-Standaard Aspecifieke lagerugpijn (M54)",
        "  titel: NHG-Standaard Aspecifieke lagerugpijn (M54)",
        "schema.unknown-key",
        0,
    ),
    (
        "sources, missing",
        "sources.yml",
        "  title: NHG-Standaard Aspecifieke lagerugpijn (M54)",
        None,
        "schema.required",
        None,
    ),
    (
        "terms, typo",
        "terms.yml",
        "    professional: aspecifieke lagerugpijn",
        "    profesional: aspecifieke lagerugpijn",
        "schema.unknown-key",
        0,
    ),
    (
        "terms, missing",
        "terms.yml",
        "    preferred: lage rugpijn",
        None,
        "schema.required",
        None,
    ),
    (
        "key messages, typo",
        "kernboodschappen.yml",
        "  source: >-",
        "  sourse: >-",
        "schema.unknown-key",
        0,
    ),
    (
        "key messages, missing",
        "kernboodschappen.yml",
        "  text: Blijf zo veel mogelijk bewegen. Ga door met uw gewone dingen, zo goed als het gaat.",
        None,
        "schema.required",
        None,
    ),
    (
        "advice, typo",
        "advice.yml",
        '    suggestion: "Schrijf dat bewegen helpt, bijvoorbeeld met [[kernboodschap: blijf-bewegen]]."',
        '    sugestion: "Schrijf dat bewegen helpt, bijvoorbeeld met [[kernboodschap: blijf-bewegen]]."',
        "schema.unknown-key",
        0,
    ),
    # The case of the issue: a misspelt source silently dropped the outcome's provenance.
    (
        "outcomes, typo",
        "outcomes/hernia-opereren-of-afwachten.yml",
        "    source: peul-2007",
        "    sourse: peul-2007",
        "schema.unknown-key",
        0,
    ),
    (
        "outcomes, missing source",
        "outcomes/hernia-opereren-of-afwachten.yml",
        "    source: peul-2007",
        None,
        "outcomes.missing-source",
        None,
    ),
    (
        "keuzekaarten, typo",
        "keuzekaarten/hernia-opereren-of-afwachten.yml",
        "    self_care: true",
        "    selfcare: true",
        "schema.unknown-key",
        0,
    ),
    (
        "evidence, typo",
        "evidence/guzman-2001-bmj.yml",
        "    where: Abstract, Participants",
        "    wher: Abstract, Participants",
        "schema.unknown-key",
        0,
    ),
    (
        "evidence, missing quote",
        "evidence/guzman-2001-bmj.yml",
        "    quote: A total of 1964 patients with disabling low back pain for more than three months.",
        None,
        "evidence.missing-quote",
        None,
    ),
]


def _errors(root: Path) -> set[tuple[str, str, int | None]]:
    site = load_site(load_project(root / "mkdocs.yml"), TODAY)
    return {(f.path, f.rule, f.line) for f in runner.run(site).findings if f.severity is Severity.ERROR}


@cache
def _baseline() -> frozenset[tuple[str, str, int | None]]:
    return frozenset(_errors(REPO_ROOT))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "file", "line", "broken", "rule", "offset"), CASES, ids=[c[0] for c in CASES]
)
def test_a_broken_key_is_an_error_at_its_own_file_and_line(
    copy_of_project, kind, file, line, broken, rule, offset
):
    path = copy_of_project / DATA / file
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(line) + 1  # the first occurrence: the first entry of the file
    if broken is None:
        del lines[number - 1]
    else:
        lines[number - 1] = broken
    path.write_text("\n".join(lines), encoding="utf-8")

    new = _errors(copy_of_project) - _baseline()
    at_file = [(r, n) for p, r, n in new if p == f"{DATA}/{file}"]
    assert any(r == rule for r, _ in at_file), (kind, sorted(new))
    if offset is not None:  # a misspelt key: at the line the editor changed
        assert (rule, number + offset) in at_file, (kind, at_file)
    else:  # a missing key: at the entry it is missing from, which starts above the removed line
        assert all(n is not None and n < number for r, n in at_file if r == rule), (kind, at_file)
    elsewhere = sorted((p, r, n) for p, r, n in new if p != f"{DATA}/{file}")
    assert elsewhere == [], (kind, elsewhere)


def test_the_project_data_files_match_their_schemas():
    assert not [f for f in _baseline() if f[0].startswith(DATA)]


def test_entries_that_fail_are_named_and_a_bad_key_is_found_at_its_own_line(tmp_path):
    (tmp_path / "organisations.yml").write_text(
        "goed:\n  name: Goed\n  short_name: G\n  website: null\n"
        "Fout_Sleutel:\n  name: F\n  short_name: F\n  website: null\n"
        "kapot:\n  name: K\n",
        encoding="utf-8",
    )
    data_file = load_data_file(tmp_path / "organisations.yml", tmp_path)
    findings, broken, whole_file = validate_entries(
        data_file.data, "organisations.schema.json", data_file, data_file.path
    )
    assert not whole_file
    assert broken == {"Fout_Sleutel", "kapot"}
    by_rule = {(f.rule, f.line) for f in findings}
    assert ("schema.format", 5) in by_rule  # the key's own line, not the top of the file
    assert ("schema.required", 9) in by_rule
    key_finding = next(f for f in findings if f.rule == "schema.format")
    assert re.search(r"kleine letters", key_finding.suggestion)
