"""Warn when an excerpt's quote or note looks like a child's personal details."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ofsted_trace.check import pii
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Problem, error, warning

_LABEL = {"phone": "phone number", "email": "email address", "case-id": "case-system id"}


def case_id_patterns(ds: Dataset) -> tuple[list[re.Pattern[str]], list[Problem]]:
    """Compile the dataset's case-system id patterns, reporting any that are not regexes."""
    patterns, problems = [], []
    for i, source in enumerate(ds.config.case_id_patterns):
        try:
            patterns.append(re.compile(source))
        except re.error as exc:
            problems.append(error("bad-pattern", f"case_id_patterns: '{source}' is not a valid "
                                  f"regular expression ({exc})", "config.yaml",
                                  ("case_id_patterns", i)))
    return patterns, problems


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a warning for each quote or note that looks like personal data."""
    patterns, problems = case_id_patterns(ds)
    yield from problems
    for ex, origin in ds.unsettled():
        for field in ("quote", "note"):
            text = getattr(ex, field)
            if not text:
                continue
            for match in pii.find(text, patterns):
                if match.kind in ex.allow:
                    continue
                label = _LABEL.get(match.kind, match.kind.replace("-", " "))
                yield warning("personal-data", f"{field} of '{ex.id}' looks like it holds a "
                              f"{label} ('{pii.masked(match.text)}', at character "
                              f"{match.start + 1}); remove it, or add '{match.kind}' to allow "
                              "if it is not personal data",
                              origin.file, (*origin.pointer, field), ex.id)
