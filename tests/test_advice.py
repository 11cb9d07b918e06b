from pathlib import Path

import pytest

from conftest import REPO_ROOT
from patienthub.domain.advice import KeyMessage, example_holds, include, load, references

DATA_DIR = REPO_ROOT / "content" / "_data"
REAL = load(DATA_DIR, REPO_ROOT, None, None)


def test_the_real_advice_rules_and_key_messages_are_valid():
    assert REAL.findings == ()
    assert {"bedrust", "foto-of-scan-routine"} <= {rule.key for rule in REAL.rules}
    assert {"blijf-bewegen", "foto-meestal-niet-nodig"} <= set(REAL.key_messages)
    assert all("NHG" in rule.message or "KNGF" in rule.message for rule in REAL.rules)


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, example) for rule in REAL.rules for example in rule.examples],
    ids=lambda value: getattr(value, "key", None) or getattr(value, "text", "")[:40],
)
def test_every_advice_example(rule, example):
    assert example_holds(REAL, rule, example), f"{rule.key}: {example.text!r} (flag={example.flag})"


def test_a_rule_fires_once_per_clause_and_negation_is_per_clause():
    text = "Blijf niet in bed liggen. Neem wel een paar dagen bedrust in bed.\nBedrust helpt niet, maar bedrust wel."
    hits = REAL.contradictions(text)
    assert [(h.item.key, text[h.start : h.end]) for h in hits] == [
        ("bedrust", "bedrust"),
        ("bedrust", "bedrust"),
    ]
    assert hits[1].start == text.rindex("bedrust")


def test_references_are_found_outside_code_with_their_position():
    body = (
        "Tekst.\n\n[[kernboodschap: blijf-bewegen]]\n\n`[[kernboodschap: code]]`\n\n"
        "```\n[[kernboodschap: x]]\n```\n"
    )
    found = references(body, first_line=10)
    assert [(r.key, r.line, r.column) for r in found] == [("blijf-bewegen", 12, 1)]
    assert [r.key for r in references("Zie [[ Kernboodschap blijf-bewegen ]].")] == ["blijf-bewegen"]


MESSAGES = {"kort": KeyMessage("kort", "Blijf bewegen.\nZo goed als het gaat.", "NHG")}


def test_a_reference_on_its_own_line_becomes_the_message_block_indented_like_it():
    markdown = "- Eerst dit.\n- [[kernboodschap: kort]]\n\nEinde.\n"
    assert (
        include(markdown, MESSAGES) == "- Eerst dit.\n- Blijf bewegen.\n  Zo goed als het gaat.\n\nEinde.\n"
    )


def test_a_reference_inside_a_sentence_becomes_one_line_and_unknown_ones_stay_visible():
    markdown = "Onthoud: [[kernboodschap: kort]] En [[kernboodschap: onbekend]]."
    assert include(markdown, MESSAGES) == (
        "Onthoud: Blijf bewegen. Zo goed als het gaat. En [[kernboodschap: onbekend]]."
    )


BROKEN_RULES = """\
rules:
  zonder-bron:
    phrases: [bedrust]
    message: Fout.
    examples: {flag: [Bedrust.], pass: [Bewegen.]}
  slechte-regex:
    phrases: [{regex: 'bed(('}]
    message: Fout.
    source: NHG
    examples: {flag: [x], pass: [y]}
  zonder-voorbeelden:
    phrases: [rust]
    message: Fout.
    source: NHG
"""
BROKEN_MESSAGES = """\
Hoofdletters:
  text: Tekst.
  source: NHG
zonder-tekst:
  source: NHG
lus:
  text: "Zie [[kernboodschap: lus]]."
  source: NHG
"""


def test_malformed_rules_and_key_messages_name_the_entry_at_its_line(tmp_path: Path):
    data = tmp_path / "_data"
    data.mkdir()
    (data / "advice.yml").write_text(BROKEN_RULES, encoding="utf-8")
    (data / "kernboodschappen.yml").write_text(BROKEN_MESSAGES, encoding="utf-8")
    book = load(data, tmp_path, None, None)
    found = {
        (f.rule, f.line, f.message.split(":")[0].split(" mist")[0].split(" heeft")[0]) for f in book.findings
    }
    # The shape is the schema's (schema.*); what the values mean is the advice book's.
    assert ("schema.required", 2, "In rules.zonder-bron ontbreekt 'source'.") in found
    assert ("advice.rules-invalid", 7, "Adviesregel 'slechte-regex', item 1") in found
    assert ("advice.rules-invalid", 11, "Adviesregel 'zonder-voorbeelden'") in found
    assert ("schema.format", 1, "De sleutel 'Hoofdletters'") in found
    assert ("schema.required", 4, "In zonder-tekst ontbreekt 'text'.") in found
    assert (
        "advice.key-messages-invalid",
        7,
        "Kernboodschap 'lus' verwijst naar een andere kernboodschap; dat kan niet.",
    ) in found
    # Broken entries are left out; a rule that only lacks examples is reported and still used.
    assert [rule.key for rule in book.rules] == ["zonder-voorbeelden"] and book.key_messages == {}


def test_configured_files_must_exist(tmp_path: Path):
    book = load(tmp_path, tmp_path, "regels.yml", "boodschappen.yml")
    assert [f.rule for f in book.findings] == ["schema.data-missing", "schema.data-missing"]
