"""Pydantic models of each YAML file kind; unknown keys are refused everywhere."""

from __future__ import annotations

import functools
import typing
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from ofsted_trace.model.dates import PartialDate
from ofsted_trace.model.values import (
    Addressee,
    Date,
    Flag,
    Id,
    Number,
    Pattern,
    PersonalData,
    Scope,
    Sha256,
    Stance,
    Text,
    VisitKind,
    Voice,
    empty_dict,
    empty_list,
)


class Strict(BaseModel):
    """Base for every input model: frozen, and unknown keys are errors."""

    # Each model's validator is built when first used, not when imported: a run that recalls
    # its files from the cache (load/reader.py) builds only those of the files it parses.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


@functools.cache
def date_fields(model: type[Strict]) -> tuple[str, ...]:
    """The names of the fields of a model that hold a date."""
    return tuple(name for name, info in model.model_fields.items()
                 if _holds(info.annotation, PartialDate))


def _holds(annotation: object, kind: type) -> bool:
    return annotation is kind or any(_holds(a, kind) for a in typing.get_args(annotation))


class Recommendation(Strict):
    """One item to track: a recommendation (SIF) or a "What needs to improve" point (ILACS)."""

    id: Id
    # Unnumbered bullets are common (a board's recommendations, every ILACS point).
    number: Number | None = None
    addressed_to: Addressee
    title: Text
    text: Text
    themes: list[Id] = Field(default_factory=empty_list)
    # The inspection cycle that made it; may be left out when the dataset has only one.
    inspection: Id | None = None
    # Earlier items (of earlier cycles) that this one carries forward.
    carries_forward: list[Id] = Field(default_factory=empty_list)


class Inspection(Strict):
    """The inspection that made the recommendations (the one-cycle form of earlier datasets)."""

    visit: Id
    published: Date | None = None


class Cycle(Strict):
    """One inspection cycle: its visit, report, framework, judgements and items."""

    id: Id
    visit: Id
    published: Date | None = None
    framework: Text | None = None  # SIF, ILACS, focused visit, JTAI, ...
    # Each judgement by area, as the report gives it: {overall: inadequate, ...}.
    judgements: dict[Text, Text] = Field(default_factory=empty_dict)


class RecommendationsFile(Strict):
    """recommendations.yaml: one inspection (earlier datasets) or any number of cycles."""

    authority: Text
    inspection: Inspection | None = None
    inspections: list[Cycle] = Field(default_factory=empty_list)
    recommendations: list[Recommendation]

    @model_validator(mode="after")
    def _one_form(self) -> RecommendationsFile:
        if self.inspection is not None and self.inspections:
            raise ValueError("give either 'inspection' (one inspection) or 'inspections' "
                             "(cycles), not both")
        return self


class Theme(Strict):
    """An improvement-plan theme or sub-theme."""

    id: Id
    title: Text
    parent: Id | None = None


class ThemesFile(Strict):
    """themes.yaml."""

    themes: list[Theme]


class Visit(Strict):
    """An inspection event with fieldwork dates."""

    id: Id
    kind: VisitKind
    number: Number | None = None
    title: Text
    start: Date | None = None
    end: Date | None = None
    date_uncertain: Flag = False
    date_basis: str | None = None
    focus: str | None = None
    judgement: str | None = None


class VisitsFile(Strict):
    """visits.yaml."""

    visits: list[Visit]


class Document(Strict):
    """A source text with its own date, which may report one or more visits."""

    id: Id
    title: Text
    publisher: Text
    date: Date
    date_uncertain: Flag = False
    date_basis: str | None = None
    primary: Flag
    path: Text
    reports: list[Id] = Field(default_factory=empty_list)
    url: str | None = None
    # Page furniture of a PDF extraction (page numbers, running headers): regular expressions,
    # each matched against a whole line. A quote may run across such lines; no word is forgiven.
    furniture: list[Pattern] = Field(default_factory=empty_list)
    # SHA-256 of the text as registered (check warns if it changes), and of its PDF, if any.
    text_sha256: Sha256 | None = None
    pdf_sha256: Sha256 | None = None


class DocumentsFile(Strict):
    """documents.yaml."""

    documents: list[Document]


class Link(Strict):
    """A link to a recommendation with a stance of its own, overriding the excerpt's."""

    id: Id
    stance: Stance


def _link_kind(value: Any) -> str:
    return "link" if isinstance(value, dict | Link) else "id"


# A mapping is a link with its own stance, anything else an id: only that branch reports errors.
LinkOrId = Annotated[Annotated[Link, Tag("link")] | Annotated[Id, Tag("id")],
                     Discriminator(_link_kind)]


class Excerpt(Strict):
    """A verbatim quote from one document, tagged with voice, stance and links."""

    id: Id
    quote: Text
    visit: Id | None = None
    # For an independent finding that names no visit: what its date rests on.
    date_basis: str | None = None
    voice: Voice
    stance: Stance
    # Plain ids in the common case; {id: R06, stance: concern} where one link differs.
    recommendations: list[LinkOrId] = Field(default_factory=empty_list)
    themes: list[Id] = Field(default_factory=empty_list)
    # A second wording or copy of a finding already recorded in that excerpt.
    same_as: Id | None = None
    scope: Scope = Scope.SPECIFIC
    note: str | None = None
    allow: list[PersonalData] = Field(default_factory=empty_list)
    # Written by `trace suggest --write`: never evidence until `trace accept` (or review) says so.
    proposed: bool = False

    @property
    def rec_ids(self) -> list[str]:
        """The ids of the recommendations it links to, in order."""
        return [r if isinstance(r, str) else r.id for r in self.recommendations]

    @property
    def links(self) -> list[tuple[str, Stance]]:
        """Each linked recommendation with the link's effective stance."""
        stance = self.stance
        return [(r, stance) if isinstance(r, str) else (r.id, r.stance)
                for r in self.recommendations]


class EvidenceFile(Strict):
    """evidence/<document-id>.yaml."""

    document: Id
    excerpts: list[Excerpt] = Field(default_factory=empty_list)


class Config(Strict):
    """config.yaml: optional dataset settings."""

    case_id_patterns: list[str] = Field(default_factory=empty_list)
    # The board's own words for statuses, ratings and schedules (model/labels.py).
    labels: dict[str, Text] = Field(default_factory=empty_dict)


FILE_MODELS: dict[str, type[Strict]] = {
    "recommendations.yaml": RecommendationsFile,
    "themes.yaml": ThemesFile,
    "visits.yaml": VisitsFile,
    "documents.yaml": DocumentsFile,
    "config.yaml": Config,
    "evidence": EvidenceFile,
}
