"""`trace matrix`: the coverage matrix in the terminal, coloured, literal, fitted to width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.reportkit import make_hostile

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_matrix_rows_columns_and_legend(run: Run, minimal: Path) -> None:
    result = run("matrix", "--data", str(minimal), "--as-of", "2019-12-31")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if " rec " in line)
    # Visits in date order, then the evidence tied to no visit.
    assert header.index("mv1") < header.index("fv") < header.index("no visit")
    r2 = next(line for line in lines if line.strip().startswith("R2 "))
    assert re.search(r"●P\s+○L\s+●C\s+concern", r2), r2
    r4 = next(line for line in lines if line.strip().startswith("R4 "))
    assert "no-evidence" in r4 and "●" not in r4
    assert "● progress  ◐ mixed  ○ concern" in result.stdout
    assert "L Ofsted's own words" in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR is set by the runner


def test_matrix_in_colour_when_forced(run: Run, minimal: Path) -> None:
    result = run("matrix", "--data", str(minimal), env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "\x1b[" in result.stdout


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_matrix_fits_the_width(run: Run, barnet: Path, width: int) -> None:
    result = run("matrix", "--data", str(barnet), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    for rid in ("R01", "R19", "SB105"):
        assert re.search(rf"^\s*{rid}\s", result.stdout, re.M)
    # Eleven visit columns (2017 to 2024): the status column fits from about 130 columns.
    assert ("evidenced" in result.stdout) == (width >= 130)


def test_matrix_shows_hostile_markup_literally(run: Run, minimal: Path) -> None:
    recs = make_hostile(minimal) / "recommendations.yaml"
    recs.write_text(recs.read_text(encoding="utf-8").replace("title: Participation",
                                                              'title: "[bold red]x[/] \\e[31m"'),
                    encoding="utf-8")
    result = run("matrix", "--data", str(minimal),
                 env={"NO_COLOR": "", "FORCE_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    shown = ANSI.sub("", result.stdout)
    assert "[bold red]x[/] \\x1b[31m" in shown  # the escape is shown, never obeyed
    assert "a | b <script>alert(1)</" in shown
