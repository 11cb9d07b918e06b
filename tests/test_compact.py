"""Collapsing the whitespace in Material's navigation: fewer bytes, the same page."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patienthub.core.compact import navigation

NAV = """<nav class="md-nav md-nav--primary" aria-label="Navigatie">
  <ul class="md-nav__list">
    <li class="md-nav__item">
      <a href="../" title="Terug  naar
      het begin" class="md-nav__link">
        <span class="md-ellipsis">
          Lage rugpijn
        </span>
      </a>
      <nav class="md-nav" aria-label="Inhoud">
        <ul><li>Wat&nbsp;is\u00a0het?</li></ul>
      </nav>
    </li>
  </ul>
</nav>"""


def visible(html: str) -> str:
    """What a browser shows of text in normal white-space: runs of HTML whitespace as one space."""
    return re.sub(r"[ \t\r\n\f]+", " ", html)


def test_the_navigation_loses_its_indentation_and_renders_the_same():
    page = f"<body>\n  {NAV}\n  <pre>  keep\n    this</pre>\n</body>"
    compacted = navigation(page)
    assert len(compacted) < len(page) - 60
    # Only the line break inside the title attribute keeps its indentation.
    assert compacted[compacted.index("<nav") : compacted.rindex("</nav>")].count("\n ") == 1
    assert visible(compacted) == visible(page)
    assert "<pre>  keep\n    this</pre>" in compacted
    assert "\u00a0" in compacted  # a no-break space is text, not whitespace


def test_attribute_values_are_left_alone():
    assert 'title="Terug  naar\n      het begin"' in navigation(NAV)


@pytest.mark.parametrize(
    "html",
    [
        '<nav class="toc">\n  <a>x</a>\n</nav>',  # not Material's
        '<nav class="md-nav">\n  <a>x</a>\n',  # never closed
        "<p>\n  geen navigatie\n</p>",
    ],
)
def test_anything_else_is_left_as_it_is(html):
    assert navigation(html) == html


@given(st.text(alphabet=" \n\tab<>/\u00a0", max_size=60))
def test_text_inside_the_navigation_only_changes_in_collapsible_whitespace(text):
    page = f'<nav class="md-nav">{text}</nav>'
    assert visible(navigation(page)) == visible(page)


@pytest.mark.parametrize("built", ["project_site", "zensical_site"])
def test_the_built_site_has_compact_navigation(request, built):
    # MkDocs compacts in the plugin, Zensical in the publish stage after its build (adapters/zensical.py).
    html = (request.getfixturevalue(built) / "lage-rugpijn" / "index.html").read_text(encoding="utf-8")
    primary = re.search(r'<nav class="md-nav md-nav--primary".*?</ul>\s*</nav>', html, re.S)
    assert primary is not None
    assert "\n " not in primary.group()
    assert "Lage rugpijn" in primary.group()
