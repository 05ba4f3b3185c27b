"""Weigh each recommendation's evidence at a date: who said what, when, and the status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.dates import PartialDate
from ofsted_trace.model.records import Excerpt, Stance, Voice

if TYPE_CHECKING:
    from collections.abc import Iterable


class Status(StrEnum):
    """Where a recommendation stands, from its latest independent finding."""

    EVIDENCED = "evidenced"
    PROGRESSING = "progressing"
    CONCERN = "concern"
    SELF_REPORTED = "self-reported"
    NO_EVIDENCE = "no-evidence"


_FROM_STANCE = {Stance.PROGRESS: Status.EVIDENCED, Stance.MIXED: Status.PROGRESSING,
                Stance.CONCERN: Status.CONCERN}


_WEIGHT = {Voice.OFSTED_PARAPHRASE: 1, Voice.COUNCIL: 0}  # Ofsted's own words: 3 or 2, below


class Finding(NamedTuple):
    """One excerpt seen as evidence: when it was found, by whom, and how strongly sourced."""

    # A NamedTuple, not a frozen dataclass: a dataset of 100,000 excerpts makes 100,000 of
    # these on every run, and a tuple is built several times faster.
    excerpt: Excerpt
    document: str
    date: PartialDate  # of the visit it reports, else of its document
    published: PartialDate  # the document's date: when the finding became known
    occasion: str  # the visit, else the document: findings on one occasion are weighed together
    primary: bool
    independent: bool  # Ofsted's words or a paraphrase of them; never the council's own claim
    weight: int  # 3 for Ofsted's words in its own text, 2 quoted elsewhere, 1 paraphrased, 0

    @classmethod
    def of(cls, ex: Excerpt, document: str, when: PartialDate, published: PartialDate,
           occasion: str, primary: bool) -> Finding:
        """The finding an excerpt makes, with its independence and weight worked out once."""
        voice = ex.voice
        weight = (3 if primary else 2) if voice is Voice.OFSTED else _WEIGHT[voice]
        return cls(ex, document, when, published, occasion, primary, voice is not Voice.COUNCIL,
                   weight)


@dataclass(frozen=True)
class Latest:
    """The latest independent finding: its occasion, date, combined stance and excerpts."""

    occasion: str
    visit: str | None
    date: PartialDate
    stance: Stance
    excerpts: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """A recommendation's evidence counts, latest independent finding and status."""

    rec_id: str
    independent: int
    council: int
    primary: int
    latest: Latest | None
    status: Status
    findings: tuple[Finding, ...]  # visible at the as-of date, oldest first


def findings(ds: Dataset, as_of: date) -> dict[str, Finding]:
    """Every excerpt whose document was published by as_of, as a finding."""
    # Each document's and visit's dates are judged once, not once per excerpt (100,000).
    visible = {doc_id: doc for doc_id, doc in ds.documents.items() if doc.date.latest <= as_of}
    when = {visit_id: visit.end or visit.start for visit_id, visit in ds.visits.items()}
    out = {}
    of, document_of = Finding.of, ds.excerpt_document  # bound once: this loop runs 100,000 times
    for xid, ex in ds.excerpts.items():
        doc = visible.get(document_of.get(xid, ""))
        if doc is None:
            continue
        visit = ex.visit
        if visit and visit in when:
            out[xid] = of(ex, doc.id, when[visit] or doc.date, doc.date, visit, doc.primary)
        else:
            out[xid] = of(ex, doc.id, doc.date, doc.date, doc.id, doc.primary)
    return out


def combine(stances: Iterable[Stance]) -> Stance:
    """One stance for several findings on one occasion: agreement, else mixed."""
    distinct = set(stances)
    return distinct.pop() if len(distinct) == 1 else Stance.MIXED


def latest(found: list[Finding]) -> Latest | None:
    """The latest independent occasion, judged on its best-sourced words only."""
    independent = [f for f in found if f.independent]
    if not independent:
        return None
    last = max(independent, key=lambda f: (f.date.latest, f.date.earliest, f.published))
    same = [f for f in independent if f.occasion == last.occasion]
    best = max(f.weight for f in same)
    chosen = [f for f in same if f.weight == best]
    visit = last.excerpt.visit if last.occasion != last.document else None
    return Latest(last.occasion, visit, last.date, combine(f.excerpt.stance for f in chosen),
                  tuple(sorted(f.excerpt.id for f in chosen)))


def assess(ds: Dataset, as_of: date,
           visible: dict[str, Finding] | None = None) -> dict[str, Assessment]:
    """Assess every recommendation at as_of, in file order; visible: findings(ds, as_of)."""
    by_rec: dict[str, list[Finding]] = {rid: [] for rid in ds.recommendations}
    for finding in (findings(ds, as_of) if visible is None else visible).values():
        for rid in finding.excerpt.recommendations:
            if rid in by_rec:
                by_rec[rid].append(finding)
    out = {}
    for rid, found in by_rec.items():
        found.sort(key=lambda f: (f.date.earliest, f.published.earliest, f.excerpt.id))
        independent = sum(f.independent for f in found)
        last = latest(found)
        if last is not None:
            status = _FROM_STANCE[last.stance]
        else:
            status = Status.SELF_REPORTED if found else Status.NO_EVIDENCE
        out[rid] = Assessment(rid, independent, len(found) - independent,
                              sum(f.weight == 3 for f in found), last, status, tuple(found))
    return out


def default_as_of(ds: Dataset) -> date:
    """The date of the newest document: a historical dataset is judged as it last stood."""
    dates = [doc.date.latest for doc in ds.documents.values()]
    return max(dates) if dates else date.today()
