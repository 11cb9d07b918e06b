"""The editors' guide: every rule the code can report has its own section, with its anchor, severity and a good
and a bad example; every rule id the code emits is registered; the guide never reaches the patient site."""

import re

import pytest
from tests.conftest import REPO_ROOT

from patienthub.checks import all_rules
from patienthub.core.findings import FAMILIES
from patienthub.load.config import GuideConfig, load_project
from patienthub.reports.guide import anchors, link, serve_href

PROJECT = load_project(REPO_ROOT / "mkdocs.yml")
GUIDE_PATH = REPO_ROOT / PROJECT.config.guide.path
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")
RULES = all_rules()
RULE_ID = re.compile(rf"^(?:{'|'.join(FAMILIES)})\.[a-z0-9]+(?:-[a-z0-9]+)*$")
# One section: its anchor line(s), a blank line, a #### heading, and everything up to the next anchor or heading.
SECTION = re.compile(
    r'(?P<anchors>(?:<a id="[^"]+"></a>\n)+)\n#### (?P<heading>[^\n]*)\n(?P<body>.*?)(?=\n<a id=|\n#{2,4} |\Z)',
    re.S,
)


def sections() -> dict[str, tuple[str, str]]:
    found = {}
    for match in SECTION.finditer(GUIDE):
        for anchor in anchors(match["anchors"]):
            found[anchor] = (match["heading"], match["body"])
    return found


def test_the_guide_is_in_the_repository_and_not_in_the_patient_site():
    assert GUIDE_PATH.is_file()
    assert not GUIDE_PATH.resolve().is_relative_to(PROJECT.docs_dir.resolve())


def test_every_registered_rule_has_its_own_section():
    found = sections()
    missing = sorted(rule for rule in RULES if rule not in found)
    assert missing == [], "rules without a section in the guide (add one with a good and a bad example)"


def test_every_rule_section_names_a_registered_rule():
    """A section on a rule of a family the code has (no longer) registered is stale. A family with no registered
    rule at all may be documented ahead of its check (a check in flight on another branch)."""
    families = {rule.split(".", 1)[0] for rule in RULES}
    documented = [anchor for anchor in anchors(GUIDE) if RULE_ID.match(anchor)]
    stale = sorted(a for a in documented if a not in RULES and a.split(".", 1)[0] in families)
    assert stale == []


@pytest.mark.parametrize("rule", sorted(r for r in RULES if not r.endswith(".internal-error")))
def test_a_rule_section_states_its_severity_and_shows_bad_and_good(rule):
    heading, body = sections()[rule]
    assert heading == f"`{rule}`"
    assert f"Ernst: **{RULES[rule].severity.dutch}**" in body
    assert "**Niet goed" in body and "**Goed" in body


def test_internal_errors_share_one_section_that_says_what_to_do():
    heading, body = sections()["readability.internal-error"]
    assert heading == "`*.internal-error`"
    assert "beheerder" in body


def test_links_inside_the_guide_land_on_an_anchor():
    targets = set(anchors(GUIDE))
    links = re.findall(r"\]\(#([^)]+)\)", GUIDE)
    assert links and sorted(set(links) - targets) == []


def _emitted_rule_ids() -> dict[str, str]:
    """Every string literal in tools/ that looks like a rule id ("family.name"), with a file it is in."""
    literal = re.compile(rf"""["']((?:{"|".join(FAMILIES)})\.[a-z0-9]+(?:-[a-z0-9]+)*)["']""")
    file_name = re.compile(r"\.(?:ya?ml|json|md|txt|html|css|js|xml|svg|py)$")
    found = {}
    for path in sorted((REPO_ROOT / "tools").rglob("*.py")):
        for rule in literal.findall(path.read_text(encoding="utf-8")):
            if not file_name.search(rule):
                found.setdefault(rule, path.relative_to(REPO_ROOT).as_posix())
    return found


def test_every_rule_id_in_the_code_is_registered():
    emitted = _emitted_rule_ids()
    assert len(emitted) > 50  # the scan itself works
    assert {rule: where for rule, where in emitted.items() if rule not in RULES} == {}


def test_links_are_built_from_the_configured_base():
    assert link(GuideConfig(), "schema.required") == "handleiding/redacteuren.md#schema.required"
    url = "https://github.com/org/repo/blob/main/handleiding/redacteuren.md"
    assert link(GuideConfig(url=url), "schema.required") == f"{url}#schema.required"
    assert serve_href("", "a.b") == "handleiding-voor-redacteuren/#a.b"
    assert serve_href("uitkomsten/oefentherapie/", "a.b") == "../../handleiding-voor-redacteuren/#a.b"
    # Without directory URLs the guide is served as handleiding-voor-redacteuren.html, pages as a/b.html.
    assert serve_href("index.html", "a.b", directory_urls=False) == "handleiding-voor-redacteuren.html#a.b"
    assert (
        serve_href("uitkomsten/oefentherapie.html", "a.b", False)
        == "../handleiding-voor-redacteuren.html#a.b"
    )


def test_the_built_patient_site_has_no_guide(project_site):
    assert not (project_site / "handleiding-voor-redacteuren").exists()
    for page in project_site.rglob("*.html"):
        assert "Handleiding voor redacteuren" not in page.read_text(encoding="utf-8"), page
