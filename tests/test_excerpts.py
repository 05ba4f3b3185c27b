"""The kept excerpts (cache/excerpts.py): a table altered, damaged, another user's or gone is
never believed; status and gaps are then judged whole, and answer the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.judgekit import REPORT, edited, once, same_as_whole

STANCE = once("    stance: concern\n    recommendations: [P2024-1, R10]\n",
              "    stance: progress\n    recommendations: [P2024-1, R10]\n")
LINK = once("[P2024-3]", "[P2024-3, R03]")


def _table(cache: Path) -> Path:
    (found,) = cache.glob("excerpts-*.sqlite")
    return found


@pytest.mark.parametrize("column", ["layout", "body", "head"])
def test_a_kept_excerpt_altered_in_the_table_is_not_believed(
        run: Run, barnet: Path, private_cache: Path, judged: list[bool], column: str) -> None:
    same_as_whole(run, barnet, "gaps", "--format", "json")
    judged.clear()
    with sqlite3.connect(_table(private_cache)) as db:
        rows = db.execute(f"SELECT id, {column} FROM files").fetchall()
        for row_id, value in rows:
            # One byte of every row flipped: an altered layout, head or JSON is refused.
            at = len(value) // 2
            flipped = value[:at] + bytes([value[at] ^ 1]) + value[at + 1:]
            db.execute(f"UPDATE files SET {column} = ? WHERE id = ?",
                       (flipped, row_id))
    edited(barnet, REPORT, LINK)
    same_as_whole(run, barnet, "gaps", "--format", "json")
    # The altered table is removed, and the run that judged whole made it anew.
    edited(barnet, REPORT, STANCE)
    same_as_whole(run, barnet, "gaps", "--format", "json")
    assert judged == [False, True]


def test_a_table_of_anothers_secret_is_not_believed(
        run: Run, barnet: Path, private_cache: Path, judged: list[bool], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    same_as_whole(run, barnet, "gaps", "--format", "json")
    judged.clear()
    with sqlite3.connect(_table(private_cache)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every row in the file itself
    table = _table(private_cache).read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    other = tmp_path / "other-cache"
    same_as_whole(run, barnet, "gaps", "--format", "json", OFSTED_TRACE_CACHE=str(other))
    judged.clear()
    _table(other).write_bytes(table)
    for wal in other.glob("excerpts-*.sqlite-*"):
        wal.unlink()
    edited(barnet, REPORT, LINK)
    same_as_whole(run, barnet, "gaps", "--format", "json", OFSTED_TRACE_CACHE=str(other))
    edited(barnet, REPORT, STANCE)
    same_as_whole(run, barnet, "gaps", "--format", "json", OFSTED_TRACE_CACHE=str(other))
    assert judged == [False, True], "the other's table is made anew, under this secret"


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_table_is_judged_whole_then_made_anew(
        run: Run, barnet: Path, private_cache: Path, judged: list[bool], damage: str) -> None:
    same_as_whole(run, barnet, "gaps", "--format", "json")
    judged.clear()
    table = _table(private_cache)
    with sqlite3.connect(table) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = table.read_bytes()
    table.write_bytes(raw[:len(raw) // 2] if damage == "truncated"
                      else b"not a database" * 100)
    edited(barnet, REPORT, STANCE)
    same_as_whole(run, barnet, "gaps", "--format", "json")
    edited(barnet, REPORT, LINK)
    same_as_whole(run, barnet, "gaps", "--format", "json")
    assert judged == [False, True]


def test_the_table_gone_means_a_whole_judgement(run: Run, barnet: Path, private_cache: Path,
                                                judged: list[bool]) -> None:
    same_as_whole(run, barnet, "status", "--format", "json")
    judged.clear()
    for kept in private_cache.glob("excerpts-*"):
        kept.unlink()
    edited(barnet, REPORT, STANCE)
    same_as_whole(run, barnet, "status", "--format", "json")
    assert judged == [False]


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
    edited(barnet, REPORT, LINK)
    same_as_whole(run, barnet, "status", "--format", "json")
    assert judged == [False, True]
