"""The real site: outcome pages and keuzekaarten generated from the shipped data, built once with MkDocs."""

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, mkdocs_build, require_chromium
from tests.test_iconarray import drawn

OUTCOME_PAGES = ("uitkomsten/operatie-bij-hernia", "uitkomsten/lage-rugpijn-herstel")
KEUZEKAARTEN = ("keuzekaarten/hernia-opereren-of-afwachten", "keuzekaarten/lage-rugpijn-die-blijft")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "content", "overrides"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    result = mkdocs_build(root)
    assert result.code == 0, result.stderr
    return root / "site"


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def icon_arrays(text: str) -> list[ET.Element]:
    svgs = re.findall(r'<svg [^>]*class="ph-iconarray__svg".*?</svg>', text, re.S)
    return [ET.fromstring(svg) for svg in svgs]


def shared_figures(text: str) -> ET.Element:
    found = re.findall(r'<svg [^>]*class="ph-iconarray__defs".*?</svg>', text, re.S)
    assert len(found) == 1, "the shared figures must be on the page exactly once"
    return ET.fromstring(found[0])


@pytest.mark.parametrize("page", OUTCOME_PAGES)
def test_outcome_pages_show_icon_arrays_from_the_data(built, page):
    text = html(built, page)
    arrays, shared = icon_arrays(text), shared_figures(text)
    assert text.index("ph-iconarray__defs") < text.index("ph-iconarray__svg")
    assert len(arrays) >= 2
    for svg in arrays:
        label = svg.get("aria-label")
        figures = [p for _, _, p in drawn(svg, shared)]
        filled = [p for p in figures if "filled" in p.get("class")]
        assert "van de 100" in label
        assert len(figures) == 100
        assert len(filled) == int(re.search(r"(\d+) van de 100", label).group(1))


def test_the_outcomes_page_html_fits_its_budget(built):
    # Issue 22: the 22 arrays of 100 separate figures made this page 171 KB; a phone should get at most 60 KB.
    assert (built / OUTCOME_PAGES[0] / "index.html").stat().st_size <= 60 * 1024


def test_the_hernia_page_shows_the_trial_numbers(built):
    labels = [svg.get("aria-label") for svg in icon_arrays(html(built, OUTCOME_PAGES[0]))]
    assert "Snel opereren: 95 van de 100 mensen voelden zich binnen 1 jaar een keer hersteld" in labels
    assert "Eerst afwachten, zo nodig later opereren: 44 van de 100 mensen kregen een operatie" in labels
    assert "Eerst afwachten, zo nodig later opereren: 39 van de 100 mensen kregen toch een operatie" in labels


@pytest.mark.parametrize("page", ("uitkomsten/injecties-bij-uitstralende-pijn", "uitkomsten/oefentherapie"))
def test_effects_without_an_honest_count_are_in_words_without_icon_arrays(built, page):
    text = html(built, page)
    assert icon_arrays(text) == []
    assert "ph-outcome--words" in text and "Waarom staat hier geen getal?" in text


@pytest.mark.parametrize("page", KEUZEKAARTEN)
def test_keuzekaarten_are_tables_with_the_three_questions(built, page):
    text = html(built, page)
    assert text.count('<section class="ph-keuzekaart"') == 1
    assert '<th scope="row">Vergoeding?</th>' in text
    assert 'role="' not in text[text.index('<table class="ph-keuzekaart__table"') : text.index("</table>")]
    assert "Wat betekent dat in mijn situatie?" in text
    assert "outcomes.css" in text


def test_no_reference_is_left_unrendered(built):
    for page in built.rglob("index.html"):
        assert not re.search(r"\{\{\s*(uitkomst|keuzekaart|3-goede)", page.read_text(encoding="utf-8")), page


def test_an_unknown_reference_fails_the_strict_build(repo):
    repo.page("uitkomst.md", body="# Uitkomst\n\n{{ uitkomsten: bestaat-niet }}\n")
    result = mkdocs_build(repo.root)
    assert result.code != 0
    assert "outcomes.unknown-reference" in result.stderr


@pytest.mark.browser
@pytest.mark.parametrize("page", KEUZEKAARTEN)
def test_a_keuzekaart_prints_alone_on_one_a4(built, page, tmp_path):
    from playwright.sync_api import sync_playwright

    chromium = require_chromium()
    pdf = tmp_path / "kaart.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        tab = browser.new_page()
        tab.goto((built / page / "index.html").as_uri())
        tab.emulate_media(media="print")
        assert tab.locator(".ph-keuzekaart__table").is_visible()
        assert tab.locator(".ph-keuzekaart .ph-3vragen").is_visible()
        assert not tab.locator("article h1").is_visible()  # the page around the card stays on screen
        tab.pdf(path=str(pdf), format="A4", print_background=True)
        browser.close()
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())
    assert len(pages) == 1
