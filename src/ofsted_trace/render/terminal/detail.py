"""One record and its neighbourhood for the terminal; a recommendation as an evidence timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ofsted_trace.judge.assess import Assessment
from ofsted_trace.judge.schedule import ActionState
from ofsted_trace.model.actions import Action, Rating
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.render.terminal.table import (
    RAG_STYLE,
    SCHEDULE_STYLE,
    STANCE_STYLE,
    STATUS_STYLE,
    Term,
    lit,
    to_text,
)
from ofsted_trace.render.views import VOICE_LABEL, addressee, item_name

if TYPE_CHECKING:
    import networkx as nx


def _value(value: Any) -> str:
    """A field as the YAML file writes it: true/false, not Python's True/False."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    return str(value)


def _clip(text: str, width: int) -> str:
    """Text on one line, cut at a word boundary with an ellipsis when it is too long."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[:width - 1].rsplit(" ", 1)[0] if " " in flat[:width - 1] else flat[:width - 1]
    return cut.rstrip(",;:") + "…"


def plan(claim: Rating | None, schedule: str, actions: list[ActionState]) -> list[Text]:
    """The council's rating and the schedule beside the evidence status, then each action."""
    rated = (Text.assemble(lit(claim.rating, RAG_STYLE[claim.rating]),
                           lit(f" by the {claim.by}, {claim.date.human()}"
                               + (f": {claim.note}" if claim.note else "")))
             if claim else lit("not rated", "dim"))
    out = [Text.assemble("council's rating: ", rated),
           Text.assemble("schedule: ", lit(schedule, SCHEDULE_STYLE.get(schedule, "")))]
    for act in actions:
        due = act.due.human() if act.due else "no date"
        out.append(Text.assemble("  ", lit(act.id, "bold"), lit(f" [{act.status}] "),
                                 lit(act.text[:100] + ("…" if len(act.text) > 100 else "")),
                                 lit(f" (due {due}{', late' if act.overdue else ''}"
                                     f"{', owner ' + act.owner if act.owner else ''})", "dim")))
    return out


def recommendation(ds: Dataset, a: Assessment, term: Term,
                   extra: list[Text] | None = None) -> str:
    """A recommendation: text, themes, the three statuses, and its evidence by visit."""
    rec = ds.recommendations[a.rec_id]
    out: list[RenderableType] = [
        Text.assemble(lit(f"{rec.id} ", "bold"), lit(rec.title, "bold"),
                      lit(f"  ({item_name(rec.number).lower()}, to the "
                          f"{addressee(rec.addressed_to)})" if rec.number is None else
                          f"  (no. {rec.number}, to the {addressee(rec.addressed_to)})", "dim")),
        Padding(lit(rec.text, "italic"), (0, 2)),
        Text.assemble("themes: ", lit(", ".join(
            f"{t} {ds.themes[t].title}" if t in ds.themes else t for t in rec.themes) or "none")),
        Text.assemble("status: ", lit(a.status, STATUS_STYLE[a.status]),
                      lit(f"   independent excerpts: {a.independent}, council: {a.council}")),
        *([lit("why:")] if a.reasons else []),
        *(Padding(lit(f"- {reason}", "dim"), (0, 0, 0, 2)) for reason in a.reasons),
        *(extra or []),
    ]
    groups: dict[str, list[Any]] = {}
    for f in a.findings:
        groups.setdefault(f.occasion, []).append(f)
    if not groups:
        out.append(lit("No evidence.", "bold red"))
    for occasion, found in groups.items():
        visit = ds.visits.get(occasion)
        head = (f"{visit.title} ({found[0].date.human()})" if visit
                else f"No visit: {ds.documents[occasion].title}")
        out.append(Text(""))
        out.append(lit(head, "bold underline"))
        for f in found:
            doc = ds.documents[f.document]
            ex = f.excerpt
            quote = " ".join(ex.quote.split())
            stance = a.stances[ex.id]
            out.append(Padding(Text.assemble(
                lit(f"[{stance}] ", STANCE_STYLE[stance]), lit(f"“{quote}”")), (0, 2)))
            secondary = f.independent and not doc.primary
            cite = (f"— {doc.title}, {doc.date.human()}; {VOICE_LABEL[ex.voice]}"
                    f"{' (secondary source)' if secondary else ''}; {ex.id}")
            out.append(Padding(lit(cite, "dim"), (0, 4)))
            if ex.note:
                out.append(Padding(lit(f"note: {ex.note}", "dim italic"), (0, 4)))
    out.extend(_proposed(ds, a.rec_id))
    return to_text(out, term)


def _proposed(ds: Dataset, rec_id: str) -> list[RenderableType]:
    """Proposals linked to the recommendation, apart: none of them is evidence yet."""
    found = [ex for ex in ds.excerpts.values() if ex.proposed and rec_id in ex.rec_ids]
    if not found:
        return []
    out: list[RenderableType] = [Text(""), lit(
        "Proposed, not yet evidence (trace accept ID or trace reject ID; trace review DOC)",
        "bold underline")]
    for ex in found:
        stance = dict(ex.links)[rec_id]
        out.append(Padding(Text.assemble(lit(f"[{stance}] ", STANCE_STYLE[stance]),
                                         lit(f"“{' '.join(ex.quote.split())}”")), (0, 2)))
        doc = ds.documents.get(ds.excerpt_document.get(ex.id, ""))
        out.append(Padding(lit(f"— {doc.title if doc else '?'}; {VOICE_LABEL[ex.voice]}; "
                               f"{ex.id}", "dim"), (0, 4)))
    return out


def node(ds: Dataset, g: nx.DiGraph[str], node_id: str, term: Term) -> str:
    """Any record: its fields, then every edge in and out of it."""
    attrs = g.nodes[node_id]
    record = attrs["record"]
    fields = Table(show_header=False, box=None, padding=(0, 1))
    fields.add_column(style="bold")
    fields.add_column()
    for key, value in record.model_dump(mode="json").items():
        if value not in (None, [], "") and not (key == "proposed" and value is False):
            fields.add_row(lit(key), lit(_value(value)))
    links = Table(title="links", title_justify="left", box=None, padding=(0, 1))
    for col in ("direction", "edge", "kind", "id", "title"):
        links.add_column(col)
    out_edges: Any = g.out_edges(node_id, data="kind")
    in_edges: Any = g.in_edges(node_id, data="kind")
    edges = [("out", v, str(k)) for _, v, k in out_edges]
    edges += [("in", u, str(k)) for u, _, k in in_edges]
    for direction, other, kind in sorted(edges):
        rec = g.nodes[other]["record"]
        title = getattr(rec, "title", None) or _clip(getattr(rec, "quote", ""), 60)
        links.add_row(lit(direction), lit(kind), lit(g.nodes[other]["kind"]), lit(other),
                      lit(title))
    head = Text.assemble(lit(f"{attrs['kind']} ", "dim"), lit(node_id, "bold"))
    return to_text([head, fields, Text(""), links], term)


def action(record: Action, now: ActionState | None, term: Term) -> str:
    """An action: its fields, where it stands at --as-of, and its dated history."""
    fields = Table(show_header=False, box=None, padding=(0, 1))
    fields.add_column(style="bold")
    fields.add_column()
    for key, value in record.model_dump(mode="json", exclude={"history"}).items():
        if value not in (None, [], "", False):
            fields.add_row(lit(key), lit(", ".join(map(str, value)) if isinstance(value, list)
                                         else value))
    out: list[RenderableType] = [Text.assemble(lit("action ", "dim"), lit(record.id, "bold")),
                                 fields]
    if now is not None:
        due = now.due.human() if now.due else "no date"
        out.append(lit(f"now: {now.status}, due {due}{' (late)' if now.overdue else ''}"
                       f"{f', rescheduled {len(now.moves)} time(s)' if now.moves else ''}"))
    for entry in record.history:
        moved = f" -> due {entry.due} ({entry.reason})" if entry.due else ""
        out.append(Padding(lit(f"{entry.date}  {entry.status}{moved}: {entry.note}", "dim"),
                           (0, 2)))
    return to_text(out, term)
