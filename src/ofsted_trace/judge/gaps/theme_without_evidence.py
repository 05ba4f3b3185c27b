"""Improvement-plan themes that no evidence reaches, directly or through recommendations."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.assess import Finding
from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model.dataset import Dataset

KIND = "theme-without-evidence"
# Whole-dataset: a theme has no gap if any finding anywhere reaches it (summary, conclude).
SCOPE = Scope.DATASET


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each theme that no excerpt visible at as_of reaches along any path."""
    return conclude(ctx, summary(ctx.dataset, ctx.findings.values()))


def summary(ds: Dataset, findings: Iterable[Finding]) -> set[str]:
    """The themes these findings touch: their own, and their recommendations'."""
    # The paths into a theme are few and short (excerpt -> theme, excerpt -> recommendation ->
    # theme, then sub-theme -> parent), so they are followed on the records' own references;
    # building the networkx graph for this (~1 s at 100k excerpts, plus ~80 ms to import it)
    # would cost more than every other analysis together.
    touched: set[str] = set()
    for finding in findings:
        touched.update(finding.excerpt.themes)
        for rid in finding.excerpt.rec_ids:
            rec = ds.recommendations.get(rid)
            if rec is not None:
                touched.update(rec.themes)
    return touched


def conclude(ctx: Context, touched: set[str]) -> Iterable[Gap]:
    """Yield a gap for each theme that none of the touched themes reaches."""
    ds = ctx.dataset
    reached: set[str] = set()
    for tid in touched:
        # Up the part-of chain; stopping at a theme already reached also ends any cycle.
        while tid in ds.themes and tid not in reached:
            reached.add(tid)
            tid = ds.themes[tid].parent or ""
    for tid, theme in ds.themes.items():
        if tid not in reached:
            yield ctx.gap(KIND, tid, GapSeverity.MEDIUM,
                          f"Theme {tid} ({theme.title}) has no evidence, directly or through "
                          "its recommendations.")
