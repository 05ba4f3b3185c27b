"""The gaps table as table.py has rich lay it out, without rich, where that is certain.

Importing rich and laying the table out is about a sixth of a cold `trace gaps` on small data. When
the output takes no colour and every character is one cell wide, rich's layout is plain text:
fixed columns, the message wrapped at spaces, each cell padded to its width. This module does
that arithmetic as rich does (rich/table.py, text.py, _wrap.py); anything it cannot be sure of
(colour, Jupyter, Windows, a wide or unusual character, a word too long for its column, a
narrow terminal) returns None, and rich lays it out. tests/test_plain.py compares the two.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import re
import sys
from collections.abc import Iterator
from typing import IO, Any

from ofsted_trace.render.safe import plain

# Characters rich measures as one cell in every Unicode version it knows: its own list of
# single-cell ranges (rich/cells.py), and the typographic punctuation of U+2010-U+2027
# (dashes, curly quotes, the ellipsis), which real reports are full of. Nothing here is a
# line break to str.splitlines, and the only spaces are " " and U+00A0, as \s knows them.
ONE_CELL = frozenset(chr(c) for start, end in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF),
                                              (0x370, 0x482), (0x2010, 0x2027),
                                              (0x2500, 0x25FC), (0x2800, 0x28FF))
                     for c in range(start, end + 1))
# rich/_wrap.py's word (with the spaces around it) and rich/text.py's trailing whitespace.
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING = re.compile(r"\s+$")
# What makes rich's console a terminal, or sizes it, other than the streams themselves.
_RICH_ENV = ("TTY_COMPATIBLE", "FORCE_COLOR", "JUPYTER_COLUMNS", "JUPYTER_LINES")
# Narrower than this, leave the layout to rich: its corner cases live there.
_MIN_WIDTH = 20


class _Unsure(Exception):
    """rich would lay this out in a way this module does not follow: ask rich."""


def console_width(stream: IO[str]) -> int | None:
    """The width rich gives a console on stream that takes no colour; None when unsure."""
    if os.name != "posix" or hasattr(builtins, "get_ipython"):
        return None  # Windows consoles and Jupyter have widths of their own
    if any(key in os.environ for key in _RICH_ENV) or hasattr(stream, "rich_proxied_file"):
        return None
    try:
        if stream.isatty():
            return None  # a terminal: colour, unless NO_COLOR; rich's to decide
    except Exception:
        return None
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        found = int(columns) if columns.isascii() else 0
    else:
        found = _terminal_width()
    return found if found >= _MIN_WIDTH else None


def _terminal_width() -> int:
    """The first of stdin, stdout and stderr that is a terminal gives the width; else 80."""
    for stream, fd in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        with contextlib.suppress(Exception):
            fd = stream.fileno() if stream is not None else fd
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def gaps(rows: list[dict[str, Any]], stream: IO[str], as_of: str, limit: int = 0) -> str | None:
    """table.gaps(rows, table.detect(stream), as_of, limit), or None when rich must lay it out."""
    shown = console_width(stream)
    return None if shown is None else layout(rows, shown, as_of, limit)


def layout(rows: list[dict[str, Any]], console: int, as_of: str, limit: int = 0) -> str | None:
    """table.gaps(rows, Term(console, color=False), as_of, limit), or None when unsure."""
    try:
        return "".join(_gaps(rows, console, as_of, limit))
    except _Unsure:
        return None


def _gaps(rows: list[dict[str, Any]], console: int, as_of: str, limit: int) -> Iterator[str]:
    if not rows:
        yield _text(f"No gaps at {as_of}.", console)
        return
    yield _text(f"{len(rows)} gaps at {as_of}", console)
    kinds: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], []).append(row)
    for kind, group in kinds.items():
        shown = group[:limit] if limit else group
        yield _text("", console)
        # The widths of the fixed columns as table.py gives them (_fixed), and the cells.
        fixed = [max(len(v) for v in values) for values in (
            [_one_cell(r["severity"]) for r in shown],
            [_one_cell(plain(r["subject"])) for r in shown])]
        yield _table(f"{kind} ({len(group)})", fixed, [
            (plain(str(r["severity"])), plain(str(r["subject"])), plain(str(r["message"])))
            for r in shown], console)
        if len(shown) < len(group):
            yield _text(f" … and {len(group) - len(shown):,} more (use --limit 0, or "
                        "--format csv/json)", console)


def _one_cell(value: str) -> str:
    if not ONE_CELL.issuperset(value):
        raise _Unsure
    return value


def _text(text: str, console: int) -> str:
    """A Text printed on its own: wrapped at the console's width, not padded."""
    return "".join(f"{line}\n" for line in _wrap(text, console, pad=False))


def _table(title: str, fixed: list[int], rows: list[tuple[str, str, str]],
           console: int) -> str:
    """A table with no box and no header: two fixed columns and the message, padding (0, 1)."""
    if min(fixed) < 1 or sum(fixed) + 4 + 3 > console:
        raise _Unsure  # under one character left for the message: rich shrinks every column
    # Each cell is measured with its padding, at most the console's width; the column as its
    # widest cell. Too wide a table: only the message column gives way, by the whole excess.
    widths = [fixed[0] + 2, fixed[1] + 2, max(min(len(row[2]) + 2, console) for row in rows)]
    widths[2] -= max(0, sum(widths) - console)
    lines = [f"{line}\n" for line in _wrap(title, sum(widths), pad=True)]
    for row in rows:
        cells = [_wrap(value, cell_width - 2, pad=True, no_wrap=i < 2)
                 for i, (value, cell_width) in enumerate(zip(row, widths, strict=True))]
        for n in range(max(map(len, cells))):
            lines.append("".join(f" {cell[n]} " if n < len(cell) else " " * cell_width
                                 for cell, cell_width in zip(cells, widths, strict=True)) + "\n")
    return "".join(lines)


def _wrap(text: str, width: int, *, pad: bool, no_wrap: bool = False) -> list[str]:
    """Text.wrap for one line of one-cell characters, every word shorter than width."""
    if not ONE_CELL.issuperset(text):
        raise _Unsure
    lines = [text] if no_wrap else _divided(text, width)
    out = []
    for line in lines:
        if not no_wrap and len(line) > width:  # Text.rstrip_end: spaces past the width go
            spaces = _TRAILING.search(line)
            if spaces is not None:
                line = line[:len(line) - min(len(spaces.group()), len(line) - width)]
        if len(line) > width:
            raise _Unsure  # rich would fold it or end it with an ellipsis
        out.append(line + " " * (width - len(line)) if pad else line)
    return out


def _divided(text: str, width: int) -> list[str]:
    """rich's divide_line: break before each word that no longer fits the line."""
    breaks = [0]
    offset = 0
    match = _WORD.match(text, 0)
    while match is not None:
        start, end = match.span()
        word = match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            raise _Unsure
        elif offset and start:
            breaks.append(start)
            offset = len(word)
        match = _WORD.match(text, end)
    return [text[a:b] for a, b in zip(breaks, [*breaks[1:], len(text)], strict=True)]
