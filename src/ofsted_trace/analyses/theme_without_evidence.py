"""Improvement-plan themes that no evidence reaches, directly or through recommendations."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.analyses.base import Context, Gap, Severity

KIND = "theme-without-evidence"


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each theme that no excerpt visible at as_of reaches along any path."""
    import networkx as nx

    # A theme is evidenced when some visible excerpt reaches it along any path (bearing on it,
    # on a recommendation mapped to it, or on a sub-theme); one breadth-first search from every
    # finding at once answers all themes, where an ancestors search per theme would walk the
    # same 100,000 excerpts fifty times.
    sources = [node for node in ctx.findings if node in ctx.graph]
    reached = {node for layer in nx.bfs_layers(ctx.graph, sources) for node in layer}
    for tid, theme in ctx.dataset.themes.items():
        if tid not in reached:
            yield ctx.gap(KIND, tid, Severity.MEDIUM,
                          f"Theme {tid} ({theme.title}) has no evidence, directly or through "
                          "its recommendations.")
