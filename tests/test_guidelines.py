import datetime as dt
from pathlib import Path

import pytest

from patienthub.domain import guidelines
from patienthub.domain.guidelines import VersionDate

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2021, 12, 6), VersionDate(2021, 12, 6)),
        ("2021-12-06", VersionDate(2021, 12, 6)),
        ("2024-09", VersionDate(2024, 9)),
        (2011, VersionDate(2011)),
        ("2011", VersionDate(2011)),
        ("2024-13", None),
        ("2021-02-30", None),
        ("september 2024", None),
        (True, None),
        (dt.datetime(2021, 12, 6, 10, 0), None),
        ("1999", None),  # outside the years of data/limits.yml
        (dt.date(9999, 12, 31), None),
        ("0000-01", None),
        ("２０２１", None),  # full-width digits
    ],
)
def test_version_dates_at_their_precision(value, expected):
    assert VersionDate.parse(value) == expected


def test_newer_than_compares_at_the_known_precision():
    september = VersionDate(2024, 9)
    assert september.newer_than(dt.date(2024, 8, 31))
    assert not september.newer_than(dt.date(2024, 9, 1))  # same month: not certainly newer
    assert VersionDate(2011).newer_than(dt.date(2010, 12, 31))
    assert not VersionDate(2011).newer_than(dt.date(2011, 1, 1))
    assert VersionDate(2021, 12, 6).newer_than(dt.date(2021, 12, 5))
    assert not VersionDate(2021, 12, 6).newer_than(dt.date(2021, 12, 6))


def test_dutch_names_of_versions():
    assert VersionDate(2024, 9).dutch == "september 2024"
    assert VersionDate(2021, 12, 6).dutch == "6 december 2021"
    assert VersionDate(2011).dutch == "2011"


def test_project_registry_has_the_guidelines_of_the_research_notes():
    loaded = guidelines.load(REPO_ROOT / "content" / "_data", REPO_ROOT)
    registry = loaded.entries
    assert loaded.findings == []
    m54 = registry["nhg-aspecifieke-lagerugpijn"]
    assert (m54.version, m54.date) == ("2.1", VersionDate(2024, 9))
    assert m54.current == "versie 2.1 van september 2024"
    assert registry["kngf-lage-rugpijn-lrs"].date == VersionDate(2021, 12, 6)
    assert registry["nvn-lumbosacraal-radiculair-syndroom"].date == VersionDate(2020, 9, 21)
    assert registry["nhg-lumbosacraal-radiculair-syndroom"].date == VersionDate(2015, 6)
    assert registry["nva-wervelkolomgerelateerde-pijnklachten"].date == VersionDate(2011)
    assert registry["zorgstandaard-chronische-pijn"].date == VersionDate(2017)
    for entry in registry.values():
        assert entry.url.startswith("https://")


def test_registry_is_optional(tmp_path):
    loaded = guidelines.load(tmp_path, tmp_path)
    assert (loaded.entries, loaded.findings, loaded.broken) == ({}, [], frozenset())


def test_invalid_entries_are_named_with_their_line(tmp_path):
    (tmp_path / "sources.yml").write_text(
        "goed:\n  title: G\n  publisher: P\n  date: 2020-01\n  url: https://g.example\n"
        "zonder-datum:\n  title: Z\n  publisher: P\n  url: https://z.example\n"
        "rare-datum:\n  title: R\n  publisher: P\n  date: voorjaar 2017\n  url: https://r.example\n"
        "Hoofdletters:\n  title: H\n  publisher: P\n  date: 2017\n  url: https://h.example\n"
        "extra:\n  title: E\n  publisher: P\n  date: 2017\n  url: https://e.example\n  status: actueel\n",
        encoding="utf-8",
    )
    loaded = guidelines.load(tmp_path, tmp_path)
    findings = loaded.findings
    assert list(loaded.entries) == ["goed"]
    assert loaded.broken == {"zonder-datum", "rare-datum", "Hoofdletters", "extra"}
    assert [(f.rule, f.line) for f in findings] == [
        ("schema.format", 15),
        ("schema.unknown-key", 25),
        ("schema.format", 13),
        ("schema.required", 6),
    ]
    assert "Hoofdletters" in findings[0].message and "kleine letters" in findings[0].suggestion
    assert "status" in findings[1].message
    assert "voorjaar 2017" in findings[2].message
    assert "zonder-datum" in findings[3].message and "'date'" in findings[3].message


def test_a_date_that_does_not_exist_is_refused_at_its_line(tmp_path):
    (tmp_path / "sources.yml").write_text(
        "maand-13:\n  title: M\n  publisher: P\n  date: 2020-13\n  url: https://m.example\n", encoding="utf-8"
    )
    loaded = guidelines.load(tmp_path, tmp_path)
    assert loaded.entries == {} and loaded.broken == {"maand-13"}
    assert [(f.rule, f.line) for f in loaded.findings] == [("schema.data-invalid", 4)]
