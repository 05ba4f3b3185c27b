"""Improvement-plan themes that no evidence reaches, directly or through recommendations."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.analyses.base import Context, Gap, Severity

KIND = "theme-without-evidence"


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each theme that no excerpt visible at as_of reaches along any path."""
    import networkx as nx

    for tid, theme in ctx.dataset.themes.items():
        # Ancestors of a theme: its sub-themes, the recommendations mapped to any of them, and
        # the excerpts bearing on those; evidence for a sub-theme is evidence for its parent.
        if not any(node in ctx.findings for node in nx.ancestors(ctx.graph, tid)):
            yield ctx.gap(KIND, tid, Severity.MEDIUM,
                          f"Theme {tid} ({theme.title}) has no evidence, directly or through "
                          "its recommendations.")
