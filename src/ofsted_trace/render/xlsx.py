"""The dataset as an Excel workbook: recommendations (three statuses), actions, evidence, gaps."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from ofsted_trace.judge.assess import Finding
from ofsted_trace.judge.gaps.base import Context, Gap
from ofsted_trace.load.workbook import Value
from ofsted_trace.model.labels import label
from ofsted_trace.render.workbook import Book, Table

# The header of each sheet; import-tracker recognises those it can read back.
RECOMMENDATIONS = ("Ref", "Recommendation", "Text", "Inspection", "Evidence status",
                   "Latest independent finding", "RAG", "RAG date", "RAG by", "Commentary",
                   "Schedule", "Number of actions")
ACTIONS = ("ID", "Ref", "Action", "Lead", "Target date", "Original date", "Times moved",
           "Status", "Update", "Update date", "Themes", "Source")
EVIDENCE = ("Excerpt", "Document", "Date", "Visit", "Voice", "Stance", "Recommendations",
            "Quote")
GAPS = ("Kind", "Severity", "Subject", "Finding")
SHEETS = ("recommendations", "actions", "evidence", "gaps")
# From this many findings the workbook is written by a second process while this one judges:
# at 100,000 the evidence sheet is ~760,000 of the ~860,000 cells. Below it, starting that
# process (~0.2 s) and handing it the rows cost about what the overlap saves.
SEPARATE = 10_000
_PART = 10_000  # evidence rows handed over at a time
_RAG = {"red": "F4B6B6", "amber": "FFD8A8", "green": "B7E1B0", "blue": "A8C8F0"}
_STATUS = {"evidenced": "B7E1B0", "progressing": "FFE9A8", "concern": "F4B6B6",
           "self-reported": "D9C6F0", "no-evidence": "D0D0D0", "late": "F4B6B6",
           "on-track": "B7E1B0", "done": "A8C8F0"}


def _fills(labels: dict[str, str]) -> dict[str, str]:
    """Colours by cell text: the raw values and the board's words for them."""
    out = {**_RAG, **_STATUS}
    out.update({label(k, labels): v for k, v in _STATUS.items()})
    return out


def _recommendations(ctx: Context) -> tuple[tuple[Value, ...], ...]:
    ds, labels = ctx.dataset, ctx.dataset.config.labels
    rows = []
    for rid, a in ctx.assessments.items():
        rec, claim, last = ds.recommendations[rid], ctx.claims.get(rid), a.latest
        latest = "" if last is None else f"{last.stance}, {last.visit or last.occasion}"
        planned = sum(rid in act.recommendations for act in ctx.actions.values())
        rows.append((rid, rec.title, " ".join(rec.text.split()), ds.cycle_of(rec) or "",
                     label(str(a.status), labels), latest,
                     str(claim.rating) if claim else "", claim.date if claim else None,
                     str(claim.by) if claim else "", claim.note or "" if claim else "",
                     label(ctx.schedules.get(rid, "no-actions"), labels), planned))
    return tuple(rows)


def _actions(ctx: Context) -> tuple[tuple[Value, ...], ...]:
    rows = []
    for aid, act in ctx.actions.items():
        record = ctx.dataset.actions[aid]
        rows.append((aid, ", ".join(act.recommendations), act.text, act.owner or "", act.due,
                     act.planned, len(act.moves), str(act.status), act.note, act.since,
                     ", ".join(record.themes), record.source or ""))
    return tuple(rows)


def _evidence(found: Iterable[tuple[str, Finding]]) -> tuple[tuple[Value, ...], ...]:
    rows: list[tuple[Value, ...]] = []
    for xid, f in found:
        ex = f.excerpt
        rows.append((xid, f.document, f.published, ex.visit or "", str(ex.voice),
                     str(ex.stance), ", ".join(ex.rec_ids), " ".join(ex.quote.split())))
    return tuple(rows)


@contextmanager
def start(found: Mapping[str, Finding]) -> Iterator[Book]:
    """The workbook begun with its evidence sheet, which needs only the findings.

    With many findings it is written by a second process (see SEPARATE) while the caller
    judges the rest; finish() gives it the other sheets.
    """
    items = list(found.items())
    with Book(SHEETS, separate=len(items) >= SEPARATE and (os.cpu_count() or 1) > 1) as book:
        # In parts, so that the second process writes each while this one makes the next.
        for i in range(0, len(items) or 1, _PART):
            book.add(Table("evidence", EVIDENCE, _evidence(items[i:i + _PART]),
                           (16, 14, 12, 10, 18, 10, 18, 80)))
        yield book


def finish(book: Book, ctx: Context, gaps: list[Gap]) -> bytes:
    """The workbook's bytes: start()'s evidence sheet, then recommendations, actions, gaps."""
    fills = _fills(dict(ctx.dataset.config.labels))
    book.add(Table("recommendations", RECOMMENDATIONS, _recommendations(ctx),
                   (8, 30, 60, 14, 22, 24, 8, 12, 9, 40, 12, 8), fills, frozenset({4, 6, 10})))
    book.add(Table("actions", ACTIONS, _actions(ctx),
                   (11, 14, 60, 24, 12, 12, 8, 12, 40, 12, 12, 10), fills, frozenset({7})))
    book.add(Table("gaps", GAPS, tuple((g.kind, str(g.severity), g.subject, g.message)
                                       for g in gaps), (24, 9, 12, 90)))
    return book.close()
