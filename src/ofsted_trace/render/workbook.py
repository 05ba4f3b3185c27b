"""Excel workbooks written: the only module that imports xlsxwriter.

Every text cell is stored as a string with Excel's quote prefix, so no formula can come from
data. xlsxwriter keeps each cell as a small tuple and each distinct string once: openpyxl's
write-only mode made and serialised a cell object for each of 860,000 cells at 100,000
excerpts, in ~2.5 times the CPU.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ofsted_trace.load.workbook import Value
from ofsted_trace.model.dates import PartialDate

_FORMAT = {3: "d mmm yyyy", 2: "mmm yyyy", 1: "yyyy"}  # by the date's precision
_MAX_CELL = 32767  # Excel's limit on the characters in one cell
# The characters XML 1.0 forbids in a document (openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
# Excel stores a column's width in characters of the default font's widest digit, 7 pixels in
# Calibri 11: a width given in pixels as 7 times the characters is stored exactly as given.
_DIGIT_PIXELS = 7


@dataclass(frozen=True)
class Table:
    """One sheet to write: headers, rows, column widths, and cells coloured by their value."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    widths: tuple[int, ...] = ()
    fills: dict[str, str] = field(default_factory=dict)  # cell text -> RGB hex
    filled: frozenset[int] = frozenset()  # the columns coloured by value


def precision(value: PartialDate) -> int:
    """3 for a day, 2 for a month, 1 for a year."""
    return 3 if value.day else 2 if value.month else 1


def literal(text: str) -> str:
    """Text a cell can hold: characters XML forbids are replaced, and the length is capped."""
    return _ILLEGAL.sub(_REPLACEMENT, text)[:_MAX_CELL]


def write(tables: Sequence[Table]) -> bytes:
    """The workbook as .xlsx bytes: a frozen header row and an autofilter on every sheet."""
    from xlsxwriter import Workbook

    buf = io.BytesIO()
    # Cells are kept as compact tuples until the sheet is written; each distinct string is
    # stored once (a shared string, as Excel does), and made safe for XML once.
    book = Workbook(buf)
    styles = _Styles(book)
    for table in tables:
        sheet = book.add_worksheet(literal(table.name)[:31])
        for c, width in enumerate(table.widths):
            sheet.set_column_pixels(c, c, width * _DIGIT_PIXELS)
        sheet.freeze_panes(1, 0)
        last = max([len(table.headers), *(len(row) for row in table.rows)])
        sheet.autofilter(0, 0, len(table.rows), last - 1)
        head = styles.get("head", "")
        for c, text in enumerate(table.headers):
            _text(sheet, 0, c, literal(text), head)
        _cells(sheet, styles, table)
    book.close()
    return buf.getvalue()


def _cells(sheet: Any, styles: _Styles, table: Table) -> None:
    """The rows below the header: a date shown to its precision, text always literal.

    Its body runs for each of ~860,000 cells at 100,000 excerpts: the bound methods are
    looked up once, text (most cells) is tested for first, and literal() is inlined.
    """
    get, clean, put_date = styles.get, _ILLEGAL.sub, sheet.write_datetime
    fills, filled = table.fills, table.filled
    for r, row in enumerate(table.rows, 1):
        for c, value in enumerate(row):
            fill = fills.get(str(value), "") if c in filled else ""
            if isinstance(value, str):
                _text(sheet, r, c, clean(_REPLACEMENT, value)[:_MAX_CELL], get("text", fill))
            elif isinstance(value, PartialDate):
                put_date(r, c, value.earliest, get(_FORMAT[precision(value)], fill))
            elif value is not None:
                sheet.write_number(r, c, value, get("", fill) if fill else None)
            elif fill:
                sheet.write_blank(r, c, None, get("", fill))


def _text(sheet: Any, r: int, c: int, text: str, style: Any) -> None:
    """A text cell, never a formula or a link, and never read as XML."""
    if not text:
        sheet.write_blank(r, c, None, style)  # an empty cell, as Excel has it, not ""
    elif text.startswith("<r>") and text.endswith("</r>"):
        # xlsxwriter writes a string of that shape unescaped, as a rich string it made
        # itself; written in three runs of the default font, this one is escaped like any.
        sheet.write_rich_string(r, c, text[:1], text[1:2], text[2:], style)
    else:
        sheet.write_string(r, c, text, style)


class _Styles:
    """Each distinct cell format, made once: a kind of cell with the fill its value gives."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.made: dict[tuple[str, str], Any] = {}

    def get(self, kind: str, fill: str) -> Any:
        """The format of a kind ("head", "text", a date's number format, or "") and an RGB."""
        if (kind, fill) not in self.made:
            spec: dict[str, object] = {}
            if kind == "head":
                spec["bold"] = True
            elif kind == "text":
                # quote_prefix: Excel keeps the cell text when it is edited, too.
                spec.update(quote_prefix=True, text_wrap=True, valign="top")
            elif kind:
                spec["num_format"] = kind
            if fill:
                spec.update(pattern=1, bg_color=f"#{fill}", fg_color=f"#{fill}")
            self.made[kind, fill] = self.book.add_format(spec)
        return self.made[kind, fill]
