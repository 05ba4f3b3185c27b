"""Mask personal data in text bound for a published report (`trace report --redact`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ofsted_trace.check import pii
from ofsted_trace.check.rules.privacy import case_id_patterns
from ofsted_trace.model.dataset import Dataset


def redactor(ds: Dataset) -> Callable[[str], str]:
    """A function masking every personal-data match in a text, as `trace check` finds them.

    A match an excerpt allows (its `allow` list marks it a false positive, such as the
    council's own postcode) is not personal data, so that exact text is left as it is.
    Apply it to raw data text before escaping for the output format.
    """
    patterns, _ = case_id_patterns(ds)
    allowed: set[tuple[str, str]] = set()
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
