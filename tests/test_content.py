"""The real content: every page is findable (nav, two clicks from home), sourced, honest and short-sentenced,
including the outcome data and keuzekaarten the pages show."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from mkdocs.config import load_config
from tests.conftest import REPO_ROOT, TODAY, MiniRepo, run_cli

from patienthub import load_project, load_site, run
from patienthub.domain.model import Site
from patienthub.text.markdown import blocks
from patienthub.text.prose import extract

MAX_SENTENCE_WORDS = 20
# Breadth (issue 20): at least this many patient pages, the section index pages (index.md) not counted.
MIN_PATIENT_PAGES = 30
# Acceptance of the starter content; per page the readability check itself warns below 70 (mkdocs.yml).
MIN_AVERAGE_FLESCH_DOUMA = 70
SKELETON = (
    "In het kort",
    "Wat is het?",
    "Wat kunt u zelf doen?",
    "Hoe wordt het behandeld?",
    "Wanneer belt u de huisarts?",
    "Hoe gaat het verder?",
    "Meer informatie",
)
# Education pages also answer the two Thuisarts questions about the condition itself, after 'Wat is het?'.
EDUCATION_SKELETON = (*SKELETON[:2], "Waardoor komt het?", "Kan het kwaad?", *SKELETON[2:])
# Codes checked in the project's research notes: against primary sources (ICPC-1 NHG, WHO ICD-10), except M48.06,
# which rests on a secondary source and WHO's fifth character for the site in M40-M54 (6 = lumbar region).
# Anything else (ICD-10-CM such as M54.50, L84, M80, SNOMED) is unverified and must not be published.
VERIFIED_CODES = {"icpc": {"L03", "L86"}, "icd10": {"M54.5", "M54.4", "M54.3", "M51.1", "M48.06"}}
# Types whose pages follow the Thuisarts skeleton; overview (home) and outcomes pages have their own shape, and
# so do keuzekaarten (an option grid, recognised by the keuzekaart it embeds).
SKELETON_TYPES = {"education", "self-management", "treatment-options"}
KEUZEKAART = re.compile(r"\{\{\s*keuzekaart:")


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(load_project(REPO_ROOT / "mkdocs.yml"), dt.date.fromisoformat(TODAY))


def nav_files(nav: list) -> Iterator[str]:
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from nav_files(value)
        else:
            yield value


def test_every_page_is_in_the_nav(site: Site):
    in_nav = set(nav_files(load_config(str(REPO_ROOT / "mkdocs.yml"))["nav"]))
    missing = sorted(page.src_uri for page in site.pages if page.src_uri not in in_nav)
    assert missing == [], f"pagina's zonder plek in de navigatie: {missing}"


class _ArticleLinks(HTMLParser):
    """The hrefs inside the page's <article>: what a patient on a phone sees without opening the menu."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1


def article_links(project_site: Path, url: str) -> set[str]:
    """Site-relative URLs of the pages linked from the article of the built page at `url`."""
    parser = _ArticleLinks()
    parser.feed((project_site / url / "index.html").read_text(encoding="utf-8"))
    base = "http://site/" + url
    targets = set()
    for href in parser.hrefs:
        target = urlparse(urljoin(base, href))
        if target.netloc == "site":
            targets.add(target.path.lstrip("/"))
    return targets


@pytest.mark.slow
def test_home_links_every_page_within_two_clicks(site: Site, project_site: Path):
    depth = {"": 0}
    frontier = [""]
    for clicks in (1, 2):
        found = []
        for url in frontier:
            for target in article_links(project_site, url):
                if target in site.by_url and target not in depth:
                    depth[target] = clicks
                    found.append(target)
        frontier = found
    far = sorted(page.path for page in site.pages if page.url not in depth)
    assert far == [], f"niet binnen twee klikken vanaf de startpagina: {far}"


def test_there_are_enough_patient_pages(site: Site):
    patient = sorted(page.src_uri for page in site.pages if Path(page.src_uri).name != "index.md")
    assert len(patient) >= MIN_PATIENT_PAGES, f"{len(patient)} patiëntpagina's: {patient}"


def test_every_page_cites_at_least_one_source(site: Site):
    assert [page.path for page in site.pages if not page.meta.sources] == []


def test_no_page_claims_a_review_that_did_not_happen(site: Site):
    claimed = [page.path for page in site.pages if page.meta.status != "concept" or page.meta.reviewed_by]
    assert claimed == []


def test_codes_are_only_the_verified_ones(site: Site):
    unverified = [
        (page.path, system, code)
        for page in site.pages
        for system, codes in page.meta.codes.items()
        for code in codes
        if code not in VERIFIED_CODES.get(system, set())
    ]
    assert unverified == []


def test_patient_pages_follow_the_thuisarts_skeleton(site: Site):
    wrong = {}
    for page in site.pages:
        if page.meta.type not in SKELETON_TYPES or KEUZEKAART.search(page.body):
            continue
        headings = tuple(
            b.text for b in blocks(page.body, page.body_start_line) if b.kind == "heading" and b.level == 2
        )
        expected = EDUCATION_SKELETON if page.meta.type == "education" else SKELETON
        if headings != expected:
            wrong[page.path] = headings
    assert wrong == {}


def test_no_sentence_is_longer_than_twenty_words(site: Site):
    # The readability check's own sentence splitter, so this test and `patienthub check` count alike.
    long = [
        f"{page.path}:{sentence.line}: {sentence.words} woorden: {sentence.text}"
        for page in site.pages
        for sentence in extract(page.body, page.body_start_line).sentences
        if sentence.words > MAX_SENTENCE_WORDS
    ]
    assert long == []


def test_no_sentence_in_the_outcome_data_is_longer_than_twenty_words(site: Site):
    # What outcome blocks and keuzekaarten show comes from YAML, not from the page body the test above reads.
    library = site.outcomes
    assert library is not None and library.datasets and library.keuzekaarten
    texts = list(library.patient_texts())
    assert {t.path for t in texts} == {d.path for d in library.datasets.values()} | {
        k.path for k in library.keuzekaarten.values()
    }
    long = [
        f"{text.path}:{text.line}: {sentence.words} woorden: {sentence.text}"
        for text in texts
        for sentence in extract(text.text).sentences
        if sentence.words > MAX_SENTENCE_WORDS
    ]
    assert long == []


def test_check_passes_and_the_site_reads_at_b1():
    result = run_cli("check", "--format", "json", "--today", TODAY, cwd=REPO_ROOT)
    assert result.code == 0, result.stdout
    report = json.loads(result.stdout)
    scores = {page["path"]: page["metrics"]["flesch_douma"] for page in report["pages"]}
    assert len(scores) >= 24
    assert sum(scores.values()) / len(scores) >= MIN_AVERAGE_FLESCH_DOUMA


# Issue 20, "Uniform words": each inconsistency the reviewer found on our pages, as a sentence a page might have
# again. The termbase (terms.yml) or an advice rule (advice.yml) must report every one of them.
INCONSISTENT_WORDS = {
    # sentence: (rule, what its message names: the termbase entry or the advice rule's point)
    "Ibuprofen is een ontstekingsremmer.": ("terminology.avoid", "ontstekingsremmende-pijnstiller"),
    "U krijgt een prik met een ontstekingsremmer.": ("terminology.avoid", "ontstekingsremmende-pijnstiller"),
    "Daarna is soms een behandeling met warmte mogelijk.": ("terminology.avoid", "rf-denervatie"),
    "U kunt kiezen voor oefentherapie Mensendieck.": ("terminology.avoid", "oefentherapie"),
    "Een foto of scan is meestal niet nodig.": ("terminology.avoid", "foto-of-scan"),
    "Op de scan ziet de arts veranderingen.": ("terminology.avoid", "foto-of-scan"),
    "Bij chronische pijn helpt een team.": ("terminology.avoid", "langdurige-pijn"),
    "Bij langdurige rugpijn helpt een team.": ("terminology.avoid", "langdurige-pijn"),
    "Heeft u aanhoudende pijn in uw rug?": ("terminology.avoid", "langdurige-pijn"),
    "Dit gaat over rugpijn die lang duurt.": ("terminology.avoid", "langdurige-pijn"),
    "Gaat uw rugpijn na een paar weken niet over? Bel dan de huisarts.": (
        "advice.contradicts-guideline",
        "vage termijn",
    ),
    "Is de pijn na een paar maanden nog niet weg? Dan kijkt de huisarts opnieuw.": (
        "advice.contradicts-guideline",
        "vage termijn",
    ),
}


@pytest.fixture(scope="module")
def words_repo(tmp_path_factory) -> MiniRepo:
    mini = MiniRepo(tmp_path_factory.mktemp("words") / "repo")
    mini.write(
        "mkdocs.yml",
        "site_name: T\ndocs_dir: content\nexclude_docs: |\n  /_data/\nplugins:\n  - patienthub\n",
    )
    for name in ("organisations.yml", "terms.yml", "advice.yml", "kernboodschappen.yml"):
        mini.write(
            f"content/_data/{name}", (REPO_ROOT / "content" / "_data" / name).read_text(encoding="utf-8")
        )
    mini.page("woorden.md", body="# Woorden\n\n" + "\n\n".join(INCONSISTENT_WORDS) + "\n")
    return mini


def test_every_inconsistent_word_from_the_review_gets_a_finding(words_repo: MiniRepo):
    result = run(load_site(load_project(words_repo.root / "mkdocs.yml"), dt.date.fromisoformat(TODAY)))
    lines = (words_repo.content / "woorden.md").read_text(encoding="utf-8").split("\n")
    findings = result.for_path("content/woorden.md")
    missing = [
        sentence
        for sentence, (rule, named) in INCONSISTENT_WORDS.items()
        if not any(
            f.line == lines.index(sentence) + 1 and f.rule == rule and named in f.message.casefold()
            for f in findings
        )
    ]
    assert missing == []


# One decision rule per threshold: "na 3 tot 4 weken" and "na 6 tot 8 weken" live in a key message
# (kernboodschappen.yml), so every page says them word for word the same. A page writes no threshold of its own.
OWN_THRESHOLD = re.compile(r"\bna \d+ tot \d+ weken\b", re.IGNORECASE)


def test_decision_thresholds_come_only_from_key_messages(site: Site):
    own = [
        f"{page.path}:{sentence.line}: {sentence.text}"
        for page in site.pages
        for sentence in extract(page.body, page.body_start_line).sentences
        if OWN_THRESHOLD.search(sentence.text)
    ]
    assert own == []


def test_hersteld_always_says_which_of_its_two_meanings(site: Site):
    # 'Hersteld' with a number means either the KNGF guideline's "no pain and back to everything" (the page then
    # says so) or the sciatica trial's perceived recovery ("voelden zich hersteld"). Never left to the reader.
    unclear = []
    for page in site.pages:
        prose = extract(page.body, page.body_start_line)
        says_kngf = any("geen pijn meer" in s.text for s in prose.sentences)
        for sentence in prose.sentences:
            text = sentence.text.casefold()
            if "hersteld" in text and "voel" not in text and not says_kngf:
                unclear.append(f"{page.path}:{sentence.line}: {sentence.text}")
    assert unclear == []


def test_no_file_points_at_research_notes_outside_the_repository():
    # Traceability: the data files once named research/medical-facts.md, which is not in the repository.
    # Quotes, places and read dates live in the evidence register (content/_data/evidence/).
    pointing = [
        str(path.relative_to(REPO_ROOT))
        for path in sorted((REPO_ROOT / "content").rglob("*"))
        if path.suffix in {".md", ".yml"}
        # "research/" as a path of its own, not inside a web address such as https://www.gu.se/english/research/…
        and re.search(r"(?<![/\w])research/|onderzoeksnotities", path.read_text("utf-8"))
    ]
    assert pointing == []
