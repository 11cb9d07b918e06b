"""The web editor's configuration (Decap CMS `config.yml`), made from what `check` enforces.

Fields, their labels and help texts come from the front-matter schema (`title` and `description` of each
property), the choices of `owner` and `reviewed_by` from organisations.yml, those of a source's `key` from
sources.yml, required keys from the schema's `required`, and the body of a new page from the skeleton of its type
(the same as `patienthub new`). One collection per page type, in the folder `patienthub new` writes that type to.
`patienthub cms-config` writes the result; a test compares the committed file with a fresh one.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import yaml

from patienthub.domain.model import PAGE_TYPES, Site
from patienthub.domain.skeletons import DESCRIPTION_PLACEHOLDER, skeleton

FRONTMATTER_SCHEMA = "frontmatter.schema.json"
HEADER = """\
# De instellingen van de webeditor (Decap CMS) op redactie/bewerken/.
# GEMAAKT door `patienthub cms-config` uit de schema's (tools/patienthub/schemas/) en de registers in
# content/_data/: niet met de hand wijzigen, maar de opdracht opnieuw draaien. Zie docs/web-editor.md.
"""
# Front-matter keys the editor leaves alone: they stay in the file as they are and are edited in the file itself
# (in git, or in VS Code). A new schema key must be added to the fields or here (tests/test_cms_config.py).
NOT_IN_EDITOR = {
    "next_review": "leeg laten is de gewone keuze; Decap vult een lege datum met vandaag",
    "codes": "een code is tekst of {code, primary}: dat kan Decap niet als één veld tonen",
    "aliases": "oude adressen beheert de beheerder bij het verplaatsen van een pagina",
    "short_link": "een leeg veld zou als lege tekst worden bewaard, en die keurt het schema af",
    "readability": "een uitzondering op de leesbaarheid vraagt om overleg met de beheerder",
    "sources.date": "Decap vult een lege datum met vandaag; de datum van een bron staat in sources.yml",
}
# Names of the page types in the editor: the navigation's section names where there is one.
TYPE_LABELS = {
    "education": "Uitleg",
    "self-management": "Zelf doen",
    "treatment-options": "Behandelingen",
    "outcomes": "Uitkomsten",
    "overview": "Overzichten",
}
DATE_FIELD = {
    "widget": "datetime",
    "format": "YYYY-MM-DD",
    "date_format": "DD-MM-YYYY",
    "time_format": False,
    "picker_utc": True,
}


def frontmatter_schema() -> dict[str, Any]:
    """The schema file as written: checks add keys of their own to the one in use (`metadata.extend_schema`,
    e.g. `evidence`), and those are left to the file, so the output does not depend on what was imported."""
    text = resources.files("patienthub").joinpath("schemas", FRONTMATTER_SCHEMA).read_text(encoding="utf-8")
    return json.loads(text)


def _label(schema: dict[str, Any], key: str) -> str:
    return str(schema.get("title") or key)


def _base(key: str, schema: dict[str, Any], required: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": key, "label": _label(schema, key)}
    if schema.get("description"):
        field["hint"] = schema["description"]
    if not required:
        field["required"] = False
    return field


def _length_pattern(schema: dict[str, Any]) -> list[str] | None:
    maximum = schema.get("maxLength")
    if maximum is None:
        return None
    return [f"^[\\s\\S]{{1,{maximum}}}$", f"Hoogstens {maximum} tekens."]


def _string_field(key: str, schema: dict[str, Any], required: bool, widget: str = "string") -> dict[str, Any]:
    field = {**_base(key, schema, required), "widget": widget}
    pattern = _length_pattern(schema)
    if pattern:
        field["pattern"] = pattern
    return field


def _organisation_options(site: Site) -> list[dict[str, str]]:
    return [
        {"label": f"{org.short_name}: {org.name}", "value": key}
        for key, org in sorted(site.organisations.items())
    ]


def _sources_field(schema: dict[str, Any], site: Site, required: bool) -> dict[str, Any]:
    items = schema["items"]["properties"]
    fields: list[dict[str, Any]] = []
    for key, item in items.items():
        if key == "key":
            options = [{"label": g.title, "value": k} for k, g in sorted(site.guidelines.items())]
            fields.append({**_base(key, item, False), "widget": "select", "options": options})
        elif f"sources.{key}" in NOT_IN_EDITOR:
            continue
        else:
            fields.append(_string_field(key, item, False))
    field = {**_base("sources", schema, required), "widget": "list", "fields": fields}
    field["min"] = schema.get("minItems", 0)
    field["summary"] = "{{fields.title}}"
    return field


def _fields(page_type: str, site: Site) -> list[dict[str, Any]]:
    document = frontmatter_schema()
    required = set(document.get("required", ()))
    fields: list[dict[str, Any]] = []
    for key, schema in document["properties"].items():
        if key in NOT_IN_EDITOR:
            continue
        need = key in required
        if key == "type":
            fields.append({**_base(key, schema, need), "widget": "hidden", "default": page_type})
        elif key in ("owner", "reviewed_by"):
            field = {**_base(key, schema, need), "widget": "select", "options": _organisation_options(site)}
            if schema.get("type") == "array":
                field["multiple"] = True
            fields.append(field)
        elif "enum" in schema:
            options = list(schema["enum"])
            fields.append(
                {**_base(key, schema, need), "widget": "select", "options": options, "default": options[0]}
            )
        elif schema.get("format") == "date":
            fields.append({**_base(key, schema, need), **DATE_FIELD})
        elif key == "sources":
            fields.append(_sources_field(schema, site, need))
        elif key == "description":
            fields.append({**_string_field(key, schema, need, "text"), "default": DESCRIPTION_PLACEHOLDER})
        elif schema.get("type") == "string":
            fields.append(_string_field(key, schema, need))
        else:
            raise ValueError(f"frontmatter.schema.json: no editor field for '{key}'; add it to NOT_IN_EDITOR")
    fields.append(
        {
            "name": "body",
            "label": "Tekst",
            "hint": "De tekst van de pagina, met de vaste kopjes van dit soort pagina.",
            "widget": "markdown",
            # Markdown as written, never the rich-text mode: that rewrites the whole body on save (lists with *,
            # hard line breaks) and escapes [[kernboodschap: ...]] to \[[...]], which then shows as text.
            "modes": ["raw"],
            "default": skeleton(page_type),
        }
    )
    return fields


def _collection(page_type: str, site: Site) -> dict[str, Any]:
    folder = site.config.new_page.folders.get(page_type, "").strip("/")
    docs = site.project.docs_dir.relative_to(site.project.root).as_posix()
    return {
        "name": page_type,
        "label": TYPE_LABELS.get(page_type, page_type),
        "label_singular": f"pagina ({TYPE_LABELS.get(page_type, page_type).lower()})",
        "folder": "/".join(part for part in (docs, folder) if part),
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "slug": "{{slug}}",
        "filter": {"field": "type", "value": page_type},
        "summary": "{{title}}",
        "preview_path": "{{slug}}/" if not folder else f"{folder}/{{{{slug}}}}/",
        "fields": _fields(page_type, site),
    }


def config(site: Site) -> dict[str, Any]:
    """The Decap CMS configuration for this site."""
    settings = site.config.web_editor
    backend: dict[str, Any] = {
        "name": "github",
        "repo": settings.repo or "ORGANISATIE/REPOSITORY",
        "branch": settings.branch,
        "squash_merges": True,
        "commit_messages": {
            "create": "Nieuwe pagina: {{slug}} (webeditor)",
            "update": "Pagina bijgewerkt: {{slug}} (webeditor)",
            "delete": "Pagina verwijderd: {{slug}} (webeditor)",
            "uploadMedia": "Afbeelding toegevoegd: {{path}} (webeditor)",
            "deleteMedia": "Afbeelding verwijderd: {{path}} (webeditor)",
            "openAuthoring": "{{message}}",
        },
    }
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    docs = site.project.docs_dir.relative_to(site.project.root).as_posix()
    result: dict[str, Any] = {
        "locale": "nl",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": f"http://127.0.0.1:{settings.local_port}/api/v1"},
        "media_folder": f"{docs}/afbeeldingen",
        "public_folder": "afbeeldingen",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": True},
        "collections": [_collection(page_type, site) for page_type in PAGE_TYPES],
    }
    return result


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as yamllint (and this repository's YAML) writes them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def render(site: Site) -> str:
    """The configuration file as `patienthub cms-config` writes it (stable: same site, same bytes)."""
    text = yaml.dump(
        config(site), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    return HEADER + text
