"""The board's front sheet as frozen data: one page of what a board member must read first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ofsted_trace.judge.assess import made_by
from ofsted_trace.judge.compare import Changes
from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity
from ofsted_trace.model import gapkinds
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.dates import PartialDate
from ofsted_trace.model.labels import EVIDENCE, HEADINGS, label
from ofsted_trace.render.report.plan import counts, extras

MUST_HEAR = 5  # gaps in plain words
OVERDUE_SHOWN = 5
IDS_SHOWN = 8


@dataclass(frozen=True)
class FrontSheet:
    """Everything the front sheet says, in order; the formats only lay it out."""

    authority: str
    as_of: str
    items: int
    trajectory: tuple[str, ...]
    counts: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # heading, (label, count)
    must_hear: tuple[str, ...]
    overdue: tuple[str, ...]
    overdue_note: str
    since: str  # the revision compared with, or ""
    changed: tuple[str, ...]


def trajectory(ds: Dataset, as_of: date | None = None) -> tuple[str, ...]:
    """Each inspection judged by as_of, oldest first: '2017 inadequate', '2024 good (...)'.

    Other areas are named only where they differ from the overall judgement.
    """
    found: dict[str, tuple[object, str]] = {}
    made = made_by(ds, as_of) if as_of is not None else set(ds.inspections)
    for cid, cycle in ds.inspections.items():
        if cid not in made:
            continue
        areas = {k.lower(): v.lower() for k, v in cycle.judgements.items()}
        overall = areas.pop("overall", None) or areas.pop("overall effectiveness", None)
        visit = ds.visits.get(cycle.visit)
        when = (visit.start if visit and visit.start else cycle.published)
        if overall is None or when is None:
            continue
        differ = [f"{area}: {j}" for area, j in areas.items() if j != overall]
        found[cycle.visit] = (when, f"{when.year} {overall}"
                              + (f" ({'; '.join(differ)})" if differ else ""))
    for vid, visit in ds.visits.items():
        if as_of is not None and visit.start is not None and visit.start.earliest > as_of:
            continue
        if vid not in found and visit.judgement and visit.start:
            found[vid] = (visit.start, f"{visit.start.year} {visit.judgement.lower()}")
    return tuple(text for _, text in sorted(found.values(), key=lambda p: str(p[0])))


def _ids(gaps: list[Gap], titles: dict[str, str]) -> str:
    """'R07 (Quality of assessments) and R17 (...)' for a few; ids only for more."""
    ids = list(dict.fromkeys(g.subject for g in gaps))
    named = [f"{i} ({titles[i]})" if len(ids) <= 3 and i in titles else i
             for i in ids[:IDS_SHOWN]]
    if len(ids) > IDS_SHOWN:
        return ", ".join(named) + f" and {len(ids) - IDS_SHOWN} more"
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def plain_words(kind: str, gaps: list[Gap], titles: dict[str, str]) -> str:
    """One sentence a board member can read for all the gaps of one kind."""
    n, ids = len({g.subject for g in gaps}), _ids(gaps, titles)
    high = [g for g in gaps if g.severity is GapSeverity.HIGH]
    words = {
        "no-evidence": f"Nothing at all speaks to {ids}.",
        "claim-ahead-of-evidence": f"The council rates {ids} green or blue, but Ofsted's words "
                                   "do not bear it out.",
        "self-reported-only": f"{n} rest{'s' if n == 1 else ''} on the council's own word "
                              f"alone, with no Ofsted finding: {ids}.",
        "open-concern": _open_concern(gaps, high, titles),
        "contested": f"The council claims progress on {ids} that nothing independent has "
                     "confirmed since Ofsted's reservations.",
        "done-not-evidenced": f"Every action is done on {ids}, but no independent finding of "
                              "progress has followed.",
        "divergent": f"A paraphrase of a visit is rosier than Ofsted's own words on {ids}.",
        "overdue": f"{n} actions are past their due date and not recorded as done.",
        "unlinked-finding": f"Ofsted made {n} findings that fit no recommendation: emerging "
                            "concerns to watch.",
        "slipped": f"{n} actions have been rescheduled: {ids}.",
        "stale": f"Ofsted has said nothing for over a year on {ids}.",
        "evidence-ahead-of-claim": f"Good news not yet heard: Ofsted's latest word on {ids} "
                                   "shows progress, but the council still rates them red or "
                                   "amber.",
    }
    return words.get(kind, f"{n} gaps of kind {kind}: {ids}.")


def _open_concern(gaps: list[Gap], high: list[Gap], titles: dict[str, str]) -> str:
    # By severity, not `g not in high`: comparing every gap with every other took minutes
    # at 100,000 excerpts (thousands of open concerns), and a gap not high is never in high.
    mixed = [g for g in gaps if g.severity is not GapSeverity.HIGH]
    if not high:
        return f"Ofsted's latest word is mixed on {_ids(mixed, titles)}."
    more = f", and mixed on {len({g.subject for g in mixed})} more" if mixed else ""
    return f"Ofsted's latest word is a concern on {_ids(high, titles)}{more}."


def must_hear(gaps: list[Gap], titles: dict[str, str]) -> tuple[str, ...]:
    """The five most serious kinds of gap with any high or medium gap, one sentence each.

    Overdue actions have their own section, so they are not repeated here.
    """
    out = []
    for kind in gapkinds.KINDS:
        found = [g for g in gaps if g.kind == kind]
        if kind == "overdue" or not any(g.severity is not GapSeverity.LOW for g in found):
            continue
        out.append(plain_words(kind, found, titles))
    return tuple(out[:MUST_HEAR])


def overdue(ctx: Context) -> tuple[tuple[str, ...], str]:
    """The overdue actions, oldest due date first, and a line on how many and how dated."""
    late = sorted((a for a in ctx.actions.values() if a.overdue and a.due),
                  key=lambda a: (a.due.latest if a.due else ctx.as_of, a.id))
    lines = tuple(f"{a.id} ({', '.join(a.recommendations) or 'themes only'}), due "
                  f"{a.due.human() if a.due else '?'}"
                  f"{' (inferred)' if a.uncertain else ''}: "
                  f"{a.text[:90]}{'…' if len(a.text) > 90 else ''}" for a in late[:OVERDUE_SHOWN])
    inferred = sum(a.uncertain for a in late)
    note = "" if not late else (
        f"{len(late)} action{'s are' if len(late) != 1 else ' is'} past due and not recorded "
        f"as done" + (f"; {inferred} of the due dates are inferred, not stated" if inferred
                      else "") + ".")
    return lines, note


def changed(changes: Changes) -> tuple[str, ...]:
    """What moved since the last board report, in a few lines."""
    out = [f"{s.rec_id}: {s.before or 'new'} → {s.after or 'removed'}" for s in changes.statuses]
    tally = Counter(e.change for e in changes.excerpts)
    if tally:
        out.append("Excerpts: " + ", ".join(f"{n} {kind}" for kind, n in tally.items()) + ".")
    if changes.gaps_opened or changes.gaps_closed:
        out.append(f"Gaps: {len(changes.gaps_opened)} opened, {len(changes.gaps_closed)} "
                   "closed.")
    out += [f"New {r.kind}: {r.title} ({r.date})." for r in changes.new]
    return tuple(out[:8]) or ("Nothing has changed.",)


def build(ctx: Context, gaps: list[Gap], changes: Changes | None = None,
          since: str = "") -> FrontSheet:
    """Gather the front sheet from the analyses' context and gaps."""
    ds = ctx.dataset
    labels = ds.config.labels
    status = Counter(str(a.status) for a in ctx.assessments.values())
    claimed, planned = counts(extras(ctx, lambda text: text))
    evidence = tuple((k, status[k]) for k in EVIDENCE)
    shown = tuple((heading, tuple((label(k, labels), n) for k, n in got))
                  for (heading, _), got in zip(HEADINGS, (evidence, claimed, planned),
                                               strict=True))
    late, note = overdue(ctx)
    day = PartialDate(ctx.as_of.year, ctx.as_of.month, ctx.as_of.day).human()
    path = trajectory(ds, ctx.as_of)
    return FrontSheet(" ".join(ds.authority.split()), day, len(ctx.assessments), path,
                      shown, must_hear(gaps, {r: " ".join(rec.title.split()) for r, rec
                                              in ds.recommendations.items()}),
                      late, note, since,
                      changed(changes) if changes is not None else ())
