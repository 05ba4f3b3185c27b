"""The traceability graph: which node and edge kinds exist, and how a dataset becomes one."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ofsted_trace.model.dataset import Dataset

if TYPE_CHECKING:
    import networkx as nx


class NodeKind(StrEnum):
    """What a node stands for."""

    RECOMMENDATION = "recommendation"
    THEME = "theme"
    VISIT = "visit"
    DOCUMENT = "document"
    EXCERPT = "excerpt"


class EdgeKind(StrEnum):
    """What an edge means, read from its source to its target."""

    MAPS_TO = "maps-to"  # recommendation -> theme
    PART_OF = "part-of"  # sub-theme -> parent theme
    MADE_AT = "made-at"  # recommendation -> the inspection visit that made it
    BEARS_ON = "bears-on"  # excerpt -> recommendation or theme
    QUOTED_FROM = "quoted-from"  # excerpt -> document
    FINDING_OF = "finding-of"  # excerpt -> visit whose finding it reports
    REPORTS = "reports"  # document -> visit


def edges(ds: Dataset) -> dict[tuple[str, str], EdgeKind]:
    """Every edge between real records, by (source, target); a later kind replaces an earlier."""
    out: dict[tuple[str, str], EdgeKind] = {}
    nodes = ds.origins  # every record, of every kind, by id

    def link(source: str, target: str | None, kind: EdgeKind) -> None:
        # Unresolved references are reported by the checks; the graph holds only real ones.
        if target is not None and target in nodes:
            out[(source, target)] = kind

    made_at = {cid: cycle.visit for cid, cycle in ds.inspections.items()}
    for rec in ds.recommendations.values():
        link(rec.id, made_at.get(ds.cycle_of(rec) or ""), EdgeKind.MADE_AT)
        for theme in rec.themes:
            link(rec.id, theme, EdgeKind.MAPS_TO)
    for sub in ds.themes.values():
        link(sub.id, sub.parent, EdgeKind.PART_OF)
    for doc in ds.documents.values():
        for visit in doc.reports:
            link(doc.id, visit, EdgeKind.REPORTS)
    for ex in ds.excerpts.values():
        link(ex.id, ds.excerpt_document.get(ex.id), EdgeKind.QUOTED_FROM)
        link(ex.id, ex.visit, EdgeKind.FINDING_OF)
        for target in (*ex.rec_ids, *ex.themes):
            link(ex.id, target, EdgeKind.BEARS_ON)
    return out


def build(ds: Dataset) -> nx.DiGraph[str]:
    """Join every record into one directed graph; node ids are the records' ids."""
    import networkx as nx  # deferred: importing networkx costs ~100 ms

    g: nx.DiGraph[str] = nx.DiGraph()
    for kind, table in ((NodeKind.RECOMMENDATION, ds.recommendations),
                        (NodeKind.THEME, ds.themes), (NodeKind.VISIT, ds.visits),
                        (NodeKind.DOCUMENT, ds.documents), (NodeKind.EXCERPT, ds.excerpts)):
        g.add_nodes_from((rid, {"kind": kind, "record": rec}) for rid, rec in table.items())
    # Added in bulk, one call per kind with the kind as a shared attribute: one add_edge per
    # edge, or a data dict per edge, is slow at 100k excerpts.
    by_kind: dict[EdgeKind, list[tuple[str, str]]] = {}
    for pair, edge in edges(ds).items():
        by_kind.setdefault(edge, []).append(pair)
    for edge, pairs in by_kind.items():
        g.add_edges_from(pairs, kind=edge)
    return g


def neighbours(g: nx.DiGraph[str], node: str, edge: EdgeKind, *,
               incoming: bool = False) -> list[str]:
    """Nodes joined to node by edges of one kind, outgoing by default."""
    edges: Any = g.in_edges(node, data="kind") if incoming else g.out_edges(node, data="kind")
    return [(u if incoming else v) for u, v, kind in edges if kind == edge]
