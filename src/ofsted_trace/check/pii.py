"""Spot text that looks like a person's details, so it never reaches a published report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
# Day-month-year in figures, year-month-day (padded or not), and a month by name with the
# parts spaced, hyphenated or slashed ("3 April, 2012", "03-Apr-2012"). \s takes a NBSP too.
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
         rf"|{_ORDINAL}(?:\s+of)?[\s/-]+{_MONTH}[\s/,-]+\d{{4}}"
         rf"|{_MONTH}[\s-]+{_ORDINAL},?\s+\d{{4}})")
_PATTERNS: dict[str, re.Pattern[str]] = {
    # Only a date introduced as a birth date: letters and reports are full of other dates.
    "date-of-birth": re.compile(
        rf"\b(?:d\.?o\.?b\b\.?|date[\s_-]+of[\s_-]+birth|born(?:\s+on)?(?:\s+the)?)\s*[:\-]?\s*"
        rf"{_DATE}",
        re.IGNORECASE),
    # Groups split by any space (a NBSP too), a hyphen or a dot; not part of a longer number.
    "nhs-number": re.compile(r"(?<![\d.-])\d{3}[\s.-]?\d{3}[\s.-]?\d{4}(?![\d-]|\.\d)"),
    "postcode": re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s{0,2}\d[ABD-HJLNP-UW-Z]{2}\b"),
    # UK numbers, national (0...) or international (+44..., 0044...), grouped by spaces, hyphens
    # or dots; group 1 is the first digit after the trunk prefix, which tells a personal number
    # from an organisation's (see _phone_valid).
    "phone": re.compile(r"(?<![\w+.])(?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?\(?|\(?0)([1-9])"
                        r"\d{1,3}\)?[\s.-]?\d{3,4}[\s.-]?\d{2,4}(?![\d-]|\.\d)"),
    # Bounded like real addresses (64-character local part, 63-character labels): unbounded,
    # a long run such as "a.a.a..." makes the search quadratic.
    "email": re.compile(r"\b[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\b"),
}
# 01 and 02 are geographic, 07 mobile: a person's. 03, 05, 08 and 09 are non-geographic
# numbers that organisations publish (Ofsted's 0300 123 1231), so they are not personal data.
_PERSONAL_PHONE = frozenset("127")
KINDS: tuple[str, ...] = (*_PATTERNS, "case-id")
# Every built-in pattern but the email address needs a digit; ASCII text (most of it) is
# searched with [0-9], three times faster than \\d, which must also try every script's digits.
_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")
# What each pattern cannot match without, so that prose and ids (with a year, an age, or a
# number like "doc0001-001") are passed after one more scan rather than five: seven digits in
# three groups (an NHS number, a phone number: "01234 567890" holds "34 567890"), or a digit
# before two capitals (a postcode's inward part); or a birth date's introducing word.
_GATE = re.compile(r"\d(?:\d\)?[\s.-]?\d{3,4}[\s.-]?\d\d|[A-Z]{2})")
_BIRTH = ("birth", "born", "dob", "d.o", "do.b")  # date of birth, born on, DOB, d.o.b., do.b


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


def _phone_valid(m: re.Match[str]) -> bool:
    """A personal UK number: geographic or mobile, with 9 or 10 digits after the 0 or +44."""
    digits = re.sub(r"\D", "", m.group())
    if m.group().startswith(("+", "00")):
        national = digits[4 if digits.startswith("0044") else 2:].removeprefix("0")
    else:
        national = digits[1:]
    return m.group(1) in _PERSONAL_PHONE and len(national) in (9, 10)


def masked(text: str) -> str:
    """A match shown in a message without repeating it: first and last character only."""
    return text[0] + "…" + text[-1] if len(text) > 2 else "…"


def could_match(text: str) -> bool:
    """Whether any built-in pattern might match: False proves that none does."""
    if "@" in text:
        return True
    if (_ASCII_DIGIT if text.isascii() else _DIGIT).search(text) is None:
        return False
    if _GATE.search(text) is not None:
        return True
    lower = text.lower()
    return any(word in lower for word in _BIRTH)


def find(text: str, case_ids: Sequence[re.Pattern[str]] = ()) -> list[Match]:
    """Every personal-data match in text, in order of position."""
    maybe = could_match(text)
    if not case_ids and not maybe:
        return []  # the common case, 500,000 times at 100k excerpts: nothing to look at
    found: list[Match] = []
    for kind, pattern in _PATTERNS.items() if maybe else ():
        for m in pattern.finditer(text):
            if kind == "nhs-number" and not _nhs_valid(re.sub(r"\D", "", m.group())):
                continue
            if kind == "phone" and not _phone_valid(m):
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
