"""Gap analyses, one module each, registered by the gap kind they report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ofsted_trace.judge import assess
from ofsted_trace.judge.gaps import (
    contested,
    divergent,
    no_evidence,
    no_theme,
    open_concern,
    secondary_only,
    self_reported,
    stale,
    theme_without_evidence,
    unlinked_finding,
)
from ofsted_trace.judge.gaps.base import RANK, Analysis, Context, Gap
from ofsted_trace.model import gapkinds
from ofsted_trace.model.dataset import Dataset

# Most serious kind first: this order is the order gaps are listed in.
ANALYSES: dict[str, Analysis] = {
    no_evidence.KIND: no_evidence.analyse,
    self_reported.KIND: self_reported.analyse,
    open_concern.KIND: open_concern.analyse,
    contested.KIND: contested.analyse,
    divergent.KIND: divergent.analyse,
    unlinked_finding.KIND: unlinked_finding.analyse,
    stale.KIND: stale.analyse,
    secondary_only.KIND: secondary_only.analyse,
    theme_without_evidence.KIND: theme_without_evidence.analyse,
    no_theme.KIND: no_theme.analyse,
}
KINDS = tuple(ANALYSES)
if KINDS != gapkinds.KINDS:  # the CLI validates options with gapkinds before importing this
    raise AssertionError("gapkinds.KINDS is out of step with the analyses registry")
DEFAULT_STALE_AFTER = "12m"


def context(ds: Dataset, as_of: date, stale_after: tuple[int, int]) -> Context:
    """Build the links and assessments that every analysis reads."""
    found = assess.findings(ds, as_of)
    return Context(ds, as_of, stale_after, assess.assess(ds, as_of, found), found)


def narrowed(ctx: Context, inspection: str) -> Context:
    """The context with only one inspection cycle's items assessed."""
    ds = ctx.dataset
    keep = {rid: a for rid, a in ctx.assessments.items()
            if ds.cycle_of(ds.recommendations[rid]) == inspection}
    return replace(ctx, assessments=keep)


def run(ctx: Context, kinds: tuple[str, ...] = KINDS) -> list[Gap]:
    """Run the chosen analyses; gaps come grouped by kind, most serious kind first."""
    order = {rid: i for i, rid in enumerate(ctx.dataset.origins)}
    gaps = []
    for kind in KINDS:
        if kind in kinds:
            found = list(ANALYSES[kind](ctx))
            found.sort(key=lambda g: (RANK[g.severity], order.get(g.subject, 0)))
            gaps.extend(found)
    return gaps
