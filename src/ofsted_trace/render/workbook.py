"""Excel workbooks written: the only module that imports xlsxwriter.

Every text cell is stored as a string with Excel's quote prefix, so no formula can come from
data. xlsxwriter keeps each cell as a small tuple and each distinct string once: openpyxl's
write-only mode made and serialised a cell object for each of 860,000 cells at 100,000
excerpts, in ~2.5 times the CPU. A large workbook is written by a second process (Book), as
its sheets are given, while the caller goes on.
"""

from __future__ import annotations

import gc
import io
import os
import queue
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ofsted_trace.load.workbook import Value
from ofsted_trace.model.dates import PartialDate

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

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
    """One sheet to write (or its next rows): headers, rows, widths, cells coloured by value."""

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
    sheets = _Sheets([table.name for table in tables])
    for table in tables:
        sheets.add(table)
    return sheets.close()


class Book:
    """A workbook given a sheet at a time, in any order; close() gives its bytes.

    separate: the sheets are written by a second process as they come, so that the caller
    can go on (judging, say) meanwhile. xlsxwriter is pure Python, one core's work, and a
    thread would wait on the same interpreter lock.
    """

    def __init__(self, names: Sequence[str], separate: bool = False) -> None:
        self._here: _Sheets | None = None
        self._conn: Connection | None = None
        self._worker: BaseProcess | None = None
        if not separate:
            self._here = _Sheets(names)
            return
        from multiprocessing import get_context

        spawn = get_context("spawn")  # as the loader's workers: never fork a threaded process
        self._conn, theirs = spawn.Pipe()
        self._worker = spawn.Process(target=_serve, args=(theirs, tuple(names)), daemon=True)
        self._worker.start()
        theirs.close()

    def add(self, table: Table) -> None:
        """Write the sheet of that name, one of those the book was made with."""
        if self._here is not None:
            self._here.add(table)
        elif self._conn is not None:
            self._conn.send(table)

    def close(self) -> bytes:
        """The workbook's bytes (RuntimeError if its second process failed)."""
        if self._here is not None:
            return self._here.close()
        answer: bytes | str = "it was closed before"
        if self._conn is not None and self._worker is not None:
            self._conn.send(None)
            try:
                answer = self._conn.recv()
            except EOFError:
                self._worker.join()
                answer = f"it ended without an answer (exit code {self._worker.exitcode})"
            self._end(kill=False)
        if not isinstance(answer, bytes):
            raise RuntimeError(f"the workbook could not be written: {answer}")
        return answer

    def __enter__(self) -> Book:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._end(kill=kind is not None)

    def _end(self, kill: bool) -> None:
        """Wait for the second process to end; end it at once if the caller failed."""
        if self._worker is None or self._conn is None:
            return
        if kill:
            self._worker.kill()
        self._conn.close()  # a worker still waiting for a table reads the end of the pipe
        self._worker.join()
        self._worker = self._conn = None


def _serve(conn: Connection, names: tuple[str, ...]) -> None:
    """The second process: write each table as it comes; at None, send back the bytes."""
    gc.disable()  # millions of small tuples and no cycles: the collector would only rescan
    # Tables are read as soon as they are sent, by a thread of their own: the caller never
    # waits on a full pipe while this process writes, so the two go on side by side.
    tables: queue.SimpleQueue[Table | EOFError | None] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, tables), daemon=True).start()
    answer: bytes | str
    try:
        sheets = _Sheets(names)
        while (table := tables.get()) is not None:
            if isinstance(table, EOFError):  # the caller is gone: no one waits for an answer
                os._exit(1)
            sheets.add(table)
        answer = sheets.close()
    except Exception as exc:  # raised where the bytes were wanted, not lost in this process
        answer = f"{type(exc).__name__}: {exc}"
    conn.send(answer)
    conn.close()
    os._exit(0)  # the caller waits for this exit: no freeing the cells one by one first


def _receive(conn: Connection, tables: queue.SimpleQueue[Table | EOFError | None]) -> None:
    """Pass on each table the caller sends, up to its None or the end of the pipe."""
    while True:
        try:
            table = conn.recv()
        except EOFError as end:
            tables.put(end)
            return
        tables.put(table)
        if table is None:
            return


class _Sheets:
    """An xlsxwriter workbook whose sheets are named first and written in any order."""

    def __init__(self, names: Sequence[str]) -> None:
        from xlsxwriter import Workbook

        self.buf = io.BytesIO()
        # Cells are kept as compact tuples until the sheet is written; each distinct string
        # is stored once (a shared string, as Excel does), and made safe for XML once.
        self.book = Workbook(self.buf)
        self.styles = _Styles(self.book)
        self.sheets = {name: self.book.add_worksheet(literal(name)[:31]) for name in names}
        self.ends: dict[str, tuple[int, int]] = {}  # each begun sheet's last row and column

    def add(self, table: Table) -> None:
        """Write a table on its sheet, below the rows of any given before under its name.

        The first gives the sheet its widths, frozen header row and autofilter.
        """
        sheet = self.sheets[table.name]
        if table.name not in self.ends:
            for c, width in enumerate(table.widths):
                sheet.set_column_pixels(c, c, width * _DIGIT_PIXELS)
            sheet.freeze_panes(1, 0)
            head = self.styles.get("head", "")
            for c, text in enumerate(table.headers):
                _text(sheet, 0, c, literal(text), head)
        done, last = self.ends.get(table.name, (0, len(table.headers) - 1))
        _cells(sheet, self.styles, table, done + 1)
        self.ends[table.name] = (done + len(table.rows),
                                 max([last, *(len(row) - 1 for row in table.rows)]))

    def close(self) -> bytes:
        """The workbook's bytes, each sheet filtered over all the rows it was given."""
        for name, (row, col) in self.ends.items():
            self.sheets[name].autofilter(0, 0, row, col)
        self.book.close()
        return self.buf.getvalue()


def _cells(sheet: Any, styles: _Styles, table: Table, first: int) -> None:
    """The rows, from row first on: a date shown to its precision, text always literal.

    Its body runs for each of ~860,000 cells at 100,000 excerpts: the bound methods and the
    unfilled text style are looked up once, text (most cells) is tested for first, and
    literal() and _text() are inlined for the common case.
    """
    get, clean, put_date = styles.get, _ILLEGAL.sub, sheet.write_datetime
    put_text = sheet.write_string
    fills, filled = table.fills, table.filled
    plain = get("text", "")
    for r, row in enumerate(table.rows, first):
        for c, value in enumerate(row):
            fill = fills.get(str(value), "") if c in filled else ""
            if isinstance(value, str):
                # Every character literal() replaces is unprintable: a printable text (nearly
                # every one) is searched no further.
                text = (value if value.isprintable() else clean(_REPLACEMENT, value))[:_MAX_CELL]
                style = get("text", fill) if fill else plain
                if text and not text.startswith("<r>"):
                    put_text(r, c, text, style)
                else:
                    _text(sheet, r, c, text, style)
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
