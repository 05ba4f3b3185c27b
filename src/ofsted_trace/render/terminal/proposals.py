"""`trace suggest` and `trace unmined` as rich tables for people."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ofsted_trace.render.terminal.table import STANCE_STYLE, Term, lit, to_text


def suggestions(rows: list[dict[str, Any]], term: Term, document: str) -> str:
    """Proposals grouped by recommendation, best first; possible emerging findings last."""
    if not rows:
        return to_text([Text(f"Nothing to propose from {document}: every passage is quoted, "
                             "rejected, or matches no recommendation.", style="green")], term)
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["recommendation"] or "", []).append(row)
    out: list[RenderableType] = [Text(f"{len(rows)} proposal(s) from {document}", style="bold")]
    for rid, group in sorted(groups.items(), key=lambda g: (g[0] == "", -g[1][0]["score"])):
        title = rid or "no recommendation: possible emerging findings"
        table = Table(title=title, title_justify="left", show_header=False, box=None,
                      padding=(0, 1))
        for name in ("score", "stance", "voice"):
            table.add_column(name, no_wrap=True)
        table.add_column("quote")
        for row in group:
            table.add_row(lit(f"{row['score']:.1f}"), lit(row["stance"],
                          STANCE_STYLE[row["stance"]]), lit(row["voice"], "dim"),
                          lit(row["quote"]))
        out += [Text(""), table]
    return to_text(out, term)


def unmined(rows: list[dict[str, Any]], term: Term, document: str) -> str:
    """Passages no excerpt quotes, concerns first."""
    if not rows:
        return to_text([Text(f"Every passage of {document} is quoted.", style="green")], term)
    table = Table(title=f"{len(rows)} passage(s) of {document} that no excerpt quotes",
                  title_justify="left", box=None, padding=(0, 1))
    table.add_column("stance", no_wrap=True)
    table.add_column("section", ratio=1)
    table.add_column("passage", ratio=3)
    for row in rows:
        table.add_row(lit(row["stance"], STANCE_STYLE[row["stance"]]), lit(row["section"], "dim"),
                      lit(row["quote"]))
    return to_text([table], term)
