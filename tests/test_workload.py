import datetime as dt

from tests.conftest import GOOD_META

from patienthub import load_project, load_site
from patienthub.domain import workload


def test_pages_are_counted_in_the_month_of_their_next_review(repo):
    repo.page("te-laat.md", meta=GOOD_META.replace("2026-03-12", "2023-01-10"))  # due 2026-01-10
    repo.page("december.md", meta=GOOD_META + "next_review: 2026-12-31\n")
    repo.page("over-een-jaar.md", meta=GOOD_META + "next_review: 2027-11-01\n")
    repo.page("later.md", meta=GOOD_META + "next_review: 2028-11-01\n")  # the 25th month: not shown
    repo.page("zonder-datum.md", meta=GOOD_META.replace("last_reviewed: 2026-03-12\n", ""))
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    load = workload.monthly(site)
    assert len(load.months) == 24
    assert load.months[0].month == dt.date(2026, 11, 1)
    assert load.months[-1].month == dt.date(2028, 10, 1)
    counts = {m.month: (m.due, m.overdue) for m in load.months if m.total}
    # index.md (reviewed 2026-03-12) is due in March 2029: later than 24 months, like later.md
    assert counts == {
        dt.date(2026, 11, 1): (0, 1),
        dt.date(2026, 12, 1): (1, 0),
        dt.date(2027, 11, 1): (1, 0),
    }
    assert (load.unplanned, load.later) == (1, 2)


def test_a_selection_of_pages(repo):
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2029, 3, 1))
    assert sum(m.total for m in workload.monthly(site, pages=[]).months) == 0
    assert workload.monthly(site).months[0].due == 1  # index.md: due 2029-03-12
