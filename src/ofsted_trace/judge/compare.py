"""What changed between two versions of a dataset: statuses, gaps, excerpts, documents, visits."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from ofsted_trace.check import pipeline
from ofsted_trace.check.pipeline import Checked
from ofsted_trace.judge import gaps
from ofsted_trace.judge.assess import Assessment
from ofsted_trace.judge.gaps.base import Gap
from ofsted_trace.load import gitio
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Location

WORKING_TREE = "working tree"
# The excerpt fields whose change makes it "re-tagged", in the order they are reported; a
# change to any other field (its quote, note or allow) makes it "edited".
TAGS = ("voice", "stance", "visit", "recommendations", "themes")
# Records other than excerpts whose changed fields are reported, by kind.
KINDS = ("recommendation", "theme", "visit", "document")


@dataclass(frozen=True)
class Snapshot:
    """One side of a diff: a dataset, its assessments and its gaps at the shared as-of."""

    label: str
    dataset: Dataset
    assessments: dict[str, Assessment]
    gaps: tuple[Gap, ...]


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


def checked_at(data: Path, rev: str | None) -> Checked:
    """Check the dataset in the working tree (rev None) or as it stood at a git revision."""
    if rev is None:
        return pipeline.check(data)
    place = gitio.locate(data)
    commit = gitio.resolve(place, rev)
    with tempfile.TemporaryDirectory(prefix="trace-diff-") as tmp:
        root = Path(tmp) / "data"
        gitio.materialise(place, commit, root)
        checked = pipeline.check(root)
    # Problems point at the revision, not at a temporary directory that is already gone.
    shown = f"{rev}:{place.prefix}"
    problems = tuple(replace(p, location=Location(
        shown + Path(p.location.file).relative_to(root).as_posix(), p.location.line,
        p.location.col)) if p.location.file.startswith(root.as_posix()) else p
        for p in checked.problems)
    return Checked(checked.dataset, problems)


def snapshot(label: str, ds: Dataset, as_of: date, stale_after: tuple[int, int]) -> Snapshot:
    """Assess a dataset and find its gaps at as_of."""
    ctx = gaps.context(ds, as_of, stale_after)
    return Snapshot(label, ds, ctx.assessments, tuple(gaps.run(ctx)))


def compare(old: Snapshot, new: Snapshot, as_of: date) -> Changes:
    """Every change from old to new, each kind in the newer dataset's file order."""
    return Changes(old.label, new.label, as_of, _statuses(old, new), *_gaps(old, new),
                   _excerpts(old.dataset, new.dataset), _new(old.dataset, new.dataset),
                   _changed(old.dataset, new.dataset))


def _statuses(old: Snapshot, new: Snapshot) -> tuple[StatusChange, ...]:
    out = []
    for rid in [*new.assessments, *(r for r in old.assessments if r not in new.assessments)]:
        a, b = old.assessments.get(rid), new.assessments.get(rid)
        before, after = (str(a.status) if a else None), (str(b.status) if b else None)
        if before != after:
            rec = (new.dataset.recommendations.get(rid)
                   or old.dataset.recommendations[rid])
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


def _excerpts(old: Dataset, new: Dataset) -> tuple[ExcerptChange, ...]:
    out = []
    for ex_id, ex in new.excerpts.items():
        doc = new.excerpt_document.get(ex_id, "")
        was = old.excerpts.get(ex_id)
        if was is None:
            out.append(ExcerptChange(ex_id, doc, "added"))
            continue
        fields = _fields(was, ex)
        if fields:
            retagged = all(f.field in TAGS for f in fields)
            out.append(ExcerptChange(ex_id, doc, "retagged" if retagged else "edited", fields))
    out += [ExcerptChange(ex_id, old.excerpt_document.get(ex_id, ""), "removed")
            for ex_id in old.excerpts if ex_id not in new.excerpts]
    return tuple(out)


def _new(old: Dataset, new: Dataset) -> tuple[NewRecord, ...]:
    docs = [NewRecord("document", d.id, d.title, str(d.date))
            for d in new.documents.values() if d.id not in old.documents]
    visits = [NewRecord("visit", v.id, v.title, str(v.start) if v.start else "")
              for v in new.visits.values() if v.id not in old.visits]
    return (*docs, *visits)


def _fields(was: BaseModel, now: BaseModel) -> tuple[FieldChange, ...]:
    """Every field of a record that differs between two sides, in the model's order."""
    before, after = dict(was), dict(now)
    return tuple(FieldChange(name, _tag(before.get(name)), _tag(value))
                 for name, value in after.items() if before.get(name) != value)


def _changed(old: Dataset, new: Dataset) -> tuple[RecordChange, ...]:
    """Records on both sides whose fields, or whose document's source text, changed."""
    out = []
    for kind in KINDS:
        before, after = old.tables()[kind], new.tables()[kind]
        for record_id, record in after.items():
            was = before.get(record_id)
            if not isinstance(was, BaseModel) or not isinstance(record, BaseModel):
                continue
            fields = _fields(was, record)
            if kind == "document":
                fields += _text_change(old.raw_texts.get(record_id),
                                       new.raw_texts.get(record_id))
            if fields:
                out.append(RecordChange(kind, record_id, fields))
    return tuple(out)


def _text_change(before: str | None, after: str | None) -> tuple[FieldChange, ...]:
    """A document's source text, if it changed: told by size, as a text is too long to show."""
    if before == after:
        return ()
    def size(text: str | None) -> str:
        return "missing" if text is None else f"{len(text):,} characters"
    return (FieldChange("source text", size(before), size(after)),)
