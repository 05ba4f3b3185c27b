"""The action plan's part of the report: each item's rating, schedule and actions, and counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ofsted_trace.judge.gaps.base import Context
from ofsted_trace.judge.schedule import ActionState, by_recommendation
from ofsted_trace.model.labels import CLAIMED, SCHEDULE
from ofsted_trace.render.report.parts import ActionRow

Scrub = Any  # Callable[[str], str]; build.py's, kept loose to avoid an import cycle


def action_row(a: ActionState, scrub: Scrub) -> ActionRow:
    """One action for the report, its text and owner passed through scrub."""
    due = a.due.human() if a.due else "no date"
    if a.uncertain and a.due:
        due += " (inferred)"
    return ActionRow(a.id, scrub(a.text), scrub(a.owner or ""), due, str(a.status), a.overdue,
                     len(a.moves), a.recommendations)


def extras(ctx: Context, scrub: Scrub) -> dict[str, dict[str, Any]]:
    """For each recommendation: its rating, who gave it and when, schedule and actions."""
    found = by_recommendation(ctx.dataset, ctx.actions)
    out = {}
    for rid in ctx.assessments:
        claim = ctx.claims.get(rid)
        detail = "" if claim is None else (
            f"{claim.rating}, by the {claim.by}, {claim.date.human()}"
            + (f": {scrub(' '.join(claim.note.split()))}" if claim.note else ""))
        out[rid] = {"claimed": str(claim.rating) if claim else "unrated",
                    "claimed_detail": detail,
                    "schedule": ctx.schedules.get(rid, "no-actions"),
                    "actions": tuple(action_row(a, scrub) for a in found.get(rid, []))}
    return out


def counts(rows: dict[str, dict[str, Any]]) -> tuple[tuple[tuple[str, int], ...],
                                                     tuple[tuple[str, int], ...]]:
    """How many items have each rating, and each schedule, in the labels' order."""
    claimed = Counter(str(r["claimed"]) for r in rows.values())
    planned = Counter(str(r["schedule"]) for r in rows.values())
    return (tuple((k, claimed[k]) for k in CLAIMED), tuple((k, planned[k]) for k in SCHEDULE))
