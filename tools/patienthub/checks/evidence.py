"""evidence.*: every fact rests on a quoted passage of a named publication, and every number a patient reads
comes from such a fact or from an outcome dataset.

The register (content/_data/evidence/) holds per fact the publication (title, year, url or doi), the exact quote,
where it stands and the date it was read. Pages cite facts with `evidence: [sleutel, …]` in their front matter
(a dataset name counts too); outcome datasets with `evidence:` on an outcome. The keuzekaarten have their own
rule for numbers (outcomes.unsourced-number); this is the same rule for the prose of pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from patienthub.checks.base import Check
from patienthub.checks.outcomes import dataset_numbers
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain import metadata, references
from patienthub.domain.evidence import FRONT_MATTER_KEY, Fact, Register, numbers_in, words
from patienthub.domain.model import Page, Site
from patienthub.domain.outcome_data import Dataset
from patienthub.text.datafiles import load_data_file
from patienthub.text.markdown import blocks, plain

E, W = Severity.ERROR, Severity.WARNING
MISSING_QUOTE = Rule(
    "evidence.missing-quote", E, "Een feit in het bewijsregister heeft geen letterlijk citaat uit de bron."
)
MISSING_SOURCE = Rule(
    "evidence.missing-source",
    E,
    "Een feit in het bewijsregister noemt geen volledige bron (titel, jaar, adres).",
)
MISSING_READ_DATE = Rule(
    "evidence.missing-read-date", E, "Een feit in het bewijsregister zegt niet wanneer het citaat gelezen is."
)
NUMBER_NOT_QUOTED = Rule(
    "evidence.number-not-in-quote", E, "Een feit noemt een getal dat niet in zijn citaat staat."
)
DUPLICATE_FACT = Rule(
    "evidence.duplicate-fact", E, "Twee feiten in het bewijsregister hebben dezelfde sleutel."
)
UNKNOWN_FACT = Rule(
    "evidence.unknown-fact", E, "Een pagina of uitkomstbestand noemt een feit dat niet in het register staat."
)
UNSOURCED_NUMBER = Rule(
    "evidence.unsourced-number",
    E,
    "Een getal in de tekst van een pagina komt uit geen genoemd feit en geen uitkomstbestand.",
)
DATASET_UNCITED = Rule(
    "evidence.dataset-uncited",
    W,
    "Een uitkomst in een uitkomstbestand noemt geen feit uit het bewijsregister.",
)
DATASET_NUMBER = Rule(
    "evidence.dataset-number-unsupported",
    E,
    "Een getal in een uitkomstbestand staat in geen van de citaten waarop de uitkomst steunt.",
)
RULES = (
    MISSING_QUOTE,
    MISSING_SOURCE,
    MISSING_READ_DATE,
    NUMBER_NOT_QUOTED,
    DUPLICATE_FACT,
    UNKNOWN_FACT,
    UNSOURCED_NUMBER,
    DATASET_UNCITED,
    DATASET_NUMBER,
)

metadata.extend_schema(
    {
        FRONT_MATTER_KEY: {
            "type": "array",
            "items": {"type": "string", "pattern": "^[a-z0-9-]+$"},
            "description": (
                "Sleutels van de feiten in content/_data/evidence/ (of namen van uitkomstbestanden) waarop de "
                "tekst steunt. Elk getal in de tekst moet uit een van deze feiten komen."
            ),
        }
    }
)

# Markers a page uses to pull in data: their names are no numbers a patient reads here.
_MARKERS = re.compile(r"\[\[[^\]]*\]\]|\{\{[^}]*\}\}")


def _join(numbers: Iterable[Decimal]) -> str:
    """As a Dutch reader writes them: 60 (not 6E+1), 1,97."""
    return ", ".join(format(n, "f").replace(".", ",") for n in sorted(numbers))


# --- the register ---------------------------------------------------------------------------------------------


def fact_findings(fact: Fact) -> Iterator[Finding]:
    pub = fact.publication
    dated = pub.year or pub.undated
    missing = [
        name for name, value in (("title", pub.title), ("year", dated), ("url", pub.address)) if not value
    ]
    if missing:
        yield finding(
            MISSING_SOURCE,
            fact.path,
            pub.line,
            f"Het feit '{fact.key}' steunt op een publicatie zonder {', '.join(missing)}.",
            "Vul onder publication de titel (title), het jaar (year) en het adres (url of doi) in. Noemt de "
            "uitgever geen jaar? Schrijf dat dan onder undated.",
        )
    if not fact.quote:
        yield finding(
            MISSING_QUOTE,
            fact.path,
            fact.line,
            f"Het feit '{fact.key}' heeft geen citaat.",
            "Zet onder quote de letterlijke zin of tabelcel uit de publicatie. Vindt u die niet? "
            "Haal het feit weg; dan mag geen pagina erop steunen.",
        )
    if fact.read is None:
        yield finding(
            MISSING_READ_DATE,
            fact.path,
            fact.line,
            f"Bij het feit '{fact.key}' staat niet wanneer het citaat gelezen is.",
            "Zet onder read de datum waarop u het citaat las (JJJJ-MM-DD), en onder via hoe u het las.",
        )
    if fact.quote:
        quoted = words().quoted_numbers(fact.quote)
        extra = [n for n in fact.numbers if n not in quoted]
        if extra:
            yield finding(
                NUMBER_NOT_QUOTED,
                fact.path,
                fact.numbers_line,
                f"Het feit '{fact.key}' noemt {_join(extra)}, maar dat staat niet in het citaat.",
                "Noem onder numbers alleen getallen die in het citaat staan, in cijfers of in woorden.",
            )


@dataclass(frozen=True)
class _Cited:
    facts: list[Fact]
    datasets: list[Dataset]
    unknown: list[str]  # keys that are no fact and no dataset
    # False when a cited fact or dataset is in a file that failed validation: that file's findings say what is
    # wrong, and the numbers that rest on it cannot be judged (nor blamed on the text that cites it) until then.
    judgeable: bool


def _cited(keys: Iterable[str], site: Site) -> _Cited:
    register = site.evidence or Register()
    datasets = site.outcomes.datasets if site.outcomes else {}
    facts, cited_sets, unknown, broken = [], [], [], False
    for key in keys:
        if key in register.facts:
            facts.append(register.facts[key])
        elif key in datasets:
            cited_sets.append(datasets[key])
            broken = broken or not datasets[key].valid
        elif key in register.broken:
            broken = True
        else:
            unknown.append(key)
    return _Cited(facts, cited_sets, unknown, not broken)


def _dataset_findings(dataset: Dataset, site: Site) -> Iterator[Finding]:
    raw_outcomes = (dataset.file.data or {}).get("outcomes") or {}
    register = site.evidence or Register()
    for name, outcome in dataset.outcomes.items():
        keys = (raw_outcomes.get(name) or {}).get(FRONT_MATTER_KEY) or []
        line = dataset.file.line_of("outcomes", name, FRONT_MATTER_KEY)
        if not keys:
            yield finding(
                DATASET_UNCITED,
                dataset.path,
                outcome.line,
                f"De uitkomst '{name}' noemt geen feit uit het bewijsregister.",
                "Zet onder evidence de sleutels van de citaten waarop de getallen steunen.",
            )
            continue
        facts = [register.facts[key] for key in keys if key in register.facts]
        for key in keys:
            if key not in register.facts and key not in register.broken:
                yield finding(
                    UNKNOWN_FACT,
                    dataset.path,
                    line,
                    f"De uitkomst '{name}' noemt het feit '{key}', maar dat staat niet in het bewijsregister.",
                    "Controleer de sleutel; de feiten staan in content/_data/evidence/.",
                )
        if len(facts) < len(keys):
            continue  # an unknown or broken fact has its own finding; the numbers cannot be judged
        allowed = set().union(*(fact.allowed_numbers() for fact in facts)) | words().always_allowed
        for fact in facts:
            allowed |= words().quoted_numbers(fact.quote)
        for text in (outcome.text, outcome.why_no_numbers):
            for token, number, _ in numbers_in(text or ""):
                if number not in allowed:
                    yield finding(
                        DATASET_NUMBER,
                        dataset.path,
                        outcome.line,
                        f"De tekst van '{name}' noemt {token}, maar dat staat in geen van de citaten "
                        f"({', '.join(keys)}).",
                        "Neem het citaat met dit getal op in het bewijsregister, of corrigeer het getal.",
                        excerpt=text or "",
                    )
        for value in outcome.values:
            given = [n for n in (value.per_100, value.events, value.total) if n is not None]
            given += list(value.range or ())
            unsupported = [Decimal(str(n)).normalize() for n in given]
            unsupported = [n for n in unsupported if n not in allowed]
            if unsupported:
                yield finding(
                    DATASET_NUMBER,
                    dataset.path,
                    value.line,
                    f"Bij '{name}' ({value.group}) staat {_join(unsupported)}, maar dat staat in geen van de "
                    f"citaten ({', '.join(keys)}).",
                    "Neem het citaat met dit getal op in het bewijsregister, of corrigeer het getal.",
                )


def _key_message_findings(site: Site) -> Iterator[Finding]:
    """A key message is text every page shows word for word: its numbers need facts as a page's do."""
    path = site.advice.key_messages_path
    if not path or not site.advice.key_messages:
        return
    raw = load_data_file(site.project.root / path, site.project.root, required=False)
    entries = raw.data if isinstance(raw.data, dict) else {}
    for key, message in site.advice.key_messages.items():
        entry = entries.get(key)
        cited = entry.get(FRONT_MATTER_KEY) if isinstance(entry, dict) else None
        keys = [k for k in cited if isinstance(k, str)] if isinstance(cited, list) else []
        cited = _cited(keys, site)
        for name in cited.unknown:
            yield finding(
                UNKNOWN_FACT,
                path,
                raw.line_of(key, FRONT_MATTER_KEY),
                f"De kernboodschap '{key}' noemt het feit '{name}', maar dat staat niet in het bewijsregister.",
                "Controleer de sleutel; de feiten staan in content/_data/evidence/.",
            )
        if not cited.judgeable:
            continue
        allowed = set(words().always_allowed)
        for fact in cited.facts:
            allowed |= fact.allowed_numbers() | words().quoted_numbers(fact.quote)
        unsourced = [token for token, number, _ in numbers_in(message.text) if number not in allowed]
        if unsourced:
            yield finding(
                UNSOURCED_NUMBER,
                path,
                message.line,
                f"De kernboodschap '{key}' noemt {', '.join(unsourced)}, maar dat komt uit geen feit dat zij noemt.",
                "Zet onder evidence de sleutels van de feiten met deze getallen, of haal de getallen weg.",
                excerpt=message.text,
            )


def check_site(site: Site) -> Iterator[Finding]:
    register = site.evidence
    if register is None:
        return
    for fact in register:
        yield from fact_findings(fact)
    yield from _key_message_findings(site)
    if site.outcomes is not None:
        for dataset in site.outcomes.datasets.values():
            if dataset.valid:
                yield from _dataset_findings(dataset, site)


# --- pages ----------------------------------------------------------------------------------------------------


def _source_years(page: Page, site: Site) -> set[Decimal]:
    """A year of a publication the page cites is sourced by that citation ("de richtlijn uit 2011")."""
    years: set[Decimal] = set()
    for source in page.meta.sources:
        for text in (source.title, str(source.version or "")):
            years.update(n for _, n, _ in numbers_in(text) if 1900 <= n <= 2100)
        if source.date is not None:
            years.add(Decimal(source.date.year))
        guideline = site.guidelines.get(source.key or "")
        if guideline is not None:
            years.update(n for _, n, _ in numbers_in(guideline.current) if 1900 <= n <= 2100)
    return years


def page_allowed_numbers(page: Page, site: Site, keys: Iterable[str]) -> set[Decimal] | None:
    """The numbers the page may use; None when a fact or dataset it rests on is broken (judged once fixed)."""
    cited = _cited(keys, site)
    allowed = set(words().always_allowed) | _source_years(page, site)
    for fact in cited.facts:
        allowed |= fact.allowed_numbers() | words().quoted_numbers(fact.quote)
    datasets = {dataset.key: dataset for dataset in cited.datasets}
    for ref in references.find(page.body, page.body_start_line):
        resolved = references.resolve(ref, site.outcomes)
        if resolved.dataset is not None:  # an invalid one too: then the page's numbers wait for its fix
            datasets[resolved.dataset.key] = resolved.dataset
        for outcome in resolved.outcomes:
            dataset = site.outcomes.datasets.get(outcome.dataset) if site.outcomes else None
            if dataset is not None:
                datasets[dataset.key] = dataset
        if resolved.keuzekaart is not None and site.outcomes is not None:
            for name in resolved.keuzekaart.datasets:
                if name in site.outcomes.datasets:
                    datasets[name] = site.outcomes.datasets[name]
    if not cited.judgeable or not all(dataset.valid for dataset in datasets.values()):
        return None
    for dataset in datasets.values():
        allowed |= dataset_numbers(dataset)
    return allowed


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    if site.evidence is None:
        return
    raw = page.frontmatter.data.get(FRONT_MATTER_KEY) if isinstance(page.frontmatter.data, dict) else None
    keys = [key for key in raw if isinstance(key, str)] if isinstance(raw, list) else []
    for key in _cited(keys, site).unknown:
        yield finding(
            UNKNOWN_FACT,
            page.path,
            page.line_of(FRONT_MATTER_KEY),
            f"De pagina noemt het feit '{key}', maar dat staat niet in het bewijsregister "
            "en is ook geen uitkomstbestand.",
            "Controleer de sleutel; de feiten staan in content/_data/evidence/, de uitkomsten in _data/outcomes/.",
        )
    allowed = page_allowed_numbers(page, site, keys)
    if allowed is None:
        return
    texts: list[tuple[str, tuple[int | None, ...]]] = [
        (page.meta.description or "", (page.line_of("description"),))
    ]
    for block in blocks(page.body, page.body_start_line):
        if block.is_prose:  # plain() keeps line breaks, so the line of an offset is still known
            texts.append((_MARKERS.sub(" ", plain(block.text)), tuple(block.lines)))
    reported: set[Decimal] = set()
    for text, lines in texts:
        for token, number, offset in numbers_in(text):
            if number in allowed or number in reported:
                continue
            reported.add(number)  # once per page: the editor adds one fact, and every use is covered
            yield finding(
                UNSOURCED_NUMBER,
                page.path,
                lines[min(text.count("\n", 0, offset), len(lines) - 1)],
                f"Het getal {token} komt uit geen van de feiten of uitkomstbestanden die deze pagina noemt.",
                "Zet de sleutel van het feit met dit getal onder evidence bovenaan de pagina, of haal het getal "
                "weg. Is het geen medische bewering (zoals een voorbeeld)? Zet er dan een uitzondering met reden "
                "bij.",
                excerpt=text.strip().splitlines()[0][:80] if text.strip() else token,
            )


CHECK = Check("evidence", RULES, page=check_page, site=check_site, site_cached=True)
