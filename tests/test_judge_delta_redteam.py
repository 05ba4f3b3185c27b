"""A second reader's cases: edits, runs and caches where judging a change alone could answer
otherwise than a whole judgement (judge/delta.py, cache/excerpts.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.judgekit import REPORT, edited, once, same_as_whole

STANCE = once("    stance: concern\n    recommendations: [P2024-1, R10]\n",
              "    stance: progress\n    recommendations: [P2024-1, R10]\n")


def _table(cache: Path) -> Path:
    (found,) = cache.glob("excerpts-*.sqlite")
    return found


@pytest.mark.parametrize("column", ["head", "head_tag"])
@pytest.mark.parametrize("value", ["text", -1])
def test_a_kept_head_of_another_type_is_a_miss_not_an_error(
        run: Run, barnet: Path, private_cache: Path, judged: list[bool], column: str,
        value: object) -> None:
    # sqlite keeps any type in any column: a head or tag written as text (or a number) by
    # anyone who can write the cache must be refused as an altered one is, not crash the run.
    same_as_whole(run, barnet, "status", "--format", "json")
    judged.clear()
    with sqlite3.connect(_table(private_cache)) as db:
        db.execute(f"UPDATE files SET {column} = ?", (value,))
    edited(barnet, REPORT, STANCE)
    code, _, stderr = same_as_whole(run, barnet, "status", "--format", "json")
    assert code == 0 and stderr == ""
    assert judged == [False]
