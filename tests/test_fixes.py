"""fixes: plans of safe terminology replacements, verified, and written back byte for byte."""

import datetime as dt

from tests.conftest import GOOD_META, MiniRepo

from patienthub import load_project, load_site, run
from patienthub.checks import terminology
from patienthub.edit.fixes import Edit, plan, rewrite

TERMS = """\
terms:
  hernia:
    preferred: hernia
    explanation: Een uitpuilende tussenwervelschijf.
    avoid:
      - {text: HNP, fix: {base: hernia, plural: hernia's}}
    examples: {flag: [Een HNP.], pass: [Een hernia.]}
  rug:
    preferred: rug
    explanation: De achterkant van uw romp.
    avoid:
      - {text: dorsum, fix: true}
    examples: {flag: [Het dorsum.], pass: [De rug.]}
  rugpijn:
    preferred: rugpijn
    explanation: Pijn in de rug.
    avoid: [rug pijn]
    examples: {flag: [Veel rug pijn.], pass: [Veel rugpijn.]}
"""


def plans(repo: MiniRepo):
    repo.write("content/_data/terms.yml", TERMS)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    result = run(site, checks=(terminology.CHECK,))
    return {page.path: plan(page, site, result.for_path(page.path)) for page in site.pages}


def test_front_matter_title_and_description_are_fixed_only_in_one_line_forms(repo):
    meta = GOOD_META.replace("title: Lage rugpijn", 'title: "Een HNP"  # kop').replace(
        "description: Pijn onder in de rug gaat meestal vanzelf over.", "description: >-\n  Over een HNP."
    )
    repo.page("p.md", meta=meta + "change_note: Over een HNP.\n", body="# Kop\n\nTekst.\n")
    found = plans(repo)["content/p.md"]
    assert '\ntitle: "Een hernia"  # kop\n' in found.text
    assert "Over een HNP." in found.text  # the folded description and change_note are left alone
    assert [f.line for f in found.manual] == [3]  # the description is named for the editor


def test_a_replacement_that_would_create_a_new_finding_is_not_made(repo):
    repo.page("p.md", body="# Kop\n\nVeel dorsum pijn.\n")
    found = plans(repo)["content/p.md"]
    assert found.unsafe and found.edits == () and found.text == found.page.text
    assert [f.excerpt for f in found.manual] == ["dorsum"]


def test_rewrite_keeps_bom_and_line_ends():
    raw = "\ufeff---\r\ntitle: x\r\n---\r\nEen HNP.\rTwee\n".encode()
    # Offsets are in the normalised text: "---\ntitle: x\n---\nEen HNP.\nTwee\n".
    start = "---\ntitle: x\n---\nEen ".__len__()
    new = rewrite(raw, [Edit(start, start + 3, "hernia", 5)])
    assert new == "\ufeff---\r\ntitle: x\r\n---\r\nEen hernia.\rTwee\n".encode()


def test_diff_marks_a_last_line_without_line_end(repo):
    repo.write("content/p.md", "---\n" + GOOD_META + "---\n\n# Kop\n\nEen HNP.")
    diff = plans(repo)["content/p.md"].diff()
    assert diff.endswith(
        "-Een HNP.\n\\ No newline at end of file\n+Een hernia.\n\\ No newline at end of file\n"
    )
