"""What changed between two versions of a dataset: statuses, gaps, excerpts, documents, visits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ofsted_trace.check.pipeline import Checked
from ofsted_trace.judge import gaps
from ofsted_trace.judge.gaps.base import Gap
from ofsted_trace.judge.revisions import Session
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.records import Document, Excerpt, Recommendation, Visit

T = TypeVar("T")
FIELDS = tuple(Excerpt.model_fields)
_values = attrgetter(*FIELDS)  # an excerpt's values of FIELDS, as one tuple

WORKING_TREE = "working tree"
# The excerpt fields whose change makes it "re-tagged", in the order they are reported; a
# change to any other field (its quote, note or allow) makes it "edited".
TAGS = ("voice", "stance", "visit", "recommendations", "themes")
# Records other than excerpts whose changed fields are reported, by kind.
KINDS = ("recommendation", "theme", "visit", "document")


@dataclass(frozen=True)
class Snapshot:
    """One side of a diff at the shared as-of: all a comparison reads, without the dataset.

    Each excerpt is kept as its fields' values, and each document's text as its hash and
    length, so a diff holds one dataset at a time (at 100,000 excerpts, two took over 1 GB).
    """

    label: str
    statuses: dict[str, str]  # each assessed recommendation's status
    gaps: tuple[Gap, ...]
    excerpts: dict[str, tuple[object, ...]]  # each excerpt's values of FIELDS, in file order
    excerpt_document: dict[str, str]
    records: dict[str, dict[str, BaseModel]]  # the records of each of KINDS, by id
    texts: dict[str, tuple[str, int]]  # each document's text: its SHA-256 and its length


@dataclass(frozen=True)
class StatusChange:
    """A recommendation whose status moved; None when it did not exist on that side."""

    rec_id: str
    number: int | None
    title: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class FieldChange:
    """One tag of an excerpt, before and after, as text."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class ExcerptChange:
    """An excerpt added, removed or re-tagged (then with the fields that changed)."""

    excerpt_id: str
    document: str
    change: str  # added | removed | retagged | edited
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class RecordChange:
    """A recommendation, theme, visit or document on both sides whose fields changed."""

    kind: str
    record_id: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class NewRecord:
    """A document or visit that exists only on the newer side."""

    kind: str  # document | visit
    record_id: str
    title: str
    date: str


@dataclass(frozen=True)
class Changes:
    """Everything that moved between two snapshots, judged at one as-of date."""

    before: str
    after: str
    as_of: date
    statuses: tuple[StatusChange, ...]
    gaps_opened: tuple[Gap, ...]
    gaps_closed: tuple[Gap, ...]
    excerpts: tuple[ExcerptChange, ...]
    new: tuple[NewRecord, ...]
    changed: tuple[RecordChange, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing at all changed."""
        return not (self.statuses or self.gaps_opened or self.gaps_closed or self.excerpts
                    or self.new or self.changed)


def checked_at(data: Path, rev: str | None, session: Session | None = None) -> Checked:
    """Check the dataset in the working tree (rev None) or as it stood at a git revision."""
    if session is not None:
        return session.checked(rev)
    with Session(data) as once:
        return once.checked(rev)


def snapshot(label: str, ds: Dataset, as_of: date, stale_after: tuple[int, int]) -> Snapshot:
    """Assess a dataset and find its gaps at as_of; keep what a comparison reads."""
    ctx = gaps.context(ds, as_of, stale_after)
    tables = ds.tables()
    return Snapshot(
        label, {rid: str(a.status) for rid, a in ctx.assessments.items()},
        tuple(gaps.run(ctx)), {xid: _values(ex) for xid, ex in ds.excerpts.items()},
        dict(ds.excerpt_document),
        {kind: {k: v for k, v in tables[kind].items() if isinstance(v, BaseModel)}
         for kind in KINDS},
        {doc: (hashlib.sha256(text.encode()).hexdigest(), len(text))
         for doc, text in ds.raw_texts.items()})


def compare(old: Snapshot, new: Snapshot, as_of: date) -> Changes:
    """Every change from old to new, each kind in the newer dataset's file order."""
    return Changes(old.label, new.label, as_of, _statuses(old, new), *_gaps(old, new),
                   _excerpts(old, new), _new(old, new), _changed(old, new))


def _statuses(old: Snapshot, new: Snapshot) -> tuple[StatusChange, ...]:
    out = []
    for rid in [*new.statuses, *(r for r in old.statuses if r not in new.statuses)]:
        before, after = old.statuses.get(rid), new.statuses.get(rid)
        if before != after:
            rec = new.records["recommendation"].get(rid) or old.records["recommendation"][rid]
            assert isinstance(rec, Recommendation)
            out.append(StatusChange(rid, rec.number, rec.title, before, after))
    return tuple(out)


def _gaps(old: Snapshot, new: Snapshot) -> tuple[tuple[Gap, ...], tuple[Gap, ...]]:
    """Gaps opened and closed; a gap is the same gap when its kind and subject are."""
    before = {(g.kind, g.subject) for g in old.gaps}
    after = {(g.kind, g.subject) for g in new.gaps}
    return (tuple(g for g in new.gaps if (g.kind, g.subject) not in before),
            tuple(g for g in old.gaps if (g.kind, g.subject) not in after))


def _tag(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def _excerpts(old: Snapshot, new: Snapshot) -> tuple[ExcerptChange, ...]:
    out = []
    for ex_id, now in new.excerpts.items():
        doc = new.excerpt_document.get(ex_id, "")
        was = old.excerpts.get(ex_id)
        if was is None:
            out.append(ExcerptChange(ex_id, doc, "added"))
            continue
        if was == now:
            continue
        fields = _fields(dict(zip(FIELDS, was, strict=True)), dict(zip(FIELDS, now, strict=True)))
        if fields:
            retagged = all(f.field in TAGS for f in fields)
            out.append(ExcerptChange(ex_id, doc, "retagged" if retagged else "edited", fields))
    out += [ExcerptChange(ex_id, old.excerpt_document.get(ex_id, ""), "removed")
            for ex_id in old.excerpts if ex_id not in new.excerpts]
    return tuple(out)


def _new(old: Snapshot, new: Snapshot) -> tuple[NewRecord, ...]:
    docs = [NewRecord("document", d.id, d.title, str(d.date))
            for d in _only(new, "document", Document) if d.id not in old.records["document"]]
    visits = [NewRecord("visit", v.id, v.title, str(v.start) if v.start else "")
              for v in _only(new, "visit", Visit) if v.id not in old.records["visit"]]
    return (*docs, *visits)


def _only(side: Snapshot, kind: str, model: type[T]) -> list[T]:
    """A side's records of one kind, as their model."""
    return [r for r in side.records[kind].values() if isinstance(r, model)]


def _fields(was: BaseModel | dict[str, object],
            now: BaseModel | dict[str, object]) -> tuple[FieldChange, ...]:
    """Every field of a record that differs between two sides, in the model's order."""
    before, after = dict(was), dict(now)
    return tuple(FieldChange(name, _tag(before.get(name)), _tag(value))
                 for name, value in after.items() if before.get(name) != value)


def _changed(old: Snapshot, new: Snapshot) -> tuple[RecordChange, ...]:
    """Records on both sides whose fields, or whose document's source text, changed."""
    out = []
    for kind in KINDS:
        before = old.records[kind]
        for record_id, record in new.records[kind].items():
            was = before.get(record_id)
            if was is None:
                continue
            fields = _fields(was, record)
            if kind == "document":
                fields += _text_change(old.texts.get(record_id), new.texts.get(record_id))
            if fields:
                out.append(RecordChange(kind, record_id, fields))
    return tuple(out)


def _text_change(before: tuple[str, int] | None,
                 after: tuple[str, int] | None) -> tuple[FieldChange, ...]:
    """A document's source text, if it changed: told by size, as a text is too long to show."""
    if before == after:
        return ()
    def size(text: tuple[str, int] | None) -> str:
        return "missing" if text is None else f"{text[1]:,} characters"
    return (FieldChange("source text", size(before), size(after)),)
