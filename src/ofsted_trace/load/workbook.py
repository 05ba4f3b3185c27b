"""Excel workbooks both ways: the only module that imports openpyxl.

Written cells are literal: every text cell is stored as a string with Excel's quote prefix, so
no formula can come from data. Read cells come back as text, numbers or partial dates, with
merged cells filled from their top-left cell.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ofsted_trace.errors import UsageError
from ofsted_trace.model.dates import PartialDate

Value = str | int | float | PartialDate | None
MAX_BYTES = 20 * 1024 * 1024  # a tracker is a few hundred rows; a bigger file is a mistake
_FORMAT = {3: "d mmm yyyy", 2: "mmm yyyy", 1: "yyyy"}  # by the date's precision
_MAX_CELL = 32767  # Excel's limit on the characters in one cell


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
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", text)[:_MAX_CELL]


def write(tables: Sequence[Table]) -> bytes:
    """The workbook as .xlsx bytes: a frozen header row and an autofilter on every sheet.

    Written row by row (openpyxl's write-only mode): a sheet of 100,000 excerpts is never
    held as cells, which took ~400 MB and most of a minute.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(literal(table.name)[:31])
        # The sheet's top (widths, the frozen row) is written before its first row.
        for c, width in enumerate(table.widths, 1):
            sheet.column_dimensions[get_column_letter(c)].width = width
        sheet.freeze_panes = "A2"
        last = max([len(table.headers), *(len(row) for row in table.rows)])
        sheet.auto_filter.ref = f"A1:{get_column_letter(last)}{len(table.rows) + 1}"
        cells = _Cells(sheet, table)
        sheet.append([cells.head(literal(h)) for h in table.headers])
        for row in table.rows:
            sheet.append([cells.make(value, c) for c, value in enumerate(row)])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


class _Cells:
    """Cells of one sheet: dates as dates, text always literal, coloured by value.

    Each distinct style is set once, on a template cell, and copied to every cell that has it:
    setting a style looks it up by hashing it, ~10 µs a cell (a second for 100,000 quotes).
    """

    def __init__(self, sheet: Any, table: Table) -> None:
        from openpyxl.styles import PatternFill

        self.sheet, self.table = sheet, table
        self.fills = {text: PatternFill("solid", start_color=rgb, end_color=rgb)
                      for text, rgb in table.fills.items()}
        self.styles: dict[tuple[str, str], Any] = {}

    def head(self, text: str) -> Any:
        """A header cell, in bold."""
        from openpyxl.cell import WriteOnlyCell

        cell: Any = WriteOnlyCell(self.sheet, text)
        cell._style = copy(self._style("head", ""))
        return cell

    def make(self, value: Value, column: int) -> Any:
        """One cell of a row; column is its place in the row, from 0."""
        from openpyxl.cell import WriteOnlyCell

        cell: Any = WriteOnlyCell(self.sheet)
        if isinstance(value, PartialDate):
            cell.value = value.earliest
            kind = _FORMAT[precision(value)]
        elif isinstance(value, str):
            cell.value = literal(value)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            kind = "text"
        else:
            cell.value = value
            kind = ""
        fill = str(value) if column in self.table.filled and str(value) in self.fills else ""
        if kind or fill:
            cell._style = copy(self._style(kind, fill))
        return cell

    def _style(self, kind: str, fill: str) -> Any:
        """The style of a kind of cell with a fill, set on a template cell the first time."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        if (kind, fill) not in self.styles:
            cell: Any = WriteOnlyCell(self.sheet)
            if kind == "head":
                cell.font = Font(bold=True)
            elif kind == "text":
                cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif kind:
                cell.number_format = kind
            if fill:
                cell.fill = self.fills[fill]
            self.styles[kind, fill] = cell._style
        return self.styles[kind, fill]


def read(path: Path, sheet: str | None = None) -> tuple[str, list[list[Value]]]:
    """The named sheet (or the first) as rows of values, merged cells filled; and its name."""
    from openpyxl import load_workbook

    try:
        if path.stat().st_size > MAX_BYTES:
            raise UsageError(f"{path} is over {MAX_BYTES // 2**20} MB; is it a tracker?")
        # data_only: a formula's last computed value, never the formula's text.
        book = load_workbook(path, data_only=True)
    except UsageError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UsageError(f"cannot read {path} as an Excel workbook (.xlsx): {exc}") from None
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise UsageError(f"{path} has no sheet '{sheet}' (it has: {', '.join(names)})")
    ws = book[sheet] if sheet is not None else book[names[0]]
    rows = [[_value(cell.value, cell.number_format) for cell in row]
            for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)]
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = top
    return ws.title, rows


def _value(raw: object, number_format: str) -> Value:
    """A cell's value: a date keeps the precision its number format shows."""
    if isinstance(raw, datetime | date):
        fmt = number_format.lower()
        if "d" in fmt or fmt == "general":
            return PartialDate(raw.year, raw.month, raw.day)
        return PartialDate(raw.year, raw.month) if "m" in fmt else PartialDate(raw.year)
    if isinstance(raw, bool):
        return str(raw).upper()
    if isinstance(raw, int | float | str) or raw is None:
        return raw
    return str(raw)
