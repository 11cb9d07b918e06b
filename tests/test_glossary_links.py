import datetime as dt

import markdown

from conftest import REPO_ROOT
from patienthub import load_project, load_site
from patienthub.build.transforms import apply
from patienthub.build.transforms.glossary_links import link_first_uses

DATA_DIR = REPO_ROOT / "content" / "_data"


def site_with(repo, *, tooltips=True):
    repo.write("content/_data/terms.yml", (DATA_DIR / "terms.yml").read_text(encoding="utf-8"))
    repo.write("content/_data/kernboodschappen.yml", (DATA_DIR / "kernboodschappen.yml").read_text("utf-8"))
    if not tooltips:
        config = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
        off = "  - patienthub:\n      terminology:\n        tooltips: false\n"
        repo.write("mkdocs.yml", config.replace("  - patienthub\n", off))
    repo.page("sub/les.md")
    return load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))


def test_first_use_of_each_term_links_to_its_glossary_entry_with_the_explanation(repo):
    site = site_with(repo)
    page = site.by_src_uri["sub/les.md"]
    markdown = "# Een hernia\n\nEen hernia en nog een hernia.\n\n- Een MRI is\n  soms nodig.\n"
    out = link_first_uses(markdown, page, site)
    hernia = site.termbase.by_key["hernia"].explanation
    assert out.count("](../woordenlijst.md#hernia") == 1
    assert f'Een [hernia](../woordenlijst.md#hernia "{hernia}") en nog een hernia.' in out
    assert out.startswith("# Een hernia\n")  # headings stay as they are
    assert '- Een [MRI](../woordenlijst.md#mri "' in out


def test_terms_inside_links_code_and_quotes_are_left_alone(repo):
    site = site_with(repo)
    page = site.by_src_uri["sub/les.md"]
    markdown = "Zie [over hernia](hernia.md), `hernia` en 'hernia'.\n\n> Een hernia.\n"
    assert link_first_uses(markdown, page, site) == markdown


def test_a_term_over_a_line_break(repo):
    site = site_with(repo)
    page = site.by_src_uri["sub/les.md"]
    out = link_first_uses("Dit is lage\nrugpijn.\n", page, site)
    assert out.startswith('Dit is [lage\nrugpijn](../woordenlijst.md#lage-rugpijn "Pijn onder')


def test_quotes_in_an_explanation_survive_as_a_title(repo):
    repo.write(
        "content/_data/terms.yml",
        'terms:\n  schijf:\n    preferred: schijf\n    explanation: Een "kussen".\n',
    )
    repo.page("les.md")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    out = link_first_uses("Een schijf.", site.by_src_uri["les.md"], site)
    assert markdown.markdown(out) == (
        '<p>Een <a href="woordenlijst.md#schijf" title="Een &quot;kussen&quot;.">schijf</a>.</p>'
    )


def test_tooltips_can_be_switched_off(repo):
    site = site_with(repo, tooltips=False)
    page = site.by_src_uri["sub/les.md"]
    assert link_first_uses("Een hernia.", page, site) == "Een hernia."


def test_key_messages_are_included_before_the_glossary_links(repo):
    site = site_with(repo)
    page = site.by_src_uri["sub/les.md"]
    out = apply("[[kernboodschap: hernia-gaat-vaak-vanzelf-over]]\n", page, site)
    message = " ".join(site.advice.key_messages["hernia-gaat-vaak-vanzelf-over"].text.split())
    assert out.startswith(message[: message.index("hernia")] + "[hernia](../woordenlijst.md#hernia ")
