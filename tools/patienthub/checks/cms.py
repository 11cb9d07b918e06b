"""The web editor's configuration (cms/config.yml) is what `patienthub cms-config` writes now: a stale or
hand-edited file would offer editors other fields, owners or sources than `check` accepts. The same comparison as
`patienthub cms-config --check` (build/cms_config.render), so CI catches it as it catches a stale CODEOWNERS."""

from __future__ import annotations

from collections.abc import Iterator

from patienthub.build import cms_config
from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain import guidelines, organisations
from patienthub.domain.model import Site

CONFIG_OUTDATED = Rule(
    "cms.config-outdated",
    Severity.ERROR,
    "De instellingen van de webeditor (cms/config.yml) passen niet meer bij de schema's en registers.",
)
RULES = (CONFIG_OUTDATED,)


def _first_difference(have: str, want: str) -> tuple[int, str, str]:
    left, right = have.split("\n"), want.split("\n")
    for number in range(max(len(left), len(right))):
        a = left[number] if number < len(left) else ""
        b = right[number] if number < len(right) else ""
        if a != b:
            return number + 1, a, b
    return 1, "", ""


def check_site(site: Site) -> Iterator[Finding]:
    name = site.config.web_editor.config_file
    if not name or site.cms_config is None:
        return  # no web editor here, or no file: nothing is published that could drift
    registries = (organisations.FILE_NAME, guidelines.FILE_NAME)
    if any(f.path.endswith(registries) for f in site.data_findings):
        return  # a broken registry has its own findings; cms-config refuses to write until it is fixed
    expected = cms_config.render(site)
    if site.cms_config == expected:
        return
    line, have, want = _first_difference(site.cms_config, expected)
    yield finding(
        CONFIG_OUTDATED,
        name,
        line,
        f"{name} is niet wat patienthub cms-config nu schrijft: regel {line} is '{have.strip()}', "
        f"maar moet '{want.strip()}' zijn. De webeditor vraagt dan andere velden, organisaties of bronnen dan "
        "patienthub check accepteert.",
        f"Voer patienthub cms-config uit en neem {name} op in uw commit (niet met de hand wijzigen).",
    )


CHECK = Check("cms", RULES, site=check_site, site_cached=True)
