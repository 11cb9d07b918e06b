"""The registry of organisations that own and review pages (content/_data/organisations.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from patienthub.text.datafiles import Registry, load_data_file
from patienthub.text.schemas import schema_document, validate_entries

FILE_NAME = "organisations.yml"
# The whole shape is in the schema: keys, names in plain text (every page of the organisation shows them), a plain
# https website, a CODEOWNERS team reference.
SCHEMA = "organisations.schema.json"
# A team reference as CODEOWNERS needs it; the schema holds the pattern (mkdocs.yml's maintainers team uses it too).
GITHUB_TEAM = re.compile(
    schema_document(SCHEMA)["$defs"]["organisation"]["properties"]["github_team"]["pattern"]
)


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    short_name: str
    website: str | None  # None only where no website could be verified
    github_team: str | None = None
    # False for an organisation whose check cannot make a page approved: the editors themselves, insurers,
    # authorities. Only a professional or patients' association can approve what patients read.
    approves: bool = True


def load(data_dir: Path, root: Path) -> Registry[Organisation]:
    """The registry, validated by schemas/organisations.schema.json; an entry that fails is left out but known."""
    data_file = load_data_file(data_dir / FILE_NAME, root)
    if data_file.findings or not isinstance(data_file.data, dict):
        return Registry(findings=list(data_file.findings))
    findings, broken, _ = validate_entries(data_file.data, SCHEMA, data_file, data_file.path)
    organisations: dict[str, Organisation] = {}
    for key, entry in data_file.data.items():
        if key in broken:
            continue
        organisations[key] = Organisation(
            key=key,
            name=entry["name"],
            short_name=entry["short_name"],
            website=entry["website"],
            github_team=entry.get("github_team"),
            approves=entry.get("approves", True),
        )
    return Registry(organisations, findings, broken)
