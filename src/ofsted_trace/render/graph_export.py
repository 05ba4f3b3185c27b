"""The traceability graph for other tools: mermaid, Graphviz dot, GraphML and node-link JSON."""

from __future__ import annotations

import io
import json
import re
from typing import TYPE_CHECKING, Any

from ofsted_trace.judge.graph import EdgeKind
from ofsted_trace.render.safe import plain as visible

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("mermaid", "dot", "graphml", "json")
SHAPE = {"recommendation": ("[", "]"), "theme": ("([", "])"), "visit": ("{{", "}}"),
         "document": ("[/", "/]"), "excerpt": ("(", ")")}


def label(record: Any) -> str:
    """A short one-line label: the title, else the start of the quote."""
    text = getattr(record, "title", None) or getattr(record, "quote", "")
    # Controls and bidi overrides are shown as escapes: a graph printed to a terminal must not
    # command it, and XML 1.0 cannot hold C0 controls at all.
    words = visible(str(text), newlines=False)
    return words if len(words) <= 60 else words[:59] + "…"


def plain(g: nx.DiGraph[str]) -> nx.DiGraph[str]:
    """A copy whose attributes are plain strings, as GraphML and JSON writers need."""
    import networkx as nx

    out: nx.DiGraph[str] = nx.DiGraph()
    for node, attrs in g.nodes(data=True):
        # The record's own "kind" (a visit's) must not hide the node kind.
        fields = {("visit_kind" if k == "kind" else k): v
                  for k, v in attrs["record"].model_dump(mode="json").items()
                  if isinstance(v, str | int | bool) and k not in ("id", "title", "quote")}
        out.add_node(node, kind=str(attrs["kind"]), label=label(attrs["record"]),
                     **{k: visible(str(v)) for k, v in sorted(fields.items())})
    for u, v, kind in _edges(g):
        out.add_edge(u, v, kind=str(kind))
    return out


def _edges(g: nx.DiGraph[str]) -> list[tuple[str, str, Any]]:
    edges: Any = g.edges(data="kind")
    return list(edges)


# Every character but a space that str.isalnum() rejects: \w is isalnum() or "_", checked
# over every code point.
_CODED = re.compile(r"[^\w ]|_")


def _mermaid_text(text: str) -> str:
    # Mermaid reads #NN; as a character code: anything but letters, digits and spaces is coded,
    # so quotes, brackets and semicolons in data can never close a label.
    return _CODED.sub(lambda m: f"#{ord(m.group())};", text)


def mermaid(g: nx.DiGraph[str]) -> str:
    """A mermaid flowchart; node ids are n0, n1, ... so data never reaches the syntax."""
    ids = {node: f"n{i}" for i, node in enumerate(g.nodes)}
    lines = ["flowchart LR"]
    for node, attrs in g.nodes(data=True):
        left, right = SHAPE[str(attrs["kind"])]
        text = _mermaid_text(f"{node}: {label(attrs['record'])}")
        lines.append(f'    {ids[node]}{left}"{text}"{right}')
    kinds = {kind: _mermaid_text(str(kind)) for kind in EdgeKind}  # coded once, not per edge
    for u, v, kind in _edges(g):
        lines.append(f"    {ids[u]} -->|{kinds.get(kind) or _mermaid_text(str(kind))}| "
                     f"{ids[v]}")
    return "\n".join([*lines, ""])  # not + "\n": a copy of ~25 MB at 100,000 excerpts


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot(g: nx.DiGraph[str]) -> str:
    """A Graphviz digraph; every id and label is a quoted, escaped string."""
    lines = ["digraph trace {", "  rankdir=LR;", "  node [shape=box, fontsize=10];"]
    for node, attrs in g.nodes(data=True):
        lines.append(f"  {_dot_text(node)} [label={_dot_text(label(attrs['record']))}, "
                     f"kind={_dot_text(str(attrs['kind']))}];")
    for u, v, kind in _edges(g):
        lines.append(f"  {_dot_text(u)} -> {_dot_text(v)} [label={_dot_text(str(kind))}];")
    return "\n".join([*lines, "}"]) + "\n"


def format(g: nx.DiGraph[str], fmt: str) -> str:
    """The graph in one of FORMATS; GraphML and JSON come from networkx's own writers."""
    import networkx as nx

    if fmt == "mermaid":
        return mermaid(g)
    if fmt == "dot":
        return dot(g)
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(plain(g), buf, encoding="utf-8")
        return buf.getvalue().decode("utf-8") + "\n"
    if fmt == "json":
        data = nx.node_link_data(plain(g), edges="links")
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    raise ValueError(f"unknown graph format {fmt!r}; choose from {', '.join(FORMATS)}")
