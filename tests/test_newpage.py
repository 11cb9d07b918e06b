import datetime as dt

import pytest
import yaml

from patienthub.core.errors import UsageError
from patienthub.domain import metadata
from patienthub.edit.newpage import NewPage, add_to_nav, render, slugify
from patienthub.text import frontmatter

NAV = """\
site_name: x  # comment stays
nav:
  - Home: index.md
  - Uitleg:
      - Lage rugpijn: lage-rugpijn.md
      - Been: been.md
  - Zelf doen:
      - Bewegen: bewegen.md
  - Zoeken: zoeken.md

markdown_extensions:
  - abbr
"""


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Rugpijn bij ouderen", "rugpijn-bij-ouderen"),
        ("Pijn? Wat nu!", "pijn-wat-nu"),
        ("Opioïden én rugpijn", "opioiden-en-rugpijn"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_slugify_refuses_titles_without_letters():
    with pytest.raises(UsageError):
        slugify("???")


@pytest.mark.parametrize(
    "page_type", ["education", "self-management", "treatment-options", "outcomes", "overview"]
)
def test_rendered_page_has_valid_front_matter(page_type):
    text = render(
        NewPage("Titel: met dubbele punt", page_type, "nhg", ("NHG-Standaard", "KNGF"), dt.date(2026, 11, 22))
    )
    fm = frontmatter.parse(text)
    meta, findings = metadata.validate(fm, "x.md")
    assert findings == []
    assert meta.title == "Titel: met dubbele punt"
    assert meta.status == "concept"
    assert meta.last_reviewed == dt.date(2026, 11, 22)
    assert [s.title for s in meta.sources] == ["NHG-Standaard", "KNGF"]
    assert "# Titel: met dubbele punt" in fm.body


def test_add_to_existing_section_changes_only_one_line():
    out = add_to_nav(NAV, "Uitleg", "Nieuw", "nieuw.md")
    assert out.splitlines() == [*NAV.splitlines()[:6], "      - Nieuw: nieuw.md", *NAV.splitlines()[6:]]


def test_add_to_missing_section_appends_it_to_the_nav():
    out = add_to_nav(NAV, "Behandelingen", "Operatie", "operatie.md")
    lines = out.splitlines()
    index = lines.index("  - Behandelingen:")
    assert lines[index + 1] == "      - Operatie: operatie.md"
    assert lines[index - 1] == "  - Zoeken: zoeken.md"
    assert "markdown_extensions:" in lines[index + 2 :]


def test_no_nav_means_no_change():
    assert add_to_nav("site_name: x\n", "Uitleg", "Nieuw", "nieuw.md") == "site_name: x\n"


@pytest.mark.parametrize(
    "title",
    ["'s Nachts rugpijn", "Rugpijn: wat nu?", "Rugpijn #2", "[Oud] rugpijn", "Nee", "2026", "Pijn & werk"],
)
def test_a_title_that_plain_yaml_reads_otherwise_is_quoted_in_the_nav(title):
    out = add_to_nav(NAV, "Uitleg", title, "nieuw.md")
    uitleg = next(item["Uitleg"] for item in yaml.safe_load(out)["nav"] if "Uitleg" in item)
    assert uitleg[-1] == {title: "nieuw.md"}


def test_in_nav_finds_a_page_however_it_is_listed():
    from patienthub.edit.newpage import in_nav

    assert in_nav(NAV, "been.md") and in_nav(NAV, "zoeken.md")
    assert in_nav("nav:\n  - uitkomsten/index.md\n  - \"Vraag: ja?\": 'a/b.md'  # c\n", "a/b.md")
    assert in_nav("nav:\n  - uitkomsten/index.md\n", "uitkomsten/index.md")
    assert not in_nav(NAV, "lage.md") and not in_nav(NAV, "rugpijn.md")


@pytest.mark.parametrize(
    "title",
    ["Rugpijn\u2028na het tillen", "Rug\x85pijn", "Rug\u2029pijn", "Rug\x80pijn", "Rug\x9fpijn"],
)
def test_a_title_with_a_yaml_line_break_or_control_character_keeps_the_nav_and_page_readable(title):
    """U+0085, U+2028 and U+2029 are line breaks to YAML (a pasted title can hold one) and C1 controls may not
    appear raw at all: JSON leaves them as they are, so the nav key, or the page's title, broke mkdocs.yml."""
    out = add_to_nav(NAV, "Uitleg", title, "nieuw.md")
    uitleg = next(item["Uitleg"] for item in yaml.safe_load(out)["nav"] if "Uitleg" in item)
    assert uitleg[-1] == {title: "nieuw.md"}
    text = render(NewPage(title, "education", "nhg", ("NHG-Standaard",), dt.date(2026, 11, 22)))
    assert yaml.safe_load(text.split("---\n")[1])["title"] == title


@pytest.mark.parametrize("src_uri", ["a #b.md", "x: y.md", "c\n  - Kwaad: e.md", "'q'.md"])
def test_a_file_name_that_plain_yaml_reads_otherwise_is_quoted_in_the_nav_once(src_uri):
    """The file name the web editor saved goes in the nav as written: a ' #' made the rest a comment, a ': ' broke
    mkdocs.yml, a line break added a nav item of its own; and a second save does not add it again."""
    from patienthub.edit.newpage import in_nav

    out = add_to_nav(NAV, "Uitleg", "Nieuw", src_uri)
    uitleg = next(item["Uitleg"] for item in yaml.safe_load(out)["nav"] if "Uitleg" in item)
    assert uitleg[-1] == {"Nieuw": src_uri}
    assert len(yaml.safe_load(out)["nav"]) == len(yaml.safe_load(NAV)["nav"])
    assert in_nav(out, src_uri) and not in_nav(NAV, src_uri)
