"""Add a recommendation, a visit, a theme or an inspection cycle without touching other lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ofsted_trace.edit import roundtrip, splice
from ofsted_trace.edit.draft import (
    CYCLE_ORDER,
    RECOMMENDATION_ORDER,
    THEME_ORDER,
    VISIT_ORDER,
    Draft,
    ordered,
)
from ofsted_trace.edit.plan import Plan
from ofsted_trace.errors import Refused

RECS = "recommendations.yaml"


def _shown(root: Path, rel: str) -> str:
    return (root / rel).as_posix()


def _single(root: Path, rel: str, key: str, record: dict[str, Any], what: str) -> Plan:
    draft = Draft(root, rel)
    draft.append(key, record)
    return Plan(root, (draft.change(),), (f"added {what} {record['id']} to {_shown(root, rel)}",))


def add_recommendation(root: Path, record: dict[str, Any]) -> Plan:
    """Append an item (a recommendation or a point) to recommendations.yaml."""
    return _single(root, RECS, "recommendations", ordered(record, RECOMMENDATION_ORDER),
                   "recommendation")


def add_visit(root: Path, record: dict[str, Any]) -> Plan:
    """Append a visit to visits.yaml."""
    return _single(root, "visits.yaml", "visits", ordered(record, VISIT_ORDER), "visit")


def add_theme(root: Path, record: dict[str, Any]) -> Plan:
    """Append a theme (or a sub-theme, with its parent) to themes.yaml."""
    return _single(root, "themes.yaml", "themes", ordered(record, THEME_ORDER), "theme")


def add_cycle(draft: Draft, record: dict[str, Any]) -> list[str]:
    """Append a cycle to a recommendations.yaml draft; return the items it had to place.

    With one cycle, items may leave out their inspection; once there are two they must say,
    so each such item is given the one cycle there was, and the ids are returned.
    """
    if "inspection" in draft.data:
        _unfold(draft)
    cycles = [c for c in draft.data.get("inspections") or [] if isinstance(c, dict)]
    placed = []
    if len(cycles) == 1:
        for i, item in enumerate(draft.data.get("recommendations") or []):
            if isinstance(item, dict) and "inspection" not in item:
                draft.set_key("recommendations", i, "inspection", str(cycles[0]["id"]),
                              RECOMMENDATION_ORDER)
                placed.append(str(item.get("id")))
    draft.append("inspections", ordered(record, CYCLE_ORDER))
    return placed


def _unfold(draft: Draft) -> None:
    """Rewrite the one-inspection form (`inspection:`) as a list of one cycle."""
    old = draft.data["inspection"]
    if draft.data.get("inspections") or not isinstance(old, dict) or "visit" not in old:
        raise Refused("recommendations.yaml's `inspection:` is not one visit and its date; "
                      "fix it first (`trace check`)")
    # The old form's cycle took its visit's name, which a record of its own may not share.
    cycle = {"id": f"inspection-{old['visit']}", **old}
    lines = "".join(f"    {k}: {splice.scalar(str(v))}\n" for k, v in cycle.items())
    expected = roundtrip.expect(draft.src)
    del expected["inspection"]
    expected["inspections"] = [cycle]
    draft.replace_top("inspection", "inspections:\n  -" + lines[3:], expected)


def add_inspection(root: Path, record: dict[str, Any]) -> Plan:
    """Append an inspection cycle to recommendations.yaml."""
    draft = Draft(root, RECS)
    placed = add_cycle(draft, record)
    done = [f"added inspection cycle {record['id']} to {_shown(root, RECS)}"]
    if placed:
        done.append(f"gave {', '.join(placed)} their cycle, as there are now two")
    return Plan(root, (draft.change(),), tuple(done))
