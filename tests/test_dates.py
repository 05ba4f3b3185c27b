"""Partial dates and durations."""

from __future__ import annotations

from datetime import date

import pytest

from ofsted_trace.model.dates import PartialDate, months_before, parse_duration


@pytest.mark.parametrize(("value", "text", "earliest", "latest"), [
    ("2021-08-02", "2021-08-02", date(2021, 8, 2), date(2021, 8, 2)),
    ("2017-11", "2017-11", date(2017, 11, 1), date(2017, 11, 30)),
    (2019, "2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("2020-02", "2020-02", date(2020, 2, 1), date(2020, 2, 29)),
    (date(2018, 7, 3), "2018-07-03", date(2018, 7, 3), date(2018, 7, 3)),
])
def test_parse_keeps_precision(value: object, text: str, earliest: date, latest: date) -> None:
    d = PartialDate.parse(value)
    assert (str(d), d.earliest, d.latest) == (text, earliest, latest)


@pytest.mark.parametrize(("value", "message"), [
    ("2021-02-30", "February 2021 has 28 days"),
    ("2021-13", "no month 13"),
    ("August 2021", "is not a date"),
    ("2021/08/02", "is not a date"),
    (True, "expected a date"),
])
def test_parse_refuses_with_reason(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(value)


def test_human_spelling() -> None:
    assert PartialDate.parse("2021-08-02").human() == "2 August 2021"
    assert PartialDate.parse("2017-11").human() == "November 2017"
    assert PartialDate.parse("2019").human() == "2019"


@pytest.mark.parametrize(("text", "expected"), [
    ("18m", (18, 0)), ("2y", (24, 0)), ("90d", (0, 90)), ("6 weeks", (0, 42)), ("1 Year", (12, 0)),
])
def test_durations(text: str, expected: tuple[int, int]) -> None:
    assert parse_duration(text) == expected


def test_bad_duration() -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("soon")


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(date(2021, 3, 31), 1) == date(2021, 2, 28)
    assert months_before(date(2021, 8, 2), 12) == date(2020, 8, 2)
    assert months_before(date(2021, 1, 15), 13) == date(2019, 12, 15)
