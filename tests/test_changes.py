"""Writing a plan: conflicts are refused, and a writer killed mid-write leaves the original."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ofsted_trace.edit import commands
from ofsted_trace.edit import plan as plans
from ofsted_trace.errors import Conflict
from ofsted_trace.fs.atomic import PAUSE_ENV, sweep_stale
from tests.conftest import Run

LETTER = "evidence/letter.yaml"


def test_commit_refuses_a_file_changed_since_it_was_read(minimal: Path) -> None:
    plan = commands.link(minimal, "letter-003", ["R1"])
    path = minimal / LETTER
    path.write_text(path.read_text() + "# someone else's edit\n")
    mine = path.read_bytes()
    with pytest.raises(Conflict, match="changed on disk since it was read"):
        plans.commit(plan)
    assert path.read_bytes() == mine
    assert not list(path.parent.glob(".*.tmp"))


def test_commit_refuses_a_new_file_that_appeared(minimal: Path, tmp_path: Path) -> None:
    text = tmp_path / "new.txt"
    text.write_text("Some text.\n")
    plan = commands.add_document(minimal, text, {"id": "new", "title": "t", "publisher": "p",
                                             "date": "2019", "primary": False})
    (minimal / "sources/new.txt").write_text("raced\n")
    with pytest.raises(Conflict, match="appeared on disk"):
        plans.commit(plan)
    assert (minimal / "sources/new.txt").read_text() == "raced\n"


def test_validate_reports_only_errors_the_edit_adds(minimal: Path) -> None:
    path = minimal / "evidence/council.yaml"
    path.write_text(path.read_text().replace("[R3]", "[R77]"))
    assert plans.validate(commands.link(minimal, "letter-003", ["R1"])) == ()
    added = plans.validate(commands.link(minimal, "letter-003", ["R88"]))
    assert [(p.code, p.subject) for p in added] == [("unknown-reference", "R88")]
    assert added[0].location.file == f"{minimal.as_posix()}/{LETTER}"


def _spawn(minimal: Path, pause: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, PAUSE_ENV: pause}
    return subprocess.Popen([sys.executable, "-m", "ofsted_trace", *args, "--data", str(minimal)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_temp(folder: Path, proc: subprocess.Popen[bytes]) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = list(folder.glob(".letter.yaml.*.tmp"))
        if found:
            return found[0]
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    proc.kill()
    pytest.fail("the writer never wrote its temporary file")


def test_killed_mid_write_leaves_the_original_intact(minimal: Path) -> None:
    path = minimal / LETTER
    original = path.read_bytes()
    proc = _spawn(minimal, "60", "link", "letter-003", "R1")
    temp = _wait_for_temp(path.parent, proc)
    assert b"[R1]" in temp.read_bytes().split(b"letter-003")[1]  # the new text was written
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert path.read_bytes() == original
    assert temp.exists()  # the stray temporary file stays until the next write to this file
    assert sweep_stale(path) == [temp]
    assert not temp.exists()


def test_next_edit_removes_a_killed_writers_temp_file(run: Run, minimal: Path) -> None:
    proc = _spawn(minimal, "60", "link", "letter-003", "R1")
    temp = _wait_for_temp(minimal / "evidence", proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert run("link", "letter-003", "R2", "--data", str(minimal)).exit_code == 0
    assert not temp.exists()


def test_edit_racing_another_writer_exits_4(minimal: Path) -> None:
    path = minimal / LETTER
    proc = _spawn(minimal, "2", "link", "letter-003", "R1")
    _wait_for_temp(path.parent, proc)
    path.write_text(path.read_text() + "# written meanwhile\n")
    theirs = path.read_bytes()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 4
    assert b"changed on disk since it was read" in err
    assert path.read_bytes() == theirs
