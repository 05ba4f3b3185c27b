"""Find a quote in a document's text, forgiving only whitespace, quote-mark and dash style."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ofsted_trace.model.dataset import Dataset

# Curly and straight quotes, and every dash, compare equal; nothing else is forgiven.
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...",
}
_ASCII_FOLD = {mark: plain for mark, plain in _FOLD.items() if mark.isascii()}


def normalised_text(ds: Dataset, doc_id: str) -> str | None:
    """The document's normalised text, normalised once and only when a quote needs it."""
    text = ds.texts.get(doc_id)
    if text is None and doc_id in ds.raw_texts:
        text = ds.texts[doc_id] = normalise(ds.raw_texts[doc_id])
    return text


def forget(ds: Dataset, doc_id: str) -> None:
    """Drop a document's normalised texts (200-400 KB for a 100 KB report); made again if asked."""
    ds.texts.pop(doc_id, None)
    ds.texts.pop(f"{doc_id}\0clean", None)


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


def has_marks(text: str) -> bool:
    """Whether text holds a quote mark or dash that normalising folds (and so no normal text)."""
    return not text.isascii() and any(mark in text for mark in _FOLD)


def normalise(text: str) -> str:
    """Fold quote marks and dashes, collapse whitespace, and drop spaces around dashes."""
    # str.replace per mark present, not str.translate with a table: translate maps character
    # by character in Python-object terms (~120 ns a character), and a 100 KB report holds
    # only a handful of kinds of mark, each replaced in one memchr-speed pass.
    # Most quotes are ASCII: they need look only for the marks that are (the backtick).
    for mark, plain in (_FOLD if not text.isascii() else _ASCII_FOLD).items():
        if mark in text:
            text = text.replace(mark, plain)
    text = " ".join(text.split())
    if "-" in text:
        # Spaces are single by now, so these two passes remove every space next to a dash.
        text = text.replace(" -", "-").replace("- ", "-")
    return text


# A quote is evidence only if it says something: at least this many words with a letter in
# them ("risk well", "." or a lone dash are not a finding anyone can check).
MIN_WORDS = 3
_WORD = re.compile(r"\w*[^\W\d_]\w*")


def too_short(quote: str) -> bool:
    """Whether a quote has fewer than MIN_WORDS words with a letter in them."""
    # Counting stops at MIN_WORDS: a whole paragraph need not be scanned to say it is long.
    return sum(1 for _ in itertools.islice(_WORD.finditer(quote), MIN_WORDS)) < MIN_WORDS


def _inside_word(text: str, at: int, edge: str) -> bool:
    """Whether a quote's edge character, meeting text[at], would continue a word there."""
    return (edge.isalnum() or edge == "_") and 0 <= at < len(text) and (
        text[at].isalnum() or text[at] == "_")


def find(quote: str, text: str) -> int:
    """Where quote stands in text beginning and ending on word boundaries, or -1.

    "regulated provision" is not in "unregulated provision": a match that starts or ends
    inside a word of the text would make the text say what it does not.
    """
    if not quote:
        return -1
    start = text.find(quote)
    while start >= 0:
        if not (_inside_word(text, start - 1, quote[0])
                or _inside_word(text, start + len(quote), quote[-1])):
            return start
        start = text.find(quote, start + 1)
    return -1


def alike(score: float) -> str:
    """A closest passage's similarity, rounded down: only a quote found is 100% alike."""
    return f"{min(math.floor(score), 99)}%"


_PROBE = 300


@dataclass(frozen=True)
class Near:
    """The passage of a text most like a quote, and how alike they are (0-100)."""

    passage: str
    score: float


def closest(quote: str, text: str) -> Near:
    """Find the passage of an already-normalised text closest to an already-normalised quote."""
    from ofsted_trace.check import similar  # rapidfuzz: only needed when a quote is wrong

    if not quote or not text:
        return Near("", 0.0)
    # The alignment costs quote length times text length: a pasted page as a "quote" would
    # hang check, so only its opening is looked for (excerpts are one to three sentences).
    found = similar.alignment(quote[:_PROBE], text)
    if found is None:
        return Near("", 0.0)
    start, end, score = found
    # Widen to whole words so the passage reads naturally.
    start = text.rfind(" ", 0, start) + 1
    stop = text.find(" ", end)
    passage = text[start:] if stop == -1 else text[start:stop]
    return Near(passage, score)
