from patienthub.domain.outcome_data import Dataset, Keuzekaart, OutcomeLibrary
from patienthub.domain.references import find, resolve
from patienthub.text.datafiles import DataFile


def library() -> OutcomeLibrary:
    dataset = Dataset("hernia", DataFile("hernia.yml", {}), True, outcomes={})
    card = Keuzekaart("kaart", DataFile("kaart.yml", {}), True)
    return OutcomeLibrary({"hernia": dataset}, {"kaart": card})


def test_finds_references_with_their_file_lines_outside_code():
    body = "# T\n\n{{ uitkomsten: hernia }}\n\n```\n{{ keuzekaart: kaart }}\n```\n\n- punt\n\n"
    body += "    {{ 3-goede-vragen }}\n"
    found = find(body, first_line=10)
    assert [(r.kind, r.target, r.line, r.indented) for r in found] == [
        ("uitkomsten", "hernia", 12, False),
        ("3-goede-vragen", "", 20, True),
    ]


def test_resolves_known_names_and_explains_unknown_ones():
    lib = library()
    refs = find("{{ uitkomsten: hernia }}\n{{ keuzekaart:kaart}}\n{{ uitkomst: hernia/x }}\n{{ kaart: x }}\n")
    first, second, third, fourth = (resolve(r, lib) for r in refs)
    assert first.problem is None and first.dataset.key == "hernia"
    assert second.problem is None and second.keuzekaart.key == "kaart"
    assert "geen uitkomst in hernia 'x'" in third.problem
    assert "kies uit uitkomsten, uitkomst, keuzekaart, 3-goede-vragen" in fourth.problem


def test_three_questions_need_no_name_and_the_others_do():
    refs = find("{{ 3-goede-vragen }}\n{{ keuzekaart }}\n{{ 3-goede-vragen: x }}\n")
    results = [resolve(r, None) for r in refs]
    assert results[0].problem is None
    assert "ontbreekt de naam" in results[1].problem
    assert results[2].problem
