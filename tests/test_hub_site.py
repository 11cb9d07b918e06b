"""One real MkDocs build of a mini site under a sub-path (https://example.org/hub/), shared by many
assertions: redirects, code pages, pages.json, the Atom feed, JSON-LD, sitemap and the print view."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest

from conftest import MKDOCS_YML, ORGANISATIONS, REPO_ROOT, MiniRepo, mkdocs_build, run_cli, site_of
from patienthub.build import share
from patienthub.core import memo
from patienthub.domain import codes
from patienthub.load import urls

pytestmark = pytest.mark.slow

SITE_URL = "https://example.org/hub/"
ATOM = "{http://www.w3.org/2005/Atom}"

LAGE = """\
title: Lage rugpijn
description: Pijn onder in de rug gaat meestal vanzelf over.
type: education
owner: nhg
last_reviewed: 2026-06-01
status: approved
reviewed_by: [nhg]
change_note: De tekst over pijnstillers is korter.
codes:
  icpc: [L03]
  icd10:
    - {code: M54.5, primary: true}
aliases: [lage-rugpijn.md, oud/rugpijn.html]
sources:
  - title: NHG-Standaard Aspecifieke lagerugpijn
    version: "2.1"
    date: 2017-02-02
    url: https://richtlijnen.nhg.org/standaarden/aspecifieke-lagerugpijn
"""

BEWEGEN = """\
title: Bewegen bij rugpijn
description: Blijven bewegen helpt uw rug.
type: self-management
owner: kngf
last_reviewed: 2026-09-01
status: concept
codes:
  icd10: [m545]
sources:
  - title: KNGF-richtlijn Lage rugpijn
"""

BEEN = """\
title: Uitstralende pijn
description: Pijn die naar uw been trekt.
type: education
owner: nhg
last_reviewed: 2026-09-01
status: concept
codes:
  icpc: [L86]
  snomed: [279039007]
sources:
  - title: NHG-Standaard Lumbosacraal radiculair syndroom
"""

HOME = """\
title: Klachten van de lage rug
description: Informatie over pijn in de onderrug.
type: overview
owner: nhg
last_reviewed: 2026-03-12
status: concept
sources:
  - title: NHG-Standaard Aspecifieke lagerugpijn
"""

BODY = "# Titel\n\nBlijf zo veel mogelijk bewegen.\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    repo = MiniRepo(tmp_path_factory.mktemp("hub") / "repo")
    repo.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    repo.write("content/_data/organisations.yml", ORGANISATIONS)
    repo.page("index.md", HOME, BODY)
    repo.page("rug/lage-rugpijn.md", LAGE, BODY)
    repo.page("bewegen.md", BEWEGEN, BODY)
    repo.page("been.md", BEEN, BODY)
    update = run_cli("urls", "--update", cwd=repo.root)
    assert update.code == 0, update.stderr
    check = run_cli("check", "--today", "2026-11-22", cwd=repo.root)
    assert check.code == 0 and "hub." not in check.stdout, check.stdout
    result = mkdocs_build(repo.root)
    assert result.code == 0, result.stderr
    return repo.root / "site"


def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def file_for(site: Path, address: str) -> Path:
    """The built file a public address is served from; fails when the address leaves the sub-path."""
    assert address.startswith(SITE_URL), address
    path = address[len(SITE_URL) :].split("#")[0]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def address_of(site: Path, html: Path) -> str:
    relative = html.relative_to(site).as_posix()
    return SITE_URL + relative.removesuffix("index.html")


def refresh_target(site: Path, html: Path) -> str:
    text = html.read_text(encoding="utf-8")
    href = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', text).group(1)
    return urljoin(address_of(site, html), href)


def canonical(text: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', text).group(1)


def jsonld(text: str) -> list[dict]:
    return [
        json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    ]


# --- pages.json ---------------------------------------------------------------------------------------------


def test_pages_json_lists_exactly_the_content_pages_and_matches_its_schema(built):
    data = json.loads(read(built, "api/v1/pages.json"))
    schema = json.loads(read(built, "api/v1/pages.schema.json"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert sorted(p["path"] for p in data["pages"]) == ["", "been/", "bewegen/", "rug/lage-rugpijn/"]
    assert data["site_url"] == SITE_URL and data["updated"] == "2026-09-01"
    lage = next(p for p in data["pages"] if p["title"] == "Lage rugpijn")
    assert lage["url"] == SITE_URL + "rug/lage-rugpijn/"
    assert lage["short_url"] == SITE_URL + "p/lage-rugpijn/"
    assert lage["codes"]["icd10"] == [
        {"code": "M54.5", "primary": True, "code_url": SITE_URL + "code/icd10/M54.5/"}
    ]
    assert [o["id"] for o in lage["reviewed_by"]] == ["nhg"]
    assert (
        lage["next_review"] == "2029-06-01" and lage["change_note"] == "De tekst over pijnstillers is korter."
    )
    assert lage["aliases"] == [SITE_URL + "lage-rugpijn/", SITE_URL + "oud/rugpijn.html"]
    for page in data["pages"]:
        assert file_for(built, page["url"]).is_file()


def test_published_schema_is_the_packaged_one(built):
    packaged = (REPO_ROOT / "tools/patienthub/schemas/pages.schema.json").read_text(encoding="utf-8")
    assert read(built, "api/v1/pages.schema.json") == packaged


# --- feed.xml -----------------------------------------------------------------------------------------------


def test_feed_is_valid_atom_newest_review_first(built):
    root = ET.fromstring(read(built, "feed.xml").encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}").text
    assert root.find(f"{ATOM}updated").text == "2026-09-01T00:00:00Z"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 4
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 4
    updated = [dt.datetime.fromisoformat(e.find(f"{ATOM}updated").text) for e in entries]
    assert updated == sorted(updated, reverse=True)
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == ["Bewegen bij rugpijn", "Uitstralende pijn", "Lage rugpijn", "Klachten van de lage rug"]
    authors = {}
    for entry in entries:
        authors[entry.find(f"{ATOM}title").text] = entry.find(f"{ATOM}author/{ATOM}name").text  # RFC 4287

        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert file_for(built, href).is_file()
    # Only the approved page is its owner's; a concept is the editors' own work, credited to the site.
    assert authors["Lage rugpijn"] == "Nederlands Huisartsen Genootschap"
    assert {authors[t] for t in titles if t != "Lage rugpijn"} == {"Test"}
    summaries = {t: e.find(f"{ATOM}summary").text for t, e in zip(titles, entries, strict=True)}
    assert summaries["Lage rugpijn"] == "De tekst over pijnstillers is korter."
    assert "nog niet goedgekeurd" in summaries["Bewegen bij rugpijn"]
    # A concept no association checked claims no expert check.
    assert summaries["Bewegen bij rugpijn"].startswith("Gecontroleerd door de redactie op ")


# --- code pages ---------------------------------------------------------------------------------------------


def test_every_code_in_the_content_has_a_working_page_in_every_spelling(built):
    pages = json.loads(read(built, "api/v1/pages.json"))["pages"]
    carriers: dict[str, set[str]] = {}
    for page in pages:
        for items in page["codes"].values():
            for item in items:
                carriers.setdefault(item["code_url"], set()).add(page["url"])
    assert sorted(url[len(SITE_URL) :] for url in carriers) == [
        "code/icd10/M54.5/",
        "code/icpc/L03/",
        "code/icpc/L86/",
        "code/snomed/279039007/",
    ]
    for code_url, targets in carriers.items():
        system, code = code_url[len(SITE_URL) :].split("/")[1:3]
        for spelling in codes.spellings(system, code):
            html = built / "code" / system / spelling / "index.html"
            assert html.is_file(), html
            if len(targets) == 1:
                assert refresh_target(built, html) == next(iter(targets))
            elif spelling != code:
                assert refresh_target(built, html) == code_url


def test_code_page_of_several_pages_lists_them_primary_first(built):
    text = read(built, "code/icd10/M54.5/index.html")
    assert canonical(text) == SITE_URL + "code/icd10/M54.5/"
    article = text.split("<article", 1)[1]
    links = re.findall(r'<a href="([^"]+)">(Lage rugpijn|Bewegen bij rugpijn)</a>', article)
    assert [title for _, title in links] == ["Lage rugpijn", "Bewegen bij rugpijn"]
    assert "Begin hier" in article.split("Lage rugpijn")[0]
    assert "Begin hier" not in article.split("Lage rugpijn")[1]
    base = SITE_URL + "code/icd10/M54.5/"
    assert [urljoin(base, href) for href, _ in links] == [
        SITE_URL + "rug/lage-rugpijn/",
        SITE_URL + "bewegen/",
    ]
    [doc] = jsonld(text)
    assert doc["@type"] == "CollectionPage" and doc["lastReviewed"] == "2026-06-01"  # the oldest of the two


# --- redirects and short links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source", ["lage-rugpijn/index.html", "oud/rugpijn.html", "p/lage-rugpijn/index.html"]
)
def test_old_addresses_and_short_links_redirect_to_the_page(built, source):
    html = built / source
    text = html.read_text(encoding="utf-8")
    assert refresh_target(built, html) == SITE_URL + "rug/lage-rugpijn/"
    assert canonical(text) == SITE_URL + "rug/lage-rugpijn/"
    href = re.search(r'<a href="([^"]+)">Lage rugpijn</a>', text).group(
        1
    )  # visible link for when refresh fails
    assert urljoin(address_of(built, html), href) == SITE_URL + "rug/lage-rugpijn/"
    assert "<script>" not in text and "<script " not in text.replace(
        '<script type="application/ld+json">', ""
    )
    assert ("nieuw adres" in text) == (not source.startswith("p/"))


# --- JSON-LD, sitemap, print --------------------------------------------------------------------------------


def test_every_html_page_has_one_valid_json_ld_block_with_last_reviewed(built):
    html_files = sorted(built.rglob("*.html"))
    assert len(html_files) > 15
    for html in html_files:
        docs = jsonld(html.read_text(encoding="utf-8"))
        assert len(docs) == 1, html
        [doc] = docs
        assert doc["@context"] == "https://schema.org", html
        assert doc["inLanguage"] == "nl" and doc["audience"]["audienceType"] == "Patient"
        dt.date.fromisoformat(doc["lastReviewed"])


def test_content_page_json_ld_states_review_and_only_real_reviewers(built):
    [lage] = jsonld(read(built, "rug/lage-rugpijn/index.html"))
    assert lage["@type"] == "MedicalWebPage" and lage["lastReviewed"] == "2026-06-01"
    assert lage["url"] == SITE_URL + "rug/lage-rugpijn/"
    assert [org["alternateName"] for org in lage["reviewedBy"]] == ["NHG"]
    assert {c["code"]["codeValue"] for c in lage["about"]} == {"L03", "M54.5"}
    [bewegen] = jsonld(read(built, "bewegen/index.html"))
    assert "reviewedBy" not in bewegen and bewegen["creativeWorkStatus"] == "concept"
    [not_found] = jsonld(read(built, "404.html"))
    assert not_found["lastReviewed"] == "2026-03-12"  # a generated page is as old as the oldest content
    assert "reviewedBy" not in not_found


def test_sitemap_lastmod_is_the_review_date(built):
    root = ET.fromstring(read(built, "sitemap.xml").encode("utf-8"))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmod = {u.find(f"{ns}loc").text: u.find(f"{ns}lastmod").text for u in root.findall(f"{ns}url")}
    assert lastmod[SITE_URL] == "2026-03-12"
    assert lastmod[SITE_URL + "rug/lage-rugpijn/"] == "2026-06-01"
    assert lastmod[SITE_URL + "been/"] == "2026-09-01"


def test_page_canonical_and_print_block_with_qr_code(built):
    text = read(built, "rug/lage-rugpijn/index.html")
    assert canonical(text) == SITE_URL + "rug/lage-rugpijn/"
    assert share.qr_svg(SITE_URL + "rug/lage-rugpijn/") in text
    assert f"Lees deze tekst online op: {SITE_URL}rug/lage-rugpijn/" in text
    assert f'<a href="{SITE_URL}p/lage-rugpijn/">' in text
    css_href = re.search(
        r'<link rel="stylesheet" href="([^"]*patienthub-print\.css)" media="print">', text
    ).group(1)
    css = file_for(built, urljoin(SITE_URL + "rug/lage-rugpijn/", css_href)).read_text(encoding="utf-8")
    assert re.search(r"@media print \{[^@]*\.md-sidebar[^}]*display: none", css)
    feed_href = re.search(
        r'<link rel="alternate" type="application/atom\+xml"[^>]* href="([^"]+)">', text
    ).group(1)
    assert urljoin(SITE_URL + "rug/lage-rugpijn/", feed_href) == SITE_URL + "feed.xml"


def test_the_build_and_the_core_agree_on_qr_and_addresses(built):
    site = site_of(built.parent)
    view = share.hub_view(site, "rug/lage-rugpijn/", "Lage rugpijn")
    assert view.canonical_url == SITE_URL + "rug/lage-rugpijn/"
    assert view.qr_svg in read(built, "rug/lage-rugpijn/index.html")


def test_qr_codes_made_ahead_on_every_core_are_the_ones_made_one_by_one(built):
    site = site_of(built.parent)
    table = memo.table(share.QR_TABLE)
    table.clear()
    qr = share.QrCodes(site, 2)
    for page in site.pages:  # as the engine renders them
        qr.ready(page.url)
        assert (urls.absolute(site, page.url),) in table
    qr.finish()
    made_ahead = dict(table)
    assert len(made_ahead) == len({page.url for page in site.pages})
    for (address,), svg in made_ahead.items():
        assert svg == share._qr_code(address)
    assert made_ahead[(SITE_URL + "rug/lage-rugpijn/",)] in read(built, "rug/lage-rugpijn/index.html")
