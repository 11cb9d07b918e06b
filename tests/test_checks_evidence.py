"""Every evidence.* rule on small fixtures: a real register, datasets and pages in a mini repository, loaded and
checked in-process, plus one real CLI run that refuses a fact without a quote."""

import datetime as dt
from decimal import Decimal

import pytest
from tests.conftest import GOOD_META, run_cli

from patienthub import load_project, load_site, run
from patienthub.domain.evidence import numbers_in, words

REGISTER = """\
publication:
  title: NHG-Standaard Aspecifieke lagerugpijn
  year: 2017
  url: https://example.org/m54
facts:
  drie-tot-vier-weken:
    quote: Informeer bij onvoldoende verbeteren van de klachten na drie tot vier weken.
    where: Kernboodschappen
    read: 2026-12-02
    numbers: [3, 4]
  helft-hersteld:
    quote: Na drie maanden is ongeveer de helft van de mensen hersteld.
    read: 2026-12-02
    numbers: [3, 50]
"""

DATASET = """\
title: Test
population: Volwassenen met rugpijn
groups:
  alle: Iedereen
sources:
  s: {title: Bron, year: 2017, url: https://example.org/m54, retrieved: 2026-12-02}
outcomes:
  herstel:
    evidence: [helft-hersteld]
    measure: Hersteld
    says: waren hersteld
    time_frame: na 3 maanden
    source: s
    values:
      alle: {per_100: 50, approximate: true}
"""

BODY = "# Rugpijn\n\nMaak een afspraak als de pijn na 3 tot 4 weken niet minder is.\n"
CITING = GOOD_META + "evidence:\n  - drie-tot-vier-weken\n"


def check(repo, register=REGISTER, dataset=DATASET, meta=CITING, body=BODY):
    if register is not None:
        repo.write("content/_data/evidence/m54.yml", register)
    if dataset is not None:
        repo.write("content/_data/outcomes/test.yml", dataset)
    repo.page("rugpijn.md", meta=meta, body=body)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 12, 2))
    return [f for f in run(site).findings if f.rule.startswith("evidence.")]


def rules(findings):
    return sorted(f.rule for f in findings)


def test_a_register_a_citing_dataset_and_a_citing_page_pass(repo):
    assert check(repo) == []


def test_without_a_register_the_evidence_rules_do_not_apply(repo):
    assert check(repo, register=None, meta=GOOD_META) == []


def test_a_fact_without_a_quote_is_refused(repo):
    register = REGISTER.replace(
        "    quote: Informeer bij onvoldoende verbeteren van de klachten na drie tot vier weken.\n", ""
    )
    findings = check(repo, register=register)
    hits = [f for f in findings if f.rule == "evidence.missing-quote"]
    assert len(hits) == 1
    assert hits[0].path == "content/_data/evidence/m54.yml"
    assert hits[0].line == 6  # the fact's key
    assert "drie-tot-vier-weken" in hits[0].message
    # Without a quote its numbers are no longer covered either: the page's 3 and 4 stay sourced by the key,
    # but the fact itself is an error, so the run fails.


@pytest.mark.parametrize(
    "publication",
    [
        "publication:\n  year: 2017\n  url: https://example.org/m54\n",  # no title
        "publication:\n  title: NHG\n  url: https://example.org/m54\n",  # no year, no 'undated'
        "publication:\n  title: NHG\n  year: 2017\n",  # no address
        "",  # no publication at all
    ],
)
def test_a_fact_without_a_full_source_is_refused(repo, publication):
    register = publication + REGISTER[REGISTER.index("facts:") :]
    findings = check(repo, register=register)
    assert rules(findings).count("evidence.missing-source") == 2  # one per fact of that publication


def test_an_undated_publication_says_so_instead_of_a_guessed_year(repo):
    register = REGISTER.replace("  year: 2017\n", "  undated: De pagina noemt geen datum.\n")
    assert check(repo, register=register) == []


def test_a_fact_without_the_date_it_was_read_is_refused(repo):
    register = REGISTER.replace("    where: Kernboodschappen\n    read: 2026-12-02\n", "")
    assert rules(check(repo, register=register)) == ["evidence.missing-read-date"]


def test_a_fact_may_list_only_numbers_its_quote_states(repo):
    register = REGISTER.replace("numbers: [3, 50]", "numbers: [3, 60]")
    findings = check(repo, register=register)
    # The dataset's 50 is still quoted ("de helft"); only the listed 60 is not.
    assert rules(findings) == ["evidence.number-not-in-quote"]
    hit = next(f for f in findings if f.rule == "evidence.number-not-in-quote")
    assert "60" in hit.message and hit.line == 14


def test_the_same_fact_key_in_two_files_is_refused(repo):
    repo.write("content/_data/evidence/kopie.yml", REGISTER)
    findings = check(repo)
    assert rules(findings) == ["evidence.duplicate-fact", "evidence.duplicate-fact"]


def test_a_page_number_without_a_source_is_refused(repo):
    findings = check(repo, meta=GOOD_META)  # the page cites no fact
    hits = [f for f in findings if f.rule == "evidence.unsourced-number"]
    assert [h.message.split()[2] for h in hits] == ["3", "4"]
    assert {h.line for h in hits} == {
        16
    }  # the sentence's line in the page file (after 13 lines of front matter)
    assert hits[0].path == "content/rugpijn.md"


def test_a_page_number_in_the_description_is_checked_too(repo):
    meta = CITING.replace("gaat meestal vanzelf over.", "gaat bij 80 van de 100 mensen vanzelf over.")
    findings = check(repo, meta=meta)
    assert [f.message.split()[2] for f in findings] == ["80"]
    assert findings[0].line == 3


def test_a_page_may_cite_a_dataset_by_name(repo):
    body = BODY + "\nNa 3 maanden is ongeveer 50 van de 100 mensen hersteld.\n"
    assert rules(check(repo, body=body)) == ["evidence.unsourced-number"]
    assert check(repo, body=body, meta=CITING + "  - test\n") == []


def test_numbers_that_are_no_claims_pass(repo):
    body = "# Spoed\n\nBel 112. Uit 2017 is de richtlijn. Lees de kaart op A4 en de 3e alinea.\n"
    assert check(repo, meta=GOOD_META, body=body) == []


def test_an_unknown_fact_on_a_page_or_in_a_dataset_is_refused(repo):
    meta = GOOD_META + "evidence:\n  - drie-tot-vijf-weken\n"
    dataset = DATASET.replace("evidence: [helft-hersteld]", "evidence: [half-hersteld]")
    findings = check(repo, meta=meta, dataset=dataset)
    unknown = [f for f in findings if f.rule == "evidence.unknown-fact"]
    assert sorted(f.path for f in unknown) == ["content/_data/outcomes/test.yml", "content/rugpijn.md"]


def test_a_dataset_outcome_without_facts_is_a_warning(repo):
    findings = check(repo, dataset=DATASET.replace("    evidence: [helft-hersteld]\n", ""))
    assert rules(findings) == ["evidence.dataset-uncited"]
    assert findings[0].severity == "warning"


def test_a_dataset_number_that_no_quote_states_is_refused(repo):
    findings = check(repo, dataset=DATASET.replace("per_100: 50", "per_100: 55"))
    assert rules(findings) == ["evidence.dataset-number-unsupported"]
    assert "55" in findings[0].message


def test_a_number_in_the_text_of_a_dataset_is_checked_against_its_quotes(repo):
    dataset = DATASET.replace(
        "    says: waren hersteld\n    time_frame: na 3 maanden\n    source: s\n    values:\n"
        "      alle: {per_100: 50, approximate: true}\n",
        "    kind: words\n    time_frame: na 3 maanden\n    source: s\n"
        "    text: Dat blijkt uit 2.470 mensen.\n    why_no_numbers: Geen aantallen.\n",
    )
    findings = check(repo, dataset=dataset)
    assert [f.rule for f in findings] == ["evidence.dataset-number-unsupported"]
    assert "2.470" in findings[0].message


def test_a_register_file_with_a_schema_error_is_a_finding_not_a_crash(repo):
    repo.write("content/_data/evidence/kapot.yml", "facts:\n  a:\n    kleur: blauw\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 12, 2))
    found = [f for f in run(site).findings if f.path == "content/_data/evidence/kapot.yml"]
    assert [f.rule for f in found] == ["schema.unknown-key"]
    assert found[0].line == 3


def test_numbers_are_read_as_written_in_dutch_and_words_count_in_quotes():
    assert [n for _, n, _ in numbers_in("2.740 mensen, 1,97; A4, L5 en 3e; 6–8 weken.")] == [
        Decimal(2740),
        Decimal("1.97"),
        Decimal(6),
        Decimal(8),
    ]
    assert words().quoted_numbers("na drie maanden de helft, en een kwart") >= {
        Decimal(3),
        Decimal(50),
        Decimal(25),
    }


def test_the_cli_exits_1_on_a_fact_without_a_quote(repo):
    check(
        repo,
        register=REGISTER.replace(
            "    quote: Na drie maanden is ongeveer de helft van de mensen hersteld.\n", ""
        ),
    )
    result = run_cli("check", "--no-cache", "--today", "2026-12-02", cwd=repo.root)
    assert result.code == 1
    assert "evidence.missing-quote" in result.stdout
    assert "content/_data/evidence/m54.yml:11" in result.stdout


def test_a_number_in_a_key_message_needs_a_fact_it_cites(repo):
    repo.write(
        "content/_data/kernboodschappen.yml",
        "afspraak:\n  text: Gaat de pijn na 3 tot 4 weken niet over? Bel dan.\n  source: NHG\n",
    )
    findings = check(repo)
    assert [f.rule for f in findings] == ["evidence.unsourced-number"]
    assert findings[0].path == "content/_data/kernboodschappen.yml" and findings[0].line == 2
    repo.write(
        "content/_data/kernboodschappen.yml",
        "afspraak:\n  text: Gaat de pijn na 3 tot 4 weken niet over? Bel dan.\n  source: NHG\n"
        "  evidence: [drie-tot-vier-weken]\n",
    )
    assert check(repo) == []
