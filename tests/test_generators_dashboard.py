"""The review dashboard: unit tests of its rows, and one real MkDocs build shared by the HTML assertions."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from tests.conftest import GOOD_META, MKDOCS_YML, REPO_ROOT, MiniRepo, mkdocs_build, page_text

from patienthub import load_project, load_site, run
from patienthub.checks import REGISTRY
from patienthub.checks.base import Check
from patienthub.publish import dashboard

ORGANISATIONS = """\
nhg:
  name: Nederlands Huisartsen Genootschap
  short_name: NHG
  website: https://www.nhg.org
kngf:
  name: Koninklijk Nederlands Genootschap voor Fysiotherapie
  short_name: KNGF
  website: https://www.kngf.nl
redactie:
  name: Redactie patienthub
  short_name: Redactie
  website: null
"""

PAGES = {
    "index.md": GOOD_META,
    "te-laat.md": GOOD_META.replace("title: Lage rugpijn", "title: Te laat").replace(
        "2026-03-12", "2023-01-10"
    ),
    "binnenkort.md": GOOD_META.replace("title: Lage rugpijn", "title: Binnenkort").replace(
        "owner: nhg", "owner: kngf"
    )
    + "next_review: 2027-01-10\n",
    "goedgekeurd.md": GOOD_META.replace("title: Lage rugpijn", "title: Goedgekeurd | echt").replace(
        "status: concept", "status: approved"
    )
    + "reviewed_by: [nhg, redactie]\n",
}


def make_repo(root) -> MiniRepo:
    repo = MiniRepo(root)
    repo.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    repo.write("content/_data/organisations.yml", ORGANISATIONS)
    for name, meta in PAGES.items():
        repo.write(f"content/{name}", page_text(meta))
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = make_repo(tmp_path_factory.mktemp("dashboard") / "repo")
    run_ = mkdocs_build(repo.root, strict=False)  # te-laat.md is overdue on purpose
    assert run_.code == 0, run_.stderr
    return repo.root / "site"


def test_rows_list_every_page_once_most_urgent_first(tmp_path):
    repo = make_repo(tmp_path / "repo")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    rows = dashboard.rows(site, run(site))
    assert [row.page.path for row in rows] == [
        "content/te-laat.md",
        "content/binnenkort.md",
        "content/goedgekeurd.md",
        "content/index.md",
    ]
    assert [dashboard.URGENCY_NL[row.urgency] for row in rows] == [
        "nu",
        "binnenkort",
        "op schema",
        "op schema",
    ]
    assert rows[0].days_left < 0 and rows[0].errors == 1
    # the score is the readability check's flesch_douma metric (None for a page without prose)
    scores = {report.page.path: report.metrics.get("flesch_douma") for report in run(site).pages}
    assert {row.page.path: row.readability for row in rows} == scores


def test_readability_score_is_shown_when_the_engine_reports_it(tmp_path):
    repo = make_repo(tmp_path / "repo")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    score = Check("readability", (), metrics=lambda page, site: {"flesch_douma": 71.25})
    rows = dashboard.rows(site, run(site, checks=(*REGISTRY, score)))
    assert {row.readability for row in rows} == {71.25}
    table = "\n".join(dashboard._table(rows, site, dashboard.INDEX))
    assert "| 71,2 |" in table or "| 71,3 |" in table  # Dutch decimal comma


def test_dashboard_lists_every_content_page_exactly_once(built):
    html = (built / "redactie" / "controles" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table") : html.index("</table>")]
    links = re.findall(r'<td><a href="([^"]+)">', table)
    assert sorted(links) == sorted(["../../", "../../te-laat/", "../../binnenkort/", "../../goedgekeurd/"])
    assert links[0] == "../../te-laat/"  # the overdue page first
    assert "Goedgekeurd | echt" in table  # a | in a title does not break the table
    assert "freshness.overdue" in table


def test_dashboard_is_noindex_and_not_in_navigation_or_search(built):
    html = (built / "redactie" / "controles" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "redactie/controles" not in home
    assert '<meta name="robots"' not in home
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not any("redactie" in doc["location"] for doc in index["docs"])
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.startswith("<?xml") and "/te-laat/</loc>" in sitemap  # content pages stay
    assert "redactie/controles" not in sitemap  # a noindex page is not offered to search engines


def test_filter_per_organisation_without_javascript(built):
    html = (built / "redactie" / "controles" / "index.html").read_text(encoding="utf-8")
    assert '<a href="eigenaar-kngf/">KNGF (1)</a>' in html
    assert '<a href="eigenaar-nhg/">NHG (3)</a>' in html
    kngf = (built / "redactie" / "controles" / "eigenaar-kngf" / "index.html").read_text(encoding="utf-8")
    table = kngf[kngf.index("<table") : kngf.index("</table>")]
    assert re.findall(r'<td><a href="([^"]+)">', table) == ["../../../binnenkort/"]
    assert "<strong>KNGF (1)</strong>" in kngf


def test_workload_plots_are_valid_svg(built):
    folder = built / "redactie" / "controles"
    svgs = sorted(p.name for p in folder.glob("*.svg"))
    assert svgs == ["werklast-kngf.svg", "werklast-nhg.svg", "werklast.svg"]
    root = ET.parse(folder / "werklast.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert "december 2026 tot en met november 2028" in root.find(f"{ns}title").text
    bars = root.findall(f"{ns}g")
    assert len(bars) == 24
    assert bars[0].find(f"{ns}title").text.startswith("december 2026: 0 pagina’s, plus 1 pagina")
    assert bars[1].find(f"{ns}title").text == "januari 2027: 1 pagina"
    assert bars[2].find(f"{ns}title").text == "februari 2027: 0 pagina’s"
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert '<img alt="Controles per maand' in html and 'src="werklast.svg"' in html
    assert "<td>januari 2027</td><td>1</td>" in html  # the same numbers as a table


def test_reviewers_on_the_page_link_to_their_organisation(built):
    html = (built / "goedgekeurd" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'Gecontroleerd door:\s*<a href="https://www.nhg.org" rel="noopener">NHG</a>, Redactie\s*</p>', html
    )
    concept = (built / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Gecontroleerd door:\s*nog geen vereniging van zorgverleners", concept)


def test_text_in_the_dashboard_cannot_become_markup():
    from patienthub.build.generators.base import md
    from patienthub.build.render import to_html
    from patienthub.text.htmlpolicy import inspect
    from patienthub.text.markdown_setup import MarkdownSetup

    cell = md('Rug <b onmouseover="alert(1)">pijn</b> & *meer* | \\<script>')
    html = to_html(f"| a |\n|---|\n| {cell} |\n", MarkdownSetup.from_mkdocs(["tables"]))
    assert inspect(html).violations == ()
    assert "&lt;b onmouseover" in html and "&amp;" in html


def test_a_long_dashboard_is_split_in_parts_most_urgent_first(tmp_path, monkeypatch):
    monkeypatch.setattr(dashboard, "ROWS_PER_PAGE", 3)
    repo = make_repo(tmp_path / "repo")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    outputs = {o.uri: o.content for o in dashboard.generate(site, run(site)) if o.uri.endswith(".md")}
    first, second = outputs[dashboard.INDEX], outputs["redactie/controles/deel-2.md"]
    assert "Deel 1 van 2, de meest dringende eerst: **1** · [2](deel-2.md)" in first
    assert "Deel 2 van 2, de meest dringende eerst: [1](index.md) · **2**" in second
    assert "(deel 2 van 2)" in second
    links = [re.findall(r"\| \[[^]]+\]\(([^)]+)\)", text) for text in (first, second)]
    assert links == [["../../te-laat.md", "../../binnenkort.md", "../../goedgekeurd.md"], ["../../index.md"]]
    assert "Werklast" in first and "Werklast" not in second  # one chart, for all rows, on the first part


def test_a_short_dashboard_has_no_parts(tmp_path):
    repo = make_repo(tmp_path / "repo")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    uris = [o.uri for o in dashboard.generate(site, run(site))]
    assert not [uri for uri in uris if "deel-" in uri]
    assert "Deel 1 van" not in next(
        o.content for o in dashboard.generate(site, run(site)) if o.uri == dashboard.INDEX
    )
