"""The status table laid out without rich is byte for byte rich's, or not laid out at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsted_trace.cli import answers
from ofsted_trace.render.terminal import plain_status, table

AS_OF = "2024-07-23"
# Titles with the spaces, dashes and quotes that move a wrap, and words long enough to be cut.
WORDY = st.text(st.sampled_from("abcdefghij KLMN  0123456789(),.:;'’“”–—…-\u00a0é\uf06e"),
                max_size=60)
SHORT = st.text(st.sampled_from("R0123-abcT .’"), max_size=12)
LATEST = st.none() | st.fixed_dictionaries({
    "date": st.sampled_from(["2024-06-14", "2017-11", "2019"]), "visit": st.none() | SHORT,
    "occasion": SHORT, "stance": st.sampled_from(["progress", "mixed", "concern"])})
ROW = st.fixed_dictionaries({
    "id": SHORT, "title": WORDY, "themes": st.lists(SHORT, max_size=3),
    # Numbers up to nine digits: wide fixed columns make rich shrink every column evenly.
    "independent": st.integers(0, 10**9), "council": st.integers(0, 10**4), "latest": LATEST,
    "status": st.sampled_from(["evidenced", "progressing", "concern", "self-reported",
                               "no-evidence"]),
    "claimed": st.sampled_from([None, "red", "amber", "green", "blue"]),
    "schedule": st.sampled_from(["late", "on-track", "done", "no-actions"]),
    "inspection": st.sampled_from([None, "cycle-0", "ilacs-2024"])})


def _rich(rows: list[dict[str, Any]], width: int) -> str:
    return table.status(rows, table.Term(width, False), AS_OF)


@settings(max_examples=400, deadline=None)
@given(rows=st.lists(ROW, max_size=6), width=st.integers(1, 200))
def test_the_plain_layout_is_rich_s_or_none(rows: list[dict[str, Any]], width: int) -> None:
    laid = plain_status.layout(rows, width, AS_OF)
    if laid is not None:
        assert laid == _rich(rows, width)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(ROW, min_size=1, max_size=6), width=st.integers(110, 200))
def test_ordinary_rows_at_a_usual_width_are_laid_out_plain(rows: list[dict[str, Any]],
                                                          width: int) -> None:
    # Every column fits with room for its cells, so nothing here is left to rich.
    assert plain_status.layout(rows, width, AS_OF) == _rich(rows, width)


def test_the_bundled_status_is_laid_out_plain_at_usual_widths(barnet_rows: list[dict[str, Any]],
                                                              ) -> None:
    # At 80 columns nearly every title is cut short with "…": the common case off a terminal.
    for width in (80, 100, 132, 200):
        laid = plain_status.layout(barnet_rows, width, AS_OF)
        assert laid is not None and laid == _rich(barnet_rows, width)
    assert "…" in _rich(barnet_rows, 80)


def test_no_rows_is_only_the_summary_as_rich_prints_it() -> None:
    laid = plain_status.layout([], 80, AS_OF)
    assert laid == _rich([], 80) and "┃" not in laid


@pytest.mark.parametrize("text", ["漢字", "e\u0301", "🙂", "tab\there", "line\nbreak",
                                  "a\u2028b", "\u00ad", "x\u200dy"])
def test_anything_rich_might_measure_or_wrap_otherwise_is_left_to_rich(
        barnet_rows: list[dict[str, Any]], text: str) -> None:
    for key in ("title", "id"):
        rows = [{**barnet_rows[0], key: text}, *barnet_rows[1:]]
        assert plain_status.layout(rows, 120, AS_OF) is None, key


def test_a_title_rich_would_read_as_markup_is_left_to_rich(barnet_rows: list[dict[str, Any]],
                                                          ) -> None:
    rows = [{**barnet_rows[0], "inspection": "cycle[1]"}, *barnet_rows[1:]]
    assert plain_status.layout(rows, 120, AS_OF) is None


def test_a_console_too_narrow_for_every_cell_is_left_to_rich(barnet_rows: list[dict[str, Any]],
                                                            ) -> None:
    # At 60 columns the one-line columns alone need more: rich shrinks them all, some to
    # nothing, in ways not followed here.
    assert plain_status.layout(barnet_rows, 60, AS_OF) is None


def test_trace_status_off_a_terminal_answers_without_rich(
        minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFSTED_TRACE_CACHE", "off")
    monkeypatch.setenv("COLUMNS", "100")
    fmt = answers.TableFormat.table
    by_rich = answers._rich_status

    def refuse(*args: object) -> str:
        raise AssertionError("rich laid the table out")

    monkeypatch.setattr(answers, "_rich_status", refuse)
    plain = answers.status(minimal, None, None, None, fmt)
    monkeypatch.setattr(answers, "_rich_status", by_rich)
    monkeypatch.setattr(plain_status, "status", lambda *args: None)
    assert answers.status(minimal, None, None, None, fmt) == plain


@pytest.fixture
def barnet_rows() -> list[dict[str, Any]]:
    from ofsted_trace.check import pipeline
    from ofsted_trace.judge import gaps
    from ofsted_trace.judge.assess import default_as_of
    from ofsted_trace.render import views
    from tests.conftest import BARNET

    dataset = pipeline.check(BARNET).dataset
    ctx = gaps.context(dataset, default_as_of(dataset), (12, 0))
    return views.status_rows(ctx.dataset, ctx.assessments, ctx.claims, ctx.schedules)
