import datetime as dt
from importlib import resources

import pytest
from tests.conftest import GOOD_META, TODAY

from patienthub import load_project, load_site, run
from patienthub.domain.model import PAGE_TYPES
from patienthub.domain.skeletons import PLACEHOLDER
from patienthub.edit.newpage import NewPage, render
from patienthub.text.markdown import blocks
from patienthub.text.prose import extract


def draft_findings(repo, meta: str = GOOD_META, body: str = "# Titel\n\nEen gewone zin.\n"):
    repo.page("index.md", meta=meta, body=body)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date.fromisoformat(TODAY))
    return [f for f in run(site).findings if f.rule.startswith("draft.")]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_instruction_in_every_template_starts_with_the_placeholder(page_type):
    # What the check looks for is what the templates write: no instruction can slip through unflagged.
    template = (
        resources.files("patienthub").joinpath("templates", f"{page_type}.md").read_text(encoding="utf-8")
    )
    texts = [b.text for b in blocks(template, 1) if b.is_prose and b.kind != "heading"]
    assert texts and all(PLACEHOLDER in text for text in texts), texts


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_a_fresh_new_page_is_flagged_at_every_instruction(repo, page_type):
    text = render(NewPage("Rugpijn en sporten", page_type, "nhg", ("NHG",), dt.date.fromisoformat(TODAY)))
    meta, body = text.split("---\n", 2)[1:]
    found = draft_findings(repo, meta=meta, body=body)
    assert found and all(f.severity.value == "warning" for f in found)
    written = (repo.content / "index.md").read_text(encoding="utf-8")
    written_body = written.split("---\n", 2)[2]
    body_start = written[: len(written) - len(written_body)].count("\n") + 1
    instruction_lines = {
        unit.line_at(unit.text.index(PLACEHOLDER))
        for unit in extract(written_body, body_start).units
        if PLACEHOLDER in unit.text
    }
    assert {f.line for f in found} == instruction_lines | {3}  # and the description, line 3 of the file


def test_written_text_is_not_flagged(repo):
    body = "# Titel\n\nSchrijf uw vragen op voor de huisarts.\n\nHier schrijft u zelf.\n"
    assert draft_findings(repo, body=body) == []


def test_the_finding_quotes_the_instruction_at_its_line(repo):
    body = "# Titel\n\nEen zin.\n\n- Schrijf hier wat de lezer zelf kan doen.\n"
    [f] = draft_findings(repo, body=body)
    assert f.line == GOOD_META.count("\n") + 8  # ---, the front matter, ---, a blank line, then the body
    assert "Schrijf hier wat de lezer zelf kan doen." in f.message and f.suggestion
