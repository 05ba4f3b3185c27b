"""The progress bar shows only on a terminal, never in CI or when piped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ofsted_trace.check import pipeline
from ofsted_trace.render.terminal import progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_draws_on_a_terminal(monkeypatch: pytest.MonkeyPatch, minimal: Path) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = Tty()
    with progress.bar("reading data", stream, delay=0) as update:
        assert update is not None
        pipeline.check(minimal, update)
    assert "reading data" in stream.getvalue()


@pytest.mark.parametrize("ci", ["true", ""])
def test_no_bar_in_ci_or_when_piped(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    piped = io.StringIO()
    with progress.bar("reading", piped, delay=0) as update:
        assert update is None
    assert piped.getvalue() == ""
    if ci:
        with progress.bar("reading", Tty(), delay=0) as update:
            assert update is None


def test_short_work_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = Tty()
    with progress.bar("reading", stream, delay=60) as update:
        assert update is not None
        update(1, 2)
    assert stream.getvalue() == ""


def test_check_reports_progress_per_file(minimal: Path) -> None:
    seen: list[tuple[int, int]] = []
    pipeline.check(minimal, lambda done, total: seen.append((done, total)))
    assert seen[-1] == (7, 7)  # four listings and three evidence files
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
