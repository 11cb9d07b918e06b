"""The reviewers' view of the evidence register: per page its facts, once per fact its quote; from a real mini repo."""

import datetime as dt
import json

from tests.conftest import GOOD_META, mkdocs_build
from tests.test_checks_evidence import REGISTER

from patienthub import load_project, load_site
from patienthub.build.generators import evidence_view


def generate(repo):
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 12, 2))
    return list(evidence_view.generate(site))


def test_each_page_lists_its_facts_and_each_quote_is_shown_once(repo):
    repo.write("content/_data/evidence/m54.yml", REGISTER)
    cited = "evidence:\n  - drie-tot-vier-weken\n  - bestaat-niet\n"
    repo.page("rugpijn.md", meta=GOOD_META + cited)
    repo.page("nog-een.md", meta=GOOD_META.replace("title: Lage rugpijn", "title: Nog een") + cited)
    [out] = generate(repo)
    assert out.uri == "redactie/bewijs/index.md" and out.in_nav is False
    text = out.content
    assert "robots: noindex, nofollow" in text
    per_page, facts = text[text.index("## Per pagina") :].split("## De feiten")
    assert "| [Lage rugpijn](../../rugpijn.md) | `drie-tot-vier-weken`, `bestaat-niet` |" in per_page
    assert "| [Nog een](../../nog-een.md) | `drie-tot-vier-weken`, `bestaat-niet` |" in per_page
    quote = "“Informeer bij onvoldoende verbeteren van de klachten na drie tot vier weken.”"
    assert text.count(quote) == 1 and quote in facts  # once, however many pages cite it
    assert (
        "[NHG-Standaard Aspecifieke lagerugpijn](https://example.org/m54) (2017); Kernboodschappen" in facts
    )
    assert "| 2026-12-02 |" in facts
    assert "`bestaat-niet` | **staat niet in het register**" in facts


def test_many_pages_are_split_in_parts_each_with_the_quotes_of_its_own_pages(repo, monkeypatch):
    monkeypatch.setattr(evidence_view, "ROWS_PER_PAGE", 1)
    repo.write("content/_data/evidence/m54.yml", REGISTER)
    repo.page("rugpijn.md", meta=GOOD_META + "evidence:\n  - drie-tot-vier-weken\n")
    repo.page(
        "nog-een.md", meta=GOOD_META.replace("title: Lage rugpijn", "title: Nog een") + "evidence:\n  - x\n"
    )
    first, second = generate(repo)
    assert (first.uri, second.uri) == ("redactie/bewijs/index.md", "redactie/bewijs/deel-2.md")
    assert "Deel 1 van 2, op titel van de pagina: **1** · [2](deel-2.md)" in first.content
    assert "Deel 2 van 2, op titel van de pagina: [1](index.md) · **2**" in second.content
    assert "[Lage rugpijn](../../rugpijn.md)" in first.content  # sorted by title
    assert "(deel 2 van 2)" in second.content and "[Nog een](../../nog-een.md)" in second.content
    assert "“Informeer bij" in first.content and "“Informeer bij" not in second.content  # beside its own page
    assert "`x` | **staat niet in het register**" in second.content and "`x`" not in first.content


def test_pages_without_facts_are_listed_so_reviewers_see_the_gap(repo):
    repo.write("content/_data/evidence/m54.yml", REGISTER)
    [out] = generate(repo)
    assert "## Pagina's zonder feiten" in out.content
    assert "- Lage rugpijn" in out.content  # the home page of the mini repo cites nothing


def test_without_a_register_there_is_no_view(repo):
    assert generate(repo) == []


HOSTILE_KEYS = [
    "`<script>alert(1)</script>`",
    "x` <img src=x onerror=alert(1)> `y",
    "a|b](https://evil.example/)",
]


def test_a_hostile_key_is_shown_as_text_and_the_view_is_still_published(repo):
    repo.write("content/_data/evidence/m54.yml", REGISTER)
    keys = "".join(f"\n  - {json.dumps(key)}" for key in HOSTILE_KEYS)
    repo.page("rugpijn.md", meta=GOOD_META + "evidence:" + keys + "\n  - drie-tot-vier-weken\n")
    [out] = generate(repo)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out.content and "<script" not in out.content
    assert "a\\|b\\](https://evil.example/)" in out.content  # neither a cell border nor a link
    build = mkdocs_build(
        repo.root, strict=False
    )  # the page's own findings fail a strict build, as they should
    view = (repo.root / "site" / "redactie" / "bewijs" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in view and '<img src="x"' not in view and "<img src=x" not in view
    assert 'href="https://evil.example/' not in view
    assert "“Informeer bij onvoldoende verbeteren" in view  # published, not withheld
    assert "redactie/bewijs/index.md: de inhoud van deze pagina is niet gepubliceerd" not in build.stderr
