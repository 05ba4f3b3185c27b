"""A document's text as passages: its sentences, or short runs of them, each under its heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ofsted_trace.check import textmatch

# A bullet (◼ • ▪ - *) or a numbered paragraph ("12. ") opens a new item even without a blank
# line before it: PDF extractions set a heading's bullets directly under it.
_BULLET = re.compile(r"^[\u25aa\u25a0\u25fc\u2022\u25cf\u2013*-]\s+")
_NUMBER = re.compile(r"^\d{1,3}\.\s+(?=[A-Z])")
_END = re.compile(r"[.!?][\"'\u2019\u201d)]*$")
# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital or opener.
_SPLIT = re.compile(r"(?<=[.!?])([\"'\u2019\u201d)]*)\s+(?=[A-Z0-9\"'\u2018\u201c(])")
# A sentence opening with one of these points back at the one before: the run keeps both.
_BACK = re.compile(r"^(?:This|These|That|Those|They|It|Their|Its|As a result|Consequently)\b")
_HEADING_WORDS = 20  # a heading is short; a longer unpunctuated block is a table or address
_RUN = 2  # sentences in a run at most
_MIN_WORDS = 5  # shorter fragments ("Dear Chris", "Judgement Grade") are not findings


@dataclass(frozen=True)
class Passage:
    """A sentence or short run of sentences, verbatim, with the heading it sits under."""

    index: int  # order in the document
    text: str  # whitespace collapsed; every word as the document has it
    section: str  # the nearest heading above it, "" before any
    bullet: bool  # a listed item (a bullet point), not running prose
    sentences: tuple[str, ...]


def blocks(text: str) -> list[tuple[str, bool]]:
    """Paragraphs and bullet points as (text, is_bullet), joined across mid-sentence breaks."""
    raw: list[tuple[list[str], bool]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        item = _BULLET.match(stripped) or _NUMBER.match(stripped)
        if item or current is None:
            current = []
            raw.append((current, item is not None and item.re is _BULLET))
            stripped = stripped[item.end():] if item else stripped
        current.append(stripped)
    out: list[tuple[str, bool]] = []
    for lines, bullet in raw:
        joined = _join(lines)
        # A sentence cut by a page break goes on in a block that opens in lower case.
        if out and not bullet and joined[:1].islower() and not _END.search(out[-1][0]):
            out[-1] = (_join([out[-1][0], joined]), out[-1][1])
        else:
            out.append((joined, bullet))
    return out


def _join(lines: list[str]) -> str:
    """Lines as one, a word broken by a line-end hyphen kept whole ("well-" "being")."""
    text = ""
    for line in lines:
        if text.endswith("-") and text[-2:-1].isalpha():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return " ".join(text.split())


def sentences(paragraph: str) -> list[str]:
    """A paragraph cut into sentences, each keeping its closing punctuation."""
    parts = _SPLIT.split(paragraph)
    # re.split returns text, closer, text, closer, ...: each closer belongs to the text before.
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        out[-1] += parts[i]
        out.append(parts[i + 1])
    return [s.strip() for s in out if s.strip()]


def passages(raw: str, furniture: list[str]) -> list[Passage]:
    """Every passage of a document, in order; furniture lines are left out first."""
    text = textmatch.without_furniture(raw, furniture) if furniture else raw
    out: list[Passage] = []
    section = ""
    for block, item in blocks(text):
        if not _END.search(block):
            if not item and len(block.split()) <= _HEADING_WORDS:
                section = block
            continue
        for run in _runs(sentences(block)):
            joined = " ".join(run)
            # A URL line is a reference or a copy's provenance, never a finding.
            if len(joined.split()) >= _MIN_WORDS and "://" not in joined:
                out.append(Passage(len(out), joined, section, item, tuple(run)))
    return out


def _runs(found: list[str]) -> list[list[str]]:
    """Sentences grouped into runs: one that points back joins the one before it."""
    runs: list[list[str]] = []
    for sentence in found:
        if runs and _BACK.match(sentence) and len(runs[-1]) < _RUN:
            runs[-1].append(sentence)
        else:
            runs.append([sentence])
    return runs

