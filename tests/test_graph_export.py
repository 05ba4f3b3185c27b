"""`trace graph`: the networkx graph as mermaid, dot, GraphML and node-link JSON."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from ofsted_trace.check.pipeline import check
from ofsted_trace.judge.graph import build
from tests.conftest import Run
from tests.reportkit import make_hostile


def export(run: Run, root: Path, fmt: str) -> str:
    result = run("graph", "--data", str(root), "--format", fmt)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_graphml_reads_back_with_every_node_and_edge(run: Run, minimal: Path) -> None:
    expected = build(check(minimal).dataset)
    g = nx.read_graphml(io.BytesIO(export(run, minimal, "graphml").encode("utf-8")))
    assert set(g.nodes) == set(expected.nodes)
    assert set(g.edges) == set(expected.edges)
    assert g.nodes["R2"]["kind"] == "recommendation"
    assert g.nodes["R2"]["label"] == "Management oversight"
    assert g.nodes["mv1"]["visit_kind"] == "monitoring-visit"
    assert g.nodes["letter-002"]["stance"] == "concern"
    assert g.edges["letter-002", "R2"]["kind"] == "bears-on"


def test_node_link_json_reads_back(run: Run, minimal: Path) -> None:
    data = json.loads(export(run, minimal, "json"))
    g = nx.node_link_graph(data, edges="links")
    assert g.is_directed()
    assert g.edges["article-001", "mv1"]["kind"] == "finding-of"
    assert g.nodes["letter"]["primary"] == "True"


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "graphml", "json"])
def test_exports_are_reproducible(run: Run, minimal: Path, fmt: str) -> None:
    assert export(run, minimal, fmt) == export(run, minimal, fmt)


def test_mermaid_keeps_data_out_of_the_syntax(run: Run, minimal: Path) -> None:
    text = export(run, make_hostile(minimal), "mermaid")
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    node = re.compile(r'^    n\d+(\[|\(\[|\{\{|\[/|\()"[A-Za-z0-9 #;]*"(\]|\]\)|\}\}|/\]|\))$')
    edge = re.compile(r"^    n\d+ -->\|[a-z#0-9;]+\| n\d+$")
    assert all(node.match(line) or edge.match(line) for line in lines[1:]), text
    assert "#60;script#62;" in text  # <script> survives as character codes


def test_dot_quotes_every_string(run: Run, minimal: Path) -> None:
    text = export(run, make_hostile(minimal), "dot")
    assert text.startswith("digraph trace {\n") and text.endswith("}\n")
    body = text.splitlines()[3:-1]
    string = r'"(?:[^"\\]|\\.)*"'
    pattern = re.compile(rf"^  {string}( -> {string})? \[\w+={string}(, \w+={string})?\];$")
    assert all(pattern.match(line) for line in body), text
    g = build(check(minimal).dataset)
    assert len(body) == g.number_of_nodes() + g.number_of_edges()


def test_unknown_format_is_a_usage_error(run: Run, minimal: Path) -> None:
    result = run("graph", "--data", str(minimal), "--format", "svg")
    assert result.exit_code == 2
