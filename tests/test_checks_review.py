import datetime as dt

import pytest
from tests.conftest import EDITORS, GOOD_META, ORGANISATIONS

from patienthub import load_project, load_site, run
from patienthub.checks.review import RULES

APPROVED = GOOD_META.replace("status: concept", "status: approved")


def review_findings(repo, meta: str):
    repo.page("index.md", meta=meta)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return [(f.rule, f.severity.value, f.line) for f in run(site).findings if f.rule.startswith("review.")]


@pytest.mark.parametrize(
    "meta",
    [
        GOOD_META,  # concept, nobody reviewed it: honest
        GOOD_META + "reviewed_by: [kngf]\n",  # concept, partly reviewed
        APPROVED + "reviewed_by: [nhg]\n",
        APPROVED + "reviewed_by:\n  - kngf\n  - nhg\n",
    ],
)
def test_honest_pages_have_no_review_findings(repo, meta):
    assert review_findings(repo, meta) == []


def test_approved_without_reviewers(repo):
    assert review_findings(repo, APPROVED) == [("review.approved-without-reviewer", "error", 7)]
    assert review_findings(repo, APPROVED + "reviewed_by: []\n") == [
        ("review.approved-without-reviewer", "error", 7)
    ]


def test_approved_without_the_owner_among_the_reviewers(repo):
    assert review_findings(repo, APPROVED + "reviewed_by: [kngf]\n") == [
        ("review.owner-not-reviewer", "error", 12)
    ]


REGISTRY_WITH_EDITORS = ORGANISATIONS + EDITORS


def test_only_the_editors_cannot_approve_a_page(repo):
    repo.write("content/_data/organisations.yml", REGISTRY_WITH_EDITORS)
    own = APPROVED.replace("owner: nhg", "owner: redactie")
    assert review_findings(repo, own + "reviewed_by: [redactie]\n") == [
        ("review.no-approving-reviewer", "error", 12)
    ]
    # The editors' own page checked and approved by an association is fine.
    assert review_findings(repo, own + "reviewed_by: [redactie, nhg]\n") == []


def test_approves_must_be_true_or_false(repo):
    repo.write(
        "content/_data/organisations.yml", REGISTRY_WITH_EDITORS.replace("approves: false", "approves: nee")
    )
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    messages = [f.message for f in run(site).findings if f.path.endswith("organisations.yml")]
    assert any("approves moet true of false zijn" in m for m in messages), messages


def test_unknown_reviewer_is_reported_on_its_own_line(repo):
    meta = GOOD_META + "reviewed_by:\n  - nhg\n  - nhgg\n"
    assert review_findings(repo, meta) == [("review.unknown-reviewer", "error", 14)]


def test_unknown_reviewer_message_names_the_known_ones(repo):
    repo.page("index.md", meta=GOOD_META + "reviewed_by: [huisarts]\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    [f] = [f for f in run(site).findings if f.rule == "review.unknown-reviewer"]
    assert "'huisarts'" in f.message
    assert "kngf, nhg" in f.suggestion


def test_unknown_source_key(repo):
    repo.write(
        "content/_data/sources.yml",
        "nhg-m54:\n  title: NHG M54\n  publisher: NHG\n  date: 2024-09\n  url: https://richtlijnen.nhg.org/\n",
    )
    meta = GOOD_META.split("sources:")[0] + "sources:\n  - key: nhg-m54\n  - key: nhg-m45\n"
    assert review_findings(repo, meta) == [("review.unknown-source", "error", 10)]


def test_key_without_title_is_valid_front_matter_but_a_title_is_needed_without_key(repo):
    meta = GOOD_META.split("sources:")[0] + "sources:\n  - key: nhg-m54\n  - url: https://example.org/\n"
    repo.page("index.md", meta=meta)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    schema = [(f.rule, f.line) for f in run(site).findings if f.rule.startswith("schema.")]
    assert schema == [("schema.required", 10)]


def test_codeowners_outdated_points_at_the_first_differing_line(repo):
    repo.write(".github/CODEOWNERS", "# oud\n* @org/beheer\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    [f] = [f for f in run(site).findings if f.rule == "review.codeowners-outdated"]
    assert (f.path, f.line, f.severity.value) == (".github/CODEOWNERS", 1, "error")
    assert "patienthub codeowners" in f.suggestion


def test_without_a_codeowners_file_there_is_nothing_to_compare(repo):
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    assert not [f for f in run(site).findings if f.rule == "review.codeowners-outdated"]


def test_every_rule_has_a_dutch_summary():
    assert {rule.id for rule in RULES} == {
        "review.approved-without-reviewer",
        "review.owner-not-reviewer",
        "review.no-approving-reviewer",
        "review.unknown-reviewer",
        "review.unknown-source",
        "review.codeowners-outdated",
    }
    assert all(rule.summary.endswith(".") for rule in RULES)
