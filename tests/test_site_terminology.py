"""The built site: glossary page, tooltip links that resolve to glossary anchors, key messages, terms API.

One real MkDocs build of a mini site with this repository's termbase, advice and key messages (module scope),
plus one build of the real project. Browser behaviour of the tooltips is tested with the browser tests."""

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import MKDOCS_YML, ORGANISATIONS, REPO_ROOT, MiniRepo, mkdocs_build, page_text
from patienthub.domain.termbase import load

DATA_DIR = REPO_ROOT / "content" / "_data"
TERMBASE = load(DATA_DIR, REPO_ROOT, None)
LINK = re.compile(
    r'<a href="(?P<href>[^"]*woordenlijst/#[^"]*)" title="(?P<title>[^"]*)">(?P<text>[^<]*)</a>'
)

HOME = """\
# Rugklachten

Een hernia drukt soms op een zenuw. Ook een tweede hernia krijgt geen uitleg meer.

[[kernboodschap: blijf-bewegen]]

Een fysiotherapeut kan u helpen.

Lees meer over [lage rugpijn](sub/diep.md).
"""
DEEP = """\
# Diep

Een MRI is meestal niet nodig.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    mini = MiniRepo(tmp_path_factory.mktemp("site") / "repo")
    config = MKDOCS_YML.format(overrides=REPO_ROOT / "overrides")
    config = config.replace("  font: false\n", "  font: false\n  features:\n    - content.tooltips\n")
    mini.write("mkdocs.yml", config + "validation:\n  anchors: warn\nmarkdown_extensions:\n  - abbr\n")
    mini.write("content/_data/organisations.yml", ORGANISATIONS)
    for name in ("terms.yml", "advice.yml", "kernboodschappen.yml"):
        mini.write(f"content/_data/{name}", (DATA_DIR / name).read_text(encoding="utf-8"))
    mini.write("content/index.md", page_text(body=HOME))
    mini.write("content/sub/diep.md", page_text(body=DEEP))
    done = mkdocs_build(mini.root)
    assert done.code == 0, done.stderr
    return mini.root / "site"


def html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_the_glossary_page_lists_every_term_with_an_anchor(built):
    glossary = html(built, "woordenlijst/index.html")
    for term in TERMBASE.terms:
        assert f'<dt id="{term.key}">' in glossary
    assert "<h1" in glossary and "Woordenlijst" in glossary


def test_first_use_is_a_focusable_link_with_the_explanation_as_tooltip(built):
    home = html(built, "index.html")
    links = [m.groupdict() for m in LINK.finditer(home)]
    hernia = [link for link in links if link["text"] == "hernia"]
    assert len(hernia) == 1  # first use only
    assert hernia[0]["href"] == "woordenlijst/#hernia"
    assert unescape(hernia[0]["title"]) == TERMBASE.by_key["hernia"].explanation
    assert '"content.tooltips"' in home  # Material mounts its tooltips on elements with a title


def test_every_glossary_link_resolves_to_an_existing_anchor(built):
    checked = 0
    for page in built.rglob("index.html"):
        url = page.relative_to(built).parent.as_posix() + "/"
        for match in LINK.finditer(page.read_text(encoding="utf-8")):
            target = urljoin(url if url != "./" else "", match["href"])
            path, anchor = target.split("#")
            assert f'id="{anchor}"' in html(built, path + "index.html"), target
            checked += 1
    assert checked >= 3
    assert 'href="../../woordenlijst/#mri"' in html(built, "sub/diep/index.html")


def test_key_messages_are_included_word_for_word(built):
    home = html(built, "index.html")
    assert (
        "<p>Blijf zo veel mogelijk bewegen. Ga door met uw gewone dingen, zo goed als het gaat.</p>" in home
    )
    assert "kernboodschap" not in home


def test_the_terms_api_is_published(built):
    published = json.loads(html(built, "api/v1/terms.json"))
    assert published == TERMBASE.export()


def test_the_real_project_has_its_glossary_terms_api_and_tooltips(project_site):
    assert (project_site / "woordenlijst" / "index.html").is_file()
    assert (
        json.loads((project_site / "api" / "v1" / "terms.json").read_text(encoding="utf-8"))
        == TERMBASE.export()
    )
    page = (project_site / "uitstralende-pijn-been" / "index.html").read_text(encoding="utf-8")
    assert 'href="../woordenlijst/#hernia"' in page
