"""What the tests of a change checked or judged alone share: edits, and an answer compared
with a whole judgement's (the spy on each run's way of judging is conftest.py's `judged`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run

REPORT = "evidence/report-2024.yaml"
Edit = Callable[[str], str]


def once(old: str, new: str) -> Edit:
    """An edit replacing the first old with new; the data must hold old."""

    def edit(text: str) -> str:
        assert old in text, f"the bundled evidence no longer holds {old!r}"
        return text.replace(old, new, 1)
    return edit


def answer(run: Run, data: Path, *args: str, **env: str) -> tuple[int, str, str]:
    """One command's exit code, stdout and stderr."""
    result = run(*args, "--data", str(data), env=env)
    return result.exit_code, result.stdout, result.stderr


def edited(data: Path, rel: str, edit: Edit) -> None:
    """Apply an edit to one file of the dataset."""
    path = data / rel
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


def same_as_whole(run: Run, data: Path, *args: str, **env: str) -> tuple[int, str, str]:
    """The command's answer, after checking it is a whole judgement's, cache off."""
    found = answer(run, data, *args, **env)
    assert found == answer(run, data, *args, **{**env, "OFSTED_TRACE_CACHE": "off"}), args
    return found
