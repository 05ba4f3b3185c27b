"""The rule that turns a recommendation's findings into one stance, and its reasons in words."""

# The rule, as README.md states it for a board:
# 1. Copies of one finding (same_as) count once, through their best-sourced wording.
# 2. The deciding occasion is the latest visit with a specific independent finding. A finding
#    that names no visit ranks below every finding placed at a visit; a general statement
#    decides only when nothing specific was said at all.
# 3. On that occasion every distinct finding counts: if they all agree, that is the stance;
#    if any disagrees, it is mixed.
# 4. The stance must agree with Ofsted's overall judgement of that visit: progress on a visit
#    judged inadequate, or from general statements alone, is at most mixed.

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.dates import PartialDate
from ofsted_trace.model.values import Stance

if TYPE_CHECKING:
    from ofsted_trace.judge.assess import Finding

_ORDER = (Stance.PROGRESS, Stance.MIXED, Stance.CONCERN)


@dataclass(frozen=True)
class Decision:
    """The latest independent occasion, its distinct findings, and the stance they make."""

    occasion: str  # the visit, else the document of findings that name no visit
    visit: str | None
    date: PartialDate
    stance: Stance
    excerpts: tuple[str, ...]  # the distinct findings that decided, by excerpt id
    counts: tuple[tuple[Stance, int], ...]
    rule: str  # the rule applied, in words a board can read
    collapsed: tuple[tuple[str, str], ...]  # (copy, the wording counted instead)
    outranked: tuple[tuple[str, str], ...]  # (excerpt, why it did not decide)
    supporting: tuple[str, ...]  # general statements on the occasion, which did not decide
    history: tuple[tuple[str, Stance], ...]  # earlier occasions and their stances, oldest first


def judgements(ds: Dataset) -> dict[str, str]:
    """Ofsted's overall judgement of each visit that has one, lower-cased."""
    out = {vid: v.judgement.lower() for vid, v in ds.visits.items() if v.judgement}
    for cycle in ds.inspections.values():
        overall = {k.lower(): v for k, v in cycle.judgements.items()}.get("overall")
        if overall:
            out[cycle.visit] = overall.lower()
    return out


def distinct(independent: list[Finding]) -> tuple[list[Finding], list[tuple[str, str]]]:
    """The findings with copies of one finding collapsed to its best-sourced wording."""
    best: dict[str, Finding] = {}
    for f in independent:
        kept = best.get(f.root)
        if kept is None or (-f.weight, f.published.earliest, f.excerpt.id) < \
                (-kept.weight, kept.published.earliest, kept.excerpt.id):
            best[f.root] = f
    chosen = {id(f) for f in best.values()}
    kept_list = [f for f in independent if id(f) in chosen]
    collapsed = [(f.excerpt.id, best[f.root].excerpt.id) for f in independent
                 if id(f) not in chosen]
    return kept_list, collapsed


def decide(kept: list[Finding], stances: dict[str, Stance], judged: dict[str, str],
           collapsed: list[tuple[str, str]]) -> Decision | None:
    """Apply the rule to a recommendation's distinct independent findings."""
    if not kept:
        return None
    specific = [f for f in kept if not f.general]
    pool = specific or kept
    contenders = [f for f in pool if f.placed] or pool
    last = max(contenders, key=lambda f: (f.date.latest, f.date.earliest, f.published))
    on = [f for f in pool if f.occasion == last.occasion]
    said = [stances[f.excerpt.id] for f in on]
    stance = _combine(said)
    rule = _rule(said, stance)
    judgement = judged.get(last.occasion)
    if stance is Stance.PROGRESS and judgement == "inadequate":
        stance = Stance.MIXED
        rule += "; but Ofsted judged the service inadequate at this visit, so at most mixed"
    if stance is Stance.PROGRESS and not specific:
        stance = Stance.MIXED
        rule += "; but these are general statements, which alone make at most mixed"
    return Decision(
        last.occasion, last.excerpt.visit if last.placed else None, last.date, stance,
        tuple(sorted(f.excerpt.id for f in on)), _counts(said), rule, tuple(collapsed),
        _outranked(kept, pool, contenders, last), _supporting(kept, specific, last),
        _history(pool, stances, last.occasion))


def _combine(said: list[Stance]) -> Stance:
    distinct_stances = set(said)
    return distinct_stances.pop() if len(distinct_stances) == 1 else Stance.MIXED


def _rule(said: list[Stance], stance: Stance) -> str:
    if len(said) == 1:
        return f"its one finding is {stance}"
    if len(set(said)) == 1:
        return f"all {len(said)} distinct findings agree: {stance}"
    return "the distinct findings disagree, so the occasion is mixed"


def _counts(said: list[Stance]) -> tuple[tuple[Stance, int], ...]:
    counted = Counter(said)
    return tuple((s, counted[s]) for s in _ORDER if counted[s])


def _outranked(kept: list[Finding], pool: list[Finding], contenders: list[Finding],
               last: Finding) -> tuple[tuple[str, str], ...]:
    """Findings dated after the deciding one that still did not decide, and why."""
    out = []
    for f in kept:
        if f.occasion == last.occasion or f.date.latest <= last.date.latest:
            continue
        if f not in pool:
            out.append((f.excerpt.id, "a general statement, outranked by a specific finding"))
        elif f not in contenders:
            out.append((f.excerpt.id, "names no visit, so it ranks below findings placed at one"))
    return tuple(out)


def _supporting(kept: list[Finding], specific: list[Finding], last: Finding) -> tuple[str, ...]:
    if not specific:
        return ()
    return tuple(f.excerpt.id for f in kept if f.general and f.occasion == last.occasion)


def _history(pool: list[Finding], stances: dict[str, Stance],
             current: str) -> tuple[tuple[str, Stance], ...]:
    by: dict[str, list[Finding]] = {}
    for f in sorted(pool, key=lambda f: (f.date.latest, f.date.earliest, f.published)):
        if f.occasion != current:
            by.setdefault(f.occasion, []).append(f)
    return tuple((occ, _combine([stances[f.excerpt.id] for f in group]))
                 for occ, group in by.items())


def reasons(ds: Dataset, decision: Decision | None, status: str, found: tuple[Finding, ...],
            stances: dict[str, Stance]) -> tuple[str, ...]:
    """The reasoning behind a status, one sentence each, citing excerpt ids."""
    if decision is None:
        if not found:
            return ("No excerpt links to it: nothing Ofsted or the council said is tagged to "
                    "it yet.",)
        ids = ", ".join(f.excerpt.id for f in found)
        return (f"Only the council's own claims speak to it ({len(found)}: {ids}); no Ofsted "
                "finding, in its own words, quoted or paraphrased, links to it.",)
    out = [f"Decided by the latest independent occasion: {_where(ds, decision)}, "
           f"{decision.date.human()}."]
    parts = ", ".join(
        f"{n} {s} ({', '.join(x for x in decision.excerpts if stances[x] is s)})"
        for s, n in decision.counts)
    out.append(f"On it, {sum(n for _, n in decision.counts)} distinct finding(s): {parts}.")
    out.append(f"Rule: {decision.rule}; so {status}.")
    if decision.collapsed:
        out.append("Counted once, as repeats: " + ", ".join(
            f"{copy} (same finding as {kept})" for copy, kept in decision.collapsed) + ".")
    if decision.outranked:
        out.append("Did not decide: " + ", ".join(
            f"{x} ({why})" for x, why in decision.outranked) + ".")
    if decision.supporting:
        out.append("General statements on the same occasion, which support but do not decide: "
                   + ", ".join(decision.supporting) + ".")
    if decision.history:
        out.append("Earlier occasions: " + ", ".join(
            f"{occ} {s}" for occ, s in decision.history) + ".")
    return tuple(out)


def _where(ds: Dataset, decision: Decision) -> str:
    if decision.visit is not None:
        visit = ds.visits.get(decision.visit)
        return f"{visit.title} ({decision.visit})" if visit else decision.visit
    doc = ds.documents.get(decision.occasion)
    title = doc.title if doc else decision.occasion
    return f"{title} ({decision.occasion}), a document whose findings name no visit"
