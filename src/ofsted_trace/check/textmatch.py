"""Find a quote in a document's text, forgiving only whitespace, quote-mark and dash style."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

# normalise and without_furniture are this module's too, for the checks and edits that match.
from ofsted_trace.load.normal import FOLD, clean_key
from ofsted_trace.load.normal import normalise as normalise
from ofsted_trace.load.normal import without_furniture as without_furniture

if TYPE_CHECKING:
    from ofsted_trace.model.dataset import Dataset


def normalised_text(ds: Dataset, doc_id: str) -> str | None:
    """The document's normalised text, normalised once and only when a quote needs it."""
    text = ds.texts.get(doc_id)
    if text is None and doc_id in ds.raw_texts:
        text = ds.texts[doc_id] = normalise(ds.raw_texts[doc_id])
    return text


def forget(ds: Dataset, doc_id: str) -> None:
    """Drop a document's normalised texts (200-400 KB for a 100 KB report); made again if asked."""
    ds.texts.pop(doc_id, None)
    ds.texts.pop(clean_key(doc_id), None)


def clean_text(ds: Dataset, doc_id: str) -> str | None:
    """The normalised text with page furniture left out, or None if it declares none."""
    doc = ds.documents.get(doc_id)
    if doc is None or not doc.furniture or doc_id not in ds.raw_texts:
        return None
    key = clean_key(doc_id)
    text = ds.texts.get(key)
    if text is None:
        text = ds.texts[key] = normalise(without_furniture(ds.raw_texts[doc_id], doc.furniture))
    return text


def has_marks(text: str) -> bool:
    """Whether text holds a quote mark or dash that normalising folds (and so no normal text)."""
    return not text.isascii() and any(mark in text for mark in FOLD)


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
