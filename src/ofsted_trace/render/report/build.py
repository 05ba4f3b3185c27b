"""Build the board report's parts from the judged dataset, once, for every format to render."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ofsted_trace.judge.assess import Assessment, Finding, Status, combine
from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.dates import PartialDate
from ofsted_trace.render.report import plan, shown
from ofsted_trace.render.report.parts import (
    Cell,
    Column,
    Cut,
    GapItem,
    Occasion,
    Proposed,
    Quote,
    RecSection,
    Report,
    Source,
    ThemeRow,
    VisitRow,
)
from ofsted_trace.render.views import VOICE_LABEL, addressee

# Fixed section titles, in document order; each gets the anchor GitHub gives its heading.
SECTIONS = ("Summary", "Gaps", "Coverage matrix", "Recommendations", "Themes",
            "Emerging findings", "Appendix: sources", "Appendix: visits")
STATUS_MEANING: dict[str, str] = {
    Status.EVIDENCED: "The latest independent finding (Ofsted's, or a report of it) shows "
                      "progress.",
    Status.PROGRESSING: "The latest independent finding is mixed: progress with reservations.",
    Status.CONCERN: "The latest independent finding is a concern.",
    Status.SELF_REPORTED: "Only the council's own claims speak to it; no independent finding.",
    Status.NO_EVIDENCE: "Nothing in the evidence speaks to it at all.",
}
# Source strength of a matrix cell, strongest first: Finding.weight -> (code, meaning).
WEIGHT = {3: ("L", "Ofsted's own words, in its letter or report"),
          2: ("Q", "Ofsted's words quoted in an article or council text"),
          1: ("P", "a paraphrase of Ofsted's findings"),
          0: ("C", "the council's own claim")}
NO_VISIT = "Not tied to a visit"
PROPOSED = "Proposed evidence"  # a section only when the dataset holds proposals

Scrub = Callable[[str], str]


def keep(text: str) -> str:
    """Leave data text as it is (the report without --redact)."""
    return text


def one_line(text: str) -> str:
    """Collapse whitespace, as every renderer shows data text on one line."""
    return " ".join(text.split())


def slug(text: str) -> str:
    """The anchor GitHub gives a heading with this text (before de-duplication)."""
    return re.sub(r"[^\w\- ]", "", one_line(text).lower()).replace(" ", "-")


class Slugger:
    """Unique anchors as GitHub makes them: a repeated slug gets -1, -2, ..."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        base = slug(text)
        out, n = base, self.seen.get(base, 0)
        while out in self.seen:
            n += 1
            out = f"{base}-{n}"
        self.seen[base] = n
        self.seen[out] = 0
        return out


def _when(d: PartialDate | None) -> str:
    return d.human() if d else "date unknown"


def _quote(ctx: Context, f: Finding, scrub: Scrub, stance: str | None = None) -> Quote:
    doc = ctx.dataset.documents[f.document]
    ex = f.excerpt
    return Quote(ex.id, scrub(one_line(ex.quote)), stance or str(ex.stance), one_line(doc.title),
                 doc.date.human(), VOICE_LABEL[ex.voice], f.independent and not doc.primary,
                 scrub(one_line(ex.note or "")), doc.id)


def _occasion_key(ctx: Context, f: Finding) -> str:
    return f.occasion if f.occasion in ctx.dataset.visits else NO_VISIT


def _timeline(ctx: Context, found: list[Finding], a: Assessment,
              scrub: Scrub) -> tuple[Occasion, ...]:
    groups: dict[str, list[Finding]] = {}
    for f in found:
        groups.setdefault(f.occasion, []).append(f)
    out = []
    for occasion, group in groups.items():
        visit = ctx.dataset.visits.get(occasion)
        head = (f"{one_line(visit.title)} ({group[0].date.human()})" if visit else
                f"No visit: {one_line(ctx.dataset.documents[occasion].title)} "
                f"({group[0].published.human()})")
        out.append(Occasion(head, tuple(_quote(ctx, f, scrub, str(a.stances[f.excerpt.id]))
                                        for f in group)))
    return tuple(out)


def _cells(ctx: Context) -> tuple[tuple[Column, ...], dict[str, dict[str, Cell]]]:
    ds = ctx.dataset
    found: dict[str, dict[str, list[Finding]]] = {rid: {} for rid in ds.recommendations}
    for rid, a in ctx.assessments.items():
        for f in a.findings:
            found[rid].setdefault(_occasion_key(ctx, f), []).append(f)
    used = {key for row in found.values() for key in row}
    columns = [Column(v.id, v.id, _when(v.end or v.start))
               for v in ds.visits.values() if v.id in used]
    if NO_VISIT in used:
        columns.append(Column(NO_VISIT, "no visit", "any date"))
    matrix: dict[str, dict[str, Cell]] = {}
    for rid, row in found.items():
        matrix[rid] = {}
        for key, group in row.items():
            # Weigh each occasion on its best-sourced words, as the status does.
            best = max(f.weight for f in group)
            chosen = [ctx.assessments[rid].stances[f.excerpt.id] for f in group
                      if f.weight == best]
            matrix[rid][key] = Cell(str(combine(chosen)), WEIGHT[best][0], len(group))
    return tuple(columns), matrix


def _gap_anchor(gap: Gap, ctx: Context, recs: dict[str, str], anchors: dict[str, str]) -> str:
    if gap.subject in recs:
        return recs[gap.subject]
    if gap.subject in ctx.dataset.themes:
        return anchors["Themes"]
    return anchors["Emerging findings"] if gap.subject in ctx.dataset.excerpts else ""


def build(ctx: Context, gaps: list[Gap], scrub: Scrub = keep, quotes: bool = True) -> Report:
    """Gather the report from the analyses' context and gaps; scrub sees every quote and note.

    quotes=False leaves out every quote (timelines, emerging findings, proposals): the terminal
    matrix reads only the grid.
    """
    ds = ctx.dataset
    slugger = Slugger()
    title = f"{one_line(ds.authority)}: Ofsted recommendations at {_human(ctx.as_of)}"
    slugger(title)
    slugger("Contents")
    anchors = {name: slugger(name) for name in SECTIONS}
    recs, sections = {}, []
    planned = plan.extras(ctx, scrub)
    for rid, a in ctx.assessments.items():
        rec = ds.recommendations[rid]
        heading = f"{rid} — {one_line(rec.title)}"
        recs[rid] = slugger(heading)
        last = a.latest
        quoted, cut = shown.timeline(a) if quotes else ([], None)
        latest = "none" if last is None else (
            f"{last.stance} ({last.visit or ds.documents[last.occasion].title}, "
            f"{last.date.human()})")
        sections.append(RecSection(
            rid, heading, recs[rid], one_line(rec.title), rec.number, addressee(rec.addressed_to),
            one_line(rec.text),
            tuple(f"{t} {one_line(ds.themes[t].title)}" if t in ds.themes else t
                  for t in rec.themes),
            str(a.status), a.independent, a.council, one_line(latest),
            _timeline(ctx, quoted, a, scrub), tuple(scrub(one_line(r)) for r in a.reasons),
            **planned[rid], cut=cut))
    counts = {s: 0 for s in Status}
    for a in ctx.assessments.values():
        counts[a.status] += 1
    items = tuple(GapItem(g.kind, str(g.severity), g.subject, _gap_anchor(g, ctx, recs, anchors),
                          one_line(g.message)) for g in gaps)
    columns, matrix = _cells(ctx)
    themes = _themes(ctx, recs)
    emerging, emerging_cut = shown.latest(sorted(
        (f for f in ctx.findings.values() if quotes and f.independent
         and not f.excerpt.recommendations), key=lambda f: (f.date.earliest, f.excerpt.id)))
    proposed, proposed_cut = _proposed(ctx, scrub) if quotes else ((), None)
    visits = tuple(VisitRow(v.id, one_line(v.title), str(v.kind), _visit_dates(v.start, v.end),
                            one_line(v.focus or ""), one_line(v.judgement or ""))
                   for v in ds.visits.values())
    intro = (f"This report traces the {len(ds.recommendations)} recommendations of "
             f"{_inspections_named(ds)} to "
             f"{len(ctx.findings)} verbatim excerpts from {len(ds.documents)} documents, and "
             f"judges each recommendation on the evidence published by {_human(ctx.as_of)}.")
    return Report(
        one_line(ds.authority), ctx.as_of.isoformat(), title, intro, anchors,
        tuple((str(s), n) for s, n in counts.items()), tuple(sections),
        tuple(i for i in items if i.severity == GapSeverity.HIGH), items, columns, matrix, themes,
        tuple(_quote(ctx, f, scrub) for f in emerging), _sources(ds), visits,
        proposed, *plan.counts(planned), dict(ds.config.labels), emerging_cut, proposed_cut)


def _proposed(ctx: Context, scrub: Scrub) -> tuple[tuple[Proposed, ...], Cut | None]:
    """Proposals whose document is published by as_of, in file order, and any left out."""
    ds = ctx.dataset
    found = []
    for xid, ex in ds.excerpts.items():
        doc = ds.documents.get(ds.excerpt_document.get(xid, ""))
        if ex.proposed and doc is not None and doc.date.latest <= ctx.as_of:
            found.append((ex, doc))
    quoted, cut = shown.first(found, lambda p: p[0].stance, lambda p: p[0].voice)
    return tuple(Proposed(Quote(ex.id, scrub(one_line(ex.quote)), str(ex.stance),
                                one_line(doc.title), doc.date.human(), VOICE_LABEL[ex.voice],
                                False, scrub(one_line(ex.note or ""))), tuple(ex.rec_ids))
                 for ex, doc in quoted), cut


def _themes(ctx: Context, recs: dict[str, str]) -> tuple[ThemeRow, ...]:
    """Each theme with the recommendations mapped to it and the excerpts tagged with it."""
    ds = ctx.dataset
    direct: dict[str, int] = {}
    for f in ctx.findings.values():
        for t in f.excerpt.themes:
            direct[t] = direct.get(t, 0) + 1
    return tuple(ThemeRow(
        tid, one_line(t.title), t.parent or "",
        tuple((rid, recs[rid], str(ctx.assessments[rid].status))
              for rid, rec in ds.recommendations.items() if tid in rec.themes),
        direct.get(tid, 0)) for tid, t in ds.themes.items())


def _sources(ds: Dataset) -> tuple[Source, ...]:
    """Each document, oldest first, with how many excerpts quote it."""
    per_doc: dict[str, int] = {}
    for xid, doc_id in ds.excerpt_document.items():
        if not ds.excerpts[xid].proposed:  # a proposal is not evidence until accepted
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
    return tuple(Source(d.id, one_line(d.title), one_line(d.publisher), d.date.human(),
                        d.primary, d.url or "", per_doc.get(d.id, 0))
                 for d in sorted(ds.documents.values(), key=lambda d: (d.date, d.id)))


def _human(day: date) -> str:
    return PartialDate(day.year, day.month, day.day).human()


def _visit_dates(start: PartialDate | None, end: PartialDate | None) -> str:
    if start is None:
        return "date unknown"
    return start.human() if end is None or end == start else f"{start.human()} to {end.human()}"


def _inspections_named(ds: Dataset) -> str:
    """'the Single inspection framework (SIF) inspection', or several joined with 'and'."""
    titles = [v.title for c in ds.inspections.values() if (v := ds.visits.get(c.visit))]
    if not titles:
        return "the inspection"
    named = [f"the {one_line(t)}" for t in titles]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
