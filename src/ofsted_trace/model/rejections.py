"""rejected.yaml: passages a reviewer discarded, which `trace suggest` never proposes again."""

from __future__ import annotations

from pydantic import Field

from ofsted_trace.model.records import Strict
from ofsted_trace.model.values import Id, Text, empty_list

FILE = "rejected.yaml"


class Rejection(Strict):
    """One discarded passage: the document it is in, its words, and the proposal's id."""

    document: Id
    quote: Text
    excerpt: Id | None = None  # the id the proposal had, for the record


class RejectedFile(Strict):
    """rejected.yaml."""

    rejected: list[Rejection] = Field(default_factory=empty_list)
