"""Writes land where they should: devices stay devices, links stay links, edits never cross."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from ofsted_trace.edit import commands
from ofsted_trace.edit import plan as plans
from ofsted_trace.errors import Conflict
from ofsted_trace.fs import lock
from tests.conftest import Run


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_output_to_a_pipe_writes_into_it_and_leaves_it_a_pipe(run: Run, minimal: Path,
                                                              tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # A reader that is already there: the export's writer opens at once, and the output
    # (well under a pipe's buffer) waits in the pipe until it is read below.
    fd = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run("export", "--data", str(minimal), "-o", str(pipe))
        got = os.read(fd, 1 << 16)
    except BlockingIOError:
        got = b""
    finally:
        os.close(fd)
    assert result.exit_code == 0, result.output
    assert pipe.is_fifo(), "the pipe was replaced by a regular file"
    assert b'"recommendations"' in got


def test_output_to_a_regular_file_is_still_atomic(run: Run, minimal: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    assert run("export", "--data", str(minimal), "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("{")
    assert [p.name for p in tmp_path.glob(".out.json.*")] == []


def test_the_guard_and_the_rename_run_inside_the_dataset_lock(
        minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = commands.link(minimal, "letter-001", ["R2"])
    held: list[bool] = []
    real = os.replace

    def replacing(src: str, dst: str) -> None:
        other = FileLock(str(lock.path_for(minimal)), thread_local=False, is_singleton=False)
        try:
            other.acquire(timeout=0)
        except Timeout:
            held.append(True)
        else:
            other.release()
            held.append(False)
        real(src, dst)

    monkeypatch.setattr(os, "replace", replacing)
    plans.commit(plan)
    assert held == [True], "another edit could have landed between the guard and the rename"


def test_a_second_edit_from_the_same_read_is_refused(minimal: Path) -> None:
    first = commands.link(minimal, "letter-001", ["R2"])
    second = commands.unlink(minimal, "letter-001", ["R1"])
    plans.commit(first)
    with pytest.raises(Conflict):
        plans.commit(second)
    assert "R2" in (minimal / "evidence" / "letter.yaml").read_text()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_an_edit_through_a_linked_evidence_file_writes_the_real_file(run: Run,
                                                                     minimal: Path) -> None:
    shared = minimal / "shared"
    shared.mkdir()
    real = shared / "council.yaml"
    shutil.move(minimal / "evidence" / "council.yaml", real)
    (minimal / "evidence" / "council.yaml").symlink_to(Path("..") / "shared" / "council.yaml")
    result = run("set", "council-001", "--stance", "mixed", "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert (minimal / "evidence" / "council.yaml").is_symlink()
    assert "stance: mixed" in real.read_text()


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_a_scratch_copy_left_by_a_killed_edit_is_removed(run: Run, minimal: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    stale = scratch / f"{plans.SCRATCH_PREFIX}{_dead_pid()}-abc"
    shutil.copytree(minimal, stale / "data")
    mine = scratch / f"{plans.SCRATCH_PREFIX}{os.getpid()}-live"
    mine.mkdir()
    result = run("link", "letter-001", "R2", "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert not stale.exists(), "the copy a killed edit left behind is still there"
    assert mine.exists(), "a running edit's copy is left alone"
    assert {p.name for p in scratch.iterdir() if p.suffix != ".lock"} == {mine.name}


def test_add_document_cut_short_can_be_run_again(run: Run, minimal: Path, tmp_path: Path) -> None:
    text = tmp_path / "mv2.txt"
    text.write_text("Leaders have made progress.\n", encoding="utf-8")
    args = ("add-document", str(text), "--id", "mv2", "--title", "Second", "--publisher",
            "Ofsted", "--date", "2018-03-05", "--primary", "--data", str(minimal))
    assert run(*args).exit_code == 0
    registered = (minimal / "documents.yaml").read_text()
    (minimal / "evidence" / "mv2.yaml").unlink()  # killed before its last write
    again = run(*args)
    assert again.exit_code == 0, again.output
    assert (minimal / "documents.yaml").read_text() == registered
    assert (minimal / "evidence" / "mv2.yaml").read_text() == "document: mv2\nexcerpts: []\n"
    other = run(*args[:5], "Another title", *args[6:])
    assert other.exit_code == 1 and "already" in other.output
