"""The workbook writer: every value as written, text never a formula or markup, set widths."""

from __future__ import annotations

import io
import multiprocessing
import re
import zipfile
from datetime import datetime
from enum import StrEnum

import openpyxl
import pytest

from ofsted_trace.model.dates import PartialDate
from ofsted_trace.render.workbook import Book, Table, write

# A text shaped like xlsxwriter's own rich-string markup, which it would write unescaped: a
# formula smuggled into the sheet, were it not written as escaped text.
MARKUP = ('<r></r></is></c><c r="B2"><f>HYPERLINK("http://evil.example")</f></c>'
          '<c r="C2" t="inlineStr"><is><r></r>')
TEXTS = (MARKUP, "<r>x</r>", "=1+1", "_x0041_", "  spaced  ", "line\nbreak", "bell\x07")


def book(*tables: Table) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(write(tables)))


def read_back(data: bytes) -> list[tuple[object, ...]]:
    """Every sheet and cell as openpyxl reads it: value, type, format, fill, font, rich runs."""
    out: list[tuple[object, ...]] = []
    rich = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)
    for ws in openpyxl.load_workbook(io.BytesIO(data)):
        out.append((ws.title, ws.freeze_panes, ws.auto_filter.ref, ws.dimensions,
                    sorted((k, d.width) for k, d in ws.column_dimensions.items())))
        out.extend((c.coordinate, c.value, c.data_type, c.number_format, c.fill.fill_type,
                    c.fill.start_color.rgb, c.font.b, c.quotePrefix, c.alignment.wrap_text,
                    c.alignment.vertical, repr(rich[ws.title][c.coordinate].value))
                   for row in ws.iter_rows() for c in row)
    return out


class Kind(StrEnum):
    GREEN = "green"


def test_text_is_stored_literally_whatever_it_looks_like() -> None:
    data = write([Table("t", ("text",), tuple((t,) for t in TEXTS))])
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        sheet = zipped.read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r"<f[ >]", sheet)  # no formula at all
    cells = [row[0] for row in openpyxl.load_workbook(io.BytesIO(data))["t"].iter_rows(
        min_row=2)]
    assert [c.value for c in cells] == [*TEXTS[:-1], "bell\N{REPLACEMENT CHARACTER}"]
    assert all(c.data_type == "s" and c.quotePrefix and c.alignment.wrap_text for c in cells)


def test_values_types_formats_and_fills() -> None:
    ws = book(Table("plan", ("a", "b", "c", "d"), (
        ("green", "green", PartialDate(2019, 3), 3),
        ("", None, PartialDate(2019, 3, 5), 2.5),
        ("red", "x", PartialDate(2019), None),
    ), (8, 12, 30), {"green": "B7E1B0", "red": "F4B6B6"}, frozenset({0})))["plan"]
    head, first, second, third = ws.iter_rows()
    assert [c.value for c in head] == ["a", "b", "c", "d"] and all(c.font.b for c in head)
    assert first[0].fill.fill_type == "solid" and first[0].fill.start_color.rgb.endswith(
        "B7E1B0")
    assert first[1].fill.fill_type is None  # the same word, in a column not coloured
    assert third[0].fill.start_color.rgb.endswith("F4B6B6")
    assert [(c.value, c.number_format) for c in (first[2], second[2], third[2])] == [
        (datetime(2019, 3, 1), "mmm yyyy"), (datetime(2019, 3, 5), "d mmm yyyy"),
        (datetime(2019, 1, 1), "yyyy")]
    assert [first[3].value, second[3].value, third[3].value] == [3, 2.5, None]
    assert second[0].value is None and second[1].value is None  # empty cells, not ""
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D4"
    assert [ws.column_dimensions[c].width for c in "ABC"] == [8, 12, 30]


# Every kind of value, in a coloured column and in a plain one.
KINDS = Table("kinds", ("a", "b"), (
    ("green", "green"), (Kind.GREEN, Kind.GREEN), ("", ""), (None, None), (3, 3), (2.5, 2.5),
    (PartialDate(2019), PartialDate(2019, 3)), (PartialDate(2019, 3, 5), "x" * 40000),
    *((t, t) for t in TEXTS)), (10, 20), {"green": "B7E1B0", "3": "F4B6B6", "None": "D0D0D0"},
    frozenset({0}))


def test_every_kind_of_cell_is_written_as_its_kind() -> None:
    ws = book(KINDS)["kinds"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows[1] == ("green", "green")  # a StrEnum is its text
    assert rows[2] == (None, None) and rows[3] == (None, None)
    assert rows[4] == (3, 3) and rows[5] == (2.5, 2.5)
    assert rows[7] == (datetime(2019, 3, 5), "x" * 32767)  # Excel's limit on a cell
    assert [ws.cell(r, 1).fill.start_color.rgb[-6:] for r in (3, 5, 6)] == [
        "B7E1B0", "D0D0D0", "F4B6B6"]  # coloured by the text its value reads as
    assert ws.cell(5, 2).fill.fill_type is None and ws.cell(5, 2).has_style is False


def test_a_book_written_by_a_second_process_reads_back_the_same() -> None:
    other = Table("other", ("n",), ((1,),))
    with Book(("kinds", "other"), separate=True) as separate:
        separate.add(other)  # in any order: each sheet was named at the start
        for part in (KINDS.rows[:5], KINDS.rows[5:]):  # a sheet given in parts continues
            separate.add(Table("kinds", KINDS.headers, part, KINDS.widths, KINDS.fills,
                               KINDS.filled))
        data = separate.close()
    assert read_back(data) == read_back(write([KINDS, other]))


def test_a_second_process_that_fails_is_reported_and_never_left_running() -> None:
    with Book(("kinds",), separate=True) as failing:
        failing.add(Table("no such sheet", ("a",), ()))
        with pytest.raises(RuntimeError, match="could not be written: KeyError"):
            failing.close()
    with pytest.raises(ValueError), Book(("kinds",), separate=True) as abandoned:
        abandoned.add(KINDS)
        raise ValueError("the caller fails before close()")
    assert multiprocessing.active_children() == []
