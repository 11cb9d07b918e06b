import re

import pytest

from patienthub.core.errors import ConfigError
from patienthub.load.config import Config, load_project, plugin_options


def test_defaults():
    config = Config.from_options({})
    assert config.freshness.review_interval_months == 36
    assert config.freshness.due_soon_days == 60
    assert config.data_dir == "content/_data"


def test_nested_values_are_read_and_typed():
    config = Config.from_options(
        {"freshness": {"due_soon_days": 30}, "rules": {"freshness.due-soon": "error"}}
    )
    assert config.freshness.due_soon_days == 30
    assert config.rules["freshness.due-soon"] == "error"


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"colour": "blue"}, "onbekende instelling"),
        ({"freshness": {"due_soon_days": "veel"}}, "patienthub.freshness.due_soon_days"),
        ({"freshness": {"due_soon_days": True}}, "verwacht een getal"),
        ({"freshness": 3}, "patienthub.freshness"),
        ({"rules": {"freshness.due-soon": "loud"}}, "geen geldige ernst"),
        # Bounded intervals: 100000 months overflowed the review arithmetic (issue 16).
        ({"freshness": {"review_interval_months": 100000}}, "1 tot en met 120 maanden"),
        ({"freshness": {"review_interval_months": 0}}, "review_interval_months: 0 kan niet"),
        ({"freshness": {"review_interval_months": -3}}, "kan niet"),
        ({"freshness": {"due_soon_days": 10**6}}, "due_soon_days"),
        ({"freshness": {"due_soon_days": -1}}, "due_soon_days"),
        ({"readability": {"flesch_douma_error": float("nan")}}, "verwacht een gewoon getal"),
        ({"readability": {"flesch_douma_warning": float("inf")}}, "verwacht een gewoon getal"),
        ({"readability": {"rare_word_zipf": 10**400}}, "te groot"),
        ({"enabled": "nee"}, "patienthub.enabled: verwacht true of false"),
    ],
)
def test_wrong_options_are_config_errors_in_dutch(options, fragment):
    with pytest.raises(ConfigError, match=fragment):
        Config.from_options(options)


@pytest.mark.parametrize("enabled", [True, False])
def test_mkdocs_enabled_option_is_accepted_and_changes_no_check_setting(enabled):
    # MkDocs 1.6 gives every plugin `enabled`; with the plugin off, `patienthub check` reads the same settings.
    config = Config.from_options({"enabled": enabled, "freshness": {"due_soon_days": 30}})
    assert config == Config.from_options({"freshness": {"due_soon_days": 30}})


def test_config_is_frozen():
    config = Config.from_options({})
    with pytest.raises(AttributeError):
        config.data_dir = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        (["search", "patienthub"], {}),
        (["search", {"patienthub": {"data_dir": "d"}}], {"data_dir": "d"}),
        ({"patienthub": None}, {}),
        (["search"], None),
    ],
)
def test_plugin_options_are_found_in_any_mkdocs_form(plugins, expected):
    assert plugin_options({"plugins": plugins}) == expected


def test_load_project_reads_env_tags_and_ignores_python_tags(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [PH_TEST_URL, 'https://default.example/']\n"
        "docs_dir: content\n"
        "markdown_extensions:\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: x\n"
        "          class: x\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "plugins:\n  - patienthub\n",
        encoding="utf-8",
    )
    project = load_project(tmp_path / "mkdocs.yml")
    assert project.site_url == "https://default.example/"
    assert project.docs_dir == tmp_path / "content"
    monkeypatch.setenv("PH_TEST_URL", "https://set.example/sub/")
    assert load_project(tmp_path / "mkdocs.yml").site_url == "https://set.example/sub/"


def test_load_project_without_plugin_is_an_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - search\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="patienthub"):
        load_project(tmp_path / "mkdocs.yml")


def test_broken_mkdocs_yml_is_a_config_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("plugins: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="ongeldige YAML"):
        load_project(tmp_path / "mkdocs.yml")


def test_review_section():
    config = Config.from_options(
        {"review": {"maintainers_team": "@org/redactie", "codeowners_file": "CODEOWNERS"}}
    )
    assert (config.review.maintainers_team, config.review.codeowners_file) == ("@org/redactie", "CODEOWNERS")
    assert Config().review.codeowners_file == ".github/CODEOWNERS"
    with pytest.raises(ConfigError, match=r"maintainers_team.*@organisatie/team"):
        Config.from_options({"review": {"maintainers_team": "redactie"}})


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("plugins: 5\n", "plugins: verwacht een lijst"),
        ("plugins:\n  - patienthub: [1]\n", "patienthub: verwacht sleutels met waarden, kreeg een lijst"),
        ("plugins:\n  - patienthub: aan\n", "patienthub: verwacht sleutels met waarden"),
        ("docs_dir: [content]\nplugins:\n  - patienthub\n", "docs_dir moet de naam van een map zijn"),
    ],
)
def test_wrongly_shaped_mkdocs_yml_is_a_config_error(tmp_path, text, fragment):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment):
        load_project(tmp_path / "mkdocs.yml")


def test_mkdocs_yml_that_is_not_utf8_is_a_config_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_bytes("site_name: Rugklachten \u2014 hub\n".encode("cp1252"))
    with pytest.raises(ConfigError, match="geen UTF-8"):
        load_project(tmp_path / "mkdocs.yml")


def test_env_and_inherit_mean_what_they_mean_to_mkdocs(tmp_path, monkeypatch):
    """`!ENV [X, default]` and `INHERIT:` are read by MkDocs' own code, so check and build agree."""
    (tmp_path / "basis.yml").write_text(
        "site_name: Basis\ndocs_dir: inhoud\nplugins:\n  - patienthub:\n"
        "      freshness:\n        review_interval_months: !ENV [PATIENTHUB_TEST_INTERVAL, 36]\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: basis.yml\nsite_name: Kind\n", encoding="utf-8")
    monkeypatch.delenv("PATIENTHUB_TEST_INTERVAL", raising=False)
    project = load_project(tmp_path / "mkdocs.yml")
    assert (project.site_name, project.docs_dir.name) == ("Kind", "inhoud")
    assert project.config.freshness.review_interval_months == 36


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [/]\n", "pymdownx.snippets"),
        ("copyright: '© NHG<noscript><p title=\"</noscript><meta>\"></p></noscript>'\n", "copyright"),
        ("nav:\n  - 'Rug<meta http-equiv=refresh>': index.md\n", "nav"),
        ("site_name: 'Rug <b>pijn</b>'\n", "site_name"),
        ("extra_javascript:\n  - https://elders.example/x.js\n", "extra_javascript"),
        ("extra_css:\n  - //elders.example/x.css\n", "extra_css"),
    ],
)
def test_what_mkdocs_yml_would_write_into_every_page_is_checked(tmp_path, extra, named):
    (tmp_path / "mkdocs.yml").write_text(
        f"docs_dir: content\nplugins:\n  - patienthub\n{extra}", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=named):
        load_project(tmp_path / "mkdocs.yml")


@pytest.mark.parametrize(
    "rule",
    [
        "schema.theme-key",
        "schema.nesting",
        "schema.too-large",
        "schema.control-character",
        "links.unsafe-file-name",
    ],
)
def test_theme_keys_and_limits_cannot_be_demoted(rule):
    # Demoted, `template:` would render a page without the CSP, or a refused page would vanish silently.
    with pytest.raises(ConfigError, match="beveiligingsregel"):
        Config.from_options({"rules": {rule: "warning"}})
    assert (
        Config.from_options({"rules": {"schema.unknown-key": "warning"}}).rules["schema.unknown-key"]
        == "warning"
    )


def test_load_project_means_what_mkdocs_own_loader_means(tmp_path, monkeypatch):
    """The CLI reads mkdocs.yml; the plugin is handed MkDocs' validated configuration (mkdocs.config.load_config):
    `INHERIT:`, `!ENV [X, default]`, site_url, exclude_docs and use_directory_urls give both the same Project."""
    from mkdocs.config import load_config

    (tmp_path / "basis.yml").write_text(
        "site_name: Basis\n"
        "docs_dir: inhoud\n"
        "site_url: !ENV [PH_TEST_SITE_URL, 'https://standaard.example/']\n"
        "exclude_docs: |\n  /_data/\n  *.concept.md\n  !bewaar.concept.md\n"
        "markdown_extensions:\n"
        "  - admonition\n"
        "  - toc:\n      permalink: false\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: x\n"
        "          class: x\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "plugins:\n"
        "  - patienthub:\n"
        "      freshness:\n"
        "        review_interval_months: !ENV [PH_TEST_INTERVAL, 24]\n"
        "      rules:\n"
        "        readability.passive: 'off'\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: basis.yml\nsite_name: Kind\nuse_directory_urls: false\n", encoding="utf-8"
    )
    (tmp_path / "inhoud").mkdir()
    (tmp_path / "inhoud" / "index.md").write_text("# Start\n", encoding="utf-8")
    monkeypatch.setenv("PH_TEST_SITE_URL", "https://elders.example/sub")  # MkDocs adds the closing slash
    monkeypatch.delenv("PH_TEST_INTERVAL", raising=False)
    monkeypatch.setenv("PATIENTHUB_TODAY", "2026-11-22")

    from_cli = load_project(tmp_path / "mkdocs.yml")
    mkdocs_config = load_config(str(tmp_path / "mkdocs.yml"))
    mkdocs_config.plugins.on_config(mkdocs_config)  # the plugin's own way in, as `mkdocs build` runs it
    from_mkdocs = mkdocs_config.plugins["patienthub"].site.project

    assert from_cli == from_mkdocs
    assert (from_cli.site_name, from_cli.docs_dir, from_cli.root) == ("Kind", tmp_path / "inhoud", tmp_path)
    assert from_cli.site_url == "https://elders.example/sub/"
    assert from_cli.exclude_docs.splitlines() == ["/_data/", "*.concept.md", "!bewaar.concept.md"]
    assert from_cli.use_directory_urls is False
    assert from_cli.config.freshness.review_interval_months == 24
    assert from_cli.config.rules == {"readability.passive": "off"}
    assert from_cli.markdown.extensions == (
        "toc",
        "tables",
        "fenced_code",
        "admonition",
        "pymdownx.superfences",
    )
    fence = from_cli.markdown.configs["pymdownx.superfences"]["custom_fences"][0]["format"]
    assert fence.__name__ == "fence_code_format"  # the function itself, as MkDocs imports it
    assert from_cli.markdown.configs["toc"] == {"permalink": False}


def test_use_directory_urls_is_read_and_checked(tmp_path):
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("docs_dir: content\nplugins:\n  - patienthub\n", encoding="utf-8")
    assert load_project(config_file).use_directory_urls is True  # MkDocs' default
    config_file.write_text("use_directory_urls: false\ndocs_dir: content\nplugins:\n  - patienthub\n")
    assert load_project(config_file).use_directory_urls is False
    config_file.write_text("use_directory_urls: nee\ndocs_dir: content\nplugins:\n  - patienthub\n")
    with pytest.raises(ConfigError, match="use_directory_urls moet true of false zijn"):
        load_project(config_file)


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ("site_url: voorbeeld.nl/hub/\n", "site_url: 'voorbeeld.nl/hub/' is geen volledig adres"),
        ("site_url: [https://voorbeeld.nl/]\n", "site_url: een lijst is geen volledig adres"),
        ("site_url: 'https://[voorbeeld'\n", "site_url: 'https://[voorbeeld' is geen volledig adres"),
        ("exclude_docs: [_data]\n", "exclude_docs moet tekst zijn"),
        ("markdown_extensions: admonition\n", "markdown_extensions moet een lijst zijn"),
    ],
)
def test_what_mkdocs_would_refuse_in_mkdocs_yml_is_a_config_error(tmp_path, extra, fragment):
    (tmp_path / "mkdocs.yml").write_text(
        f"docs_dir: content\nplugins:\n  - patienthub\n{extra}", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=re.escape(fragment)):
        load_project(tmp_path / "mkdocs.yml")


def test_markdown_extensions_in_the_mapping_form_mkdocs_also_takes(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "docs_dir: content\nplugins:\n  - patienthub\nmarkdown_extensions:\n  admonition:\n  toc:\n    permalink: true\n",
        encoding="utf-8",
    )
    markdown = load_project(tmp_path / "mkdocs.yml").markdown
    assert markdown.extensions == ("toc", "tables", "fenced_code", "admonition")
    assert markdown.configs == {"toc": {"permalink": True}}
