"""Synthetic but realistic patienthub repositories for the benchmark: N Dutch pages in nested sections.

The corpus is built from this repository's own material, so it exercises what real pages do:
- the real data folder (termbase, advice rules, key messages, sources, organisations, outcome datasets and
  keuzekaarten), the real `overrides/` (with the site's assets), and mkdocs.yml with the real theme settings;
- sentences and list items taken from the real pages (B1 Dutch, with termbase terms), shuffled per page with a
  fixed seed, so every run generates the same corpus;
- valid front matter (owners, registered sources, the facts (`evidence:`) that the real pages cite for the
  sentences a page borrows, some clinical codes and short links), `[[kernboodschap: …]]`
  references, `{{ uitkomst: … }}` blocks on outcome pages, section index pages that link to their pages;
- the URL manifest and CODEOWNERS written by the real `patienthub urls --update` / `patienthub codeowners`.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from patienthub.checks.outcomes import dataset_numbers
from patienthub.domain import evidence, references
from patienthub.load.config import load_project
from patienthub.load.loader import load_site
from patienthub.text import dutch

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261122

# Top-level sections (body regions) and their subsections (themes): the shape a growing hub takes.
REGIONS = (
    "lage-rug",
    "nek",
    "schouder",
    "knie",
    "heup",
    "bovenrug",
    "elleboog",
    "pols-en-hand",
    "enkel-en-voet",
    "bekken",
)
THEMES = (
    ("uitleg", "education"),
    ("zelf-doen", "self-management"),
    ("behandelingen", "treatment-options"),
    ("uitkomsten", "outcomes"),
    ("werk", "self-management"),
    ("sport", "self-management"),
    ("zwangerschap", "education"),
    ("ouderen", "education"),
    ("jongeren", "education"),
    ("pijn-die-blijft", "treatment-options"),
)
HEADINGS = (
    "Wat is het?",
    "Hoe komt het?",
    "Wat kunt u zelf doen?",
    "Wanneer gaat u naar de huisarts?",
    "Welke behandelingen zijn er?",
    "Hoe lang duurt het?",
    "Wat kunt u verwachten?",
    "Meer weten?",
)
# What tells the pages of one theme apart, as a real hub's sub-topics do ("Rugpijn en werk"): a number in a title
# or link text ("deel 6") would be a number without a source (evidence.unsourced-number) on every page.
SUBTOPICS = (
    "thuis",
    "werk",
    "slaap",
    "sport",
    "tillen",
    "zitten",
    "staan",
    "fietsen",
    "wandelen",
    "zwemmen",
    "warmte",
    "stress",
    "zorgen",
    "het gezin",
    "kinderen",
    "vrienden",
    "reizen",
    "de auto",
    "de tuin",
    "het huishouden",
    "school",
    "studie",
    "gewicht",
    "roken",
    "eten",
    "drinken",
    "de trap",
    "bukken",
    "dragen",
    "de computer",
    "de telefoon",
    "het weer",
    "de winter",
    "de zomer",
    "vakantie",
    "de ochtend",
    "de avond",
    "de nacht",
    "rust",
    "bewegen",
    "oefenen",
    "pijnstillers",
    "de huisarts",
    "de fysiotherapeut",
    "de apotheek",
    "het ziekenhuis",
    "uw baas",
    "collega's",
    "geld",
    "hobby's",
    "muziek",
    "dansen",
    "tuinieren",
    "koken",
    "schoonmaken",
    "boodschappen",
    "de bus",
    "de trein",
    "lopen",
    "hardlopen",
)
OWNERS = ("nhg", "kngf", "redactie")
SOURCE_KEYS = ("nhg-aspecifieke-lagerugpijn", "kngf-lage-rugpijn-lrs", "nhg-lumbosacraal-radiculair-syndroom")
# Codes as the real pages carry them (lage-rugpijn.md, uitstralende-pijn-been.md).
CODES = ({"icpc": ["L03"], "icd10": ["M54.5"]}, {"icpc": ["L86"]})


MIN_READABILITY = 65.0  # of the sentences a page borrows: a margin above the B1 minimum (60)
DESCRIPTION_MAX_CHARS = json.loads(
    (ROOT / "tools" / "patienthub" / "schemas" / "frontmatter.schema.json").read_text(encoding="utf-8")
)["properties"]["description"]["maxLength"]


def _flesch_douma(sentences: list[str]) -> float:
    words = [t for text in sentences for t in dutch.tokens(text) if t.is_word]
    return dutch.flesch_douma(len(words), len(sentences), sum(t.syllables for t in words))


@dataclass(frozen=True)
class Corpus:
    root: Path
    pages: int  # Markdown pages written (section index pages included)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"


def _real_pages() -> list[Path]:
    return sorted(p for p in (ROOT / "content").rglob("*.md") if "_data" not in p.parts)


@cache
def prose_pool() -> tuple[list[str], list[str]]:
    """Plain sentences and list items from the real pages (no links, directives or headings). Lines that the
    checks reject out of their context (advice against bed rest, a long sentence) are left out: the generated
    site passes `mkdocs build --strict`, as a real one must."""
    site = load_site(load_project(ROOT / "mkdocs.yml"), dt.date.today())
    sentences: set[str] = set()
    items: set[str] = set()
    for path in _real_pages():
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for line in body.splitlines():
            line = line.strip()
            if not line or "[" in line or "{" in line or "|" in line or line.startswith(("#", ">", "<", "!")):
                continue
            text = line[2:] if line.startswith("- ") else line
            if len(text.split()) > 15 or site.advice.contradictions_in_markdown(text):
                continue
            if line.startswith("- "):
                items.add(text)
            elif re.fullmatch(r"[A-Z].*[.?]", line):
                sentences.add(text)
    return sorted(sentences), sorted(items)


@cache
def evidence_of() -> dict[str, frozenset[str]]:
    """For each line of the real pages: the facts its numbers come from, among those its page cites (`evidence:`),
    so a generated page that borrows a sentence with a number cites what the real page cites for that number,
    as an editor would — not every fact of the page it was taken from."""
    site = load_site(load_project(ROOT / "mkdocs.yml"), dt.date.today())
    register = site.evidence.facts if site.evidence else {}
    datasets = site.outcomes.datasets if site.outcomes else {}
    cited: dict[str, frozenset[str]] = {}
    for path in _real_pages():
        head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        meta = yaml.safe_load(head.removeprefix("---\n")) or {}
        numbers: dict[
            str, set
        ] = {}  # each fact or outcome dataset the page cites, with the numbers it allows
        for key in meta.get("evidence") or ():
            if key in register:
                numbers[key] = register[key].allowed_numbers() | evidence.words().quoted_numbers(
                    register[key].quote
                )
            elif key in datasets:
                numbers[key] = dataset_numbers(datasets[key])
        # An outcome block on the page lets its text use the dataset's numbers too (evidence.page_allowed_numbers):
        # a borrowed sentence with such a number cites the dataset by name, as `evidence:` allows.
        for ref in references.find(body):
            resolved = references.resolve(ref, site.outcomes)
            for key in {o.dataset for o in resolved.outcomes} | (
                {resolved.dataset.key} if resolved.dataset else set()
            ):
                if key in datasets:
                    numbers[key] = dataset_numbers(datasets[key])
        for line in body.splitlines():
            text = line.strip().removeprefix("- ")
            needed = {number for _, number, _ in evidence.numbers_in(text)}
            keys = frozenset(key for key, allowed in numbers.items() if allowed & needed)
            cited[text] = cited.get(text, frozenset()) | keys
    return cited


def subtopic(n: int) -> str:
    """A distinct name for the n-th page of a theme (n from 1), also beyond the list's length."""
    first, second = divmod(n - 1, len(SUBTOPICS))
    return SUBTOPICS[second] if first == 0 else f"{SUBTOPICS[second]} en {SUBTOPICS[first - 1]}"


def _references() -> tuple[list[str], list[str]]:
    """Key message names and `dataset/outcome` references that exist in the real data folder."""
    data = ROOT / "content" / "_data"
    # Without geen-bedrust, as when RESULTS.md was recorded (it once tripped an advice false positive, fixed since);
    # changing this list changes the whole seeded corpus.
    messages = sorted(
        set(yaml.safe_load((data / "kernboodschappen.yml").read_text(encoding="utf-8"))) - {"geen-bedrust"}
    )
    outcomes = []
    for path in sorted((data / "outcomes").glob("*.yml")):
        dataset = yaml.safe_load(path.read_text(encoding="utf-8"))
        outcomes.extend(f"{path.stem}/{key}" for key in sorted(dataset.get("outcomes") or {}))
    return messages, outcomes


def _shape(pages: int) -> tuple[int, int, int]:
    """(regions, themes per region, pages per theme) for about `pages` pages, index pages included."""
    regions = min(len(REGIONS), max(2, round(pages ** (1 / 3))))
    themes = min(len(THEMES), max(2, round(pages ** (1 / 3))))
    per_theme = max(1, round((pages - 1 - regions - regions * themes) / (regions * themes)))
    return regions, themes, per_theme


def _front_matter(
    title: str, description: str, page_type: str, rng: random.Random, index: int, borrowed: list[str]
) -> str:
    meta: dict = {
        "title": title,
        "description": description,
        "type": page_type,
        "owner": rng.choice(OWNERS),
        "last_reviewed": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
        "status": "concept",
    }
    if index % 7 == 0:
        meta["codes"] = rng.choice(CODES)
    if index % 11 == 0:
        meta["short_link"] = f"kort-{index}"
    meta["sources"] = [{"key": key} for key in rng.sample(SOURCE_KEYS, rng.randint(1, 2))]
    facts = sorted(set().union(*(evidence_of().get(text, ()) for text in borrowed)))
    if facts:
        meta["evidence"] = facts
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=200)
    return f"---\n{dumped}---\n\n"


def _page(title: str, page_type: str, rng: random.Random, pool: tuple, index: int) -> str:
    # A draw of long sentences falls below the B1 minimum, which a real page would not be published with. Drawn
    # again from the page's own generator, so the rest of the corpus stays the same.
    text, prose = _drawn_page(title, page_type, rng, pool, index)
    redraw = random.Random(f"{SEED}-page-{index}")
    while _flesch_douma(prose) < MIN_READABILITY:
        text, prose = _drawn_page(title, page_type, redraw, pool, index)
    return text


def _drawn_page(
    title: str, page_type: str, rng: random.Random, pool: tuple, index: int
) -> tuple[str, list[str]]:
    sentences, items, messages, outcomes = pool
    borrowed = rng.sample(items, 3)
    parts = [f"# {title}\n", "## In het kort\n", "\n".join(f"- {i}" for i in borrowed) + "\n"]
    if rng.random() < 0.5:
        parts.append(f"[[kernboodschap: {rng.choice(messages)}]]\n")
    for heading in rng.sample(HEADINGS, rng.randint(3, 5)):
        parts.append(f"## {heading}\n")
        chosen = rng.sample(sentences, rng.randint(3, 6))
        parts.append("\n".join(chosen) + "\n")
        borrowed += chosen
        if rng.random() < 0.4:
            chosen = rng.sample(items, rng.randint(2, 4))
            parts.append("\n".join(f"- {i}" for i in chosen) + "\n")
            borrowed += chosen
    if page_type == "outcomes":
        parts.append("## Wat levert het op?\n")
        parts.append(f"{{{{ uitkomst: {rng.choice(outcomes)} }}}}\n")
    chosen = rng.sample(sentences, 2)
    description = " ".join(chosen)
    if len(description) > DESCRIPTION_MAX_CHARS:  # schema.too-long: one sentence is enough
        description = chosen[0]
    borrowed += chosen
    return _front_matter(title, description, page_type, rng, index, borrowed) + "\n".join(parts), borrowed


def _index_page(title: str, links: list[tuple[str, str]], rng: random.Random, pool: tuple, index: int) -> str:
    sentences = pool[0]
    borrowed = rng.sample(sentences, 6)
    redraw = random.Random(f"{SEED}-index-{index}")  # as in _page
    while _flesch_douma(borrowed) < MIN_READABILITY:
        borrowed = redraw.sample(sentences, 6)
    body = [f"# {title}\n", "\n".join(borrowed) + "\n", "## Pagina's\n"]
    body.append("\n".join(f"- [{text}]({target})" for text, target in links) + "\n")
    return _front_matter(title, f"Alles over {title.lower()}.", "overview", rng, index, borrowed) + "\n".join(
        body
    )


def _label(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def mkdocs_yml(plugins: list[str] | None = None) -> str:
    """This repository's mkdocs.yml with the same theme settings; no fixed nav (it follows the folders).
    `plugins` replaces the real plugins (patienthub): [] for a build without any. Such a build also goes
    without `overrides/`: those templates show what the plugin provides (review dates, sharing, CSP)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config.pop("nav", None)
    config["site_url"] = "https://example.org/hub/"
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    if plugins is not None:
        config["plugins"] = plugins
        del config["theme"]["custom_dir"]
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=200)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml; `!ENV [NAME, default]` becomes its default (the benchmark sets site_url itself)."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def generate(target: Path, pages: int) -> Corpus:
    """Write a repository with about `pages` pages to `target` (which must not exist yet)."""
    rng = random.Random(SEED + pages)
    messages, outcomes = _references()
    pool = (*prose_pool(), messages, outcomes)
    content = target / "content"
    shutil.copytree(ROOT / "content" / "_data", content / "_data")
    (content / "_data" / "urls.txt").unlink(missing_ok=True)  # written below for these pages
    # The site's own CSS and JS live in overrides/assets, which mkdocs_yml() points at.
    (target / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")

    regions, themes, per_theme = _shape(pages)
    count = 0

    def write(relative: str, text: str) -> None:
        nonlocal count
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        count += 1

    region_links = []
    for region in REGIONS[:regions]:
        theme_links = []
        for theme, page_type in THEMES[:themes]:
            # Folder and file names are unique across the site: the last URL segment is the page's short link.
            folder = f"{theme}-{region}"
            links = []
            for n in range(1, per_theme + 1):
                title = f"{_label(theme)} bij klachten van {_label(region).lower()}: {subtopic(n)}"
                write(f"{region}/{folder}/{folder}-{n}.md", _page(title, page_type, rng, pool, count))
                links.append((subtopic(n).capitalize(), f"{folder}-{n}.md"))
            theme_title = f"{_label(theme)}: {_label(region).lower()}"
            write(f"{region}/{folder}/index.md", _index_page(theme_title, links, rng, pool, count))
            theme_links.append((_label(theme), f"{folder}/index.md"))
        write(f"{region}/index.md", _index_page(_label(region), theme_links, rng, pool, count))
        region_links.append((_label(region), f"{region}/index.md"))
    write("index.md", _index_page("Klachten van het bewegingsapparaat", region_links, rng, pool, count))

    git = ("git", "-c", "user.name=bench", "-c", "user.email=bench@example.org")
    for command in (
        [sys.executable, "-m", "patienthub", "urls", "--update"],
        [sys.executable, "-m", "patienthub", "codeowners"],
        ["git", "init", "--quiet"],
        ["git", "add", "-A"],
        [*git, "commit", "--quiet", "-m", "corpus"],
    ):
        subprocess.run(command, cwd=target, check=True, capture_output=True)
    return Corpus(target, count)
