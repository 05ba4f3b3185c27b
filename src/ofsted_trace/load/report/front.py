"""A report's front page: the inspection dates, the publication date, each judgement by area."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_MONTH = "(" + "|".join(m.capitalize() for m in _MONTHS) + ")"
# "25 April – 18 May 2017", "13 May to 24 May 2019", "10 to 14 June 2024", "2 and 3 May 2018"
_RANGE = re.compile(rf"(\d{{1,2}})(?:\s+{_MONTH})?(?:\s+(\d{{4}}))?\s*(?:to|–|-|—|and)\s*"
                    rf"(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})")
_ONE_DAY = re.compile(rf"(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})")
_DATES_LINE = re.compile(r"^\s*Inspection dates?\s*:\s*(.+)$", re.M)
_PUBLISHED_LINE = re.compile(r"^\s*Report published\s*:\s*(.+)$", re.M)
GRADE = r"(Outstanding|Good|Requires improvement to be good|Requires improvement|Inadequate)"
_GRADED = re.compile(rf"^(?:\d+(?:\.\d+)*\.?\s+)?(.*?)\s*\b{GRADE}$")
_OVERALL_SIF = re.compile(r"^Children(?:’|')s services in .+? (?:are|is|requires?) "
                          r"(outstanding|good|requires? improvement(?: to be good)?|inadequate)$",
                          re.I)
_BOARD = re.compile(r"^The Local Safeguarding Children(?:’s|'s)? Board is "
                    r"(outstanding|good|requires? improvement(?: to be good)?|inadequate)\b",
                    re.I | re.M)
_RESET = re.compile(r"^(?:Judgement\s+Grade|Inspection dates?|Report published|Lead inspector)\b")
_FRONT_END = re.compile(r"^(?:Executive summary|Contents|What needs to improve|Recommendations)",
                        re.I)
_MAX_AREA_WORDS = 16
_FRONT_LINES = 80


def dates(text: str) -> dict[str, str | None]:
    """{"start", "end", "published"} as YYYY-MM-DD, each None when the report does not say."""
    start = end = published = None
    found = _DATES_LINE.search(text)
    if found:
        start, end = _span(found.group(1))
    stated = _PUBLISHED_LINE.search(text)
    if stated:
        day = _ONE_DAY.search(stated.group(1))
        published = _iso(day.group(1), day.group(2), day.group(3)) if day else None
    return {"start": start, "end": end, "published": published}


def _span(words: str) -> tuple[str | None, str | None]:
    found = _RANGE.search(words)
    if found:
        d1, m1, y1, d2, m2, y2 = found.groups()
        return _iso(d1, m1 or m2, y1 or y2), _iso(d2, m2, y2)
    day = _ONE_DAY.search(words)
    if day:
        one = _iso(day.group(1), day.group(2), day.group(3))
        return one, one
    return None, None


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(year), _MONTHS[month.lower()], int(day)).isoformat()
    except ValueError:
        return None


def judgements(text: str) -> dict[str, str]:
    """Each judgement by area, as the front page gives it; the overall one is keyed "overall"."""
    found: dict[str, str] = {}
    held: list[str] = []  # an area's words, when they run over several lines
    for raw in _front(text):
        line = " ".join(raw.split())
        sif = _OVERALL_SIF.match(line)
        graded = _GRADED.match(line)
        if sif:
            found["overall"] = _grade(sif.group(1))
            held = []
        elif not line or _RESET.match(line):
            held = []
        elif graded:
            area = " ".join([*held, graded.group(1)]).strip()
            held = []
            if area and len(area.split()) <= _MAX_AREA_WORDS:
                found[_area(area)] = _grade(graded.group(2))
        else:
            held.append(re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", line))
    board = _BOARD.search(text)
    if board:
        found["local safeguarding children board"] = _grade(board.group(1))
    return found


def _front(text: str) -> list[str]:
    lines = text.splitlines()[:_FRONT_LINES]
    for i, line in enumerate(lines):
        if i and _FRONT_END.match(line.strip()):
            return lines[:i]
    return lines


def _area(words: str) -> str:
    """An area in lower case, as the dataset writes it; "overall effectiveness" is "overall"."""
    lowered = words[0].lower() + words[1:] if not words[1:2].isupper() else words
    return "overall" if lowered.lower() == "overall effectiveness" else lowered


def _grade(words: str) -> str:
    grade = words.lower()
    return "requires improvement" if grade == "require improvement" else grade
