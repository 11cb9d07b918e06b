import datetime as dt

import pytest
from tests.conftest import GOOD_META

from patienthub import load_project, load_site, run

REGISTRY = """\
nhg-lagerugpijn:
  title: NHG-Standaard Aspecifieke lagerugpijn (M54)
  publisher: NHG
  version: "2.1"
  date: 2024-09
  url: https://richtlijnen.nhg.org/standaarden/aspecifieke-lagerugpijn
kngf-lrs:
  title: KNGF-richtlijn Lage rugpijn en LRS
  publisher: KNGF en VvOCM
  date: 2021-12-06
  url: https://kennisplatformfysiotherapie.nl/
"""


def meta(last_reviewed: str, source: str) -> str:
    return GOOD_META.replace("2026-03-12", last_reviewed).split("sources:")[0] + "sources:\n" + source


def findings(repo, page_meta: str, registry: str = REGISTRY):
    repo.write("content/_data/sources.yml", registry)
    repo.page("index.md", meta=page_meta)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return [f for f in run(site).findings if f.rule == "freshness.source-updated"]


@pytest.mark.parametrize(
    ("last_reviewed", "source"),
    [
        ("2026-03-12", '  - key: nhg-lagerugpijn\n    version: "2.1"\n'),
        ("2024-09-30", "  - key: nhg-lagerugpijn\n"),  # reviewed in the month of the new version
        ("2026-03-12", "  - key: kngf-lrs\n    date: 2021-12-06\n"),
        ("2022-01-01", "  - title: Een bron zonder key\n    date: 2001-01-01\n"),
    ],
)
def test_current_sources_give_no_finding(repo, last_reviewed, source):
    assert findings(repo, meta(last_reviewed, source)) == []


def test_new_version_after_the_last_review_is_a_warning_naming_guideline_and_version(repo):
    [f] = findings(repo, meta("2024-08-15", '  - key: nhg-lagerugpijn\n    version: "2.1"\n'))
    assert (f.rule, f.severity.value, f.line) == ("freshness.source-updated", "warning", 9)
    assert "NHG-Standaard Aspecifieke lagerugpijn (M54)" in f.message
    assert "versie 2.1 van september 2024" in f.message
    assert "2024-08-15" in f.message


def test_page_citing_an_older_version_is_reported(repo):
    [f] = findings(repo, meta("2026-03-12", '  - key: nhg-lagerugpijn\n    version: "2.0"\n'))
    assert f.rule == "freshness.source-updated"
    assert "noemt versie 2.0" in f.message and "versie 2.1" in f.message


def test_page_citing_an_older_date_is_reported_when_no_versions_are_known(repo):
    [f] = findings(repo, meta("2026-03-12", "  - key: kngf-lrs\n    date: 2013-01-01\n"))
    assert f.rule == "freshness.source-updated"
    assert "2013-01-01" in f.message and "6 december 2021" in f.message


def test_configured_as_error_fails_the_check(repo):
    mkdocs = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
    repo.write(
        "mkdocs.yml",
        mkdocs.replace(
            "  - patienthub\n", "  - patienthub:\n      rules:\n        freshness.source-updated: error\n"
        ),
    )
    [f] = findings(repo, meta("2020-01-01", "  - key: kngf-lrs\n"))
    assert (f.rule, f.severity.value) == ("freshness.source-updated", "error")
