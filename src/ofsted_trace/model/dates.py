"""Dates known to a day, a month or only a year, as sources give them."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# English names, fixed: calendar.month_name follows the process locale, and asks strftime for
# every lookup (a tenth of a second over 26,000 gap messages).
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date with only the precision its source gives: YYYY, YYYY-MM or YYYY-MM-DD."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read a date from YAML: text, a year as a number, or a date object."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date like 2021-08-02, 2017-11 or 2019, got {value!r}")
        known = _READ.get(value)
        if known is not None:
            return known
        found = _READ[value] = cls._read(value)
        return found

    @classmethod
    def _read(cls, value: str) -> PartialDate:
        """A date from its text, checked to be a real one."""
        match = _PATTERN.match(value.strip())
        if not match:
            raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"'{value}' has no month {month}")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{value}' is not a real day: {MONTHS[month]} "
                                 f"{year} has {last} days")
        return cls(year, month, day)

    # Cached: a document's date is shared by all its findings, and sorting 100,000 of them
    # asks for it again and again. (A frozen dataclass still has a __dict__ to cache in.)
    @functools.cached_property
    def earliest(self) -> date:
        """The first day this date could mean."""
        return date(self.year, self.month or 1, self.day or 1)

    @functools.cached_property
    def latest(self) -> date:
        """The last day this date could mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """Spell the date for readers: 2 August 2021, November 2017, 2019."""
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)


# Each text read once: the same few hundred dates recur on every visit, document and action
# (2,200 of them at 100k excerpts). Only good dates are kept; a bad one raises every time.
_READ: dict[str, PartialDate] = {}

_DURATION = re.compile(r"^\s*(\d+)\s*(d|day|days|w|week|weeks|m|month|months|y|year|years)\s*$",
                       re.IGNORECASE)


def parse_duration(text: str) -> tuple[int, int]:
    """Read '18m', '2y', '90d' or '6 weeks' as (months, days)."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a duration; write e.g. 90d, 6w, 18m or 2y")
    count, unit = int(match.group(1)), match.group(2).lower()[0]
    return {"d": (0, count), "w": (0, 7 * count), "m": (count, 0), "y": (12 * count, 0)}[unit]


def months_before(day: date, months: int) -> date:
    """The same day of the month, months earlier (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def cutoff(day: date, months: int, days: int) -> date | None:
    """The day months and days before day, or None when that is before the calendar begins.

    None means nothing can be older than the cutoff (`--as-of 0001-01-01`, or
    `--stale-after 999999999d`).
    """
    try:
        return months_before(day, months) - timedelta(days=days)
    except (OverflowError, ValueError):
        return None
