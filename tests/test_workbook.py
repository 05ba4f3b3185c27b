"""The workbook writer: every value as written, text never a formula or markup, set widths."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from xml.etree import ElementTree

import openpyxl

from ofsted_trace.model.dates import PartialDate
from ofsted_trace.render.workbook import Table, write

# Markup that would put a formula into the sheet, were it written unescaped.
MARKUP = ('<r></r></is></c><c r="B2"><f>HYPERLINK("http://evil.example")</f></c>'
          '<c r="C2" t="inlineStr"><is><r></r>')
# Each read back exactly: an Excel escape look-alike, a carriage return, edge spaces, & and ".
TEXTS = (MARKUP, "<r>x</r>", "=1+1", "_x0041_ and _X00e9_", "  spaced  ", "line\nbreak",
         "a\r\nb\rc", "tab\there", 'say "&amp;"', "Ofsted’s “good” – ok")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def test_text_is_stored_literally_whatever_it_looks_like() -> None:
    data = write([Table("t", ("text",), tuple((t,) for t in (*TEXTS, "bell\x07\ufffe")))])
    sheet = parts(data)["xl/worksheets/sheet1.xml"].decode()
    assert not re.search(r"<f[ >]", sheet)  # no formula at all
    cells = [row[0] for row in openpyxl.load_workbook(io.BytesIO(data))["t"].iter_rows(
        min_row=2)]
    assert [c.value for c in cells] == [*TEXTS, "bell" + "\N{REPLACEMENT CHARACTER}" * 2]
    assert all(c.data_type == "s" and c.quotePrefix and c.alignment.wrap_text for c in cells)


def test_every_part_is_well_formed_and_has_its_content_type() -> None:
    data = write([Table("a", ("x",), (("y",),)), Table("b", ("z",), ((1,),))])
    found = parts(data)
    for body in found.values():
        ElementTree.fromstring(body)  # raises on anything that is not well-formed XML
    types = found["[Content_Types].xml"].decode()
    for name in found:
        if not name.endswith(".rels") and name != "[Content_Types].xml":
            assert f'PartName="/{name}"' in types, name


def test_values_types_formats_and_fills() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(write([Table("plan", ("a", "b", "c", "d"), (
        ("green", "green", PartialDate(2019, 3), 3),
        ("", None, PartialDate(2019, 3, 5), 2.5),
        ("red", "x", PartialDate(2019), None),
    ), (8, 12, 30), {"green": "B7E1B0", "red": "F4B6B6"}, frozenset({0}))])))["plan"]
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
    assert second[0].quotePrefix  # an empty text cell keeps its column's format
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D4"
    assert [ws.column_dimensions[c].width for c in "ABC"] == [8, 12, 30]


def test_a_sheet_with_no_rows_has_its_header_frozen_and_filtered() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write([Table("gaps", ("Kind", "Subject"), ())])))
    ws = book["gaps"]
    assert [c.value for c in next(ws.iter_rows())] == ["Kind", "Subject"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:B1"
