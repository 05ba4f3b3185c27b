"""Pydantic models of each YAML file kind; unknown keys are refused everywhere."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
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
# Strict: pydantic would otherwise take `number: true` as 1 and `primary: 1` as true.
Number = Annotated[int, Field(strict=True, ge=1)]
Flag = Annotated[bool, Field(strict=True)]


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


class PersonalData(StrEnum):
    """Kinds of personal-data match that an excerpt may allow as false positives."""

    DATE_OF_BIRTH = "date-of-birth"
    NHS_NUMBER = "nhs-number"
    POSTCODE = "postcode"
    PHONE = "phone"
    EMAIL = "email"
    CASE_ID = "case-id"


class Recommendation(Strict):
    """One numbered recommendation from the inspection report."""

    id: Id
    number: Number
    addressed_to: Addressee
    title: Text
    text: Text
    themes: list[Id] = []


class Inspection(Strict):
    """The inspection that made the recommendations."""

    visit: Id
    published: Date | None = None


class RecommendationsFile(Strict):
    """recommendations.yaml."""

    authority: Text
    inspection: Inspection
    recommendations: list[Recommendation]


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
    reports: list[Id] = []
    url: str | None = None


class DocumentsFile(Strict):
    """documents.yaml."""

    documents: list[Document]


class Excerpt(Strict):
    """A verbatim quote from one document, tagged with voice, stance and links."""

    id: Id
    quote: Text
    visit: Id | None = None
    voice: Voice
    stance: Stance
    recommendations: list[Id] = []
    themes: list[Id] = []
    note: str | None = None
    allow: list[PersonalData] = []


class EvidenceFile(Strict):
    """evidence/<document-id>.yaml."""

    document: Id
    excerpts: list[Excerpt] = []


class Config(Strict):
    """config.yaml: optional dataset settings."""

    case_id_patterns: list[str] = []


FILE_MODELS: dict[str, type[Strict]] = {
    "recommendations.yaml": RecommendationsFile,
    "themes.yaml": ThemesFile,
    "visits.yaml": VisitsFile,
    "documents.yaml": DocumentsFile,
    "config.yaml": Config,
    "evidence": EvidenceFile,
}
