"""The registry of organisations that own and review pages (content/_data/organisations.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from patienthub.core.findings import Finding
from patienthub.text.datafiles import load_data_file

FILE_NAME = "organisations.yml"
REQUIRED = ("name", "short_name", "website")
OPTIONAL = ("github_team", "approves")
# Every page an organisation owns or reviewed writes its name and website into the HTML: plain text and a
# plain https address only (the templates escape them too).
WEBSITE = re.compile(r"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s\"'<>\\`]*)?$")
_NOT_PLAIN = re.compile(r"[<>\x00-\x08\x0b-\x1f\x7f-\x9f]")
GITHUB_TEAM = re.compile(
    r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+$"
)  # as CODEOWNERS needs it


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


def load(data_dir: Path, root: Path) -> tuple[dict[str, Organisation], list[Finding]]:
    data_file = load_data_file(data_dir / FILE_NAME, root)
    findings = list(data_file.findings)
    organisations: dict[str, Organisation] = {}
    if not isinstance(data_file.data, dict):
        return organisations, findings
    for key, entry in data_file.data.items():
        line = data_file.line_of(key)
        problem = _problem(key, entry)
        if problem:
            findings.append(
                data_file.invalid_entry(line, problem, "Vergelijk met de andere organisaties in dit bestand.")
            )
            continue
        organisations[key] = Organisation(
            key=key,
            name=entry["name"],
            short_name=entry["short_name"],
            website=entry["website"],
            github_team=entry.get("github_team"),
            approves=entry.get("approves", True),
        )
    return organisations, findings


def _problem(key: str, entry: object) -> str | None:
    if not isinstance(entry, dict):
        return f"organisatie '{key}' moet sleutels met waarden hebben (name, short_name, website)"
    missing = [name for name in REQUIRED if name not in entry]
    if missing:
        return f"organisatie '{key}' mist {', '.join(missing)}"
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        return f"organisatie '{key}' heeft onbekende sleutel(s) {', '.join(unknown)}"
    for name in ("name", "short_name"):
        if not isinstance(entry[name], str) or not entry[name].strip():
            return f"organisatie '{key}': {name} moet tekst zijn"
        if _NOT_PLAIN.search(entry[name]):
            return f"organisatie '{key}': {name} moet gewone tekst zijn, zonder < > of stuurtekens"
    website = entry["website"]
    if website is not None and not (isinstance(website, str) and WEBSITE.match(website)):
        return (
            f"organisatie '{key}': website moet een https://-adres zijn zonder spaties, aanhalingstekens of < > "
            "(of leeg zijn als die niet bekend is)"
        )
    team = entry.get("github_team")
    if team is not None and not (isinstance(team, str) and GITHUB_TEAM.match(team)):
        return f"organisatie '{key}': github_team moet de vorm @organisatie/team hebben, niet '{team}'"
    if not isinstance(entry.get("approves", True), bool):
        return f"organisatie '{key}': approves moet true of false zijn"
    return None
