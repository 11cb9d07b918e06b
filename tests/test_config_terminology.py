import pytest

from patienthub import Config, ConfigError


def test_terminology_and_advice_sections_are_typed_with_defaults():
    config = Config.from_options({"terminology": {"termbase": "woorden.yml", "tooltips": False}})
    assert config.terminology.termbase == "woorden.yml" and config.terminology.tooltips is False
    assert config.terminology.glossary_page == "woordenlijst.md"
    assert config.advice.rules is None and config.advice.key_messages is None


@pytest.mark.parametrize(
    "options",
    [{"terminology": {"kleur": 1}}, {"terminology": {"tooltips": "ja"}}, {"advice": {"rules": 3}}],
)
def test_wrong_terminology_settings_are_configuration_errors(options):
    with pytest.raises(ConfigError):
        Config.from_options(options)
