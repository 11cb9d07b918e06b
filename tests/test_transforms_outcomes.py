import datetime as dt

from patienthub import load_project, load_site
from patienthub.build.transforms import apply
from patienthub.build.transforms.outcomes import render

DATASET = """\
title: Test
population: Volwassenen
groups: {a: Groep A}
sources:
  s: {title: Bron, year: 2020, url: "https://example.org", retrieved: 2026-11-22}
outcomes:
  herstel:
    measure: Hersteld
    says: waren hersteld
    time_frame: na 1 jaar
    source: s
    values: {a: {per_100: 40}}
"""


def site_with_page(repo, body):
    repo.write("content/_data/outcomes/test.yml", DATASET)
    repo.page("pagina.md", body=body)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return site, site.by_src_uri["pagina.md"]


def test_references_become_html_and_the_rest_stays(repo):
    body = "# T\n\nVoor.\n{{ uitkomsten: test }}\nNa.\n\n{{ 3-goede-vragen }}\n"
    site, page = site_with_page(repo, body)
    out = render(body, page, site)
    assert "{{" not in out
    assert "40 van de 100 mensen waren hersteld" in out and "Wat zijn mijn mogelijkheden?" in out
    assert out.startswith("# T\n\nVoor.\n\n<figure") and "</figure>\n\nNa." in out  # blank lines around HTML


def test_the_shared_figures_come_once_with_the_first_icon_array(repo):
    body = "# T\n\n{{ uitkomst: test/herstel }}\n\nTekst.\n\n{{ uitkomsten: test }}\n"
    site, page = site_with_page(repo, body)
    out = render(body, page, site)
    assert out.count('class="ph-iconarray__svg"') == 2
    assert out.count('class="ph-iconarray__defs"') == 1
    assert out.index("ph-iconarray__defs") < out.index("ph-iconarray__svg")


def test_the_registry_applies_the_outcomes_transform(repo):
    body = "# T\n\n{{ uitkomsten: test }}\n"
    site, page = site_with_page(repo, body)
    assert "<figure" in apply(body, page, site)


def test_unknown_references_stay_visible_as_a_notice(repo):
    body = "# T\n\n{{ uitkomsten: bestaat-niet }}\n"
    site, page = site_with_page(repo, body)
    out = render(body, page, site)
    assert "Gegevens ontbreken" in out and "bestaat-niet" in out


def test_code_blocks_and_indented_references_are_left_as_typed(repo):
    body = "# T\n\n```\n{{ uitkomsten: test }}\n```\n\n- punt\n\n    {{ uitkomsten: test }}\n"
    site, page = site_with_page(repo, body)
    assert render(body, page, site) == body


def test_pages_without_references_are_returned_unchanged(repo):
    site, page = site_with_page(repo, "# T\n")
    text = "# T\n\nGewone tekst met {accolades}.\n"
    assert render(text, page, site) is text


def test_a_dataset_with_errors_shows_a_notice_instead_of_numbers(repo):
    repo.write("content/_data/outcomes/test.yml", DATASET.replace("title: Test\n", ""))
    repo.page("pagina.md", body="# T\n\n{{ uitkomsten: test }}\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    out = render("# T\n\n{{ uitkomsten: test }}\n", site.by_src_uri["pagina.md"], site)
    assert "bevatten fouten" in out and "<svg" not in out
