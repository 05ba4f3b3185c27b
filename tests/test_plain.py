"""The gaps table laid out without rich is byte for byte rich's, or not laid out at all."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich._unicode_data import load
from rich._unicode_data._versions import VERSIONS
from rich.cells import get_character_cell_size

from ofsted_trace.model.gapkinds import KINDS
from ofsted_trace.render.terminal import layout, plain, table

# Mostly what messages are made of, with the spaces, dashes and quotes that move a wrap.
WORDY = st.text(st.sampled_from("abcdefghij KLMN  0123456789(),.:;'’“”–—…-\u00a0é\uf06e"),
                max_size=160)
ROW = st.fixed_dictionaries({
    "kind": st.sampled_from(KINDS[:4]), "severity": st.sampled_from(["high", "medium", "low"]),
    "subject": st.text(st.sampled_from("R0123-abc .’"), max_size=24), "message": WORDY})


def _rich(rows: list[dict[str, Any]], width: int, limit: int) -> str:
    return table.gaps(rows, table.Term(width, False), "2024-07-23", limit)


@settings(max_examples=400, deadline=None)
@given(rows=st.lists(ROW, max_size=8), width=st.integers(1, 160), limit=st.integers(0, 4))
def test_the_plain_layout_is_rich_s_or_none(rows: list[dict[str, Any]], width: int,
                                            limit: int) -> None:
    laid = plain.layout(rows, width, "2024-07-23", limit)
    if laid is not None:
        assert laid == _rich(rows, width, limit)


def test_the_bundled_gaps_are_laid_out_plain_at_usual_widths(barnet_rows: list[dict[str, Any]],
                                                             ) -> None:
    for width in (60, 80, 100, 132, 200):
        for limit in (0, 20):
            laid = plain.layout(barnet_rows, width, "2024-07-23", limit)
            assert laid is not None and laid == _rich(barnet_rows, width, limit)


@pytest.mark.parametrize("text", ["漢字", "e\u0301", "🙂", "tab\there", "line\nbreak",
                                  "a\u2028b", "\u00ad", "x" * 90])
def test_anything_rich_might_measure_or_wrap_otherwise_is_left_to_rich(text: str) -> None:
    rows = [{"kind": "stale", "severity": "low", "subject": "R01", "message": text}]
    assert plain.layout(rows, 60, "2024-07-23", 0) is None


def test_every_character_taken_is_one_cell_in_every_unicode_version_rich_knows() -> None:
    for version in VERSIONS:
        load(version)
        assert all(get_character_cell_size(c, version) == 1 for c in layout.ONE_CELL), version


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("env", [{}, {"COLUMNS": "100"}, {"COLUMNS": "19"}, {"COLUMNS": "x"},
                                 {"COLUMNS": "\u0663\u0660"}, {"COLUMNS": "60", "LINES": "5"},
                                 {"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""},
                                 {"TTY_COMPATIBLE": "0"}, {"TTY_COMPATIBLE": "1"},
                                 {"TERM": "dumb"}, {"JUPYTER_COLUMNS": "50"}])
@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("terminal", [None, 120, 0])
def test_the_width_is_rich_s_when_it_is_known(monkeypatch: pytest.MonkeyPatch,
                                              env: dict[str, str], tty: bool,
                                              terminal: int | None) -> None:
    for key in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM",
                "JUPYTER_COLUMNS", "JUPYTER_LINES"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    def size(fd: int = 1) -> os.terminal_size:
        if terminal is None or fd != 0:
            raise OSError("not a terminal")
        return os.terminal_size((terminal, 30))

    monkeypatch.setattr(os, "get_terminal_size", size)
    stream = _Stream(tty)
    width = layout.console_width(stream)
    if width is not None:
        assert table.detect(stream) == table.Term(width, False)
    elif not env and not tty:
        raise AssertionError("a plain stream with nothing set has a known width")


@pytest.fixture
def barnet_rows() -> list[dict[str, Any]]:
    from ofsted_trace.check import pipeline
    from ofsted_trace.judge import gaps
    from ofsted_trace.judge.assess import default_as_of
    from ofsted_trace.render import views
    from tests.conftest import BARNET

    dataset = pipeline.check(BARNET).dataset
    ctx = gaps.context(dataset, default_as_of(dataset), (12, 0))
    return views.gap_rows(gaps.run(ctx, gaps.KINDS))
