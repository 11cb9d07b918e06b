"""The render stage as a Python-Markdown extension: real Python-Markdown, a rendering context as Zensical gives
one (a preprocessor named `rendering_context` with the page), a real mini repository."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from tests.conftest import GOOD_BODY, REPO_ROOT

from patienthub.adapters import markdown_extension
from patienthub.core import dates

EXTENSION = "patienthub.adapters.markdown_extension"


class _Context(Preprocessor):
    """What Zensical registers on every page's Markdown instance (zensical.extensions.context)."""

    name = "rendering_context"

    def __init__(self, md, page) -> None:
        super().__init__(md)
        self.page = page

    def run(self, lines):
        return lines


def render(repo, text: str, path: str | None, monkeypatch) -> str:
    monkeypatch.setenv(dates.TODAY_VARIABLE, "2026-11-22")
    monkeypatch.delenv(markdown_extension.TITLES_VARIABLE, raising=False)
    md = markdown.Markdown(
        extensions=["abbr", "attr_list", "md_in_html", EXTENSION],
        extension_configs={
            EXTENSION: {
                "config_file": str(repo.root / "mkdocs.yml"),
                "overrides": str(REPO_ROOT / "overrides"),
            }
        },
    )
    if path is not None:
        page = SimpleNamespace(path=path, url="", title="Lage rugpijn")
        md.preprocessors.register(_Context(md, page), "rendering_context", 0)
    return md.convert(text)


@pytest.fixture(autouse=True)
def _fresh_sites(monkeypatch):
    monkeypatch.setattr(markdown_extension, "_LOADED", {})


def test_a_page_gets_notices_review_line_search_body_and_share_block(repo, monkeypatch):
    html = render(repo, GOOD_BODY, "index.md", monkeypatch)
    assert html.index("ph-notice--concept") < html.index("ph-search-box") < html.index("data-pagefind-body")
    assert html.index("<h1") < html.index('<footer class="ph-review">') < html.index('class="ph-share"')
    assert "Laatst gecontroleerd door de redactie" in html
    assert 'action="zoeken/"' in html  # the search box of the home page, linked as MkDocs' url filter does
    assert "patienthub:end" not in html


def test_headings_are_not_surrounded(repo, monkeypatch):
    # Python-Markdown's toc runs the postprocessors on each heading's text: only the whole page is surrounded.
    md_html = render(repo, "# Lage rugpijn\n\n## Wat kunt u doen?\n\nBewegen.\n", "index.md", monkeypatch)
    assert md_html.count('<footer class="ph-review">') == 1


def test_without_a_rendering_context_nothing_changes(repo, monkeypatch):
    plain = markdown.markdown(GOOD_BODY)
    assert render(repo, GOOD_BODY, None, monkeypatch) == plain


def test_a_page_the_hub_does_not_know_is_left_as_it_is(repo, monkeypatch):
    # A generated page (glossary, search page) is complete as the generators write it.
    assert "ph-review" not in render(repo, "# Woordenlijst\n", "woordenlijst.md", monkeypatch)


def test_each_rendered_page_is_noted_for_the_head(repo, monkeypatch, tmp_path):
    titles = tmp_path / "titles.jsonl"
    render(repo, GOOD_BODY, "index.md", monkeypatch)
    monkeypatch.setenv(markdown_extension.TITLES_VARIABLE, str(titles))
    md = markdown.Markdown(
        extensions=[markdown_extension.makeExtension(config_file=str(repo.root / "mkdocs.yml"))]
    )
    md.preprocessors.register(_Context(md, SimpleNamespace(path="index.md", url="", title="Start")), "x", 0)
    md.convert(GOOD_BODY)
    assert titles.read_text(encoding="utf-8") == '{"url": "", "title": "Start"}\n'
