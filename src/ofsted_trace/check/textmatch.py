"""Find a quote in a document's text, forgiving only whitespace, quote-mark and dash style."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ofsted_trace.model.dataset import Dataset

# Curly and straight quotes, and every dash, compare equal; nothing else is forgiven.
_TABLE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...",
})


# Typeset text sets a dash tight ("meetings—and"), typed text spaced ("meetings - and").
_DASH_SPACE = re.compile(r" ?- ?")


def normalised_text(ds: Dataset, doc_id: str) -> str | None:
    """The document's normalised text, normalised once and only when a quote needs it."""
    text = ds.texts.get(doc_id)
    if text is None and doc_id in ds.raw_texts:
        text = ds.texts[doc_id] = normalise(ds.raw_texts[doc_id])
    return text


def without_furniture(text: str, patterns: list[str]) -> str:
    """The text without its page-furniture lines: each a whole line matching a pattern."""
    furniture = re.compile("|".join(f"(?:{p})" for p in patterns))
    return "\n".join(line for line in text.splitlines()
                     if not furniture.fullmatch(line.strip()))


def clean_text(ds: Dataset, doc_id: str) -> str | None:
    """The normalised text with page furniture left out, or None if it declares none."""
    doc = ds.documents.get(doc_id)
    if doc is None or not doc.furniture or doc_id not in ds.raw_texts:
        return None
    key = f"{doc_id}\0clean"
    text = ds.texts.get(key)
    if text is None:
        text = ds.texts[key] = normalise(without_furniture(ds.raw_texts[doc_id], doc.furniture))
    return text


def normalise(text: str) -> str:
    """Fold quote marks and dashes, collapse whitespace, and drop spaces around dashes."""
    return _DASH_SPACE.sub("-", " ".join(text.translate(_TABLE).split()))


_PROBE = 300


@dataclass(frozen=True)
class Near:
    """The passage of a text most like a quote, and how alike they are (0-100)."""

    passage: str
    score: float


def closest(quote: str, text: str) -> Near:
    """Find the passage of an already-normalised text closest to an already-normalised quote."""
    from rapidfuzz import fuzz  # only needed when a quote is wrong

    if not quote or not text:
        return Near("", 0.0)
    # The alignment costs quote length times text length: a pasted page as a "quote" would
    # hang check, so only its opening is looked for (excerpts are one to three sentences).
    found = fuzz.partial_ratio_alignment(quote[:_PROBE], text)
    if found is None:
        return Near("", 0.0)
    start, end = found.dest_start, found.dest_end
    # Widen to whole words so the passage reads naturally.
    start = text.rfind(" ", 0, start) + 1
    stop = text.find(" ", end)
    passage = text[start:] if stop == -1 else text[start:stop]
    return Near(passage, round(found.score, 1))
