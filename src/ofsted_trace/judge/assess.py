"""Weigh each recommendation's evidence at a date: who said what, when, and the status."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from ofsted_trace.judge import occasion
from ofsted_trace.judge.occasion import Decision
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.dates import PartialDate
from ofsted_trace.model.records import Excerpt
from ofsted_trace.model.values import Scope, Stance, Voice


class Status(StrEnum):
    """Where a recommendation stands, from its latest independent finding."""

    EVIDENCED = "evidenced"
    PROGRESSING = "progressing"
    CONCERN = "concern"
    SELF_REPORTED = "self-reported"
    NO_EVIDENCE = "no-evidence"


FROM_STANCE = {Stance.PROGRESS: Status.EVIDENCED, Stance.MIXED: Status.PROGRESSING,
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
    placed: bool  # reports a known visit; an unplaced finding never outranks a placed one
    general: bool  # a whole-service statement: it never decides a recommendation on its own
    root: str  # the excerpt its same_as chain ends at: copies of one finding share a root

    @classmethod
    def of(cls, ex: Excerpt, document: str, when: PartialDate, published: PartialDate,
           occasion: str, primary: bool, placed: bool, root: str) -> Finding:
        """The finding an excerpt makes, with its independence and weight worked out once."""
        voice = ex.voice
        weight = (3 if primary else 2) if voice is Voice.OFSTED else _WEIGHT[voice]
        return cls(ex, document, when, published, occasion, primary, voice is not Voice.COUNCIL,
                   weight, placed, ex.scope is Scope.GENERAL, root)


@dataclass(frozen=True)
class Assessment:
    """A recommendation's distinct findings, the decision on its latest occasion, and status."""

    rec_id: str
    independent: int  # distinct independent findings: repeats counted once
    council: int
    primary: int
    latest: Decision | None
    status: Status
    findings: tuple[Finding, ...]  # visible at the as-of date, oldest first
    stances: dict[str, Stance]  # each finding's stance on this recommendation, by excerpt id
    reasons: tuple[str, ...]


def findings(ds: Dataset, as_of: date,
             roots: Mapping[str, str] | None = None) -> dict[str, Finding]:
    """Every excerpt whose document was published by as_of, as a finding; proposals are not.

    roots: where each copy's same_as chain ends (copies_of), when ds holds only some excerpts.
    """
    # Each document's and visit's dates are judged once, not once per excerpt (100,000).
    visible = {doc_id: doc for doc_id, doc in ds.documents.items() if doc.date.latest <= as_of}
    when = {visit_id: visit.end or visit.start for visit_id, visit in ds.visits.items()}
    out = {}
    of, document_of = Finding.of, ds.excerpt_document  # bound once: this loop runs 100,000 times
    excerpts = ds.excerpts
    for xid, ex in excerpts.items():
        doc = visible.get(document_of.get(xid, ""))
        if doc is None or ex.proposed:  # a proposal is not evidence until it is accepted
            continue
        root = (xid if ex.same_as is None else _root(excerpts, ex) if roots is None
                else roots.get(xid, xid))
        visit = ex.visit
        if visit and visit in when:
            out[xid] = of(ex, doc.id, when[visit] or doc.date, doc.date, visit, doc.primary,
                          True, root)
        else:
            out[xid] = of(ex, doc.id, doc.date, doc.date, doc.id, doc.primary, False, root)
    return out


def copies_of(ds: Dataset) -> dict[str, str]:
    """Where each copy's same_as chain ends, by the copy's id."""
    excerpts = ds.excerpts
    return {xid: _root(excerpts, ex) for xid, ex in excerpts.items() if ex.same_as is not None}


def _root(excerpts: dict[str, Excerpt], ex: Excerpt) -> str:
    """Where a same_as chain ends; a broken or circular chain leaves the excerpt on its own."""
    seen = {ex.id}
    current = ex
    while current.same_as is not None:
        nxt = excerpts.get(current.same_as)
        if nxt is None or nxt.id in seen:
            return ex.id
        seen.add(nxt.id)
        current = nxt
    return current.id


def combine(stances: list[Stance]) -> Stance:
    """One stance for several distinct findings on one occasion: agreement, else mixed."""
    distinct = set(stances)
    return distinct.pop() if len(distinct) == 1 else Stance.MIXED


def assess(ds: Dataset, as_of: date, visible: dict[str, Finding] | None = None,
           only: Collection[str] | None = None) -> dict[str, Assessment]:
    """Assess every item made by as_of, in file order; visible: findings(ds, as_of).

    An item whose inspection had not yet happened at as_of (a 2024 point, judged as at 2021)
    is left out, not shown as having no evidence. only: assess these items alone.
    """
    by_rec: dict[str, list[tuple[Finding, Stance]]] = {
        rid: [] for rid in assessable(ds, as_of) if only is None or rid in only}
    for finding in (findings(ds, as_of) if visible is None else visible).values():
        for rid, stance in finding.excerpt.links:
            if rid in by_rec:
                by_rec[rid].append((finding, stance))
    judged = occasion.judgements(ds)
    out = {}
    for rid, linked in by_rec.items():
        linked.sort(key=lambda fs: (fs[0].date.earliest, fs[0].published.earliest,
                                    fs[0].excerpt.id))
        stances = {f.excerpt.id: s for f, s in linked}
        found = tuple(f for f, _ in linked)
        kept, collapsed = occasion.distinct([f for f in found if f.independent])
        decision = occasion.decide(kept, stances, judged, collapsed)
        if decision is not None:
            status = FROM_STANCE[decision.stance]
        else:
            status = Status.SELF_REPORTED if found else Status.NO_EVIDENCE
        council = sum(not f.independent for f in found)
        out[rid] = Assessment(rid, len(kept), council, sum(f.weight == 3 for f in kept),
                              decision, status, found, stances,
                              occasion.reasons(ds, decision, status, found, stances))
    return out


def assessable(ds: Dataset, as_of: date) -> list[str]:
    """The items assessed at as_of, in file order: those whose inspection had happened."""
    made = made_by(ds, as_of)
    return [rid for rid, rec in ds.recommendations.items() if ds.cycle_of(rec) in made]


def made_by(ds: Dataset, as_of: date) -> set[str | None]:
    """The inspection cycles whose items existed at as_of: their report was out.

    Without a publication date, the end (else the start) of the fieldwork stands for it.
    """
    out: set[str | None] = {None}  # an item of no known cycle is always shown
    for cid, cycle in ds.inspections.items():
        visit = ds.visits.get(cycle.visit)
        made = cycle.published or (visit.end or visit.start if visit is not None else None)
        if made is None or made.earliest <= as_of:
            out.add(cid)
    return out


def default_as_of(ds: Dataset) -> date:
    """The date of the newest document: a historical dataset is judged as it last stood."""
    dates = [doc.date.latest for doc in ds.documents.values()]
    return max(dates) if dates else date.today()
