"""Excel workbooks read: the only module that imports openpyxl (render/workbook.py writes them).

Cells come back as text, numbers or partial dates, with merged cells filled from their
top-left cell.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ofsted_trace.errors import UsageError
from ofsted_trace.model.dates import PartialDate

Value = str | int | float | PartialDate | None
MAX_BYTES = 20 * 1024 * 1024  # a tracker is a few hundred rows; a bigger file is a mistake


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
