"""The words a board reads for each status, rating and schedule: plain English, or its own."""

from __future__ import annotations

from collections.abc import Mapping

# Evidence statuses, the council's ratings, and schedules, in the order they are counted.
EVIDENCE = ("evidenced", "progressing", "concern", "self-reported", "no-evidence")
CLAIMED = ("red", "amber", "green", "blue", "unrated")
SCHEDULE = ("late", "on-track", "done", "no-actions")
DEFAULTS: dict[str, str] = {
    "evidenced": "Evidenced by Ofsted",
    "progressing": "Progress with reservations",
    "concern": "Concern",
    "self-reported": "Council's word only",
    "no-evidence": "No evidence",
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue (complete)",
    "unrated": "Not rated",
    "late": "Late",
    "on-track": "On track",
    "done": "Done",
    "no-actions": "No actions",
}
# The three headings the statuses sit under, side by side.
HEADINGS = (("Evidence", EVIDENCE), ("Council's rating", CLAIMED), ("Schedule", SCHEDULE))


def label(value: str, custom: Mapping[str, str]) -> str:
    """The board's word for a value: config.yaml's `labels`, else the plain-English default."""
    return custom.get(value) or DEFAULTS.get(value, value)
