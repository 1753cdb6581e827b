"""Dates as workshops write them, and the property that parsing never fails in a foreign way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.dates import DateError, parse_date, parse_span


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014", "2014"),
        (2014, "2014"),
        (2014.0, "2014"),
        ("2014-06", "2014-06"),
        ("06/2014", "2014-06"),
        ("15/06/2014", "2014-06-15"),
        (dt.date(2014, 6, 15), "2014-06-15"),
        ("Q2 2014", "Q2 2014"),
        ("2T 2014", "Q2 2014"),
        ("T2 2014", "Q2 2014"),
        ("Quarter 2 2014", "Q2 2014"),
        ("2Q 2014", "Q2 2014"),
        ("2014 Q3", "Q3 2014"),
        ("June 2014", "2014-06"),
        ("junio 2014", "2014-06"),
        ("juin 2014", "2014-06"),
        ("Jun-14", "2014-06"),
        ("févr. 2013", "2013-02"),
        ("diciembre de 2013", "2013-12"),
        ("1er trimestre 2015", "Q1 2015"),
    ],
)
def test_forms(value: object, expected: str) -> None:
    assert str(parse_date(value)) == expected


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2013-2015", "2013", "2015"),
        ("Q1 2013 – Q4 2014", "Q1 2013", "Q4 2014"),
        ("2013 a 2015", "2013", "2015"),
        ("mars 2013 à juin 2014", "2013-03", "2014-06"),
        ("2014", "2014", "2014"),
    ],
)
def test_spans(value: str, start: str, end: str) -> None:
    assert tuple(map(str, parse_span(value))) == (start, end)


@pytest.mark.parametrize("value", ["soon", "31/02/2014", "Q5 2014", "", True, 12.5])
def test_not_dates(value: object) -> None:
    with pytest.raises(DateError):
        parse_date(value)


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.dates()))
def test_parse_returns_or_raises_date_error(value: object) -> None:
    try:
        parse_date(value)
        parse_span(value)
    except DateError:
        pass


def test_a_period_joined_by_any_languages_range_word_is_read() -> None:
    from pipeline.dates import period_years

    for text in ("2012 to 2016", "2012 a 2016", "2012 hasta 2016", "2012 au 2016", "2012 até 2016"):
        assert period_years(text) == (2012, 2016), text
    assert period_years("2012 then 2016") is None  # no language joins a period so
