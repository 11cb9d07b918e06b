import json

from conftest import GOOD_META, site_of
from patienthub.build import jsonld


def test_script_cannot_be_closed_by_page_text():
    script = jsonld.to_script({"name": "</script><script>alert(1)</script> & meer"})
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["name"] == "</script><script>alert(1)</script> & meer"


def test_concept_page_names_no_reviewer_and_approved_page_only_real_ones(repo):
    repo.page("a.md", GOOD_META + "reviewed_by: [kngf, onbekend]\n")
    site = site_of(repo.root)
    home = jsonld.page_document(site.by_path["content/index.md"], site)
    assert "reviewedBy" not in home
    assert home["lastReviewed"] == "2026-03-12" and home["@type"] == "MedicalWebPage"
    other = jsonld.page_document(site.by_path["content/a.md"], site)
    assert [org["alternateName"] for org in other["reviewedBy"]] == ["KNGF"]  # unknown keys are not invented


def test_generated_page_is_as_old_as_its_oldest_content(repo):
    repo.page("nieuw.md", GOOD_META.replace("2026-03-12", "2026-10-01"))
    site = site_of(repo.root)
    new = site.by_path["content/nieuw.md"]
    assert jsonld.generated_document(site, "p/nieuw/", "Nieuw", [new])["lastReviewed"] == "2026-10-01"
    unknown = jsonld.document_for(site, "woordenlijst/", "Woordenlijst")
    assert unknown["lastReviewed"] == "2026-03-12" and "reviewedBy" not in unknown
    assert jsonld.last_reviewed_for(site, "nieuw/") == "2026-10-01"


def test_only_an_approved_page_names_its_owner_as_maintainer(repo):
    repo.page("goed.md", GOOD_META.replace("status: concept", "status: approved") + "reviewed_by: [nhg]\n")
    site = site_of(repo.root)
    assert "maintainer" not in jsonld.page_document(site.by_path["content/index.md"], site)
    approved = jsonld.page_document(site.by_path["content/goed.md"], site)
    assert approved["maintainer"]["alternateName"] == "NHG"


def test_a_code_list_page_is_found_by_its_url_with_or_without_directory_urls(repo):
    codes = "codes:\n  icpc: [L03]\n"
    repo.page("a.md", GOOD_META + codes)
    repo.page("b.md", GOOD_META + codes)
    site = site_of(repo.root)
    # MkDocs gives code/icpc/L03/index.md the URL code/icpc/L03/, or code/icpc/L03/index.html without directory URLs.
    for url in ("code/icpc/L03/", "code/icpc/L03/index.html"):
        document = jsonld.document_for(site, url, "Informatie bij ICPC L03")
        assert document["@type"] == "CollectionPage" and len(document["significantLink"]) == 2, url
