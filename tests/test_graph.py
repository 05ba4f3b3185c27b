"""The graph joins every record with typed edges."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ofsted_trace.check import pipeline
from ofsted_trace.judge.graph import EdgeKind, NodeKind, build, neighbours


def test_nodes_and_edges_of_the_minimal_dataset(minimal: Path) -> None:
    g = build(pipeline.check(minimal).dataset)
    kinds = Counter(data["kind"] for _, data in g.nodes(data=True))
    assert kinds == {NodeKind.RECOMMENDATION: 5, NodeKind.THEME: 4, NodeKind.VISIT: 3,
                     NodeKind.DOCUMENT: 3, NodeKind.EXCERPT: 7}
    edges: Counter[object] = Counter(data["kind"] for _, _, data in g.edges(data=True))
    assert edges == {EdgeKind.MADE_AT: 5, EdgeKind.MAPS_TO: 4, EdgeKind.PART_OF: 1,
                     EdgeKind.REPORTS: 2, EdgeKind.QUOTED_FROM: 7, EdgeKind.FINDING_OF: 5,
                     EdgeKind.BEARS_ON: 6}


def test_neighbours_by_edge_kind(minimal: Path) -> None:
    g = build(pipeline.check(minimal).dataset)
    assert sorted(neighbours(g, "R2", EdgeKind.BEARS_ON, incoming=True)) == [
        "article-002", "council-002", "letter-002"]
    assert neighbours(g, "T1a", EdgeKind.PART_OF) == ["T1"]


def test_unresolved_references_make_no_edges(minimal: Path) -> None:
    ev = minimal / "evidence" / "council.yaml"
    ev.write_text(ev.read_text().replace("[R3]", "[R3, R99]"))
    g = build(pipeline.check(minimal).dataset)
    assert "R99" not in g
