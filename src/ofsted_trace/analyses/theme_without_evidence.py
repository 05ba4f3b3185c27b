"""Improvement-plan themes that no evidence reaches, directly or through recommendations."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.analyses.base import Context, Gap, Severity
from ofsted_trace.graph import EdgeKind

KIND = "theme-without-evidence"


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each theme no visible excerpt bears on, through any path."""
    links = ctx.links
    reached: set[str] = set()
    for ex_id in ctx.findings:
        for target in links.out(ex_id, EdgeKind.BEARS_ON):
            themes = links.out(target, EdgeKind.MAPS_TO) if target in \
                ctx.dataset.recommendations else [target]
            for start in themes:
                # Evidence for a sub-theme is evidence for its parents too.
                node: str | None = start
                while node is not None and node not in reached:
                    reached.add(node)
                    parents = links.out(node, EdgeKind.PART_OF)
                    node = parents[0] if parents else None
    for tid, theme in ctx.dataset.themes.items():
        if tid not in reached:
            yield ctx.gap(KIND, tid, Severity.MEDIUM,
                          f"Theme {tid} ({theme.title}) has no evidence, directly or through "
                          "its recommendations.")
