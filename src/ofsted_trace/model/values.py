"""Value types every record is made of: ids, dates, texts, and the fixed vocabularies."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from ofsted_trace.model.dates import PartialDate


# pydantic reads the signature of each default_factory and serializer. A builtin's (list,
# dict, str) is parsed from its text, with tokenize and its patterns compiled on first use
# (~10 ms of building the models); a function's is read directly.
def empty_list() -> list[Any]:
    """A new empty list, for a list field's default_factory."""
    return []


def empty_dict() -> dict[Any, Any]:
    """A new empty dict, for a mapping field's default_factory."""
    return {}


def _as_text(value: PartialDate) -> str:
    return str(value)


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
    PlainSerializer(_as_text, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                              {"type": "integer", "minimum": 1000, "maximum": 9999}],
                    "description": "YYYY-MM-DD, YYYY-MM or YYYY"}),
]
Text = Annotated[str, Field(min_length=1)]
# Strict: pydantic would otherwise take `number: true` as 1 and `primary: 1` as true.
Number = Annotated[int, Field(strict=True, ge=1)]
Flag = Annotated[bool, Field(strict=True)]


def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"'{value}' is not a regular expression: {exc}") from None
    return value


Pattern = Annotated[Text, AfterValidator(_compiles)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]



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
