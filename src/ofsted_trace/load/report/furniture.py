"""Page furniture of an extracted report: page numbers and running headers, as line patterns."""

from __future__ import annotations

import re
from collections import Counter

PAGE_NUMBER = r"\d{1,3}"
# A running header or footer is on most pages; three sightings is the least that says "pages".
_REPEATS = 3
# Shorter repeated lines are table cells and headings ("Good", "Summary"), not furniture.
_WORDS = 4
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.:;,]$")


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def patterns(text: str) -> list[str]:
    """Whole-line patterns for the lines that repeat as page furniture, most frequent first.

    A lone page number always counts; any other line counts when it recurs, digits aside
    (a page number or date inside a footer), at least three times with four words or more.
    """
    shapes = Counter(_shape(line) for line in text.splitlines() if line.strip())
    found = []
    for shape, count in shapes.most_common():
        if count < _REPEATS:
            break
        if shape == "#":
            found.append(PAGE_NUMBER)
        elif len(shape.split()) >= _WORDS and not _SENTENCE_END.search(shape):
            found.append(_pattern(shape))
    return found


def _pattern(shape: str) -> str:
    """A shape as a regular expression: its words exact, any spacing, any digits."""
    words = [r"\d+".join(re.escape(part) for part in word.split("#")) for word in shape.split()]
    return r"\s+".join(words)


def matcher(found: list[str]) -> re.Pattern[str] | None:
    """One expression matching any furniture line in full (after stripping), or None."""
    return re.compile("|".join(f"(?:{p})" for p in found)) if found else None
