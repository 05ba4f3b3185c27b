"""Only regular files are read, each after a size test: a pipe or a device never hangs a run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from ofsted_trace.fs import regular
from tests.conftest import Run
from tests.test_hardening import expect

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert regular.read(path, 3) == b"abc"
    with pytest.raises(regular.TooLarge):
        regular.read(path, 2)


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero")
def test_a_character_device_is_never_read() -> None:
    with pytest.raises(regular.NotRegular):
        regular.read("/dev/zero", 10)


@needs_fifo
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(regular.NotRegular):
        regular.read(tmp_path / "pipe", 10)


@needs_fifo
def test_fifo_as_an_evidence_file(run: Run, minimal: Path) -> None:
    os.mkfifo(minimal / "evidence" / "pipe.yaml")
    expect(run, minimal, "unreadable", "evidence/pipe.yaml", 0)


@needs_fifo
def test_fifo_as_config(run: Run, minimal: Path) -> None:
    os.mkfifo(minimal / "config.yaml")
    expect(run, minimal, "unreadable", "config.yaml", 0)


@needs_fifo
@pytest.mark.parametrize("command", ["status", "gaps"])
def test_fifo_as_a_document_text(run: Run, minimal: Path, command: str) -> None:
    text = minimal / "sources" / "letter.txt"
    text.unlink()
    os.mkfifo(text)
    problems = expect(run, minimal, "unreadable", "documents.yaml", 7)
    assert any("not a regular file" in str(p["message"]) for p in problems)
    result = run(command, "--data", str(minimal))
    assert result.exit_code == 3, result.output


@needs_fifo
def test_fifo_in_a_listing_place(run: Run, minimal: Path) -> None:
    (minimal / "themes.yaml").unlink()
    os.mkfifo(minimal / "themes.yaml")
    expect(run, minimal, "unreadable", "themes.yaml", 0)


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero")
def test_add_document_refuses_a_device(run: Run, minimal: Path) -> None:
    result = run("add-document", "/dev/zero", "--id", "z", "--title", "t", "--publisher", "p",
                 "--date", "2019", "--secondary", "--data", str(minimal))
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.output
    assert "Traceback" not in result.output


def test_no_reader_reads_past_the_size_the_output_cache_hashes() -> None:
    # The whole-output cache keys a file over MAX_READ on its size alone; that is only right
    # while every reader refuses such a file by its size.
    from ofsted_trace.load import texts, yamlio

    assert yamlio.MAX_BYTES <= regular.MAX_READ
    assert texts.MAX_TEXT_BYTES <= regular.MAX_READ
