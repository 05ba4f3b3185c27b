"""Pydantic models of each YAML file kind; unknown keys are refused everywhere."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    StrictInt,
    Tag,
    WithJsonSchema,
    model_validator,
)

from ofsted_trace.model.dates import PartialDate


def _id_text(value: Any) -> Any:
    # Theme ids such as 4 arrive from YAML as numbers; users should not have to quote them.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# The JSON Schemas (`trace schema`) must accept what the models accept: YAML reads a bare
# number such as a theme id 4, or a year 2019, as an integer.
# The constraints come before the validator so pydantic-core checks them in Rust; after it,
# pydantic falls back to Python checks per id (~0.3 s of loading 100,000 cached excerpts).
Id = Annotated[
    str,
    Field(pattern=_ID_PATTERN, max_length=80),
    BeforeValidator(_id_text),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": _ID_PATTERN, "maxLength": 80},
                              {"type": "integer", "minimum": 0}]}),
]
Date = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                              {"type": "integer", "minimum": 1000, "maximum": 9999}],
                    "description": "YYYY-MM-DD, YYYY-MM or YYYY"}),
]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Base for every input model: frozen, and unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Addressee(StrEnum):
    """Who a recommendation was made to."""

    COUNCIL = "council"
    SAFEGUARDING_BOARD = "safeguarding-board"


class VisitKind(StrEnum):
    """The kind of inspection event."""

    INSPECTION = "inspection"
    MONITORING_VISIT = "monitoring-visit"
    FOCUSED_VISIT = "focused-visit"


class Voice(StrEnum):
    """Who is speaking in an excerpt."""

    OFSTED = "ofsted"
    OFSTED_PARAPHRASE = "ofsted-paraphrase"
    COUNCIL = "council"


class Stance(StrEnum):
    """What a finding says about progress."""

    PROGRESS = "progress"
    MIXED = "mixed"
    CONCERN = "concern"


class Scope(StrEnum):
    """Whether a finding is about a recommendation's subject, or about the whole service."""

    SPECIFIC = "specific"
    GENERAL = "general"


class PersonalData(StrEnum):
    """Kinds of personal-data match that an excerpt may allow as false positives."""

    DATE_OF_BIRTH = "date-of-birth"
    NHS_NUMBER = "nhs-number"
    POSTCODE = "postcode"
    PHONE = "phone"
    EMAIL = "email"
    CASE_ID = "case-id"


class Recommendation(Strict):
    """One item to track: a recommendation (SIF) or a "What needs to improve" point (ILACS)."""

    id: Id
    # Unnumbered bullets are common (a board's recommendations, every ILACS point).
    number: StrictInt | None = Field(default=None, ge=1)
    addressed_to: Addressee
    title: Text
    text: Text
    themes: list[Id] = []
    # The inspection cycle that made it; may be left out when the dataset has only one.
    inspection: Id | None = None
    # Earlier items (of earlier cycles) that this one carries forward.
    carries_forward: list[Id] = []


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
    judgements: dict[Text, Text] = {}


class RecommendationsFile(Strict):
    """recommendations.yaml: one inspection (earlier datasets) or any number of cycles."""

    authority: Text
    inspection: Inspection | None = None
    inspections: list[Cycle] = []
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
    number: int | None = Field(default=None, ge=1)
    title: Text
    start: Date | None = None
    end: Date | None = None
    date_uncertain: bool = False
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
    date_uncertain: bool = False
    date_basis: str | None = None
    primary: bool
    path: Text
    reports: list[Id] = []
    url: str | None = None


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
    recommendations: list[LinkOrId] = []
    themes: list[Id] = []
    # A second wording or copy of a finding already recorded in that excerpt.
    same_as: Id | None = None
    scope: Scope = Scope.SPECIFIC
    note: str | None = None
    allow: list[PersonalData] = []

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
    excerpts: list[Excerpt] = []


class Config(Strict):
    """config.yaml: optional dataset settings."""

    case_id_patterns: list[str] = []
    # The board's own words for statuses, ratings and schedules (model/labels.py).
    labels: dict[str, Text] = {}


FILE_MODELS: dict[str, type[Strict]] = {
    "recommendations.yaml": RecommendationsFile,
    "themes.yaml": ThemesFile,
    "visits.yaml": VisitsFile,
    "documents.yaml": DocumentsFile,
    "config.yaml": Config,
    "evidence": EvidenceFile,
}
