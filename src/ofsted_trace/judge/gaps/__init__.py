"""Gap analyses, one module each, registered by the gap kind they report."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import date

from ofsted_trace.judge import assess, schedule
from ofsted_trace.judge.gaps import (
    claim_ahead,
    contested,
    divergent,
    done_not_evidenced,
    evidence_ahead,
    no_evidence,
    no_theme,
    open_concern,
    overdue,
    secondary_only,
    self_reported,
    slipped,
    stale,
    theme_without_evidence,
    unlinked_finding,
)
from ofsted_trace.judge.gaps.base import RANK, Analysis, Context, Gap, Scope, Summarised
from ofsted_trace.model import gapkinds
from ofsted_trace.model.dataset import Dataset

# Most serious kind first: this order is the order gaps are listed in.
ANALYSES: dict[str, Analysis] = {
    no_evidence.KIND: no_evidence.analyse,
    claim_ahead.KIND: claim_ahead.analyse,
    self_reported.KIND: self_reported.analyse,
    open_concern.KIND: open_concern.analyse,
    contested.KIND: contested.analyse,
    done_not_evidenced.KIND: done_not_evidenced.analyse,
    divergent.KIND: divergent.analyse,
    overdue.KIND: overdue.analyse,
    unlinked_finding.KIND: unlinked_finding.analyse,
    slipped.KIND: slipped.analyse,
    stale.KIND: stale.analyse,
    secondary_only.KIND: secondary_only.analyse,
    evidence_ahead.KIND: evidence_ahead.analyse,
    theme_without_evidence.KIND: theme_without_evidence.analyse,
    no_theme.KIND: no_theme.analyse,
}
# What each analysis reads (base.Scope), so judge/delta.py redoes only what a change touches.
SCOPES: dict[str, Scope] = {module.KIND: module.SCOPE for module in (
    no_evidence, claim_ahead, self_reported, open_concern, contested, done_not_evidenced,
    divergent, overdue, unlinked_finding, slipped, stale, secondary_only, evidence_ahead,
    theme_without_evidence, no_theme)}
# The whole-dataset analyses, as a summary of each evidence file's findings and a conclusion
# drawn from the summaries together.
SUMMARISED: dict[str, Summarised] = {theme_without_evidence.KIND: theme_without_evidence}
KINDS = tuple(ANALYSES)
if SCOPES.keys() != ANALYSES.keys() or any(
        (SCOPES[kind] is Scope.DATASET) != (kind in SUMMARISED) for kind in KINDS):
    raise AssertionError("every analysis declares its scope; each whole-dataset one, a summary")
if KINDS != gapkinds.KINDS:  # the CLI validates options with gapkinds before importing this
    raise AssertionError("gapkinds.KINDS is out of step with the analyses registry")
DEFAULT_STALE_AFTER = "12m"


def context(ds: Dataset, as_of: date, stale_after: tuple[int, int],
            found: dict[str, assess.Finding] | None = None) -> Context:
    """Build the links and assessments that every analysis reads; found: findings(ds, as_of)."""
    found = assess.findings(ds, as_of) if found is None else found
    actions = schedule.states(ds, as_of)
    return Context(ds, as_of, stale_after, assess.assess(ds, as_of, found), found, actions,
                   schedule.schedules(ds, actions), schedule.claims(ds, as_of))


def narrowed(ctx: Context, inspection: str, items: Collection[str] | None = None) -> Context:
    """The context with only one inspection cycle's items assessed.

    items: every item assessed at as_of (default: ctx.assessments), when ctx holds only some.
    """
    ds = ctx.dataset
    mine = {rid for rid in (ctx.assessments if items is None else items)
            if ds.cycle_of(ds.recommendations[rid]) == inspection}
    keep = {rid: a for rid, a in ctx.assessments.items() if rid in mine}
    # An action stays when it serves an item of the cycle, or serves none (a theme's action).
    actions = {aid: a for aid, a in ctx.actions.items()
               if not a.recommendations or any(r in mine for r in a.recommendations)}
    return replace(ctx, assessments=keep, actions=actions)


def run(ctx: Context, kinds: tuple[str, ...] = KINDS, order: Mapping[str, int] | None = None,
        summaries: Mapping[str, set[str]] | None = None) -> list[Gap]:
    """Run the chosen analyses; gaps come grouped by kind, most serious kind first.

    order: each record's place in file order (default: the dataset's own); summaries: what
    each whole-dataset analysis concludes from, when ctx holds only some findings.
    """
    order = {rid: i for i, rid in enumerate(ctx.dataset.origins)} if order is None else order
    gaps = []
    for kind in KINDS:
        if kind in kinds:
            found = list(ANALYSES[kind](ctx) if summaries is None or kind not in SUMMARISED
                         else SUMMARISED[kind].conclude(ctx, summaries[kind]))
            found.sort(key=lambda g: (RANK[g.severity], order.get(g.subject, 0)))
            gaps.extend(found)
    return gaps
