import datetime as dt

from conftest import GOOD_META, REPO_ROOT
from patienthub import load_project, load_site
from patienthub.domain.synonyms import lay_variants, title_lay_variants


def test_lay_variants_of_the_terms_a_page_uses(repo):
    repo.write("content/_data/terms.yml", (REPO_ROOT / "content/_data/terms.yml").read_text(encoding="utf-8"))
    meta = GOOD_META.replace("title: Lage rugpijn", "title: Uitstralende pijn in het been")
    repo.page(
        "been.md", meta=meta, body="# Been\n\nVaak komt het door een hernia. Een `MRI` in code telt niet.\n"
    )
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    variants = lay_variants(site.by_path["content/been.md"], site)
    assert variants[:3] == ("ischias", "ischiasklachten", "LRS")
    assert {"HNP", "discushernia"} <= set(variants)
    assert "kernspin" not in variants
    assert "lumbago" in lay_variants(site.by_path["content/index.md"], site)  # its title is "Lage rugpijn"


def test_title_lay_variants_only_name_the_terms_in_the_title(repo):
    repo.write("content/_data/terms.yml", (REPO_ROOT / "content/_data/terms.yml").read_text(encoding="utf-8"))
    repo.page(
        "mri.md",
        meta=GOOD_META.replace("title: Lage rugpijn", "title: Foto of MRI"),
        body="# MRI\n\nBij een hernia.\n",
    )
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    assert "lumbago" in title_lay_variants(site.by_path["content/index.md"], site)
    assert "HNP" in lay_variants(site.by_path["content/mri.md"], site)
    assert "HNP" not in title_lay_variants(site.by_path["content/mri.md"], site)


def test_a_term_inside_a_longer_title_is_no_title_variant(repo):
    repo.write("content/_data/terms.yml", (REPO_ROOT / "content/_data/terms.yml").read_text(encoding="utf-8"))
    meta = GOOD_META.replace("title: Lage rugpijn", "title: Oefentherapie bij lage rugpijn die blijft")
    repo.page("oefenen.md", meta=meta, body="# Oefenen\n\nBij lage rugpijn.\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    page = site.by_path["content/oefenen.md"]
    assert "lumbago" not in title_lay_variants(page, site)
    assert "lumbago" in lay_variants(page, site)  # still found, ranked below the page called "Lage rugpijn"
