"""rich's arithmetic for plain text, without rich: the console's width, wrapping, padding.

When the output takes no colour and every character is one cell wide, what rich prints is
plain text laid out by rules this module follows as rich does (rich/console.py, text.py,
_wrap.py, containers.py). Anything it cannot be sure of raises Unsure, and the caller leaves
the layout to rich. plain.py (gaps) and plain_status.py (status) build their tables on it.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import re
import sys
from typing import IO

# Characters rich measures as one cell in every Unicode version it knows: its own list of
# single-cell ranges (rich/cells.py), the typographic punctuation of U+2010-U+2027 (dashes,
# curly quotes, the ellipsis), which real reports are full of, and the private use area,
# where text taken from a PDF keeps its symbol fonts' bullets (U+F06E). Nothing here is a
# line break to str.splitlines, and the only spaces are " " and U+00A0, as \s knows them.
ONE_CELL = frozenset(chr(c) for start, end in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF),
                                              (0x370, 0x482), (0x2010, 0x2027),
                                              (0x2500, 0x25FC), (0x2800, 0x28FF),
                                              (0xE000, 0xF8FF))
                     for c in range(start, end + 1))
# rich/_wrap.py's word (with the spaces around it) and rich/text.py's trailing whitespace.
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING = re.compile(r"\s+$")
# What makes rich's console a terminal, or sizes it, other than the streams themselves.
_RICH_ENV = ("TTY_COMPATIBLE", "FORCE_COLOR", "JUPYTER_COLUMNS", "JUPYTER_LINES")
# Narrower than this, leave the layout to rich: its corner cases live there.
_MIN_WIDTH = 20


class Unsure(Exception):
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


def one_cell(value: str) -> str:
    """value itself, when every character of it is one cell wide; else Unsure."""
    if not ONE_CELL.issuperset(value):
        raise Unsure
    return value


def text(value: str, console: int) -> str:
    """A Text printed on its own: wrapped at the console's width, not padded."""
    return "".join(f"{line}\n" for line in wrap(value, console, pad=False))


def wrap(value: str, width: int, *, pad: bool, no_wrap: bool = False, right: bool = False,
         ellipsis: bool = False) -> list[str]:
    """Text.wrap for one line of one-cell characters.

    pad: justified left (padded to the width), right: justified right, neither: as printed.
    ellipsis: a line too long ends in "…" (a table cell's overflow); without it, a word
    longer than the width is Unsure (Text's own overflow folds it, which is not followed).
    """
    if not ONE_CELL.issuperset(value) or width < 1:
        raise Unsure
    lines = [value] if no_wrap else _divided(value, width, ellipsis)
    out = []
    for line in lines:
        if not no_wrap and len(line) > width:  # Text.rstrip_end: spaces past the width go
            spaces = _TRAILING.search(line)
            if spaces is not None:
                line = line[:len(line) - min(len(spaces.group()), len(line) - width)]
        if right:
            line = line.rstrip()  # Lines.justify: a right-justified line loses its spaces
        if len(line) > width:
            if not ellipsis:
                raise Unsure  # rich would fold it
            line = line[:width - 1] + "…"  # Text.truncate
        if right:
            line = " " * (width - len(line)) + line
        elif pad:
            line += " " * (width - len(line))
        out.append(line)
    return out


def _divided(value: str, width: int, ellipsis: bool) -> list[str]:
    """rich's divide_line: break before each word that no longer fits the line.

    A word longer than the width goes on a line of its own (to be cut short) when ellipsis,
    and is Unsure otherwise.
    """
    if len(value) <= width:
        # Each word then ends within the width (it starts where the ones before end), so
        # there is no break: most cells of a table, skipped without the word-by-word walk.
        return [value]
    breaks = [0]
    offset = 0
    match = _WORD.match(value, 0)
    while match is not None:
        start, end = match.span()
        word = match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if not ellipsis:
                raise Unsure
            if start:
                breaks.append(start)
            offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
        match = _WORD.match(value, end)
    return [value[a:b] for a, b in zip(breaks, [*breaks[1:], len(value)], strict=True)]
