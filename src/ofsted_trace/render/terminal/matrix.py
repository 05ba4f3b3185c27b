"""The coverage matrix for the terminal: recommendations by visits, in colour, fitted to width."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from ofsted_trace.render.report.build import WEIGHT
from ofsted_trace.render.report.parts import Report
from ofsted_trace.render.terminal.table import (
    RAG_STYLE,
    SCHEDULE_STYLE,
    STANCE_STYLE,
    STATUS_STYLE,
    Term,
    lit,
    to_text,
)

GLYPH = {"progress": "●", "mixed": "◐", "concern": "○"}


def format(r: Report, term: Term) -> str:
    """One row per recommendation, one column per visit in date order, then a legend."""
    table = Table(title=f"{r.authority}: coverage matrix at {r.as_of}", title_justify="left",
                  expand=False, padding=(0, 1), box=box.SIMPLE_HEAD)
    table.add_column("rec", no_wrap=True, min_width=5)
    # The visits' columns come first; status and titles get only the room they leave.
    width = 10 + sum(max(3, len(c.label)) + 3 for c in r.columns)
    show_status = term.width - width >= 17
    # The council's rating and the schedule sit beside the status when there is room.
    show_plan = show_status and term.width - width >= 17 + 20
    room = term.width - width - 17 * show_status - 20 * show_plan - 4
    show_title = room >= 12
    if show_title:
        table.add_column("title", max_width=min(room, 40), overflow="ellipsis", no_wrap=True)
    for col in r.columns:
        table.add_column(lit(col.label), justify="center", overflow="fold",
                         min_width=max(2, len(col.label)) if width <= term.width else 2)
    if show_status:
        table.add_column("status", no_wrap=True)
    if show_plan:
        table.add_column("rating", no_wrap=True)
        table.add_column("schedule", no_wrap=True)
    # One Text per kind of cell, shared by every cell of that kind (rich copies what it
    # lays out): at 1,000 items by 300 visits, making 300,000 of them took seconds.
    shown: dict[tuple[str, str], Text] = {}
    nothing = lit("·", "dim")
    for s in r.recommendations:
        cells = r.matrix[s.id]
        row: list[Text] = [lit(s.id, "bold")]
        if show_title:
            row.append(lit(s.title))
        for col in r.columns:
            c = cells.get(col.key)
            if c is None:
                row.append(nothing)
                continue
            if (c.stance, c.weight) not in shown:
                shown[c.stance, c.weight] = Text.assemble(
                    lit(GLYPH[c.stance], STANCE_STYLE[c.stance]), lit(c.weight))
            row.append(shown[c.stance, c.weight])
        if show_status:
            row.append(lit(s.status, STATUS_STYLE[s.status]))
        if show_plan:
            row.append(lit(s.claimed, RAG_STYLE.get(s.claimed, "dim")))
            row.append(lit(s.schedule, SCHEDULE_STYLE.get(s.schedule, "")))
        table.add_row(*row)
    stances = Text("  ").join(Text.assemble(lit(g, STANCE_STYLE[s]), f" {s}")
                              for s, g in GLYPH.items())
    weights = "  ".join(f"{code} {meaning}" for code, meaning in WEIGHT.values())
    dates = "  ".join(f"{c.label}: {c.date}" for c in r.columns)
    return to_text([table, Text.assemble(stances, "  · nothing"), lit(weights, "dim"),
                    lit(dates, "dim")], term)
