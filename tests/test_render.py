"""Renderers: golden outputs and escaping of data text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ofsted_trace.model.problems import Location, Problem, Severity
from ofsted_trace.render import csv, github, markdown
from ofsted_trace.render.safe import plain
from ofsted_trace.render.terminal.table import Term, gaps, lit, to_text
from tests.conftest import Golden, Run


def test_gaps_markdown_golden(run: Run, minimal: Path, golden: Golden) -> None:
    out = run("gaps", "--format", "markdown", "--data", str(minimal)).stdout
    golden("gaps-minimal.md", out)


def test_status_table_golden(run: Run, minimal: Path, golden: Golden) -> None:
    out = run("status", "--data", str(minimal)).stdout
    golden("status-minimal.txt", out)


def test_markdown_escape_keeps_tables_and_blocks_html() -> None:
    cell = markdown.esc("a | b <script>alert(1)</script> `x` [l](u) *y*\nnext")
    assert "|" not in cell.replace("\\|", "")
    assert "<" not in cell and "`" not in cell.replace("\\`", "")
    assert "\n" not in cell
    assert markdown.esc("# not a heading").startswith("\\#")


def test_github_escapes_message_and_properties() -> None:
    p = Problem("bad-value", Severity.ERROR, "50% off\nnow", Location("a,b:c.yaml", 3, 4))
    assert github.format((p,)) == ("::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=bad-value::"
                                   "50%25 off%0Anow\n")


def test_csv_neutralises_formulas() -> None:
    text = csv.format(["a"], [["=1+1"], ["+x"], ["-y"], ["@z"], ["ok, \"quoted\"\nline"]])
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[1:5] == ["'=1+1", "'+x", "'-y", "'@z"]
    assert '"ok, ""quoted""\nline"' in text


def test_terminal_text_is_literal() -> None:
    out = to_text([lit("[bold red]x[/] \x1b[31mred\u202e")], Term(80, color=True))
    assert "[bold red]x[/]" in out
    assert "\\x1b[31mred\\u202e" in out
    assert plain("tab\tand\nnewline") == "tab\tand\nnewline"


def test_empty_gaps_message() -> None:
    assert "No gaps at 2020-01-01" in gaps([], Term(80, color=False), "2020-01-01")


def test_json_and_csv_in_pieces_are_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Export streams its text in pieces; cut small, the pieces still make the same text."""
    from ofsted_trace.render import json

    rows = [{"id": f"x{i}", "quote": f"line {i}\u202e bidi\x85 C1, \"quoted\", =SUM(A1)\n",
             "links": [{"recommendation": "R1", "stance": "progress"}] * (i % 3)}
            for i in range(200)]
    monkeypatch.setattr(json, "_PIECE", 64)
    monkeypatch.setattr(csv, "_PIECE", 64)
    pieces = list(json.chunks(rows))
    assert len(pieces) > 10 and "".join(pieces) == json.format(rows)
    table = [[r["id"], r["quote"], len(r["links"])] for r in rows]
    pieces = list(csv.chunks(["id", "quote", "links"], table))
    assert len(pieces) > 10 and "".join(pieces) == csv.format(["id", "quote", "links"], table)
