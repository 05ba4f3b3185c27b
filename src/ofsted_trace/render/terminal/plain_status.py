"""The status table as table.py has rich lay it out, without rich, where that is certain.

At 100,000 excerpts the table has 1,000 rows, and rich took 1.4-2.2 s to lay them out: more
than a one-file-changed `trace status` may take in all. With no colour and every character
one cell wide, rich's layout is arithmetic: each column measured, the wrapping columns shrunk
until the table fits the console (rich/table.py _calculate_column_widths and
_collapse_widths, rich/_ratio.py ratio_reduce, followed here as written), each cell wrapped or
cut short with "…" (layout.py) and padded, and the heavy-headed box drawn around. Anything it
cannot be sure of returns None, and rich lays it out. tests/test_plain_status.py compares the
two.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ofsted_trace.render.safe import plain
from ofsted_trace.render.terminal.layout import Unsure, console_width, one_cell, text, wrap
from ofsted_trace.render.views import schedule_shown, status_summary, status_tables

HEADERS = ("id", "title", "themes", "ind.", "council", "latest independent", "status",
           "claimed", "schedule")
# As table.py's _status_table makes them: the columns rich measures and wraps (the others
# are given their width and never wrap), and the two justified right.
_WRAPS = (False, True, True, False, False, True, False, False, False)
_RIGHT = (False, False, False, True, True, False, False, False, False)
# rich's box.HEAVY_HEAD as a table with edges draws it, each as left, line, divider, right.
_TOP, _HEAD, _UNDER, _ROW, _BOTTOM = "┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "└─┴┘"
# The box's two edges and eight dividers, and each cell's padding (one space each side).
_EXTRA = len(HEADERS) + 1
_PAD = 2


def status(rows: list[dict[str, Any]], stream: IO[str], as_of: str) -> str | None:
    """table.status(rows, table.detect(stream), as_of), or None when rich must lay it out."""
    shown = console_width(stream)
    return None if shown is None else layout(rows, shown, as_of)


def layout(rows: list[dict[str, Any]], console: int, as_of: str) -> str | None:
    """table.status(rows, Term(console, color=False), as_of), or None when unsure."""
    try:
        return "".join(_status(rows, console, as_of))
    except Unsure:
        return None


def _status(rows: list[dict[str, Any]], console: int, as_of: str) -> Iterator[str]:
    for title, group in status_tables(rows, as_of):
        if "[" in title:
            raise Unsure  # rich reads a title given as a str as markup
        yield _table(title, group, console)
    for line in status_summary(rows).split("\n"):
        yield text(line, console)


def _cells(row: dict[str, Any]) -> tuple[str, ...]:
    """The row's cells as table.py's lit() makes them: data text made plain."""
    last = row["latest"]
    latest = "—" if last is None else (
        plain(f"{last['date']} {last['visit'] or last['occasion']} ") + plain(str(last["stance"])))
    return (plain(str(row["id"])), plain(str(row["title"])), plain(", ".join(row["themes"])),
            plain(str(row["independent"])), plain(str(row["council"])), latest,
            plain(str(row["status"])), plain(str(row.get("claimed") or "—")),
            plain(schedule_shown(row)))


def _fixed(rows: list[dict[str, Any]]) -> list[int | None]:
    """The widths table.py gives its one-line columns (_fixed); None for those rich measures."""
    values = ([plain(r["id"]) for r in rows], None, None,
              [str(r["independent"]) for r in rows], [str(r["council"]) for r in rows], None,
              [r["status"] for r in rows], [r.get("claimed") or "—" for r in rows],
              [schedule_shown(r) for r in rows])
    return [None if column is None else max(len(one_cell(v)) for v in [header, *column])
            for header, column in zip(HEADERS, values, strict=True)]


def _table(title: str, rows: list[dict[str, Any]], console: int) -> str:
    """One cycle's table: its title, the header, one line or more for each row, the box."""
    cells = [_cells(row) for row in rows]
    longest = [max(map(len, column)) for column in zip(HEADERS, *cells, strict=True)]
    widths = _widths(_fixed(rows), longest, console - _EXTRA)
    inner = [width - _PAD for width in widths]
    out = [f"{line}\n" for line in wrap(title, sum(widths) + _EXTRA, pad=True)]
    out.append(_rule(_TOP, widths))
    out += _row(HEADERS, inner, _HEAD, header=True)
    out.append(_rule(_UNDER, widths))
    for row in cells:
        out += _row(row, inner, _ROW, header=False)
    out.append(_rule(_BOTTOM, widths))
    return "".join(out)


def _rule(box: str, widths: list[int]) -> str:
    return box[0] + box[2].join(box[1] * width for width in widths) + box[3] + "\n"


def _row(values: tuple[str, ...], inner: list[int], box: str, header: bool) -> list[str]:
    """A row's lines: each cell wrapped in its column, the header's at the bottom of its row."""
    cells = [wrap(value, width, pad=True, no_wrap=not wraps, right=right, ellipsis=True)
             for value, width, wraps, right in zip(values, inner, _WRAPS, _RIGHT, strict=True)]
    height = max(map(len, cells))
    for cell, width in zip(cells, inner, strict=True):
        blank = [" " * width] * (height - len(cell))
        cell[:] = blank + cell if header else cell + blank
    return [box[0] + box[2].join(f" {cell[n]} " for cell in cells) + box[3] + "\n"
            for n in range(height)]


def _widths(fixed: list[int | None], longest: list[int], room: int) -> list[int]:
    """Table._calculate_column_widths (no expand, no minimum) for room between the box's lines.

    Each column is measured with its padding, at most the room: its given width, or its
    longest cell. Too wide, the wrapping columns give way (_collapse_widths), and each is
    measured again within its new width.
    """

    def measure(i: int, width: int) -> int:
        given = fixed[i]
        if given is not None:
            return min(given + _PAD, width)
        return width if width <= _PAD else min(longest[i] + _PAD, width)

    if room < (_PAD + 1) * len(fixed):
        raise Unsure  # too narrow for a character in every cell
    widths = [measure(i, room) for i in range(len(fixed))]
    if sum(widths) > room:
        widths = _collapse(widths, [given is None for given in fixed], room)
        # Still too wide, rich shrinks every column evenly; by then the wrapping ones are
        # down to nothing, which is declined below anyway.
        if sum(widths) > room:
            raise Unsure
        widths = [measure(i, width) for i, width in enumerate(widths)]
    if min(widths) <= _PAD:
        raise Unsure  # a cell with no room for a character: rich's corner cases
    return widths


def _collapse(widths: list[int], wraps: list[bool], room: int) -> list[int]:
    """Table._collapse_widths: the widest wrapping columns shrink to the next widest, in turn."""
    total = sum(widths)
    excess = total - room
    while total and excess > 0:
        widest = max(width for width, wrap in zip(widths, wraps, strict=True) if wrap)
        second = max(width if wrap and width != widest else 0
                     for width, wrap in zip(widths, wraps, strict=True))
        ratios = [1 if width == widest and wrap else 0
                  for width, wrap in zip(widths, wraps, strict=True)]
        if not any(ratios) or not widest - second:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths),
                               widths)
        total = sum(widths)
        excess = total - room
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int],
                  values: list[int]) -> list[int]:
    """rich's ratio_reduce: total taken from values in proportion to ratios, within maximums."""
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result
