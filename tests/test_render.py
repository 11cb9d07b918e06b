"""render: a page's HTML made the way the build makes it."""

from __future__ import annotations

import pytest
from tests.conftest import GOOD_BODY, site_of

from patienthub.build.render import element_ids, page_html, to_html
from patienthub.text.markdown_setup import MKDOCS_BUILTINS, MarkdownSetup


def test_the_setup_is_mkdocs_builtins_plus_the_sites_extensions_with_their_settings():
    setup = MarkdownSetup.from_mkdocs(
        ["attr_list", {"toc": {"permalink": False}}, {"pymdownx.details": None}]
    )
    assert setup.extensions == (*MKDOCS_BUILTINS, "attr_list", "pymdownx.details")
    assert setup.configs == {"toc": {"permalink": False}}


def test_a_python_name_setting_is_the_object_mkdocs_would_import():
    setup = MarkdownSetup.from_mkdocs(
        [
            {
                "pymdownx.superfences": {
                    "custom_fences": [
                        {
                            "name": "x",
                            "class": "x",
                            "format": "<tag:yaml.org,2002:python/name:pymdownx.superfences.fence_code_format>",
                        }
                    ]
                }
            }
        ]
    )
    from pymdownx.superfences import fence_code_format

    assert setup.configs["pymdownx.superfences"]["custom_fences"][0]["format"] is fence_code_format


def test_extensions_are_what_the_site_has_not_a_guess():
    plain = MarkdownSetup.from_mkdocs([])
    with_attributes = MarkdownSetup.from_mkdocs(["attr_list"])
    text = '[klik](x.md){ onclick="alert(1)" }'
    assert "onclick" not in to_html(text, plain).split(">", 1)[0]
    assert '<a href="x.md" onclick="alert(1)">' in to_html(text, with_attributes)


def test_a_page_is_rendered_after_the_transforms(repo):
    repo.write("content/_data/kernboodschappen.yml", "blijf:\n  text: Blijf bewegen.\n  source: NHG\n")
    repo.page("index.md", body=f"{GOOD_BODY}\n[[kernboodschap: blijf]]\n")
    site = site_of(repo.root)
    html = page_html(site.by_path["content/index.md"], site)
    assert "Blijf bewegen." in html and "kernboodschap:" not in html


SITE_SETUP = MarkdownSetup.from_mkdocs(["attr_list", "md_in_html", {"toc": {"permalink": False}}])


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("## Wat kunt u zelf doen?", "wat-kunt-u-zelf-doen"),
        ("## Pijn in één been — wat nu?", "pijn-in-een-been-wat-nu"),
        ("## Café, crème en reïntegratie", "cafe-creme-en-reintegratie"),
        ("## Wanneer **direct** naar de `huisarts`?", "wanneer-direct-naar-de-huisarts"),
        ("## Uitleg [met link](x.md)", "uitleg-met-link"),
        ("#Kop zonder spatie", "kop-zonder-spatie"),  # a heading to Python-Markdown, so an anchor on the site
    ],
)
def test_anchors_are_the_ids_the_site_publishes(heading, slug):
    assert element_ids(to_html(heading, SITE_SETUP)) == {slug}


def test_repeated_headings_attribute_lists_and_html_ids_are_anchors():
    text = '## Kop een\n\n## Kop een\n\n## Anders {#eigen}\n\n<div id="blok" markdown>\nTekst\n</div>\n\n<a name="oud"></a>\n'
    assert element_ids(to_html(text, SITE_SETUP)) == {"kop-een", "kop-een_1", "eigen", "blok", "oud"}
