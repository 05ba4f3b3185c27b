"""Spot text that looks like a person's details, so it never reaches a published report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_DATE = r"\d{1,2}(?:[/.-]\d{1,2}[/.-]\d{2,4}|(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4})"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "date-of-birth": re.compile(
        rf"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\s*[:\-]?\s*{_DATE}", re.IGNORECASE),
    "nhs-number": re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])"),
    "postcode": re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b"),
    "phone": re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}"
                        r"(?!\d)"),
    "email": re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b"),
}
KINDS: tuple[str, ...] = (*_PATTERNS, "case-id")
# Every built-in pattern needs a digit or an '@'; text without one is skipped in one scan.
_MAYBE = re.compile(r"[\d@]")


@dataclass(frozen=True)
class Match:
    """One stretch of text that looks like personal data."""

    kind: str
    start: int
    end: int
    text: str


def _nhs_valid(digits: str) -> bool:
    """Check the NHS number's modulus-11 check digit."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def find(text: str, case_ids: Sequence[re.Pattern[str]] = ()) -> list[Match]:
    """Every personal-data match in text, in order of position."""
    found: list[Match] = []
    for kind, pattern in _PATTERNS.items() if _MAYBE.search(text) else ():
        for m in pattern.finditer(text):
            if kind == "nhs-number" and not _nhs_valid(re.sub(r"\D", "", m.group())):
                continue
            found.append(Match(kind, m.start(), m.end(), m.group()))
    for pattern in case_ids:
        found.extend(Match("case-id", m.start(), m.end(), m.group())
                     for m in pattern.finditer(text) if m.group())
    # A valid NHS number is also shaped like a phone number; report it once, as the stronger.
    nhs = {(m.start, m.end) for m in found if m.kind == "nhs-number"}
    found = [m for m in found if not (m.kind == "phone" and (m.start, m.end) in nhs)]
    return sorted(found, key=lambda m: (m.start, m.kind))


def redact(text: str, matches: Iterable[Match]) -> str:
    """Mask each match with a label naming what was removed."""
    out, last = [], 0
    for m in sorted(matches, key=lambda m: m.start):
        if m.start < last:
            continue
        out.append(text[last:m.start])
        out.append(f"[{m.kind} removed]")
        last = m.end
    out.append(text[last:])
    return "".join(out)
