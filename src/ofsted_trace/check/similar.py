"""How alike two texts are (rapidfuzz, in C): the only module that imports rapidfuzz."""

from __future__ import annotations

from collections.abc import Iterable

# rapidfuzz (~30 ms to import) is imported by each function that scores: a dataset with no
# unknown reference and no misquoted excerpt never asks for it.

# The ids to match against, listed once per table and reused for every unknown reference.
Choices = list[str]
# difflib.get_close_matches' default cutoff of 0.6, on rapidfuzz's 0-100 scale of the same ratio.
_CUTOFF = 60.0


def choices(ids: Iterable[str]) -> Choices:
    """The ids to match against, in their own order (ties keep it)."""
    return list(ids)


def close(ref: str, ids: Choices, n: int = 3) -> list[str]:
    """Up to n ids most like ref, best first; none below the cutoff.

    process.extract scores in C and skips a candidate as soon as it cannot reach the cutoff,
    where difflib scored every pair in Python: 8,000 unknown ids took two minutes.
    """
    from rapidfuzz import fuzz, process

    found = process.extract(ref, ids, scorer=fuzz.ratio, limit=n, score_cutoff=_CUTOFF)
    return [match for match, _score, _index in found]


def alignment(quote: str, text: str) -> tuple[int, int, float] | None:
    """Where in text the passage most like quote lies (start, end), and how alike (0-100)."""
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(quote, text)
    return None if found is None else (found.dest_start, found.dest_end, found.score)


def best_texts(text: str, choices: dict[str, str], n: int = 2) -> list[tuple[str, float]]:
    """The keys of choices whose texts share most words with text, best first (0-100)."""
    from rapidfuzz import fuzz, process

    found = process.extract(text, choices, scorer=fuzz.token_set_ratio, limit=n)
    return [(str(key), score) for _text, score, key in found]
