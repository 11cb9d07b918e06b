import datetime as dt
import json
from pathlib import Path

from tests.conftest import REPO_ROOT

from patienthub.domain.outcome_data import load

DATASET = """\
title: Test
population: Volwassenen
groups:
  a: Groep A
sources:
  s:
    title: Bron
    year: 2020
    url: https://example.org
    retrieved: 2026-11-22
    via: Onderzoeksnotities
outcomes:
  herstel:
    measure: Hersteld
    says: waren hersteld
    time_frame: na 1 jaar
    source: s
    values:
      a: {per_100: 25, approximate: true, range: [20, 30]}
  woorden:
    measure: Minder pijn
    kind: words
    population: Alleen mensen met beenpijn
    time_frame: na 2 weken
    source: s
    text: Een beetje.
    why_no_numbers: Een score is geen aantal mensen.
"""

CARD = """\
title: Kiezen
for_whom: Iedereen
datasets: [test]
options:
  zelf: {label: Zelf, self_care: true}
  ander: {label: Ander}
rows:
  - question: Wat houdt het in?
    answers: {zelf: Bewegen., ander: Oefenen.}
sources:
  - title: Bron
"""


def write(root: Path, folder: str, name: str, text: str) -> None:
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder / name).write_text(text, encoding="utf-8")


def test_a_dataset_becomes_typed_outcomes_with_lines(tmp_path):
    write(tmp_path, "outcomes", "test.yml", DATASET)
    library = load(tmp_path, tmp_path, "outcomes", "keuzekaarten")
    assert library.findings == ()
    dataset = library.datasets["test"]
    assert dataset.valid and dataset.path == "outcomes/test.yml"
    herstel = library.outcome("test", "herstel")
    assert herstel.is_frequency and herstel.population == "Volwassenen" and herstel.line == 13
    assert herstel.source.retrieved == dt.date(2026, 11, 22) and herstel.source.via == "Onderzoeksnotities"
    (value,) = herstel.values
    assert (value.per_100, value.approximate, value.range, value.line) == (25, True, (20, 30), 19)
    woorden = dataset.outcomes["woorden"]
    assert woorden.kind == "words" and woorden.population == "Alleen mensen met beenpijn"


def test_a_keuzekaart_becomes_options_and_rows(tmp_path):
    write(tmp_path, "keuzekaarten", "kaart.yml", CARD)
    card = load(tmp_path, tmp_path, "outcomes", "keuzekaarten").keuzekaarten["kaart"]
    assert card.valid
    assert [(o.key, o.self_care) for o in card.options] == [("zelf", True), ("ander", False)]
    assert card.rows[0].answers == {"zelf": "Bewegen.", "ander": "Oefenen."} and card.rows[0].line == 8


def test_a_file_that_does_not_match_the_schema_is_known_but_not_valid(tmp_path):
    write(tmp_path, "outcomes", "kapot.yml", DATASET.replace("title: Test\n", ""))
    write(tmp_path, "keuzekaarten", "kapot.yml", CARD.replace("datasets: [test]", "datasets: test"))
    library = load(tmp_path, tmp_path, "outcomes", "keuzekaarten")
    assert not library.datasets["kapot"].valid and not library.keuzekaarten["kapot"].valid
    assert sorted(f.rule for f in library.findings) == ["schema.required", "schema.type"]
    assert {f.path for f in library.findings} == {"outcomes/kapot.yml", "keuzekaarten/kapot.yml"}


def test_numbers_outside_the_schema_get_dutch_findings_with_a_suggestion(tmp_path):
    wrong = DATASET.replace("year: 2020", "year: 1850").replace(
        "range: [20, 30]", "range: [20, 25, 30], events: -1"
    )
    write(tmp_path, "outcomes", "fout.yml", wrong)
    findings = load(tmp_path, tmp_path, "outcomes", "keuzekaarten").findings
    messages = sorted((f.line, f.message) for f in findings)
    assert messages == [
        (8, "sources.s.year: 1850 kan niet; het kleinste toegestane getal is 1900."),
        (19, "outcomes.herstel.values.a.events: -1 kan niet; het kleinste toegestane getal is 0."),
        (19, "outcomes.herstel.values.a.range heeft 3 waarden; het maximum is 2."),
    ]
    assert all(f.rule == "schema.invalid" and f.suggestion for f in findings)


def test_missing_folders_mean_no_data(tmp_path):
    library = load(tmp_path, tmp_path, "outcomes", "keuzekaarten")
    assert not library.datasets and not library.keuzekaarten and library.findings == ()


def test_the_data_schemas_are_associated_with_the_data_files_in_vs_code():
    settings = json.loads((REPO_ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas["./tools/patienthub/schemas/outcomes.schema.json"] == ["content/_data/outcomes/*.yml"]
    assert schemas["./tools/patienthub/schemas/keuzekaart.schema.json"] == [
        "content/_data/keuzekaarten/*.yml"
    ]


def test_patient_texts_are_every_shown_text_at_its_line(tmp_path):
    write(tmp_path, "outcomes", "test.yml", DATASET)
    write(tmp_path, "keuzekaarten", "kaart.yml", CARD)
    texts = [
        (t.path, t.line, t.text) for t in load(tmp_path, tmp_path, "outcomes", "keuzekaarten").patient_texts()
    ]
    assert ("outcomes/test.yml", 2, "Volwassenen") in texts
    assert ("outcomes/test.yml", 4, "Groep A") in texts
    assert ("outcomes/test.yml", 16, "na 1 jaar") in texts
    assert ("outcomes/test.yml", 27, "Een score is geen aantal mensen.") in texts
    assert ("keuzekaarten/kaart.yml", 8, "Wat houdt het in?") in texts
    assert ("keuzekaarten/kaart.yml", 9, "Oefenen.") in texts
    # Not shown as prose: source titles, keys, numbers.
    assert not [t for t in texts if t[2] in ("Bron", "s", "test")]
