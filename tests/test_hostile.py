"""Every renderer, fed the same hostile dataset, shows its text literally and safely."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ofsted_trace.render.safe import plain
from tests import hostile
from tests.conftest import FIXTURES, Run

# What a terminal would obey: C0 controls other than newline and tab, DEL, C1, bidi overrides.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
WIDE = {"COLUMNS": "2000"}  # wide enough that rich does not wrap markup across lines
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the hostile dataset."""
    target = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "hostile", target)
    return target


@pytest.fixture
def broken(data: Path) -> Path:
    """The hostile dataset with hostile problems: a hostile enum value and a misquote."""
    path = data / "evidence" / "letter.yaml"
    text = path.read_text().replace("stance: progress", 'stance: "' + hostile.q(hostile.RICH)[1:-1]
                                    + hostile.q(hostile.ANSI)[1:-1] + '"', 1)
    path.write_text(text.replace("Management oversight is not yet", "Oversight is not yet", 1))
    return data


def terminal_safe(text: str) -> None:
    """Nothing a terminal would obey as a command; no raw HTML survives either."""
    bad = UNSAFE.search(text)
    assert bad is None, f"unsafe character {bad.group()!r} at {bad.start()}"


def test_committed_fixture_matches_its_generator() -> None:
    for rel, text in hostile.files().items():
        assert (FIXTURES / "hostile" / rel).read_bytes() == text.encode("utf-8"), rel


def test_hostile_dataset_is_valid_and_clean(run: Run, data: Path) -> None:
    result = run("check", "--strict", "--data", str(data))
    assert result.exit_code == 0, result.output


# --- terminal renderers -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [("status",), ("gaps",), ("show", "R1"), ("show", "R2"),
                                  ("show", "R4"), ("show", "B101"), ("show", "T3"),
                                  ("show", "letter-001"), ("show", "article-002"),
                                  ("show", "letter")])
@pytest.mark.parametrize("color", [False, True])
def test_terminal_output_is_literal_and_safe(run: Run, data: Path, args: tuple[str, ...],
                                             color: bool) -> None:
    env = {**WIDE, **({"FORCE_COLOR": "1", "NO_COLOR": ""} if color else {})}
    result = run(*args, "--data", str(data), env=env)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if color:
        out = re.sub(r"\x1b\[[0-9;]*m", "", out)  # rich's own colours are allowed, nothing else
    terminal_safe(out)
    assert "\x1b" not in out
    assert any(form in out for form in ("\\x1b[31mRED", "[bold red]ALERT[/]", "<script>"))


def test_status_and_gaps_show_markup_and_escapes_literally(run: Run, data: Path) -> None:
    status = run("status", "--data", str(data), env=WIDE).stdout
    assert "[bold red]ALERT[/]" in status
    assert "\\x1b[2J\\x1b[31mRED" in status
    assert "<script>alert(1)</script>" in status
    gaps = run("gaps", "--data", str(data), env=WIDE).stdout
    assert "\\u202eevil" in gaps or "\\u202e" in gaps
    shown = run("show", "letter-001", "--data", str(data), env=WIDE).stdout
    assert "[link=https://evil.example]click[/link]" in shown
    assert "\\r" in shown  # the carriage return in the note is visible, not obeyed


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_check_output_is_safe(run: Run, broken: Path, fmt: str) -> None:
    result = run("check", "--format", fmt, "--data", str(broken))
    assert result.exit_code == 1
    terminal_safe(result.stdout)
    assert "[bold red]ALERT[/]" in result.stdout
    assert "quote-not-found" in result.stdout
    lines = result.stdout.splitlines()
    if fmt == "github":
        assert all(line.startswith(("::error ", "::warning ")) for line in lines)


def test_check_json_keeps_data_exactly(run: Run, broken: Path) -> None:
    result = run("check", "--format", "json", "--data", str(broken))
    terminal_safe(result.stdout)
    problems = json.loads(result.stdout)
    messages = " ".join(p["message"] for p in problems)
    assert hostile.RICH + hostile.ANSI in messages


# --- JSON -----------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [("status", "--format", "json"), ("gaps", "--format", "json"),
                                  ("export", "--format", "json")])
def test_json_is_safe_and_lossless(run: Run, data: Path, args: tuple[str, ...]) -> None:
    result = run(*args, "--data", str(data))
    assert result.exit_code == 0, result.output
    terminal_safe(result.stdout)
    rows = json.loads(result.stdout)
    if args[0] == "status":
        assert {r["id"]: r["title"] for r in rows} == {
            k: v for k, v in hostile.TITLES.items() if k in ("R1", "R2", "R3", "R4", "B101")}
    if args[0] == "export":
        whole = json.loads(result.stdout)
        quotes = {e["id"]: e["quote"] for e in whole["evidence"]}
        assert quotes == hostile.QUOTES
        titles = {r["id"]: r["title"] for r in whole["recommendations"]}
        assert titles["R4"] == hostile.TITLES["R4"]


# --- markdown -------------------------------------------------------------------------------

def _tables(html: str) -> list[list[int]]:
    """Cells per row, for each table in rendered HTML."""
    tables = []
    for table in re.findall(r"<table>(.*?)</table>", html, re.S):
        tables.append([len(re.findall(r"<t[hd][ >]", row))
                       for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)])
    return tables


@pytest.mark.parametrize("command", ["status", "gaps"])
def test_markdown_keeps_table_shape_and_has_no_html(run: Run, data: Path, command: str) -> None:
    result = run(command, "--format", "markdown", "--data", str(data))
    assert result.exit_code == 0, result.output
    source = result.stdout
    terminal_safe(source)
    assert not re.search(r"<[a-zA-Z!/]", source), "raw HTML in markdown"
    html = MarkdownIt("commonmark").enable("table").render(source)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html
    tables = _tables(html)
    assert tables, "no table rendered"
    for cells in tables:
        assert len(set(cells)) == 1, f"a row lost its shape: {cells}"
    # No data text became a heading, block quote or code block.
    assert "<h1>" not in html and "<blockquote>" not in html and "<pre>" not in html
    text_lines = [line for line in source.splitlines() if line.startswith("|")]
    assert all(line.endswith("|") for line in text_lines)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- CSV ------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [("status", "--format", "csv"), ("gaps", "--format", "csv"),
                                  ("export", "--format", "csv")])
def test_csv_neutralises_formulas(run: Run, data: Path, args: tuple[str, ...]) -> None:
    result = run(*args, "--data", str(data))
    assert result.exit_code == 0, result.output
    text = result.stdout.removeprefix("\ufeff")
    terminal_safe(text.replace("\r\n", "\n"))
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 1
    width = len(rows[0])
    for row in rows:
        assert len(row) == width
        for value in row:
            assert not value.startswith(FORMULA_START), f"formula cell {value[:40]!r}"
    cells = {value for row in rows for value in row}
    if args[0] == "status":
        assert "'" + hostile.TITLES["R1"] in cells
        assert "'" + hostile.TITLES["R2"] in cells
        assert "'" + hostile.TITLES["R3"] in cells
        assert any(c.startswith("'@SUM(A1:A2)") for c in cells)
    if args[0] == "export":
        assert "'" + plain(hostile.QUOTES["council-002"]) in cells


def test_csv_written_to_file_is_the_same(run: Run, data: Path, tmp_path: Path) -> None:
    out = tmp_path / "links.csv"
    result = run("export", "--format", "csv", "-o", str(out), "--data", str(data))
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert all(not v.startswith(FORMULA_START) for row in rows for v in row)


# --- graphs and check lines -----------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["mermaid", "dot", "graphml", "json"])
def test_graph_exports_pass_no_controls_and_stay_valid(run: Run, data: Path, fmt: str) -> None:
    import xml.etree.ElementTree as ET

    result = run("graph", "--format", fmt, "--data", str(data))
    assert result.exit_code == 0, result.output
    terminal_safe(result.stdout)
    if fmt == "graphml":
        ET.fromstring(result.stdout.encode("utf-8"))  # well-formed XML, or this raises
    if fmt == "dot":
        assert "\\\\x1b[2J" in result.stdout  # ESC shown as a visible escape, inside a string
    if fmt == "json":
        json.loads(result.stdout)


def test_check_text_escapes_file_names(run: Run, data: Path) -> None:
    evil = data / "evidence" / "\x1b[2J\x1b]0;pwned\x07.yaml"
    evil.write_text("document: nodoc\nexcerpts: []\n", encoding="utf-8")
    for fmt in ("text", "github"):
        result = run("check", "--format", fmt, "--data", str(data))
        assert result.exit_code == 1
        terminal_safe(result.stdout)
        assert "\\x1b[2J" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_newline_in_a_bad_id_forges_no_problem_line(run: Run, data: Path, fmt: str) -> None:
    path = data / "evidence" / "letter.yaml"
    forged = "x\\n::error file=evil.yaml,line=1::forged\\nevil.yaml:1:1: error forged fake"
    path.write_text(path.read_text().replace("- id: letter-001", f'- id: "{forged}"', 1))
    result = run("check", "--format", fmt, "--data", str(data))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    if fmt == "github":
        assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    else:
        assert all(line.startswith(str(data)) for line in lines[:-1]), lines
    assert not any(line.startswith(("evil.yaml", "::error file=evil")) for line in lines)
