"""A text's normal form for finding quotes in it, and a document's normal texts for the checks.

Quote marks and dashes fold, whitespace collapses, and nothing else is forgiven. This sits
below check/ so that the load's worker processes can normalise a document's text while the
main process checks the file before it (load/parallel.py).
"""

from __future__ import annotations

import re

# Curly and straight quotes, and every dash, compare equal; nothing else is forgiven.
FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...",
}
_ASCII_FOLD = {mark: plain for mark, plain in FOLD.items() if mark.isascii()}


def normalise(text: str) -> str:
    """Fold quote marks and dashes, collapse whitespace, and drop spaces around dashes."""
    # str.replace per mark present, not str.translate with a table: translate maps character
    # by character in Python-object terms (~120 ns a character), and a 100 KB report holds
    # only a handful of kinds of mark, each replaced in one memchr-speed pass.
    # Most quotes are ASCII: they need look only for the marks that are (the backtick).
    for mark, plain in (FOLD if not text.isascii() else _ASCII_FOLD).items():
        if mark in text:
            text = text.replace(mark, plain)
    text = " ".join(text.split())
    if "-" in text:
        # Spaces are single by now, so these two passes remove every space next to a dash.
        text = text.replace(" -", "-").replace("- ", "-")
    return text


def without_furniture(text: str, patterns: list[str]) -> str:
    """The text without its page-furniture lines: each a whole line matching a pattern."""
    furniture = re.compile("|".join(f"(?:{p})" for p in patterns))
    return "\n".join(line for line in text.splitlines()
                     if not furniture.fullmatch(line.strip()))


def clean_key(doc_id: str) -> str:
    """Where Dataset.texts keeps a document's normal text without its page furniture."""
    return f"{doc_id}\0clean"


Prepared = tuple[str, str, str | None]


def prepared(doc_id: str, raw: bytes, furniture: list[str]) -> Prepared | None:
    """A document's normal text, and its clean one when it declares furniture: what the quote
    check makes of them (check/textmatch.py). None when a furniture pattern is no regex: the
    check then meets the fault itself, as it would have."""
    text = raw.decode("utf-8")
    try:
        clean = normalise(without_furniture(text, furniture)) if furniture else None
    except re.error:
        return None
    return doc_id, normalise(text), clean
