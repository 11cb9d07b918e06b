import datetime as dt

from tests.conftest import GOOD_META

from patienthub import load_project, load_site
from patienthub.build.present import page_view


def view(repo, meta=GOOD_META, today="2026-11-22"):
    repo.page("index.md", meta=meta)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date.fromisoformat(today))
    return page_view(site.pages[0], site)


def test_view_of_a_concept_page(repo):
    v = view(repo)
    assert (v.last_reviewed, v.next_review) == ("12 maart 2026", "12 maart 2029")
    assert v.owner is not None and v.owner.short_name == "NHG"
    assert v.concept and not v.overdue
    assert v.reviewers == ()


def test_view_of_an_approved_overdue_page(repo):
    meta = GOOD_META.replace("status: concept", "status: approved") + "reviewed_by: [kngf]\n"
    v = view(repo, meta, today="2030-01-01")
    assert not v.concept
    assert v.overdue
    assert [o.key for o in v.reviewers] == ["kngf"]
