"""The reviewers' view of the evidence register: per page the quotes its facts rest on, from a real mini repo."""

import datetime as dt

from tests.conftest import GOOD_META
from tests.test_checks_evidence import REGISTER

from patienthub import load_project, load_site
from patienthub.build.generators import evidence_view


def generate(repo):
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 12, 2))
    return list(evidence_view.generate(site))


def test_each_page_shows_the_quotes_beside_its_title(repo):
    repo.write("content/_data/evidence/m54.yml", REGISTER)
    repo.page("rugpijn.md", meta=GOOD_META + "evidence:\n  - drie-tot-vier-weken\n  - bestaat-niet\n")
    [out] = generate(repo)
    assert out.uri == "redactie/bewijs.md" and out.in_nav is False
    text = out.content
    assert "robots: noindex, nofollow" in text
    section = text[text.index("## [Lage rugpijn](../rugpijn.md)") :]
    assert "“Informeer bij onvoldoende verbeteren van de klachten na drie tot vier weken.”" in section
    assert (
        "[NHG-Standaard Aspecifieke lagerugpijn](https://example.org/m54) (2017); Kernboodschappen" in section
    )
    assert "| 2026-12-02 |" in section
    assert "`bestaat-niet` | **staat niet in het register**" in section


def test_pages_without_facts_are_listed_so_reviewers_see_the_gap(repo):
    repo.write("content/_data/evidence/m54.yml", REGISTER)
    [out] = generate(repo)
    assert "## Pagina's zonder feiten" in out.content
    assert "- Lage rugpijn" in out.content  # the home page of the mini repo cites nothing


def test_without_a_register_there_is_no_view(repo):
    assert generate(repo) == []
