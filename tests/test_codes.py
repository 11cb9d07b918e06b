import pytest

from patienthub.domain import codes


@pytest.mark.parametrize(
    ("system", "written", "expected"),
    [
        ("icd10", "M54.5", "M54.5"),
        ("icd10", "m54.5", "M54.5"),
        ("icd10", " M545 ", "M54.5"),
        ("icd10", "M54", "M54"),
        ("icd10", "M54.56", "M54.56"),
        ("icpc", "l03", "L03"),
        ("icpc", "L86.01", "L86.01"),
        ("snomed", 279039007, "279039007"),
        ("snomed", "279039007", "279039007"),
    ],
)
def test_valid_codes_get_one_canonical_spelling(system, written, expected):
    assert codes.canonical(system, written) == expected


@pytest.mark.parametrize(
    ("system", "written"),
    [
        ("icd10", "M54-5"),
        ("icd10", "54.5"),
        ("icd10", "M54.5.1"),
        ("icpc", "L3"),
        ("icpc", "LL03"),
        ("snomed", "0279039"),
        ("snomed", "12ab"),
        ("loinc", "1234-5"),
        ("icpc", "L０３"),  # full-width digits: another code in every GP system
        ("icpc", "L٠٣"),  # Arabic-Indic digits match \d too
        ("icd10", "M５４.5"),
        ("snomed", "２７９０３９００７"),
        ("icpc", "Ｌ03"),  # a full-width letter
    ],
)
def test_malformed_codes_and_unknown_systems_have_no_canonical_form(system, written):
    assert codes.canonical(system, written) is None


def test_icd10_is_served_with_and_without_dot_in_both_cases():
    assert codes.spellings("icd10", "M54.5") == ("M54.5", "m54.5", "M545", "m545")
    assert codes.spellings("icd10", "M54") == ("M54", "m54")


def test_icpc_and_snomed_spellings():
    assert codes.spellings("icpc", "L03") == ("L03", "l03")
    assert codes.spellings("snomed", "279039007") == ("279039007",)


def test_every_spelling_normalises_back_to_the_canonical_code():
    for system, code in (("icd10", "M54.5"), ("icd10", "M51.16"), ("icpc", "L86"), ("snomed", "279039007")):
        assert {codes.canonical(system, s) for s in codes.spellings(system, code)} == {code}
