import datetime as dt

import pytest
from tests.conftest import GOOD_BODY, page_text

from patienthub import load_project, load_site, run
from patienthub.checks import links

BODY_LINE = page_text().split("\n").index("# Lage rugpijn") + 1
UITLEG = """\
# Uitleg

## Wat kunt u zelf doen?

## Pijn in één been

<a id="oud-anker"></a>

## Wat kunt u zelf doen?
"""


def link_findings(repo, body: str, name: str = "index.md"):
    repo.write("content/uitleg/rug.md", page_text(body=UITLEG))
    repo.write("content/assets/rug.png", b"\x89PNG\r\n\x1a\n")
    repo.write("content/folder.pdf", b"%PDF-1.4\n")
    repo.write("content/_data/intern.md", page_text())
    repo.page(name, body=f"{GOOD_BODY}\n{body}\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return [(f.path, f.rule, f.line) for f in run(site).findings if f.rule.startswith("links.")]


LINE = BODY_LINE + GOOD_BODY.count("\n") + 1


@pytest.mark.parametrize(
    "link",
    [
        "[uitleg](uitleg/rug.md)",
        "[uitleg](uitleg/rug.md#wat-kunt-u-zelf-doen)",
        "[uitleg](uitleg/rug.md#wat-kunt-u-zelf-doen_1)",
        "[uitleg](uitleg/rug.md#pijn-in-een-been)",
        "[uitleg](uitleg/rug.md#oud-anker)",
        "[uitleg](uitleg/rug/)",
        "[uitleg](./uitleg/../uitleg/rug.md)",
        "[hier](#lage-rugpijn)",
        "[boven](#top)",
        "![Rug van opzij](assets/rug.png)",
        "[folder](folder.pdf)",
        "[NHG](https://www.nhg.org/onbekend)",
        "[mail](mailto:redactie@example.org)",
        "[bel](tel:+31201234567)",
        "[uitleg][u]\n\n[u]: uitleg/rug.md",
    ],
)
def test_links_that_work(repo, link):
    assert link_findings(repo, link) == []


@pytest.mark.parametrize(
    ("link", "rule"),
    [
        ("[weg](bestaat-niet.md)", "links.missing-page"),
        ("[weg](uitleg/Rug.md)", "links.missing-page"),
        ("[weg](../buiten.md)", "links.missing-page"),
        ("[data](_data/intern.md)", "links.missing-page"),
        ("[kop](uitleg/rug.md#bestaat-niet)", "links.missing-anchor"),
        ("[kop](uitleg/rug.md#Wat-kunt-u-zelf-doen)", "links.missing-anchor"),
        ("[kop](#nergens)", "links.missing-anchor"),
        ("[plaatje](assets/weg.png)", "links.missing-file"),
        ("[oud](uitleg/oud/)", "links.missing-file"),
        ("[absoluut](/uitleg/rug/)", "links.absolute-path"),
        ("![](assets/rug.png)", "links.image-alt"),
        ("![  ](assets/rug.png)", "links.image-alt"),
        ('<img src="assets/rug.png">', "links.image-alt"),
    ],
)
def test_broken_links_with_their_line(repo, link, rule):
    assert link_findings(repo, link) == [("content/index.md", rule, LINE)]


def test_link_from_a_subfolder_resolves_from_that_folder(repo):
    repo.write("content/uitleg/ander.md", page_text(body=f"{GOOD_BODY}\n[terug](../index.md#lage-rugpijn)\n"))
    repo.write("content/uitleg/kapot.md", page_text(body=f"{GOOD_BODY}\n[terug](index.md)\n"))
    found = link_findings(repo, "")
    assert found == [("content/uitleg/kapot.md", "links.missing-page", LINE)]


def test_file_names_with_spaces_and_accents_get_a_warning_and_can_be_linked(repo):
    repo.write("content/rug pijn één.md", page_text())
    found = link_findings(repo, "[met spaties](rug%20pijn%20%C3%A9%C3%A9n.md)")
    assert found == [("content/rug pijn één.md", "links.file-name", 1)]
    assert links.FILE_NAME.severity.value == "warning"


@pytest.mark.parametrize(
    "name", ["rug\tpijn.md", "rug#pijn.md", "rug?.md", "100%.md", "a:b.md", "map#1/rug.md", "rug\u200b.md"]
)
def test_a_file_name_that_breaks_its_address_is_an_error(repo, name):
    repo.write(f"content/{name}", page_text())
    found = link_findings(repo, "")
    assert (f"content/{name}", "links.unsafe-file-name", 1) in found
    assert (f"content/{name}", "links.file-name", 1) not in found  # one finding per name, the error
    assert links.UNSAFE_FILE_NAME.severity.value == "error"


def test_a_broken_target_page_does_not_hide_the_link(repo):
    repo.write("content/binair.md", b"\x00\x01")
    assert link_findings(repo, "[binair](binair.md#kop)") == []  # the target has its own schema.binary-file


def test_links_in_url_form_follow_use_directory_urls(repo):
    repo.write("mkdocs.yml", "use_directory_urls: false\n" + (repo.root / "mkdocs.yml").read_text())
    repo.write("content/uitleg/index.md", page_text())
    repo.write(
        "content/uitleg/ander.md", page_text(body=f"{GOOD_BODY}\n[terug](../#lage-rugpijn)\n\n[map](./)\n")
    )
    found = link_findings(repo, "[a](uitleg/)\n\n[b](uitleg/rug/)\n\n[c](uitleg/rug.html)")
    # Without directory URLs uitleg/rug.md is at uitleg/rug.html: uitleg/rug/ is no address of the site, and a
    # link to the .html file is one MkDocs warns about (--strict fails), as it does to every file it does not know.
    assert sorted(found) == [
        ("content/index.md", "links.missing-file", LINE + 2),
        ("content/index.md", "links.missing-file", LINE + 4),
    ]
