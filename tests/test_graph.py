"""graph.Links answers exactly as neighbours() on the networkx graph."""

from __future__ import annotations

from pathlib import Path

from ofsted_trace import engine
from ofsted_trace.graph import EdgeKind, Links, build, neighbours


def test_links_agree_with_the_networkx_graph(barnet: Path) -> None:
    ds = engine.check(barnet).dataset
    g, links = build(ds), Links(ds)
    for node in g:
        for kind in EdgeKind:
            assert links.out(node, kind) == neighbours(g, node, kind), (node, kind)
