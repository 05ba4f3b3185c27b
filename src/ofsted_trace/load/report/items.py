"""The items a report leaves to track: its recommendations, or its "What needs to improve" points.

SIF reports (2013-2018) list numbered recommendations to the local authority under
"Recommendations", and the safeguarding board's in its own part of the report, numbered on
(101, 102, ...) or as bullets. ILACS reports (2018 on) list bullets under "What needs to
improve", "What needs to improve?" or "What needs to improve in this local authority?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COUNCIL = "council"
BOARD = "safeguarding-board"
_RECOMMENDATIONS = re.compile(r"^Recommendations:?$", re.I)
_IMPROVE = re.compile(r"^What needs to improve(?:\s+\(?in this local authority\)?)?\s*\??:?$",
                      re.I)
_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
# Bullet glyphs as PDF extractors render them, private-use symbol-font ones included.
_BULLET = re.compile(r"^[◼■▪•●◦‣∙·\uf0a7\uf0b7\uf0d8\uf076]\s*(\S.*)$|^[-–]\s+(\S.*)$")
_BOARD_PART = re.compile(r"^(?:The )?Local Safeguarding Children(?:’s|'s)? Board(?: \(LSCB\))?"
                         r"(?: is .*)?$")
_ENDED = re.compile(r"[.?!][’”'\")]*$")
_BOARD_NUMBERS = 100  # SIF numbers the board's paragraphs on from the report's own, past 100


@dataclass(frozen=True)
class Item:
    """One item as the report gives it: its number if any, to whom, and its verbatim text."""

    number: int | None
    addressed_to: str
    text: str


@dataclass(frozen=True)
class Section:
    """A list found under a heading: which layout, where it starts, and its items."""

    layout: str  # "SIF" (Recommendations) or "ILACS" (What needs to improve)
    start: int
    items: tuple[tuple[int | None, str], ...]


def find(lines: list[str | None]) -> tuple[str | None, list[Item]]:
    """The report's layout and every item, in order; lines of furniture are None."""
    sections = [s for s in (_section(lines, i) for i in range(len(lines))) if s is not None]
    items: list[Item] = []
    for k, section in enumerate(sections):
        board = section.layout == "SIF" and (
            any((n or 0) > _BOARD_NUMBERS for n, _ in section.items)
            or (k > 0 and _board_between(lines, sections[k - 1].start, section.start)))
        items += [Item(n, BOARD if board else COUNCIL, t) for n, t in section.items]
    return (sections[0].layout if sections else None), items


def _board_between(lines: list[str | None], start: int, stop: int) -> bool:
    return any(line is not None and _BOARD_PART.match(" ".join(line.split()))
               for line in lines[start:stop])


def _heading(lines: list[str | None], i: int) -> str | None:
    line = lines[i]
    if line is None:
        return None
    words = " ".join(line.split())
    if _RECOMMENDATIONS.match(words):
        return "SIF"
    following = next((x for x in lines[i + 1:i + 3] if x is not None and x.strip()), "")
    if _IMPROVE.match(words) or (words.startswith("What needs to improve")
                                 and _IMPROVE.match(f"{words} {' '.join(following.split())}")):
        return "ILACS"
    return None


def _marker(line: str) -> tuple[str, int | None, str] | None:
    """("number", n, rest) or ("bullet", None, rest) for a line that starts an item."""
    numbered = _NUMBERED.match(line)
    bullet = _BULLET.match(line)
    if numbered:
        found: tuple[str, int | None, str] = ("number", int(numbered.group(1)), numbered.group(2))
    elif bullet:
        found = ("bullet", None, bullet.group(1) or bullet.group(2))
    else:
        return None
    return found


def _section(lines: list[str | None], at: int) -> Section | None:
    """The list under the heading at line `at`, or None when there is no heading or no list."""
    layout = _heading(lines, at)
    if layout is None:
        return None
    kind: str | None = None
    items: list[tuple[int | None, str]] = []
    for raw in lines[at + 1:]:
        if raw is None or not raw.strip():
            continue  # furniture, or the blank lines of a page break
        line = " ".join(raw.split())
        marker = _marker(line)
        last = items[-1] if items else None
        if marker and (kind in (None, marker[0])) and _follows(last, marker[1]):
            kind = marker[0]
            items.append((marker[1], marker[2]))
        elif last is not None and (not _ENDED.search(last[1]) or line[0].islower()):
            items[-1] = (last[0], join(last[1], line))
        elif items:
            break
        elif not _continues_heading(layout, line):
            return None  # a heading with no list under it (a contents line, a paragraph)
    return Section(layout, at, tuple(items)) if items else None


def _continues_heading(layout: str, line: str) -> bool:
    # "What needs to improve in this local" / "authority?" over two lines.
    return layout == "ILACS" and bool(re.match(r"^\(?(?:in this )?(?:local )?authority\)?\??$",
                                                line))


def _follows(last: tuple[int | None, str] | None, number: int | None) -> bool:
    """A numbered item must come next in sequence; a later paragraph number ends the list."""
    return last is None or number is None or last[0] is None or number == last[0] + 1


def join(head: str, tail: str) -> str:
    """Two lines of one item: a compound's hyphen at a line end keeps the words together."""
    if re.search(r"[A-Za-z]-$", head):
        return head + tail
    return f"{head} {tail}"
