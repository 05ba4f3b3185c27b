"""A dataset file edited in several steps, each one verified as every single edit is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ofsted_trace.edit import roundtrip, splice
from ofsted_trace.edit.commands import _File, _open
from ofsted_trace.edit.plan import Change
from ofsted_trace.edit.roundtrip import Source

# The house order of each kind's keys, as docs/format.md writes them.
RECOMMENDATION_ORDER = ("id", "inspection", "number", "addressed_to", "title", "text", "themes",
                        "carries_forward")
VISIT_ORDER = ("id", "kind", "number", "title", "start", "end", "date_uncertain", "date_basis",
               "focus", "judgement")
CYCLE_ORDER = ("id", "visit", "published", "framework", "judgements")
THEME_ORDER = ("id", "parent", "title")
DOCUMENT_ORDER = ("id", "title", "publisher", "date", "date_uncertain", "date_basis", "primary",
                  "path", "reports", "url", "furniture", "text_sha256", "pdf_sha256")
DATE_KEYS = frozenset({"date", "start", "end", "published"})


def ordered(record: dict[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """The record's keys in house order, leaving out the empty ones."""
    return {k: record[k] for k in order if record.get(k) not in (None, [], {}, "")}


class Draft:
    """One file's text as edited so far; every step is spliced, read back and checked."""

    def __init__(self, root: Path, rel: str) -> None:
        self.file: _File = _open(root, rel)
        self.src: Source = self.file.src

    @property
    def data(self) -> Any:
        """The file's data as it reads now."""
        return self.src.data

    def append(self, key: str, record: dict[str, Any], draft_title: bool = False) -> None:
        """Append a record to the top-level list under key (a title may be marked a draft)."""
        raw = frozenset(k for k in DATE_KEYS if isinstance(record.get(k), str)
                        and splice.is_date(record[k]))
        cut = roundtrip.append_record(self.src, key, record, raw)
        if draft_title:
            line = f" title: {splice.scalar(str(record['title']))}\n"
            cut = splice.Splice(cut.start, cut.end, cut.new.replace(
                line, line[:-1] + "  # draft: review this short title\n", 1))
        expected = roundtrip.expect(self.src)
        expected[key] = [*(expected.get(key) or []), record]
        self._step(cut, expected)

    def set_key(self, key: str, index: int, field: str, value: str,
                order: Sequence[str]) -> None:
        """Set one field of the index-th record under key, keeping every other line."""
        rec = self.src.record(key, index)
        cut = roundtrip.set_key(self.src, rec, field, splice.scalar(value), order)
        expected = roundtrip.expect(self.src)
        expected[key][index][field] = value
        new_text = splice.apply(self.src.text, [cut])
        splice.verify(self.src.name, self.src.text, new_text, expected,
                      *roundtrip.record_lines(self.src, rec))
        self.src = Source(new_text, self.src.name)

    def replace_top(self, key: str, new: str, expected: Any) -> None:
        """Rewrite a top-level key and its value as new lines of text."""
        span = roundtrip.top_span(self.src, key)
        if span is None:
            raise splice.EditFault(f"{self.src.name} has no '{key}'")
        self._step(splice.Splice(span[0], span[1], new), expected)

    def _step(self, cut: splice.Splice, expected: Any) -> None:
        new_text = splice.apply(self.src.text, [cut])
        splice.verify(self.src.name, self.src.text, new_text, expected,
                      *splice.splice_lines(self.src.text, cut))
        self.src = Source(new_text, self.src.name)

    def change(self) -> Change:
        """The change that writes the edited text with the file's own BOM and line endings."""
        return self.file.change(self.src.text)
