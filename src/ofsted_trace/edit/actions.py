"""Editing the action plan and the ratings: add an action, record its progress, rate an item.

Each returns a Plan and writes nothing, like the evidence edits in commands.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ofsted_trace.edit import roundtrip, sequences, splice
from ofsted_trace.edit.commands import _File, _open
from ofsted_trace.edit.plan import Change, Plan
from ofsted_trace.errors import Refused

ACTIONS = "actions.yaml"
RATINGS = "ratings.yaml"
# The house order of an action's keys: a new key is written where this order puts it.
ACTION_ORDER = ("id", "text", "source", "section", "recommendations", "themes", "owner", "due",
                "date_uncertain", "date_basis", "history", "note")
ENTRY_ORDER = ("date", "status", "due", "reason", "note")
RATING_ORDER = ("recommendation", "date", "rating", "by", "note")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")  # a bare year would read as a number
HEADS = {
    ACTIONS: "# The action plan: what is to be done, for which recommendations, by whom (a role)\n"
             "# and by when, with a dated history. Format: docs/format.md.\n",
    RATINGS: "# The council's own rating of each recommendation (red, amber, green, blue for\n"
             "# complete), who gave it and when. Format: docs/format.md.\n",
}


def flow(entry: dict[str, Any], order: tuple[str, ...]) -> str:
    """A mapping as one flow-style line; text is double-quoted, so no character can break it."""
    parts = []
    for key in order:
        value = entry.get(key)
        if value is None:
            continue
        text = str(value)
        plain = (_DATE.match(text) and key in ("date", "due")) or key == "status"
        parts.append(f"{key}: {text if plain else json.dumps(text, ensure_ascii=False)}")
    return "{" + ", ".join(parts) + "}"


def _optional(root: Path, rel: str) -> _File | None:
    return _open(root, rel) if (root / rel).is_file() else None


def _append(root: Path, rel: str, key: str, record: dict[str, Any], expected: dict[str, Any],
            raw: frozenset[str]) -> Change:
    """Append a record to a listing file, creating the file if it is not there yet."""
    file = _optional(root, rel)
    if file is None:
        body = HEADS[rel] + f"{key}:\n" + splice.record_block(record, 2, 4, raw)
        return Change(rel, None, body.encode("utf-8"))
    cut = roundtrip.append_record(file.src, key, record, raw)
    new_text = splice.apply(file.src.text, [cut])
    data = roundtrip.expect(file.src)
    data[key] = [*(data.get(key) or []), expected]
    splice.verify(file.src.name, file.src.text, new_text, data,
                  *splice.splice_lines(file.src.text, cut))
    return file.change(new_text)


def next_id(root: Path) -> str:
    """The next free generated action id: A-NNN, one past the highest."""
    file = _optional(root, ACTIONS)
    items = file.src.data.get("actions") or [] if file is not None else []
    numbers = [0] + [int(m.group(1)) for item in items if isinstance(item, dict)
                     and (m := re.match(r"^A-(\d+)$", str(item.get("id", ""))))]
    return f"A-{max(numbers) + 1:03d}"


def add_action(root: Path, fields: dict[str, Any], entry: dict[str, Any]) -> Plan:
    """Append an action with its first history entry; fields holds text and the optional keys."""
    file = _optional(root, ACTIONS)
    action_id = str(fields.get("id") or next_id(root))
    if file is not None and file.src.item_index("actions", action_id) is not None:
        raise Refused(f"action '{action_id}' is already in {root / ACTIONS}", usage=True)
    record = {k: fields[k] for k in ACTION_ORDER if fields.get(k) not in (None, [], False)}
    record["id"] = action_id
    record = {k: record[k] for k in ACTION_ORDER if k in record}
    expected = {**record, "history": [{k: str(v) for k, v in entry.items() if v is not None}]}
    record["history"] = [flow(entry, ENTRY_ORDER)]
    raw = frozenset({"history"} | ({"due"} if _DATE.match(str(record.get("due", ""))) else set()))
    expected = {k: expected[k] for k in record}
    change = _append(root, ACTIONS, "actions", record, expected, raw)
    return Plan(root, (change,), (f"added action {action_id} to {(root / ACTIONS).as_posix()}",))


def set_action(root: Path, action_id: str, entry: dict[str, Any] | None,
               owner: str | None) -> Plan:
    """Record a new status or due date (a history entry), or a new owner, on an action."""
    file = _optional(root, ACTIONS)
    index = file.src.item_index("actions", action_id) if file is not None else None
    if file is None or index is None:
        raise Refused(f"no action has the id '{action_id}' in {root / ACTIONS}", usage=True)
    record = file.src.data["actions"][index]
    history = record.get("history") or []
    current = str(history[-1].get("status", "planned")) if history else "planned"
    rec = file.src.record("actions", index)
    splices, done = [], []
    expected = roundtrip.expect(file.src)
    changed = expected["actions"][index]
    if entry is not None:
        entry = {"status": current, **{k: v for k, v in entry.items() if v is not None}}
        splices.append(sequences.seq_add(file.src, rec, "history", [flow(entry, ENTRY_ORDER)],
                                         ACTION_ORDER, rendered=True))
        changed["history"] = [*history, {k: str(v) for k, v in entry.items()}]
        moved = f", due {entry['due']} ({entry['reason']})" if "due" in entry else ""
        done.append(f"{entry['status']} on {entry['date']}{moved}")
    if owner is not None and record.get("owner") != owner:
        splices.append(roundtrip.set_key(file.src, rec, "owner",
                                         roundtrip.styled(rec, "owner", owner), ACTION_ORDER))
        changed["owner"] = owner
        done.append(f"owner {owner}")
    if not splices:
        return Plan(root, (), (f"{action_id} already has that owner; nothing changed",))
    new_text = splice.apply(file.src.text, splices)
    splice.verify(file.src.name, file.src.text, new_text, expected,
                  *roundtrip.record_lines(file.src, rec))
    return Plan(root, (file.change(new_text),),
                (f"set {action_id}: {'; '.join(done)} in {(root / ACTIONS).as_posix()}",))


def rate(root: Path, rating: dict[str, Any]) -> Plan:
    """Append the council's rating of a recommendation to ratings.yaml."""
    record = {k: str(rating[k]) for k in RATING_ORDER if rating.get(k) is not None}
    raw = frozenset({"date"}) if _DATE.match(record["date"]) else frozenset()
    change = _append(root, RATINGS, "ratings", record, dict(record), raw)
    return Plan(root, (change,), (f"rated {record['recommendation']} {record['rating']} on "
                                  f"{record['date']} in {(root / RATINGS).as_posix()}",))
