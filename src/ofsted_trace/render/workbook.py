"""Excel workbooks written: SpreadsheetML made directly, zipped with the standard library.

Every text cell is stored as a string with Excel's quote prefix, so no formula can come from
data. A workbook library spends Python work on every cell (an object, or a tuple later turned
into XML by generic code): at 100,000 excerpts, 860,000 cells, openpyxl's write-only mode took
~38 s of CPU and xlsxwriter ~16 s. Here a cell is one formatted string: ~3.7 s in all. The
parts are the few Excel needs, in its schema's order, with the elements xlsxwriter writes.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from ofsted_trace.load.workbook import Value
from ofsted_trace.model.dates import PartialDate

_FORMAT = {3: "d mmm yyyy", 2: "mmm yyyy", 1: "yyyy"}  # by the date's precision
_MAX_CELL = 32767  # Excel's limit on the characters in one cell
# What XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE and U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel reads _xHHHH_ in a string as an escaped character; its own underscore is escaped so.
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_EPOCH = date(1899, 12, 30).toordinal()  # day 0 of Excel's 1900 date system
_ROWS = 2000  # rows formatted before they are written to the zip, so no sheet is held whole
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'


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
    return _ILLEGAL.sub("\N{REPLACEMENT CHARACTER}", text)[:_MAX_CELL]


def write(tables: Sequence[Table]) -> bytes:
    """The workbook as .xlsx bytes: a frozen header row and an autofilter on every sheet."""
    styles, strings = _Styles(), _Strings()
    buf = io.BytesIO()
    # Level 1: a third of the default level's time, for a file ~30% larger (16 MB at 100k).
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        _put(book, "[Content_Types].xml", _types(len(tables)))
        _put(book, "_rels/.rels", _rels([("officeDocument", "xl/workbook.xml")]))
        _put(book, "xl/workbook.xml", _book(tables))
        _put(book, "xl/_rels/workbook.xml.rels", _rels(
            [*(("worksheet", f"worksheets/sheet{i}.xml") for i in range(1, len(tables) + 1)),
             ("styles", "styles.xml"), ("sharedStrings", "sharedStrings.xml")]))
        for i, table in enumerate(tables, 1):
            _stream(book, f"xl/worksheets/sheet{i}.xml", _sheet(table, i == 1, styles, strings))
        _stream(book, "xl/sharedStrings.xml", strings.xml())
        _put(book, "xl/styles.xml", styles.xml())
    return buf.getvalue()


def _put(book: zipfile.ZipFile, name: str, text: str) -> None:
    book.writestr(name, text.encode())


def _stream(book: zipfile.ZipFile, name: str, pieces: Iterator[str]) -> None:
    # No Zip64 (Excel warns of it); a part is far below its 4 GB, as a sheet ends at
    # 1,048,576 rows.
    with book.open(name, "w") as part:
        for piece in pieces:
            part.write(piece.encode())


def _sheet(table: Table, first: bool, styles: _Styles, strings: _Strings) -> Iterator[str]:
    """One worksheet's XML, a few thousand rows at a time."""
    letters = [_column(c) for c in range(_width(table))]
    ref = f"A1:{letters[-1]}{len(table.rows) + 1}"
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>'
                   for c, w in enumerate(table.widths, 1))
    selected = ' tabSelected="1"' if first else ""
    yield (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="{ref}"/>'
           f'<sheetViews><sheetView{selected} workbookViewId="0"><pane ySplit="1" '
           'topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
           '<selection pane="bottomLeft"/></sheetView></sheetViews>'
           '<sheetFormatPr defaultRowHeight="15"/>'
           f'{f"<cols>{cols}</cols>" if cols else ""}<sheetData>')
    head = styles.index("head", "")
    yield _row(1, [(letters[c], head, _text(literal(h), strings))
                   for c, h in enumerate(table.headers)])
    rows: list[str] = []
    for r, row in enumerate(table.rows, 2):
        rows.append(_row(r, [(letters[c], *_cell(value, c, table, styles, strings))
                             for c, value in enumerate(row)]))
        if len(rows) == _ROWS:
            yield "".join(rows)
            rows.clear()
    yield "".join(rows)
    yield (f'</sheetData><autoFilter ref="{ref}"/><pageMargins left="0.7" right="0.7" '
           'top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')


def _row(r: int, cells: list[tuple[str, int, str]]) -> str:
    """A row's XML from each cell's column, style and body (from its value on, or "")."""
    out = [f'<row r="{r}">']
    for col, style, body in cells:
        shown = f' s="{style}"' if style else ""
        if body:
            out.append(f'<c r="{col}{r}"{shown}{body}')
        elif style:  # empty, but coloured or formatted as its column is
            out.append(f'<c r="{col}{r}"{shown}/>')
    out.append("</row>")
    return "".join(out)


def _cell(value: Value, c: int, table: Table, styles: _Styles,
          strings: _Strings) -> tuple[int, str]:
    """A cell's style and value: a date shown to its precision, text always literal."""
    fill = table.fills.get(str(value), "") if c in table.filled else ""
    if isinstance(value, str):
        return styles.index("text", fill), _text(literal(value), strings)
    if isinstance(value, PartialDate):
        day = value.earliest.toordinal() - _EPOCH
        # Excel counts 29 February 1900, which never was: its serials from March on are one on.
        serial = day if day >= 61 else day - 1
        return styles.index(_FORMAT[precision(value)], fill), f"><v>{serial}</v></c>"
    style = styles.index("", fill) if fill else 0
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return style, ""
    return style, f"><v>{value!r}</v></c>"


def _text(text: str, strings: _Strings) -> str:
    """A text cell's value: its place in the shared strings, or "" for an empty cell."""
    return f' t="s"><v>{strings.index(text)}</v></c>' if text else ""


def _column(c: int) -> str:
    """The letters of the column c (from 0): A, B, ..., Z, AA, ..."""
    letters, n = "", c + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escaped(text: str) -> str:
    """Text as XML character data that Excel reads back as it was."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:  # a parser reads a bare carriage return as a line feed
        text = text.replace("\r", "&#13;")
    return _ESCAPE_LIKE.sub(r"_x005F_\1", text) if "_x" in text else text


class _Strings:
    """The shared strings: each distinct text stored once, cells refer to it by its place."""

    def __init__(self) -> None:
        self.places: dict[str, int] = {}
        self.uses = 0

    def index(self, text: str) -> int:
        """The place of a text, added the first time it is seen."""
        self.uses += 1
        place = self.places.get(text)
        if place is None:
            place = self.places[text] = len(self.places)
        return place

    def xml(self) -> Iterator[str]:
        """The shared strings part, a few thousand at a time."""
        yield (f'{_HEAD}<sst xmlns="{_MAIN}" count="{self.uses}" '
               f'uniqueCount="{len(self.places)}">')
        texts = list(self.places)
        for start in range(0, len(texts), _ROWS):
            yield "".join(
                f'<si><t xml:space="preserve">{_escaped(t)}</t></si>'
                if t[0].isspace() or t[-1].isspace() else f"<si><t>{_escaped(t)}</t></si>"
                for t in texts[start:start + _ROWS])
        yield "</sst>"


class _Styles:
    """Each distinct cell format, made once: a kind of cell with the fill its value gives."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, str], int] = {("", ""): 0}

    def index(self, kind: str, fill: str) -> int:
        """The format of a kind ("head", "text", a date's number format, or "") and an RGB."""
        found = self.made.get((kind, fill))
        if found is None:
            found = self.made[kind, fill] = len(self.made)
        return found

    def xml(self) -> str:
        """The styles part: number formats, the two fonts, the fills and each format."""
        kinds = [k for k in dict.fromkeys(k for k, _ in self.made) if k not in ("", "head",
                                                                                "text")]
        formats = {k: 164 + i for i, k in enumerate(kinds)}
        fills = {f: 2 + i for i, f in enumerate(dict.fromkeys(f for _, f in self.made if f))}
        xfs = "".join(_xf(kind, formats.get(kind, 0), fills.get(fill, 0))
                      for kind, fill in self.made)
        numbers = (f'<numFmts count="{len(formats)}">' + "".join(
            f'<numFmt numFmtId="{n}" formatCode="{_escaped(k)}"/>' for k, n in formats.items())
            + "</numFmts>") if formats else ""
        return (
            f'{_HEAD}<styleSheet xmlns="{_MAIN}">{numbers}<fonts count="2"><font>{_FONT}'
            f'</font><font><b/>{_FONT}</font></fonts>'
            f'<fills count="{len(fills) + 2}"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            + "".join(f'<fill><patternFill patternType="solid"><fgColor rgb="FF{f}"/>'
                      f'<bgColor rgb="FF{f}"/></patternFill></fill>' for f in fills)
            + '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
            '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" '
            f'fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="{len(self.made)}">{xfs}'
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            '</cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>')


def _xf(kind: str, number: int, fill: int) -> str:
    """One cell format: bold for the header, literal wrapped text, or a date's format."""
    head = kind == "head"
    text = kind == "text"
    applied = "".join((' applyNumberFormat="1"' if number else "",
                       ' applyFont="1"' if head else "", ' applyFill="1"' if fill else "",
                       ' applyAlignment="1"' if text else ""))
    # quotePrefix: Excel keeps the cell text when it is edited, too.
    prefix = ' quotePrefix="1"' if text else ""
    body = '><alignment vertical="top" wrapText="1"/></xf>' if text else "/>"
    return (f'<xf numFmtId="{number}" fontId="{int(head)}" fillId="{fill}" borderId="0" '
            f'xfId="0"{prefix}{applied}{body}')


def _types(sheets: int) -> str:
    """The package's content types: one for each part."""
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = [("/xl/workbook.xml", f"{kind}.sheet.main+xml"),
             *((f"/xl/worksheets/sheet{i}.xml", f"{kind}.worksheet+xml")
               for i in range(1, sheets + 1)),
             ("/xl/styles.xml", f"{kind}.styles+xml"),
             ("/xl/sharedStrings.xml", f"{kind}.sharedStrings+xml")]
    return (f'{_HEAD}<Types xmlns="{_PKG}/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in parts)
            + "</Types>")


def _rels(targets: list[tuple[str, str]]) -> str:
    """A part's relationships: each target with its officeDocument relationship type."""
    return (f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/{kind}" Target="{target}"/>'
                      for i, (kind, target) in enumerate(targets, 1))
            + "</Relationships>")


def _book(tables: Sequence[Table]) -> str:
    """The workbook part: its sheets, and the range each one's autofilter covers."""
    names = [_escaped(literal(t.name)[:31]).replace('"', "&quot;") for t in tables]
    sheets = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, n in enumerate(names, 1))
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"'{n.replace(chr(39), chr(39) * 2)}'!$A$1:${_column(_width(t) - 1)}"
        f"${len(t.rows) + 1}</definedName>" for i, (n, t) in enumerate(zip(names, tables,
                                                                           strict=True)))
    return (f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/>'
            f"</bookViews><sheets>{sheets}</sheets><definedNames>{filters}</definedNames>"
            "</workbook>")


def _width(table: Table) -> int:
    """The columns a sheet uses: its header's, or its longest row's."""
    return max([len(table.headers), *(len(row) for row in table.rows)], default=1) or 1
