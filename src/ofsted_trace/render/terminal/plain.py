"""The gaps table as table.py has rich lay it out, without rich, where that is certain.

Importing rich and laying the table out is about a sixth of a cold `trace gaps` on small data. When
the output takes no colour and every character is one cell wide, rich's layout is plain text:
fixed columns, the message wrapped at spaces, each cell padded to its width. This module does
that arithmetic as rich does (rich/table.py; layout.py wraps as text.py and _wrap.py do);
anything it cannot be sure of (colour, Jupyter, Windows, a wide or unusual character, a word
too long for its column, a narrow terminal) returns None, and rich lays it out.
tests/test_plain.py compares the two.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ofsted_trace.render.safe import plain
from ofsted_trace.render.terminal.layout import Unsure, console_width, one_cell, text, wrap


def gaps(rows: list[dict[str, Any]], stream: IO[str], as_of: str, limit: int = 0) -> str | None:
    """table.gaps(rows, table.detect(stream), as_of, limit), or None when rich must lay it out."""
    shown = console_width(stream)
    return None if shown is None else layout(rows, shown, as_of, limit)


def layout(rows: list[dict[str, Any]], console: int, as_of: str, limit: int = 0) -> str | None:
    """table.gaps(rows, Term(console, color=False), as_of, limit), or None when unsure."""
    try:
        return "".join(_gaps(rows, console, as_of, limit))
    except Unsure:
        return None


def _gaps(rows: list[dict[str, Any]], console: int, as_of: str, limit: int) -> Iterator[str]:
    if not rows:
        yield text(f"No gaps at {as_of}.", console)
        return
    yield text(f"{len(rows)} gaps at {as_of}", console)
    kinds: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], []).append(row)
    for kind, group in kinds.items():
        shown = group[:limit] if limit else group
        yield text("", console)
        # The widths of the fixed columns as table.py gives them (_fixed), and the cells.
        fixed = [max(len(v) for v in values) for values in (
            [one_cell(r["severity"]) for r in shown],
            [one_cell(plain(r["subject"])) for r in shown])]
        yield _table(f"{kind} ({len(group)})", fixed, [
            (plain(str(r["severity"])), plain(str(r["subject"])), plain(str(r["message"])))
            for r in shown], console)
        if len(shown) < len(group):
            yield text(f" … and {len(group) - len(shown):,} more (use --limit 0, or "
                       "--format csv/json)", console)


def _table(title: str, fixed: list[int], rows: list[tuple[str, str, str]],
           console: int) -> str:
    """A table with no box and no header: two fixed columns and the message, padding (0, 1)."""
    if min(fixed) < 1 or sum(fixed) + 4 + 3 > console:
        raise Unsure  # under one character left for the message: rich shrinks every column
    # Each cell is measured with its padding, at most the console's width; the column as its
    # widest cell. Too wide a table: only the message column gives way, by the whole excess.
    widths = [fixed[0] + 2, fixed[1] + 2, max(min(len(row[2]) + 2, console) for row in rows)]
    widths[2] -= max(0, sum(widths) - console)
    lines = [f"{line}\n" for line in wrap(title, sum(widths), pad=True)]
    for row in rows:
        cells = [wrap(value, cell_width - 2, pad=True, no_wrap=i < 2)
                 for i, (value, cell_width) in enumerate(zip(row, widths, strict=True))]
        for n in range(max(map(len, cells))):
            lines.append("".join(f" {cell[n]} " if n < len(cell) else " " * cell_width
                                 for cell, cell_width in zip(cells, widths, strict=True)) + "\n")
    return "".join(lines)
