"""Rich tables for the terminal: colour by status and severity, data text always literal."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, Any

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from ofsted_trace.render.safe import plain
from ofsted_trace.render.views import schedule_shown, status_summary, status_tables

STATUS_STYLE = {"evidenced": "green", "progressing": "yellow", "concern": "red",
                "self-reported": "magenta", "no-evidence": "bold red"}
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}
STANCE_STYLE = {"progress": "green", "mixed": "yellow", "concern": "red"}
RAG_STYLE = {"red": "red", "amber": "yellow", "green": "green", "blue": "blue"}
SCHEDULE_STYLE = {"late": "red", "on-track": "green", "done": "blue", "no-actions": "dim"}


@dataclass(frozen=True)
class Term:
    """What the output stream can show: its width and whether it takes colour."""

    width: int
    color: bool


def detect(stream: IO[str]) -> Term:
    """Ask rich about the stream, so NO_COLOR, FORCE_COLOR and COLUMNS are honoured."""
    console = Console(file=stream)
    return Term(console.width, console.is_terminal and not console.no_color)


def lit(text: Any, style: str = "") -> Text:
    """Data text as a literal: rich markup in it is shown, not obeyed."""
    return Text(plain(str(text)), style=style)


def to_text(renderables: list[RenderableType], term: Term) -> str:
    """Render to a string at the terminal's width, in colour only when it takes colour."""
    buf = io.StringIO()
    console = Console(file=buf, width=term.width, force_terminal=term.color,
                      no_color=not term.color, highlight=False, emoji=False)
    for item in renderables:
        console.print(item)
    return buf.getvalue()


def _fixed(values: list[str], header: str = "") -> dict[str, Any]:
    """Column options for short one-line values: the width is given, so rich need not
    measure every cell (a third of a table's time, for 1,000 rows)."""
    return {"width": max(cell_len(v) for v in [header, *values]), "no_wrap": True}


def status(rows: list[dict[str, Any]], term: Term, as_of: str) -> str:
    """The status table: one row per recommendation, one table per inspection cycle."""
    tables: list[RenderableType] = [_status_table(group, title)
                                    for title, group in status_tables(rows, as_of)]
    summary = Text(status_summary(rows))
    return to_text([*tables, summary], term)


def _status_table(rows: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=False)

    numbers = {k: _fixed([str(r[key]) for r in rows], k) for k, key in (("ind.", "independent"),
                                                                      ("council", "council"))}
    for name, kw in (("id", _fixed([plain(r["id"]) for r in rows], "id")), ("title", {"ratio": 3}),
                     ("themes", {}), ("ind.", {"justify": "right", **numbers["ind."]}),
                     ("council", {"justify": "right", **numbers["council"]}),
                     ("latest independent", {"ratio": 2}),
                     ("status", _fixed([r["status"] for r in rows], "status")),
                     ("claimed", _fixed([r.get("claimed") or "—" for r in rows], "claimed")),
                     ("schedule", _fixed([schedule_shown(r) for r in rows], "schedule"))):
        table.add_column(name, **kw)
    for row in rows:
        last = row["latest"]
        latest = lit("—", "dim") if last is None else Text.assemble(
            lit(f"{last['date']} {last['visit'] or last['occasion']} "),
            lit(last["stance"], STANCE_STYLE[last["stance"]]))
        table.add_row(lit(row["id"]), lit(row["title"]), lit(", ".join(row["themes"])),
                      lit(row["independent"]), lit(row["council"]), latest,
                      lit(row["status"], STATUS_STYLE[row["status"]]),
                      lit(row.get("claimed") or "—",
                          RAG_STYLE.get(row.get("claimed") or "", "dim")),
                      lit(schedule_shown(row), SCHEDULE_STYLE.get(row.get("schedule", ""), "")))
    return table


def gaps(rows: list[dict[str, Any]], term: Term, as_of: str, limit: int = 0) -> str:
    """Gaps grouped by kind, most serious kind first, each group with its count.

    With a limit, each group shows its first `limit` rows and says how many more there are:
    thousands of rows in a terminal help nobody (and rich takes seconds to lay them out).
    """
    if not rows:
        return to_text([Text(f"No gaps at {as_of}.", style="green")], term)
    out: list[RenderableType] = [Text(f"{len(rows)} gaps at {as_of}", style="bold")]
    kinds: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], []).append(row)
    for kind, group in kinds.items():
        table = Table(title=f"{kind} ({len(group)})", title_justify="left", show_header=False,
                      box=None, padding=(0, 1))
        shown = group[:limit] if limit else group
        table.add_column("severity", **_fixed([r["severity"] for r in shown]))
        table.add_column("subject", **_fixed([plain(r["subject"]) for r in shown]))
        table.add_column("message")
        for row in shown:
            table.add_row(lit(row["severity"], SEVERITY_STYLE[row["severity"]]),
                          lit(row["subject"], "bold"), lit(row["message"]))
        out += [Text(""), table]
        if len(shown) < len(group):
            out.append(Text(f" … and {len(group) - len(shown):,} more (use --limit 0, or "
                            "--format csv/json)", style="dim"))
    return to_text(out, term)
