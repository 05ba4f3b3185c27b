"""`trace diff` for the terminal (rich tables) and as JSON-ready rows."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ofsted_trace.judge.compare import Changes, FieldChange
from ofsted_trace.judge.gaps.base import Gap
from ofsted_trace.render.terminal.table import SEVERITY_STYLE, STATUS_STYLE, Term, lit, to_text


def _gap(g: Gap) -> dict[str, str]:
    return {"kind": g.kind, "subject": g.subject, "severity": str(g.severity),
            "file": g.location.file, "message": g.message}


def rows(changes: Changes) -> dict[str, Any]:
    """Every change as plain values, for JSON."""
    return {
        "before": changes.before,
        "after": changes.after,
        "as_of": changes.as_of.isoformat(),
        "statuses": [{"id": c.rec_id, "number": c.number, "title": c.title,
                      "before": c.before, "after": c.after} for c in changes.statuses],
        "gaps_opened": [_gap(g) for g in changes.gaps_opened],
        "gaps_closed": [_gap(g) for g in changes.gaps_closed],
        "excerpts": [{"id": c.excerpt_id, "document": c.document, "change": c.change,
                      "fields": {f.field: {"before": f.before, "after": f.after}
                                 for f in c.fields}} for c in changes.excerpts],
        "new": [{"kind": r.kind, "id": r.record_id, "title": r.title, "date": r.date}
                for r in changes.new],
        "changed": [{"kind": r.kind, "id": r.record_id,
                     "fields": {f.field: {"before": f.before, "after": f.after}
                                for f in r.fields}} for r in changes.changed],
    }


def _fields(fields: tuple[FieldChange, ...]) -> str:
    return "; ".join(f"{f.field}: {f.before} → {f.after}" for f in fields)


def _status(value: str | None) -> Text:
    return lit("—", "dim") if value is None else lit(value, STATUS_STYLE.get(value, ""))


def _table(title: str, headers: list[str]) -> Table:
    table = Table(title=title, title_justify="left", box=None, padding=(0, 1))
    for header in headers:
        table.add_column(header)
    return table


def table(changes: Changes, term: Term) -> str:
    """One small table per kind of change, skipping kinds with none."""
    out: list[RenderableType] = [lit(
        f"Changes from {changes.before} to {changes.after} at {changes.as_of.isoformat()}",
        "bold")]
    if changes.empty:
        return to_text([*out, Text("No changes.", style="green")], term)
    if changes.statuses:
        t = _table(f"status changed ({len(changes.statuses)})", ["id", "title", "from", "to"])
        for c in changes.statuses:
            t.add_row(lit(c.rec_id), lit(c.title), _status(c.before), _status(c.after))
        out += [Text(""), t]
    gaps = [("opened", g) for g in changes.gaps_opened] + [
        ("closed", g) for g in changes.gaps_closed]
    if gaps:
        t = _table(f"gaps opened ({len(changes.gaps_opened)}) and closed "
                   f"({len(changes.gaps_closed)})", ["", "kind", "severity", "subject"])
        for verb, g in gaps:
            t.add_row(lit(verb, "red" if verb == "opened" else "green"), lit(g.kind),
                      lit(g.severity, SEVERITY_STYLE[g.severity]), lit(g.subject, "bold"))
        out += [Text(""), t]
    if changes.excerpts:
        t = _table(f"excerpts ({len(changes.excerpts)})", ["", "id", "document", "changed"])
        for e in changes.excerpts:
            t.add_row(lit(e.change), lit(e.excerpt_id), lit(e.document), lit(_fields(e.fields)))
        out += [Text(""), t]
    if changes.changed:
        t = _table(f"changed records ({len(changes.changed)})", ["kind", "id", "changed"])
        for rc in changes.changed:
            t.add_row(lit(rc.kind), lit(rc.record_id), lit(_fields(rc.fields)))
        out += [Text(""), t]
    if changes.new:
        t = _table(f"new documents and visits ({len(changes.new)})",
                   ["kind", "id", "title", "date"])
        for r in changes.new:
            t.add_row(lit(r.kind), lit(r.record_id), lit(r.title), lit(r.date))
        out += [Text(""), t]
    return to_text(out, term)
