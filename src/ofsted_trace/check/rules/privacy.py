"""Warn when any text field of any record looks like a child's personal details."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from pydantic import BaseModel

from ofsted_trace.check import pii
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Problem, error, warning
from ofsted_trace.model.records import Excerpt

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


def texts(record: BaseModel) -> Iterator[tuple[str | tuple[str, int | str], str]]:
    """Every text a record holds, with its field (and list index): ids, titles, notes, lists."""
    # The fields as stored (what iterating the model yields), without pydantic's iterator.
    for name, value in record.__dict__.items():
        # type() is str: a StrEnum value (a voice, a stance) is one of a fixed set of words.
        if type(value) is str:
            yield name, value
        elif isinstance(value, list):
            yield from (((name, i), v) for i, v in enumerate(value) if type(v) is str)
        elif isinstance(value, dict):  # an inspection's judgements, by area
            for key, v in value.items():
                yield from (((name, key), s) for s in (key, v) if type(s) is str)


def _joined(record: BaseModel) -> str:
    """Every text texts() yields, joined with NUL, which no gate can match across."""
    parts: list[str] = []
    add = parts.append
    for value in record.__dict__.values():
        kind = type(value)
        if kind is str:
            add(value)
        elif kind is list:
            for item in value:
                if type(item) is str:
                    add(item)
        elif isinstance(value, (list, dict)):
            parts.extend(text for _, text in _inner(value))
    return "\0".join(parts)


def _inner(value: list[object] | dict[object, object]) -> Iterator[tuple[object, str]]:
    """The texts of a list or a mapping (an inspection's judgements), as texts() finds them."""
    if isinstance(value, list):
        yield from ((i, v) for i, v in enumerate(value) if type(v) is str)
        return
    for key, v in value.items():
        yield from ((key, s) for s in (key, v) if type(s) is str)


def records(ds: Dataset) -> Iterator[tuple[BaseModel, Origin]]:
    """Every record but the excerpts, which the cache may have settled, with its origin."""
    for table in (ds.recommendations, ds.themes, ds.visits, ds.documents):
        for record_id, record in table.items():
            yield record, ds.origins[record_id]
    if not ds.legacy_inspection:  # the older one-inspection form holds only a visit and a date
        for cycle_id, cycle in ds.inspections.items():
            yield cycle, ds.origins[cycle_id]


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a warning for each text in any record that looks like personal data."""
    patterns, problems = case_id_patterns(ds)
    yield from problems
    for match in pii.find(ds.authority, patterns):
        yield _warning(match, "authority", "", "recommendations.yaml", ("authority",), False)
    others = ((rec, origin, frozenset[str]()) for rec, origin in records(ds))
    yield from _scan(others, patterns)
    yield from check_excerpts(ds, ds.unsettled())


def check_excerpts(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> Iterable[Problem]:
    """The excerpts' part of the check: every text of each one, less what it allows."""
    patterns = case_id_patterns(ds)[0]  # a bad pattern is reported once, by check()
    if not patterns:
        # One gate over a whole file's texts joined by NUL (which no gate matches across)
        # proves nearly every file clean at once: 250 calls become one.
        joined = [_joined(ex) for ex, _ in excerpts]
        if not pii.could_match("\0".join(joined)):
            return iter(())
        excerpts = [pair for pair, text in zip(excerpts, joined, strict=True)
                    if pii.could_match(text)]
    return _scan(((ex, origin, frozenset(ex.allow)) for ex, origin in excerpts), patterns)


def _scan(items: Iterable[tuple[BaseModel, Origin, frozenset[str]]],
          patterns: list[re.Pattern[str]]) -> Iterator[Problem]:
    """A warning for each personal-data match in the texts of each record."""
    for record, origin, allow in items:
        # Nearly every record holds nothing like personal data: one scan of all its texts
        # joined proves it, instead of one per field.
        if not patterns and not pii.could_match(_joined(record)):
            continue
        record_id = str(getattr(record, "id", ""))
        for field, text in texts(record):
            for match in pii.find(text, patterns):
                if match.kind not in allow:
                    name = field if isinstance(field, str) else field[0]
                    where = (field,) if isinstance(field, str) else field
                    yield _warning(match, f"{name} of '{record_id}'", record_id, origin.file,
                                   (*origin.pointer, *where), hasattr(record, "allow"))


def _warning(match: pii.Match, what: str, subject: str, file: str,
             pointer: tuple[str | int, ...], allows: bool) -> Problem:
    label = _LABEL.get(match.kind, match.kind.replace("-", " "))
    fix = (f"remove it, or add '{match.kind}' to allow if it is not personal data" if allows
           else "remove it")
    return warning("personal-data", f"{what} looks like it holds a {label} "
                   f"('{pii.masked(match.text)}', at character {match.start + 1}); {fix}",
                   file, pointer, subject)
