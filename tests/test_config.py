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
    ],
)
def test_wrong_options_are_config_errors_in_dutch(options, fragment):
    with pytest.raises(ConfigError, match=fragment):
        Config.from_options(options)


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
