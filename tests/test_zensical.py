"""The Zensical adapter's own steps: the staging copy and the finished pages (real mini repository, no build;
the real builds are in test_commands_build.py and test_engines_site.py)."""

from __future__ import annotations

import yaml
from tests.conftest import REPO_ROOT, site_of

from patienthub.adapters import zensical
from patienthub.adapters.mkdocs_plugin import WITHHELD_DOCUMENT
from patienthub.engine.runner import run

PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Lage rugpijn</title>
<script>var theme = 1;</script></head><body>{body}<article>{article}</article></body></html>"""


def test_the_staging_copy_has_the_generated_pages_and_the_extension_not_the_plugin(repo, tmp_path):
    site = site_of(repo.root)
    config = zensical.stage(repo.root / "mkdocs.yml", site.project, site, run(site), tmp_path)
    staged = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert staged["docs_dir"] == "docs" and staged["site_dir"] == "site"
    assert staged["theme"]["custom_dir"] == str(REPO_ROOT / "overrides")
    assert {
        zensical.EXTENSION: {
            "config_file": str(repo.root / "mkdocs.yml"),
            "overrides": str(REPO_ROOT / "overrides"),
        }
    } in staged["markdown_extensions"]
    assert "patienthub" not in staged["plugins"] and {"search": {"lang": "du"}} in staged["plugins"]
    assert (tmp_path / "docs" / "index.md").is_file() and (tmp_path / "docs" / "zoeken.md").is_file()
    # Machine files are written after the build, over the finished site, not into the docs.
    assert not (tmp_path / "docs" / "feed.xml").exists()
    assert not (repo.root / zensical.STAGED_CONFIG).exists()


def test_without_a_search_plugin_in_mkdocs_yml_zensicals_own_search_is_off(repo, tmp_path):
    # MkDocs has a search only when `plugins` lists it; Zensical has one unless it is turned off.
    config = repo.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - search:\n      lang: du\n", ""))
    site = site_of(repo.root)
    staged = yaml.safe_load(zensical.stage(config, site.project, site, run(site), tmp_path).read_text())
    assert staged["plugins"] == [{"search": {"enabled": False}}]


PALETTE_FORM = """<form class="md-header__option" data-md-component="palette">
    <input class="md-option" data-md-color-media="" aria-hidden="true" type="radio" name="__palette" id="__palette_0">
</form>
"""


def test_a_palette_switch_with_nothing_to_switch_is_left_out():
    page = PAGE.format(body=f"<header>{PALETTE_FORM}<label>Zoek</label></header>", article="")
    assert zensical.without_lone_palette(page) == PAGE.format(
        body="<header><label>Zoek</label></header>", article=""
    )
    # With a toggle (two palettes, light and dark) the switch is a real button and stays.
    toggle = PALETTE_FORM.replace(
        "</form>", '<label class="md-header__button" for="__palette_1">Donker</label></form>'
    )
    assert zensical.without_lone_palette(toggle) == toggle


def test_a_finished_page_gets_its_policy_and_json_ld(repo):
    site = site_of(repo.root)
    page, problems = zensical.publish_page(PAGE.format(body="", article="<p>Tekst</p>"), site, "", "Start")
    assert problems == []
    assert (
        page.index('<meta charset="utf-8">') < page.index("Content-Security-Policy") < page.index("<title>")
    )
    assert page.index('type="application/ld+json"') < page.index("</head>")


def test_a_script_in_the_article_is_not_allowed_by_the_policy_and_the_page_is_withheld(repo):
    site = site_of(repo.root)
    page, problems = zensical.publish_page(
        PAGE.format(body="", article="<script>alert(1)</script>"), site, "", "Start"
    )
    assert page == WITHHELD_DOCUMENT
    assert problems
