import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO_ROOT, MiniRepo, run_cli
from patienthub import load_project, load_site, run
from patienthub.domain.termbase import example_holds, load

DATA_DIR = REPO_ROOT / "content" / "_data"
REAL = load(DATA_DIR, REPO_ROOT, None)
RAW = yaml.safe_load((DATA_DIR / "terms.yml").read_text(encoding="utf-8"))


# Entries whose explanation has no checked source yet: reported as terminology.termbase-unsourced warnings.
# This set may only shrink; a new entry needs its source.
UNSOURCED_FOR_NOW = {
    "wervelkolom",
    "neurochirurg",
    "orthopeed",
    "bedrijfsarts",
    "heiligbeen",
    "bekkengewricht",
}


def test_the_real_termbase_is_valid_and_large_enough():
    assert [f for f in REAL.findings if f.rule != "terminology.termbase-unsourced"] == []
    assert {term.key for term in REAL.terms if not term.source} <= UNSOURCED_FOR_NOW
    assert len(REAL.terms) >= 40
    assert all(term.explanation and term.preferred for term in REAL.terms)
    # The agreed patient terms (shared with the content pages).
    for key in (
        "lage-rugpijn",
        "uitstralende-pijn",
        "hernia",
        "alarmsignalen",
        "wervelkanaalstenose",
        "pijnrevalidatie",
        "oefentherapie",
        "fysiotherapie",
        "mri",
        "epidurale-injectie",
        "facetgewricht",
        "cauda-equinasyndroom",
        "inzakkingsfractuur",
        "veranderingen-in-de-rug",
    ):
        assert key in REAL.by_key


@pytest.mark.parametrize(
    ("term", "example"),
    [(term, example) for term in REAL.terms for example in term.examples],
    ids=lambda value: getattr(value, "key", None) or getattr(value, "text", "")[:40],
)
def test_every_termbase_example(term, example):
    assert example_holds(REAL, term, example), f"{term.key}: {example.text!r} (flag={example.flag})"


def _dutch_plural(phrase: str) -> str:
    """Standard Dutch plural spelling of the last word, written independently of the matcher."""
    head, space, last = phrase.rpartition(" ")
    word = last.split("-")[-1]
    if word.isupper() or word[-1] in "aiouy":
        plural = last + "'s"
    elif last.endswith(("e", "el", "em", "en", "er")):
        plural = last + "s"
    elif re.search(r"([aeou])\1[^aeiou]$", last):
        plural = last[:-2] + last[-1] + "en"
    elif re.search(r"(^|[^aeiou])[aeiou][^aeiouwjx]$", last):
        plural = last + last[-1] + "en"
    else:
        plural = last + "en"
    return head + space + plural


def _literal_variants():
    for key, entry in RAW["terms"].items():
        for item in entry.get("avoid", []):
            spec = item if isinstance(item, dict) else {"text": item}
            if "text" in spec:
                yield key, spec["text"], spec.get("inflect", True)


def _sentences(variant: str, inflect: bool) -> list[str]:
    capitalised = variant[:1].upper() + variant[1:]
    found = [f"Dit gaat over {variant}.", f"{capitalised} komt vaak voor."]
    if inflect:
        found.append(f"Er zijn twee {_dutch_plural(variant)}.")
    return found


@pytest.fixture(scope="module")
def real_termbase_repo(tmp_path_factory) -> MiniRepo:
    mini = MiniRepo(tmp_path_factory.mktemp("terms") / "repo")
    mini.write(
        "mkdocs.yml",
        "site_name: T\ndocs_dir: content\nexclude_docs: |\n  /_data/\nplugins:\n  - patienthub\n",
    )
    for name in ("organisations.yml", "terms.yml"):
        mini.write(f"content/_data/{name}", (DATA_DIR / name).read_text(encoding="utf-8"))
    variants = [(key, s) for key, text, inflect in _literal_variants() for s in _sentences(text, inflect)]
    preferred = [f"Dit gaat over {term.preferred}." for term in REAL.terms]
    preferred += [f"{term.preferred[:1].upper()}{term.preferred[1:]} komt vaak voor." for term in REAL.terms]
    mini.page("varianten.md", body="# Varianten\n\n" + "\n\n".join(s for _, s in variants) + "\n")
    mini.page("voorkeur.md", body="# Voorkeur\n\n" + "\n\n".join(preferred) + "\n")
    mini.expected = variants  # type: ignore[attr-defined]
    return mini


def test_every_avoid_variant_is_flagged_with_the_preferred_term(real_termbase_repo):
    project = load_project(real_termbase_repo.root / "mkdocs.yml")
    result = run(load_site(project, dt.date(2026, 11, 22)))
    by_line = {f.line: f for f in result.for_path("content/varianten.md") if f.rule == "terminology.avoid"}
    text_lines = (real_termbase_repo.content / "varianten.md").read_text(encoding="utf-8").split("\n")
    missing = []
    for key, sentence in real_termbase_repo.expected:
        line = text_lines.index(sentence) + 1
        found = by_line.get(line)
        term = REAL.by_key[key]
        # The suggestion names the preferred term, or the form of it the termbase gives for this variant.
        words = {term.preferred} | {t for p in term.avoid if p.fix for t in (p.fix.base, p.fix.plural) if t}
        if found is None or not any(w.casefold() in found.suggestion.casefold() for w in words):
            missing.append(sentence)
    assert missing == []


def test_pages_with_only_preferred_terms_get_no_terminology_finding(real_termbase_repo):
    project = load_project(real_termbase_repo.root / "mkdocs.yml")
    result = run(load_site(project, dt.date(2026, 11, 22)))
    assert [f for f in result.for_path("content/voorkeur.md") if f.rule.startswith("terminology.")] == []


def test_explained_words_cover_terms_and_their_forms():
    words = REAL.explained_words()
    assert {"facetgewricht", "facetgewrichten", "hernia's", "epidurale", "lage rugpijn"} <= words
    # An avoided variant gets its terminology finding, not also a rare-word warning.
    assert {"lumbago", "hnp"} <= words


def test_export_has_exactly_the_partner_fields():
    exported = REAL.export()
    assert all(set(item) == {"preferred", "avoid", "explanation", "codes"} for item in exported)
    hernia = next(item for item in exported if item["preferred"] == "hernia")
    assert "HNP" in hernia["avoid"] and hernia["codes"] == {"icd10": ["M51.1"]}
    assert json.loads(json.dumps(exported)) == exported


def write_terms(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "_data"
    data.mkdir(exist_ok=True)
    (data / "terms.yml").write_text(text, encoding="utf-8")
    return data


BROKEN = """\
terms:
  zonder-voorkeur:
    explanation: Uitleg.
  slechte-regex:
    preferred: slecht
    explanation: Uitleg.
    avoid:
      - regex: 'slecht(('
    examples: {flag: [x], pass: [slecht]}
  botsing:
    preferred: rugpijn
    explanation: Uitleg.
    avoid: [hernia]
    examples: {flag: [Een hernia.], pass: [Rugpijn.]}
  hernia:
    preferred: hernia
    explanation: Uitleg.
  fout-voorbeeld:
    preferred: wervel
    explanation: Uitleg.
    avoid: [vertebra]
    examples: {flag: [Een wervel.], pass: [Een vertebra.]}
  codes:
    preferred: rug
    explanation: Uitleg.
    source: NHG-Standaard Aspecifieke lagerugpijn (M54, 2017)
    codes: {icpc: [L3], icd10: [m545], kleur: [rood]}
  onbekend:
    preferred: zenuw
    explanation: Een uitleg die veel te lang is voor B1 omdat deze ene zin meer dan vijftien woorden telt.
    avoid: [nervus]
  met-typo:
    preferred: typo
    explanation: Uitleg.
    kleur: rood
"""


def test_malformed_entries_are_errors_that_name_the_entry_at_its_line(tmp_path):
    termbase = load(write_terms(tmp_path, BROKEN), tmp_path, None)
    lines = BROKEN.split("\n")

    def reported(rule: str, needle: str, text: str) -> bool:
        line = next(i for i, source in enumerate(lines, 1) if needle in source)
        return any(f.rule == rule and f.line == line and text in f.message for f in termbase.findings)

    invalid = "terminology.termbase-invalid"
    # The shape is the schema's (schema.*, at the key's own line); what the values mean is the termbase's.
    assert reported("schema.required", "zonder-voorkeur:", "In terms.zonder-voorkeur ontbreekt 'preferred'")
    assert reported(invalid, "regex: 'slecht((", "'slecht(('")
    assert reported(invalid, "avoid: [hernia]", "'hernia'")
    assert reported("terminology.example-failed", "flag: [Een wervel.]", '"Een wervel."')
    assert reported("terminology.example-failed", "flag: [Een wervel.]", '"Een vertebra."')
    assert reported("schema.unknown-key", "kleur: rood", "'kleur'")
    assert reported(invalid, "codes: {icpc: [L3]", "'L3' is geen geldige ICPC-code")
    assert reported(invalid, "codes: {icpc: [L3]", "onbekend codesysteem 'kleur'")
    assert termbase.by_key["codes"].codes == {"icpc": (), "icd10": ("M54.5",)}  # spelled canonically
    assert reported(invalid, "onbekend:", "geen voorbeeld")
    assert reported("terminology.termbase-style", "explanation: Een uitleg die", "langste heeft 18 woorden")
    assert reported("terminology.termbase-unsourced", "fout-voorbeeld:", "'fout-voorbeeld' noemt geen bron")
    assert not reported("terminology.termbase-unsourced", "  codes:", "")  # it names its source
    # Broken parts are left out; the rest of the termbase still works.
    assert "zonder-voorkeur" not in termbase.by_key and "met-typo" not in termbase.by_key
    assert termbase.by_key["botsing"].avoid == ()
    assert "fout-voorbeeld" in termbase.by_key


def test_missing_termbase_is_fine_by_default_and_an_error_when_configured(tmp_path):
    data = tmp_path / "_data"
    data.mkdir()
    assert load(data, tmp_path, None).terms == ()
    assert load(data, tmp_path, None).findings == ()
    configured = load(data, tmp_path, "woorden.yml")
    assert [f.rule for f in configured.findings] == ["schema.data-missing"]


def test_terms_command_prints_the_export_and_refuses_a_broken_termbase(repo):
    repo.write("content/_data/terms.yml", (DATA_DIR / "terms.yml").read_text(encoding="utf-8"))
    done = run_cli("terms", "--format", "json", cwd=repo.root)
    assert done.code == 0, done.stderr
    assert json.loads(done.stdout) == REAL.export()
    text = run_cli("terms", cwd=repo.root)
    assert text.code == 0 and "hernia (niet: HNP" in text.stdout
    repo.write("content/_data/terms.yml", BROKEN)
    broken = run_cli("terms", "--format", "json", cwd=repo.root)
    assert broken.code == 1 and broken.stdout == ""
    assert "terms.yml" in broken.stderr and "zonder-voorkeur" in broken.stderr


def _fix_variants():
    for term in REAL.terms:
        for phrase in term.avoid:
            if phrase.fix is not None:
                yield term, phrase


def test_the_real_termbase_opts_in_to_the_agreed_replacements_only():
    fixable = {(term.key, phrase.text): phrase.fix for term, phrase in _fix_variants()}
    assert fixable[("hernia", "HNP")].base == "hernia" and fixable[("hernia", "HNP")].plural == "hernia's"
    assert fixable[("alarmsignalen", "rode vlag")].plural == "alarmsignalen"
    assert fixable[("alarmsignalen", "rode vlag")].base is None  # "de rode vlag" is not "de alarmsignaal"
    assert fixable[("wervelkanaalstenose", "spinale stenose")].base == "wervelkanaalstenose"
    assert ("lage-rugpijn", "aspecifiek") not in fixable  # an adjective: no replacement fits every sentence
    assert ("lage-rugpijn", "spit") not in fixable  # "spit in mijn rug" is not "lage rugpijn in mijn rug"


@pytest.mark.parametrize(
    ("term", "phrase"),
    list(_fix_variants()),
    ids=lambda value: getattr(value, "key", getattr(value, "text", "")),
)
def test_every_replacement_leaves_a_sentence_the_check_accepts(term, phrase):
    forms = []
    if phrase.fix.base:
        forms.append((f"Dit gaat over {phrase.text}.", phrase.fix.base))
    if phrase.fix.plural:
        forms.append((f"Er zijn twee {_dutch_plural(phrase.text)}.", phrase.fix.plural))
    for sentence, target in forms:
        [hit] = REAL.avoided(sentence)
        found = sentence[hit.start : hit.end]
        replacement = term.replacement(phrase, found, at_sentence_start=False)
        assert replacement == target
        fixed = sentence[: hit.start] + replacement + sentence[hit.end :]
        assert REAL.avoided(fixed) == [], fixed


def test_replacement_keeps_capitals_and_curly_apostrophes():
    hernia = REAL.by_key["hernia"]
    hnp = next(p for p in hernia.avoid if p.text == "HNP")
    assert hernia.replacement(hnp, "HNP", at_sentence_start=True) == "Hernia"
    assert hernia.replacement(hnp, "HNP’s", at_sentence_start=False) == "hernia’s"
    assert hernia.replacement(hnp, "HNP-operatie", at_sentence_start=False) is None
    signals = REAL.by_key["alarmsignalen"]
    flag = next(p for p in signals.avoid if p.text == "rode vlag")
    assert signals.replacement(flag, "Rode vlaggen", at_sentence_start=True) == "Alarmsignalen"
    assert signals.replacement(flag, "rode vlag", at_sentence_start=False) is None


BAD_FIXES = """\
terms:
  hernia:
    preferred: hernia
    explanation: Uitleg.
    avoid:
      - {regex: 'hnp\\w*', fix: true}
      - {text: HNP, fix: {base: hernia}}
      - {text: discushernia, inflect: false, fix: {plural: hernia's}}
      - {text: hernia nuclei pulposi, fix: {base: lumbago}}
      - {text: prolaps, fix: {}}
    examples: {flag: [Een HNP.], pass: [Een hernia.]}
  lage-rugpijn:
    preferred: lage rugpijn
    explanation: Uitleg.
    avoid: [lumbago]
    examples: {flag: [Lumbago.], pass: [Rugpijn.]}
"""


def test_fix_problems_are_errors_at_their_line_and_leave_the_variant_reported_only(tmp_path):
    termbase = load(write_terms(tmp_path, BAD_FIXES), tmp_path, None)
    lines = BAD_FIXES.split("\n")
    invalid = [f for f in termbase.findings if f.rule == "terminology.termbase-invalid"]

    def reported(needle: str, text: str) -> bool:
        line = next(i for i, source in enumerate(lines, 1) if needle in source)
        return any(f.line == line and text in f.message for f in invalid)

    assert reported("regex: 'hnp", "reguliere expressie")
    assert reported("inflect: false", "meervoud")
    assert reported("base: lumbago", "'lumbago'")
    assert reported("prolaps", "geen vervanging")
    fixes = {phrase.shown: phrase.fix for phrase in termbase.by_key["hernia"].avoid}
    assert fixes["hernia nuclei pulposi"] is None and fixes["discushernia"] is None
    assert fixes["HNP"] is not None and fixes["HNP"].base == "hernia"


def test_a_misspelt_key_deep_in_a_variant_is_reported_at_its_line(tmp_path):
    text = BAD_FIXES.replace("fix: {base: hernia}}", "fix: {base: hernia, meervoud: hernias}}")
    termbase = load(write_terms(tmp_path, text), tmp_path, None)
    line = next(i for i, source in enumerate(text.split("\n"), 1) if "meervoud: hernias" in source)
    typo = [f for f in termbase.findings if f.rule == "schema.unknown-key"]
    assert [(f.line, "'meervoud'" in f.message) for f in typo] == [(line, True)]
    assert "hernia" not in termbase.by_key  # the schema refused the term: it is not used until it is fixed
