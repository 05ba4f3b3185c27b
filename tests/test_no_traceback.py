"""Hostile inputs and output streams end in one clean line and a documented exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import Run
from tests.gitrepo import Repo
from tests.test_hardening import expect


def _trace(args: list[str], env: dict[str, str] | None = None,
           stdout: IO[bytes] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the console entry point in a fresh process (real streams, real encodings)."""
    return subprocess.run([sys.executable, "-m", "ofsted_trace", *args],
                          env={**os.environ, **(env or {})}, check=False,
                          stdout=subprocess.PIPE if stdout is None else stdout,
                          stderr=subprocess.PIPE)


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_an_output_encoding_other_than_utf8(barnet: Path, encoding: str) -> None:
    done = _trace(["show", "R07", "--data", str(barnet)],
                  env={"PYTHONIOENCODING": encoding, "OFSTED_TRACE_CACHE": "off"})
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr and done.stdout
    done.stdout.decode(encoding)  # nothing the encoding cannot hold was written


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_stdout_is_full(minimal: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = _trace(["gaps", "--data", str(minimal)], stdout=full)
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().count("\n") == 1 and b"cannot write" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="closing a descriptor in a POSIX shell")
def test_stdout_is_closed(minimal: Path) -> None:
    done = subprocess.run(["sh", "-c", f'"{sys.executable}" -m ofsted_trace gaps --data '
                           f'"{minimal}" >&-'], capture_output=False, stderr=subprocess.PIPE,
                          check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().count("\n") == 1 and b"closed" in done.stderr


def test_a_document_path_with_a_nul_byte(run: Run, minimal: Path) -> None:
    documents = minimal / "documents.yaml"
    documents.write_text(documents.read_text().replace("path: sources/council.txt",
                                                       'path: "sources/coun\\0cil.txt"'))
    expect(run, minimal, "document-path", "documents.yaml", 23)


def test_a_document_path_with_a_part_too_long_for_any_file_system(run: Run,
                                                                 minimal: Path) -> None:
    documents = minimal / "documents.yaml"
    documents.write_text(documents.read_text().replace("path: sources/council.txt",
                                                       f"path: sources/{'c' * 300}.txt"))
    expect(run, minimal, "document-path", "documents.yaml", 23)


@pytest.mark.parametrize("args", [("--stale-after", "999999999d"), ("--as-of", "0001-01-01"),
                                  ("--stale-after", "99999999y"), ("--as-of", "9999-12-31")])
def test_extreme_dates_and_durations(run: Run, minimal: Path, args: tuple[str, str]) -> None:
    result = run("gaps", "--data", str(minimal), *args)
    assert result.exit_code in (0, 2), result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert "stale" not in result.stdout or args[1] == "9999-12-31"


def test_a_blob_missing_from_the_repository(run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("first")
    oid = repo.git("rev-parse", "HEAD:data/themes.yaml").strip()
    (repo.path / ".git" / "objects" / oid[:2] / oid[2:]).unlink()
    result = run("diff", "--data", str(repo.data))
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "themes.yaml" in result.stderr and result.stderr.count("\n") == 1
