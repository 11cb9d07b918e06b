"""The web editor's configuration: made from the schemas and registries, committed, and never stale."""

from __future__ import annotations

import yaml
from tests.conftest import ORGANISATIONS, REPO_ROOT, run_cli, site_of

from patienthub.build import cms_config
from patienthub.domain.model import PAGE_TYPES
from patienthub.domain.skeletons import DESCRIPTION_PLACEHOLDER, skeleton


def _fields(collection: dict) -> dict[str, dict]:
    return {field["name"]: field for field in collection["fields"]}


def test_committed_configuration_is_what_cms_config_writes_now():
    site = site_of(REPO_ROOT)
    committed = (REPO_ROOT / site.config.web_editor.config_file).read_text(encoding="utf-8")
    assert committed == cms_config.render(site), "cms/config.yml is verouderd: draai patienthub cms-config"


def test_every_schema_key_is_a_field_or_deliberately_left_to_the_file():
    schema = cms_config.frontmatter_schema()
    config = cms_config.config(site_of(REPO_ROOT))
    for collection in config["collections"]:
        names = set(_fields(collection)) - {"body"}
        left = {key for key in cms_config.NOT_IN_EDITOR if "." not in key}
        assert names | left == set(schema["properties"]), collection["name"]
        assert not names & left


def test_fields_follow_the_schema_and_registries():
    site = site_of(REPO_ROOT)
    schema = cms_config.frontmatter_schema()
    config = cms_config.config(site)
    assert [c["name"] for c in config["collections"]] == list(PAGE_TYPES)
    for collection in config["collections"]:
        fields = _fields(collection)
        for key in schema["required"]:
            assert fields[key].get("required", True) is True, (collection["name"], key)
        for key, field in fields.items():
            if key != "body":
                assert field["label"] == schema["properties"][key]["title"]
                assert field["hint"] == schema["properties"][key]["description"]
        assert fields["type"] == {**fields["type"], "widget": "hidden", "default": collection["name"]}
        assert [o["value"] for o in fields["owner"]["options"]] == sorted(site.organisations)
        assert fields["reviewed_by"]["multiple"] is True and fields["reviewed_by"]["required"] is False
        assert fields["status"]["options"] == schema["properties"]["status"]["enum"]
        assert fields["status"]["default"] == "concept"
        assert fields["description"]["default"] == DESCRIPTION_PLACEHOLDER
        assert fields["description"]["pattern"][0] == "^[\\s\\S]{1,160}$"
        assert fields["body"]["default"] == skeleton(collection["name"])
        sources = {f["name"]: f for f in fields["sources"]["fields"]}
        assert [o["value"] for o in sources["key"]["options"]] == sorted(site.guidelines)
        assert fields["sources"]["min"] == 1
        assert collection["filter"] == {"field": "type", "value": collection["name"]}
    folders = {c["name"]: c["folder"] for c in config["collections"]}
    assert folders["education"] == "content" and folders["outcomes"] == "content/uitkomsten"
    assert config["locale"] == "nl" and config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}


def test_cli_writes_checks_and_notices_a_new_organisation(repo):
    stale = run_cli("cms-config", "--check", cwd=repo.root)
    assert stale.code == 1 and "patienthub cms-config" in stale.stdout
    assert not (repo.root / "cms" / "config.yml").exists()

    written = run_cli("cms-config", cwd=repo.root)
    assert written.code == 0, written.stderr
    assert "cms/config.yml geschreven" in written.stdout
    config = yaml.safe_load((repo.root / "cms" / "config.yml").read_text(encoding="utf-8"))
    owners = _fields(config["collections"][0])["owner"]["options"]
    assert [o["value"] for o in owners] == ["kngf", "nhg"]
    assert run_cli("cms-config", "--check", cwd=repo.root).code == 0

    extra = "nza:\n  name: Nederlandse Zorgautoriteit\n  short_name: NZa\n  website: https://www.nza.nl\n"
    repo.write("content/_data/organisations.yml", ORGANISATIONS + extra)
    assert run_cli("cms-config", "--check", cwd=repo.root).code == 1
    assert run_cli("cms-config", cwd=repo.root).code == 0
    assert "value: nza" in (repo.root / "cms" / "config.yml").read_text(encoding="utf-8")


def test_broken_registry_writes_nothing(repo):
    repo.write("content/_data/organisations.yml", "nhg:\n  name: Alleen een naam\n")
    run = run_cli("cms-config", cwd=repo.root)
    assert run.code == 1
    assert "organisations.yml:1: error schema.required" in run.stderr
    assert not (repo.root / "cms" / "config.yml").exists()
