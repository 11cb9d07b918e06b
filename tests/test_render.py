"""render: a page's HTML made the way the build makes it."""

from __future__ import annotations

from tests.conftest import GOOD_BODY, site_of

from patienthub.render import MKDOCS_BUILTINS, MarkdownSetup, page_html, to_html


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
