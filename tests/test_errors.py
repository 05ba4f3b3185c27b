"""One error boundary: a TraceError ends with its own code, a bug with exit 5 and one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ofsted_trace.check import pipeline
from ofsted_trace.errors import Conflict, Exit, NoDataset, Refused, TraceError, UsageError
from ofsted_trace.load.yamlio import YamlFault
from tests.conftest import Run


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom\x1b[2J")


def test_every_failure_carries_its_exit_code() -> None:
    assert UsageError("x").exit_code is Exit.USAGE
    assert NoDataset("x").exit_code is Exit.USAGE
    assert Refused("x").exit_code is Exit.FINDINGS
    assert Refused("x", usage=True).exit_code is Exit.USAGE
    assert Conflict("x").exit_code is Exit.CONFLICT
    assert YamlFault("too-deep", "brackets nest too deep").exit_code is Exit.INVALID
    assert all(issubclass(c, TraceError) for c in (UsageError, Refused, Conflict, YamlFault))


def test_an_unexpected_exception_is_one_line_and_exit_five(run: Run, minimal: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "check", _boom)
    result = run("check", "--data", str(minimal), env={"OFSTED_TRACE_CACHE": "off"})
    assert result.exit_code == 5 and Exit.INTERNAL.value == 5
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("trace: internal error: RuntimeError: boom")
    assert "--debug" in line and "OFSTED_TRACE_DEBUG=1" in line
    assert "\x1b" not in line, "the message is made safe for the terminal"
    assert "Traceback" not in result.output


@pytest.mark.parametrize("how", ["--debug", "env"])
def test_debug_shows_the_traceback(run: Run, minimal: Path, monkeypatch: pytest.MonkeyPatch,
                                   how: str) -> None:
    monkeypatch.setattr(pipeline, "check", _boom)
    args = ["--debug"] if how == "--debug" else []
    env = {"OFSTED_TRACE_CACHE": "off", **({"OFSTED_TRACE_DEBUG": "1"} if how == "env" else {})}
    result = run(*args, "check", "--data", str(minimal), env=env)
    assert isinstance(result.exception, RuntimeError), "the exception is raised, not hidden"


def test_a_trace_error_reaches_the_user_as_its_exit_code(run: Run, tmp_path: Path) -> None:
    result = run("gaps", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == Exit.USAGE
    assert result.stderr == (f"trace: {tmp_path / 'nowhere'}: dataset directory not found; "
                             "pass --data DIR or set OFSTED_TRACE_DATA\n")


def test_the_console_script_prints_no_traceback_for_a_bug(minimal: Path, tmp_path: Path) -> None:
    # A real process: main()'s os._exit path, not the test runner's.
    script = ("import sys\nfrom ofsted_trace.check import pipeline\n"
              "def boom(*a, **k):\n    raise KeyError('x')\npipeline.check = boom\n"
              "from ofsted_trace.cli.entry import main\n"
              f"sys.argv = ['trace', 'status', '--data', {str(minimal)!r}]\nmain()\n")
    env = {**os.environ, "OFSTED_TRACE_CACHE": "off"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 5
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("trace: internal error: KeyError: 'x'")
