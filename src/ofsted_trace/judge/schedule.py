"""The action plan at a date: each action's status and due date, each item's schedule and claim."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ofsted_trace.model.actions import Action, ActionStatus, Rating
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.dates import PartialDate

CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


@dataclass(frozen=True)
class Move:
    """A reschedule: when it was recorded, the new due date, and why."""

    date: PartialDate
    due: PartialDate
    reason: str


@dataclass(frozen=True)
class ActionState:
    """One action as it stood at the as-of date."""

    id: str
    text: str
    recommendations: tuple[str, ...]
    owner: str | None
    status: ActionStatus
    since: PartialDate | None  # the date of the entry that set the status
    note: str  # that entry's note
    planned: PartialDate | None  # the due date first planned
    due: PartialDate | None  # the due date now, after any reschedules
    uncertain: bool  # the due date was inferred, not stated
    moves: tuple[Move, ...]
    overdue: bool

    @property
    def done_on(self) -> PartialDate | None:
        """When it was recorded done, if it is."""
        return self.since if self.status is ActionStatus.DONE else None


def state(action: Action, as_of: date) -> ActionState | None:
    """An action at as_of; None when its history starts later (it was not yet planned)."""
    seen = [e for e in action.history if e.date.latest <= as_of]
    if action.history and not seen:
        return None
    last = seen[-1] if seen else None
    moves = tuple(Move(e.date, e.due, e.reason or "") for e in seen if e.due is not None)
    due = moves[-1].due if moves else action.due
    status = last.status if last is not None else ActionStatus.PLANNED
    overdue = due is not None and due.latest < as_of and status not in CLOSED
    return ActionState(action.id, " ".join(action.text.split()),
                       tuple(action.recommendations), action.owner, status,
                       last.date if last else None, last.note if last else "", action.due, due,
                       action.date_uncertain and not moves, moves, overdue)


def states(ds: Dataset, as_of: date) -> dict[str, ActionState]:
    """Every action already planned at as_of, in file order."""
    out = {}
    for aid, action in ds.actions.items():
        found = state(action, as_of)
        if found is not None:
            out[aid] = found
    return out


def schedule(actions: list[ActionState]) -> str:
    """An item's schedule from its live actions: late, on-track, done or no-actions."""
    live = [a for a in actions if a.status is not ActionStatus.DROPPED]
    if not live:
        return "no-actions"
    if all(a.status is ActionStatus.DONE for a in live):
        return "done"
    return "late" if any(a.overdue for a in live) else "on-track"


def by_recommendation(ds: Dataset, actions: dict[str, ActionState]) -> dict[str, list[ActionState]]:
    """Each recommendation's actions, in file order."""
    out: dict[str, list[ActionState]] = {rid: [] for rid in ds.recommendations}
    for a in actions.values():
        for rid in a.recommendations:
            if rid in out:
                out[rid].append(a)
    return out


def schedules(ds: Dataset, actions: dict[str, ActionState]) -> dict[str, str]:
    """Each recommendation's schedule at the date the actions were judged at."""
    return {rid: schedule(found) for rid, found in by_recommendation(ds, actions).items()}


def claims(ds: Dataset, as_of: date) -> dict[str, Rating]:
    """The council's latest rating of each recommendation given by as_of (ties: the later line)."""
    out: dict[str, Rating] = {}
    for rating in ds.ratings:
        if rating.date.latest > as_of:
            continue
        held = out.get(rating.recommendation)
        if held is None or rating.date.latest >= held.date.latest:
            out[rating.recommendation] = rating
    return out
