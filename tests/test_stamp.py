"""The review stamp changes only the stamped keys: every other byte of the page stays as it was."""

import datetime as dt

import pytest

from patienthub.edit.stamp import Stamp, StampError, apply

STAMP = Stamp("kngf", dt.date(2026, 11, 20), 36)

PAGE = """\
---
title: "Lage rugpijn"   # zoals de patiënt hem ziet
description: 'Pijn onder in de rug: meestal gaat het vanzelf over, ook zonder behandeling of onderzoek door een arts.'
type: education
owner: nhg
last_reviewed: 2026-03-12  # datum van de laatste inhoudelijke controle
next_review: "2027-01-01"
status: concept
# Bronnen: eerst de NHG-Standaard.
sources:
    - key: nhg-aspecifieke-lagerugpijn
      version: '2.1'
codes: {icpc: [L03], icd10: [M54.5]}
---

# Lage rugpijn

last_reviewed: 2020-01-01 staat hier in de tekst en blijft staan.
"""


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_only_the_stamped_values_change():
    after = apply(PAGE, STAMP)
    expected = PAGE.replace(
        "last_reviewed: 2026-03-12  # datum", "last_reviewed: 2026-11-20  # datum"
    ).replace('next_review: "2027-01-01"', 'next_review: "2029-11-20"')
    expected = expected.replace("status: concept\n", "status: concept\nreviewed_by: [kngf]\n")
    assert after.encode("utf-8") == expected.encode("utf-8")


def test_appending_to_a_block_list_keeps_the_items_and_comments_byte_for_byte():
    page = PAGE.replace(
        "status: concept\n", "status: concept\nreviewed_by:\n    - nhg   # in maart\n    # meer volgt\n"
    )
    after = apply(page, STAMP)
    assert "reviewed_by:\n    - nhg   # in maart\n    - kngf\n    # meer volgt\n" in after
    assert after.replace("    - kngf\n", "", 1).encode() == apply(page, Stamp("nhg", STAMP.day, 36)).encode()


def test_flow_list_keeps_its_style_and_comment():
    page = PAGE.replace("status: concept\n", "status: concept\nreviewed_by: [nhg]  # wie\n")
    after = apply(page, STAMP)
    # the comment moves right by as much as the list grew; ruamel keeps at least one space before it
    assert [pair for pair in changed_lines(page, after) if "reviewed_by" in pair[0]] == [
        ("reviewed_by: [nhg]  # wie", "reviewed_by: [nhg, kngf] # wie")
    ]


def test_windows_line_ends_and_bom_survive():
    page = "\ufeff" + PAGE.replace("\n", "\r\n")
    after = apply(page, STAMP)
    assert after.startswith("\ufeff---\r\n")
    assert "\n" not in after.replace("\r\n", "")
    assert after.replace("\r\n", "\n").lstrip("\ufeff") == apply(PAGE, STAMP)


def test_stamping_twice_changes_nothing_the_second_time():
    once = apply(PAGE, STAMP)
    assert apply(once, STAMP) == once


def test_without_next_review_none_is_added():
    page = PAGE.replace('next_review: "2027-01-01"\n', "")
    assert "next_review" not in apply(page, STAMP)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("# Geen gegevensblok\n", "begint niet"),
        ("---\ntitle: X\n", "niet afgesloten"),
        ("---\ntitle: [X\n---\n", "ongeldig"),
        ("---\n- a\n- b\n---\n", "geen lijst van sleutels"),
        ("---\ntitle: X\nreviewed_by: nhg\n---\n", "reviewed_by is geen lijst"),
    ],
)
def test_pages_that_cannot_be_stamped_safely(text, reason):
    with pytest.raises(StampError, match=reason):
        apply(text, STAMP)
