"""The glossary tooltips in a real browser: hover, keyboard focus, touch and screen-reader wiring, on the real
built site (Material's content.tooltips over the links the glossary transform writes)."""

from __future__ import annotations

import pytest
from tests.conftest import REPO_ROOT
from tests.test_site_browser import axe, browser, describe, page, visit  # noqa: F401 - shared fixtures

from patienthub.domain.termbase import load

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TERMBASE = load(REPO_ROOT / "content" / "_data", REPO_ROOT, None)
HERNIA = TERMBASE.by_key["hernia"].explanation
PAGE = "uitstralende-pijn-been/"
TERM = '.md-content a[href$="woordenlijst/#hernia"]'


def test_hover_shows_the_explanation_and_describes_the_term(page, served_site):  # noqa: F811
    visit(page, served_site, PAGE)
    page.hover(TERM)
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == HERNIA
    described_by = page.get_attribute(TERM, "aria-describedby")
    assert described_by and page.locator(f"#{described_by}").inner_text().strip() == HERNIA


def test_keyboard_focus_shows_the_explanation(page, served_site):  # noqa: F811
    visit(page, served_site, PAGE)
    # The glossary link, not the page's own "Hernia" heading in the table of contents (also #hernia).
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(
            "() => (document.activeElement.getAttribute('href') || '').endsWith('woordenlijst/#hernia')"
        ):
            break
    else:
        pytest.fail("the glossary term cannot be reached with the Tab key")
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == HERNIA


def test_a_tap_opens_the_glossary_entry(browser, served_site):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        visit(tab, served_site, PAGE)
        tab.tap(TERM)
        tab.wait_for_url("**/woordenlijst/#hernia")
        entry = tab.locator("dt#hernia + dd")
        assert entry.is_visible() and HERNIA in entry.inner_text()
    finally:
        context.close()


def test_the_glossary_page_has_no_wcag_violations(page, served_site):  # noqa: F811
    visit(page, served_site, "woordenlijst/")
    violations = axe(page)
    assert violations == [], describe(violations)
