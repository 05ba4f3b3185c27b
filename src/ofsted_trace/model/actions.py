"""Pydantic models of the action plan (actions.yaml) and the council's ratings (ratings.yaml)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from ofsted_trace.model.records import Strict
from ofsted_trace.model.values import Date, Id, Text, empty_list


class ActionStatus(StrEnum):
    """Where an action stands, as its owner records it."""

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class Rag(StrEnum):
    """The council's own rating of a recommendation: blue means complete."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"


class RatedBy(StrEnum):
    """Who gave a rating: the improvement board, or an officer."""

    BOARD = "board"
    OFFICER = "officer"


class StatusEntry(Strict):
    """One dated entry of an action's history; with `due`, a reschedule and its reason."""

    date: Date
    status: ActionStatus
    note: Text
    # A new due date. The action's own `due` stays as first planned, so slippage shows.
    due: Date | None = None
    reason: Text | None = None

    @model_validator(mode="after")
    def _reason_with_due(self) -> StatusEntry:
        if self.due is not None and self.reason is None:
            raise ValueError("a new 'due' date needs its 'reason'")
        if self.reason is not None and self.due is None:
            raise ValueError("'reason' explains a new 'due' date; give the date too")
        return self


class Action(Strict):
    """One action of the plan: what is to be done, for which items, by whom and by when."""

    id: Id
    text: Text  # verbatim from the plan where there is one
    # The document the text is quoted from; `trace check` finds the text in it.
    source: Id | None = None
    section: Text | None = None  # where in the source (its heading)
    recommendations: list[Id] = Field(default_factory=empty_list)
    themes: list[Id] = Field(default_factory=empty_list)
    owner: Text | None = None  # a role, never a person's name
    due: Date | None = None  # as first planned
    date_uncertain: bool = False
    date_basis: Text | None = None
    history: list[StatusEntry] = Field(default_factory=empty_list)
    note: Text | None = None


class ActionsFile(Strict):
    """actions.yaml (optional)."""

    actions: list[Action] = Field(default_factory=empty_list)


class Rating(Strict):
    """The council's rating of one recommendation on a date, who gave it, and why."""

    recommendation: Id
    date: Date
    rating: Rag
    by: RatedBy
    note: Text | None = None


class RatingsFile(Strict):
    """ratings.yaml (optional)."""

    ratings: list[Rating] = Field(default_factory=empty_list)


PLAN_MODELS: dict[str, type[Strict]] = {
    "actions.yaml": ActionsFile,
    "ratings.yaml": RatingsFile,
}
