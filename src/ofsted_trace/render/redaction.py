"""Mask personal data in text bound for a published report (`trace report --redact`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel

from ofsted_trace.check import pii
from ofsted_trace.check.rules.privacy import case_id_patterns
from ofsted_trace.model.dataset import Dataset, Texts


def redactor(ds: Dataset) -> Callable[[str], str]:
    """A function masking every personal-data match in a text, as `trace check` finds them.

    A match an excerpt allows (its `allow` list marks it a false positive, such as the
    council's own postcode) is not personal data, so that exact text is left as it is.
    Apply it to raw data text before escaping for the output format.
    """
    patterns, _ = case_id_patterns(ds)
    allowed: set[tuple[str, str]] = set()
    # Only an excerpt may allow a kind; what it allows is that exact text, wherever it stands.
    for ex in ds.excerpts.values():
        if ex.allow:
            for text in (ex.quote, ex.note or ""):
                allowed.update((m.kind, m.text) for m in pii.find(text, patterns)
                               if m.kind in ex.allow)

    def redact(text: str) -> str:
        matches = [m for m in pii.find(text, patterns) if (m.kind, m.text) not in allowed]
        return pii.redact(text, matches) if matches else text

    return redact


def redact_all(value: Any, redact: Callable[[str], str]) -> Any:
    """Apply redact to every string inside plain data (dicts, lists), keys excepted."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_all(v, redact) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_all(v, redact) for v in value]
    return value


Record = TypeVar("Record", bound=BaseModel)


def redacted(ds: Dataset) -> Dataset:
    """A copy of the dataset with every text of every record masked, ids included.

    Everything built from it (gap messages, headings, anchors, graph labels, exports) can then
    hold no detail. Redaction is a function of the text alone, so an id and every reference
    to it are masked alike and the links still join up.
    """
    redact = redactor(ds)

    def text(value: Any) -> Any:
        # type() is str: enum values (voices, stances) are fixed words, and keep their type.
        if type(value) is str:
            return redact(value)
        if isinstance(value, BaseModel):  # a link with its own stance, inside a list
            return record(value)
        if isinstance(value, dict):  # an inspection's judgements by area
            return {redact(k): text(v) for k, v in value.items()}
        return [text(v) for v in value] if isinstance(value, list) else value

    def record(model: Record) -> Record:
        return model.model_copy(update={name: text(value) for name, value in model})

    def table(records: Mapping[str, Record]) -> dict[str, Record]:
        return {redact(key): record(value) for key, value in records.items()}

    def keyed(values: Mapping[str, Any]) -> dict[str, Any]:
        return {redact(key): text(value) for key, value in values.items()}

    return replace(
        ds, authority=redact(ds.authority),
        inspections=table(ds.inspections),
        recommendations=table(ds.recommendations), themes=table(ds.themes),
        visits=table(ds.visits), documents=table(ds.documents), excerpts=table(ds.excerpts),
        # The plan's actions and the council's ratings are data too: an owner, a note, a
        # rating's note may name a person or hold a phone number.
        actions=table(ds.actions), ratings=[record(rating) for rating in ds.ratings],
        excerpt_document=keyed(ds.excerpt_document), raw_texts=Texts(keyed(ds.raw_texts)),
        evidence={rel: redact(doc) for rel, doc in ds.evidence.items()},
        sentence_keys={redact(key): keys for key, keys in ds.sentence_keys.items()},
        origins={redact(key): origin for key, origin in ds.origins.items()},
        text_faults={redact(key): fault for key, fault in ds.text_faults.items()},
        text_keys=dict(ds.text_keys), texts={}, settled=set())
