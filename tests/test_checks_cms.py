"""checks/cms.py: `check` reports a stale or hand-edited web editor configuration, as `cms-config --check` does."""

from __future__ import annotations

from tests.conftest import ORGANISATIONS, run_cli, site_of

from patienthub.build import cms_config
from patienthub.checks import cms


def _findings(root):
    return list(cms.check_site(site_of(root)))


def test_the_file_cms_config_writes_passes_and_a_hand_edit_or_a_new_organisation_does_not(repo):
    assert _findings(repo.root) == []  # no cms/config.yml in this repository: nothing to compare
    assert run_cli("cms-config", cwd=repo.root).code == 0
    assert _findings(repo.root) == []

    config = repo.root / "cms" / "config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("locale: nl", "locale: en"), encoding="utf-8"
    )
    [found] = _findings(repo.root)
    assert found.rule == "cms.config-outdated" and found.path == "cms/config.yml"
    assert "locale: en" in found.message and "patienthub cms-config" in found.suggestion
    assert config.read_text(encoding="utf-8").split("\n")[found.line - 1] == "locale: en"

    assert run_cli("cms-config", cwd=repo.root).code == 0
    extra = "nza:\n  name: Nederlandse Zorgautoriteit\n  short_name: NZa\n  website: https://www.nza.nl\n"
    repo.write("content/_data/organisations.yml", ORGANISATIONS + extra)
    assert [f.rule for f in _findings(repo.root)] == ["cms.config-outdated"]
    site = site_of(repo.root)
    assert cms_config.render(site) != site.cms_config


def test_check_fails_on_it_and_a_broken_registry_is_left_to_its_own_finding(repo):
    assert run_cli("cms-config", cwd=repo.root).code == 0
    assert run_cli("check", cwd=repo.root).code == 0
    (repo.root / "cms" / "config.yml").write_text("locale: nl\n", encoding="utf-8")
    checked = run_cli("check", cwd=repo.root)
    assert checked.code == 1 and "cms/config.yml:1: error cms.config-outdated" in checked.stdout, (
        checked.stdout
    )
    repo.write("content/_data/organisations.yml", "nhg: [kapot\n")
    assert _findings(repo.root) == []
