import datetime as dt

import pytest

from patienthub.core.dates import dutch_date, parse_iso


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 3, 12), "12 maart 2026"),
        (dt.date(2029, 1, 1), "1 januari 2029"),
        (dt.date(2026, 5, 31), "31 mei 2026"),
    ],
)
def test_dutch_long_dates(day, text):
    assert dutch_date(day) == text


@pytest.mark.parametrize("text", ["22-11-2026", "2026-2-3", "2026-02-30", "gisteren"])
def test_parse_iso_is_strict(text):
    with pytest.raises(ValueError):
        parse_iso(text)


def test_the_run_date_is_the_fixed_one_when_set(monkeypatch):
    from patienthub.core.dates import TODAY_VARIABLE, run_date

    monkeypatch.setenv(TODAY_VARIABLE, "2026-11-22")
    assert run_date() == dt.date(2026, 11, 22)
    monkeypatch.delenv(TODAY_VARIABLE)
    assert run_date() == dt.date.today()
    monkeypatch.setenv(TODAY_VARIABLE, "22-11-2026")
    with pytest.raises(ValueError, match="geen datum"):
        run_date()
