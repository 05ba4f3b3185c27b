"""`trace import-tracker`: a council's Excel tracker into actions and ratings, all or nothing.

Each row's edits are made with the plan's own edit functions (actions.py) on a scratch copy of
actions.yaml and ratings.yaml, so every one is verified as they are; the result is one Plan.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ofsted_trace.edit import actions as edits
from ofsted_trace.edit.plan import Change, Plan, commit
from ofsted_trace.edit.tracker_rows import Row, normal, parse_date, parse_rag, parse_status, refs
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.dates import PartialDate

Edit = Callable[[Path], Plan]
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


@dataclass(frozen=True)
class Unmapped:
    """A row that could not be taken in, and why."""

    row: int
    reason: str


@dataclass
class State:
    """What the import has seen so far: actions by id and by text, and each item's rating."""

    ds: Dataset
    when: str
    by: str
    texts: dict[str, str] = field(default_factory=dict)  # normalised text -> action id
    ratings: dict[str, str] = field(default_factory=dict)  # rec id -> latest rating
    status: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)  # actions this import adds

    def __post_init__(self) -> None:
        for aid, action in self.ds.actions.items():
            self.texts.setdefault(normal(action.text), aid)
            last = action.history[-1] if action.history else None
            moved = [e.due for e in action.history if e.due is not None]
            due = moved[-1] if moved else action.due
            self.status[aid] = (str(last.status) if last else "planned",
                                str(due) if due else None, action.owner)
        for rating in sorted(self.ds.ratings, key=lambda r: r.date.latest):
            self.ratings[rating.recommendation] = str(rating.rating)


def _canonical(ref: str) -> str:
    return re.sub(r"(?<!\d)0+(?=\d)", "", ref.upper().replace(" ", ""))


def resolve(ds: Dataset, row: Row) -> list[str]:
    """The recommendations a row is about: by its references, else by its text."""
    found = []
    for token in refs(row.cells.get("ref")):
        ids = [r for r in ds.recommendations if _canonical(r) == _canonical(token)]
        if not ids and token.isdigit():
            ids = [r for r, rec in ds.recommendations.items() if rec.number == int(token)]
        if len(ids) != 1:
            raise ValueError(f"reference '{token}' matches {len(ids) or 'no'} recommendations")
        found.append(ids[0])
    if found:
        return list(dict.fromkeys(found))
    if text := row.text("recommendation"):
        from ofsted_trace.check import similar

        choices = {rid: f"{rec.title} {rec.text}" for rid, rec in ds.recommendations.items()}
        best = similar.best_texts(text, choices)
        if best and best[0][1] >= 85 and (len(best) < 2 or best[1][1] < best[0][1]):
            return [best[0][0]]
        raise ValueError(f"the recommendation '{text[:60]}' matches none closely enough; add a "
                         "Ref column")
    known = row.text("id")
    if known in ds.actions:
        return list(ds.actions[known].recommendations)
    raise ValueError("nothing links it to a recommendation (no Ref and no Recommendation)")


def _within(new: PartialDate, now: str | None) -> bool:
    """True when a tracker's date falls inside the due date held (31/03/2019 in 2019-03)."""
    if now is None:
        return False
    held = PartialDate.parse(now)
    return held.earliest <= new.earliest and new.latest <= held.latest


def _note(row: Row) -> str | None:
    parts = [row.text("update"), f"Evidence: {row.text('evidence')}" if row.text("evidence")
             else ""]
    return " ".join(p for p in parts if p) or None


def _action_edits(state: State, row: Row, recs: list[str]) -> list[Edit]:
    status, due = parse_status(row.cells.get("status")), parse_date(row.cells.get("due"))
    text, note, owner = row.text("action"), _note(row), row.text("owner") or None
    aid = row.text("id") or state.texts.get(normal(text), "")
    if aid in state.pending:
        return []  # a second row for an action this import adds: its rating still counts
    if aid and aid in state.status:
        now_status, now_due, now_owner = state.status[aid]
        moved = due is not None and not _within(due, now_due)
        entry = None
        if (status and status != now_status) or moved:
            entry = {"date": state.when, "status": status or now_status,
                     "due": str(due) if moved else None,
                     "reason": "Moved in the tracker." if moved else None,
                     "note": note or "From the tracker."}
        owner = owner if owner and owner != now_owner else None
        if entry is None and owner is None:
            return []
        state.status[aid] = (str(entry["status"]) if entry else now_status,
                             str(due) if moved else now_due, owner or now_owner)
        return [lambda root: edits.set_action(root, aid, entry, owner)]
    if not text:
        return []
    if aid and not _ID.match(aid):
        raise ValueError(f"action id '{aid}' has characters an id cannot have")
    fields = {"id": aid or None, "text": text, "recommendations": recs, "owner": owner,
              "due": str(due) if due else None}
    entry = {"date": state.when, "status": status or "planned",
             "note": note or "Imported from the tracker."}
    state.texts[normal(text)] = aid = aid or f"row {row.number}"
    state.pending.add(aid)
    return [lambda root: edits.add_action(root, fields, entry)]


def _rating_edits(state: State, row: Row, recs: list[str]) -> list[Edit]:
    rag = parse_rag(row.cells.get("rag"), state.ds.config.labels)
    if rag is None:
        return []
    when = parse_date(row.cells.get("rag_date"))
    by = normal(row.cells.get("rag_by")) or state.by
    if by not in ("board", "officer"):
        raise ValueError(f"rated by '{row.text('rag_by')}': say board or officer")
    out: list[Edit] = []
    for rid in recs:
        if state.ratings.get(rid) == rag:
            continue
        state.ratings[rid] = rag
        record = {"recommendation": rid, "date": str(when) if when else state.when,
                  "rating": rag, "by": by, "note": _note(row)}
        out.append(_rate(record))
    return out


def _rate(record: dict[str, str | None]) -> Edit:
    return lambda root: edits.rate(root, record)


def plan(root: Path, ds: Dataset, rows: list[Row], when: str,
         by: str) -> tuple[Plan, list[Unmapped]]:
    """One plan for every row that maps, and the rows that do not."""
    state, unmapped = State(ds, when, by), []
    steps: list[tuple[int, Edit]] = []
    for row in rows:
        try:
            recs = resolve(ds, row)
            found = _action_edits(state, row, recs) + _rating_edits(state, row, recs)
        except ValueError as exc:
            unmapped.append(Unmapped(row.number, str(exc)))
            continue
        steps += [(row.number, step) for step in found]
    return _apply(root, steps), unmapped


def _apply(root: Path, steps: list[tuple[int, Edit]]) -> Plan:
    """Make each step on a scratch copy; the plan holds each file's bytes before and after."""
    rels = (edits.ACTIONS, edits.RATINGS)
    before = {rel: (root / rel).read_bytes() if (root / rel).is_file() else None
              for rel in rels}
    done = []
    with tempfile.TemporaryDirectory(prefix="trace-import-") as scratch:
        copy = Path(scratch)
        for rel in rels:
            if (root / rel).is_file():
                shutil.copyfile(root / rel, copy / rel)
        for number, step in steps:
            made = step(copy)
            if not made.empty:
                commit(made)
                done += [f"row {number}: {line.replace(copy.as_posix(), root.as_posix())}"
                         for line in made.done]
        after = {rel: (copy / rel).read_bytes() if (copy / rel).is_file() else None
                 for rel in rels}
    changes = tuple(Change(rel, before[rel], new) for rel, new in after.items()
                    if new is not None and new != before[rel])
    return Plan(root, changes, tuple(done) or ("the tracker matches the dataset; nothing "
                                                "changed",))


__all__ = ["Unmapped", "plan", "resolve"]
