"""The fast path (cli/fast.py) answers check, status and gaps exactly as typer's path does."""

from __future__ import annotations

import functools
import inspect
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ofsted_trace.cli import answers, fast
from ofsted_trace.cli.entry import app_for
from ofsted_trace.cli.shared import Failed, fail
from ofsted_trace.errors import NoDataset

Seen = tuple[str, dict[str, Any]]
COMMANDS = ("check", "status", "gaps")
REAL = {name: getattr(answers, name) for name in COMMANDS}


def _typer_call(patch: pytest.MonkeyPatch, args: list[str]) -> Seen | None:
    """What typer's path hands answers.py for these arguments (None: it did not get there)."""
    seen: list[Seen] = []
    for name, real in REAL.items():

        def fake(*args: Any, _name: str = name, _real: Any = real, **kwargs: Any) -> Any:
            bound = inspect.signature(_real).bind(*args, **kwargs).arguments
            seen.append((_name, {k: v for k, v in bound.items() if k != "store"}))
            return "", 0

        patch.setattr(answers, name, fake)
    result = CliRunner().invoke(app_for(args), args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return seen[0] if seen else None


@pytest.fixture
def typer_call(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], Seen | None]:
    """_typer_call in this test's monkeypatch."""
    return functools.partial(_typer_call, monkeypatch)


def fast_call(args: list[str]) -> Seen | None:
    """What the fast path would hand answers.py for these arguments (None: typer's to read)."""
    parsed = fast.parse(args)
    call = fast._call(*parsed) if parsed is not None else None
    if parsed is None or call is None:
        return None
    assert isinstance(call, functools.partial)
    return call.func.__name__, {"data": fast._data(parsed[1].get("--data")), **call.keywords}


TAKEN = [
    ["check"], ["check", "--strict"], ["check", "--format", "json"],
    ["check", "--format=github", "--strict"], ["check", "--strict", "--format", "text", "--strict"],
    ["status"], ["status", "--as-of", "2020-01-01"],
    ["status", "--format=csv", "--inspection", "inspection-2017"], ["status", "--as-of=nope"],
    ["status", "--format", "markdown", "--format", "json"],
    ["gaps"], ["gaps", "--kind", "stale"],
    ["gaps", "--kind", "stale,overdue", "--kind", "no-theme"], ["gaps", "--kind=bogus"],
    ["gaps", "--limit", "0"], ["gaps", "--limit=3", "--format", "markdown"],
    ["gaps", "--fail-on", "any"], ["gaps", "--fail-on=stale", "--stale-after", "18m"],
    ["gaps", "--format", "json", "--format", "csv"], ["gaps", "--stale-after", "nope"],
    ["gaps", "--as-of", "2021-08-02", "--inspection=inspection-2017", "--limit", "120"],
    ["gaps", "--data", "somewhere"], ["gaps", "--data=some where/"], ["gaps", "--data=x=y"],
    ["check", "--data", "one", "--data", "two"], ["status", "--data", "/abs/ü", "--as-of", "x"],
]
DECLINED = [
    [], ["--help"], ["--version"], ["gaps", "--help"], ["--debug", "gaps"], ["gaps", "--"],
    ["gaps", "extra"], ["gaps", "-h"], ["gaps", "--limit", "-1"], ["gaps", "--limit", "007"],
    ["gaps", "--limit", "+3"], ["gaps", "--limit", "1_0"], ["gaps", "--limit", " 4"],
    ["gaps", "--limit", "9999999999"], ["gaps", "--format", "JSON"], ["gaps", "--format"],
    ["gaps", "--data"], ["gaps", "--data="], ["gaps", "--as-of", ""], ["gaps", "--as-of", "-1"],
    ["gaps", "--as-of", "--format"], ["check", "--strict=true"], ["check", "--no-strict"],
    ["gaps", "--strict"], ["status", "--kind", "stale"], ["gap"], ["show", "R1"],
    ["gaps", "--kin", "stale"], ["gaps", "--Data", "x"], ["check", "--format", "table"],
    ["status", "--format", "text"], ["gaps", "-"], ["GAPS"],
]


@pytest.mark.parametrize("args", TAKEN, ids=" ".join)
def test_what_it_takes_it_reads_as_typer_does(args: list[str],
                                              typer_call: Callable[[list[str]], Seen | None]
                                              ) -> None:
    mine = fast_call(args)
    assert mine is not None, "the fast path takes this form"
    assert mine == typer_call(args)


@pytest.mark.parametrize("args", DECLINED, ids=" ".join)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert fast_call(args) is None


TOKENS = st.sampled_from([
    "check", "status", "gaps", "show", "--data", "--format", "--strict", "--kind", "--as-of",
    "--inspection", "--stale-after", "--fail-on", "--limit", "--help", "--debug", "--", "-h",
    "--no-strict", "--bogus", "json", "csv", "text", "github", "table", "markdown", "JSON",
    "0", "3", "20", "007", "-1", "", "2020-01-01", "x", "a,b", "any", "stale", "x=y", "ü", " 5",
    "--format=json", "--format=", "--limit=2", "--strict=1", "--data=d", "--kind=stale,no-theme",
])


@settings(max_examples=300, deadline=None)
@given(args=st.lists(TOKENS, max_size=7))
def test_any_arguments_it_takes_are_read_as_typer_reads_them(args: list[str]) -> None:
    mine = fast_call(args)
    if mine is None:
        return
    with pytest.MonkeyPatch.context() as patch:
        assert mine == _typer_call(patch, args)


@pytest.mark.parametrize("place", [".", "data", "data/evidence", "elsewhere"])
@pytest.mark.parametrize("env", [None, "", "data", "nowhere", "ABS"])
@pytest.mark.parametrize("typed", [None, "data", "../data"])
def test_the_dataset_is_found_as_typer_finds_it(tmp_path: Path, minimal: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                typer_call: Callable[[list[str]], Seen | None],
                                                place: str, env: str | None,
                                                typed: str | None) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / place)
    if env is None:
        monkeypatch.delenv("OFSTED_TRACE_DATA", raising=False)
    else:
        monkeypatch.setenv("OFSTED_TRACE_DATA", str(minimal) if env == "ABS" else env)
    args = ["gaps", *(["--data", typed] if typed else [])]
    assert fast_call(args) == typer_call(args)


def test_it_declines_shell_completion_debugging_and_an_ascii_stderr(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    assert fast._eligible()
    for key in ("_TRACE_COMPLETE", "OFSTED_TRACE_DEBUG"):
        with monkeypatch.context() as patch:
            patch.setenv(key, "1")
            assert not fast._eligible()
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    assert not fast._eligible()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not fast._eligible()


def _raises(exc: BaseException) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return call


FAILURES: list[BaseException] = [
    Failed("bad \x1b[31mred\x1b[0m value", 2),
    NoDataset("no\x1b]0;title\x07 dataset"), RuntimeError("boom \x1b[2J"), KeyError("x"),
    KeyboardInterrupt(), BrokenPipeError(32, "Broken pipe"), SystemExit(3),
]


@pytest.mark.parametrize("exc", FAILURES, ids=lambda e: type(e).__name__)
def test_a_failure_ends_as_the_boundary_ends_it(exc: BaseException, minimal: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(answers, "gaps", _raises(exc))
    theirs = CliRunner().invoke(app_for(["gaps"]), ["gaps", "--data", str(minimal)])
    code = fast._answered(_raises(exc), minimal, None)
    assert (code, capsys.readouterr().err) == (theirs.exit_code, theirs.stderr)


def test_fail_is_shown_as_written() -> None:
    with pytest.raises(Failed) as failed:
        fail("--as-of 'x' is not a date")
    assert str(failed.value) == "--as-of 'x' is not a date"


# --- through the real entry point, in fresh processes ---

# Runs `trace ARGS` by the entry given, and notes which modules were imported when it left.
_SCRIPT = """
import os, sys
marker, entry = sys.argv[1], sys.argv[2]
del sys.argv[1:3]
exit_ = os._exit
def leave(code):
    with open(marker, "w") as handle:
        handle.write(" ".join(sorted(sys.modules)))
    exit_(code)
os._exit = leave
if entry == "fast":
    from ofsted_trace.__main__ import main
else:
    from ofsted_trace.cli.entry import main
main()
"""


def trace(entry: str, args: list[str], tmp: Path, env: dict[str, str],
          **kw: Any) -> tuple[bytes, bytes, int, set[str]]:
    """stdout, stderr, exit code and the modules imported, of one run by that entry."""
    marker = tmp / "modules"
    marker.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(marker), entry, *args],
                          capture_output=True, check=False, env={**os.environ, **env}, **kw)
    modules = set(marker.read_text().split()) if marker.exists() else set()
    return done.stdout, done.stderr, done.returncode, modules


E2E = [
    ["gaps"], ["gaps", "--format=json", "--fail-on", "any"], ["gaps", "--kind", "stale",
                                                              "--limit", "1"],
    ["status", "--format", "csv"], ["status"], ["check", "--strict"], ["gaps", "--as-of", "nope"],
]


@pytest.mark.parametrize("args", E2E, ids=" ".join)
def test_the_entry_point_answers_as_typer_does_and_hits_its_cache(
        args: list[str], barnet: Path, tmp_path: Path) -> None:
    argv = [*args, "--data", str(barnet)]
    caches = {"typer": {"OFSTED_TRACE_CACHE": str(tmp_path / "a")},
              "fast": {"OFSTED_TRACE_CACHE": str(tmp_path / "b")},
              "off": {"OFSTED_TRACE_CACHE": "off"}}
    first = trace("typer", argv, tmp_path, caches["typer"])
    runs = {
        "typer's entry, cold, cache off": trace("typer", argv, tmp_path, caches["off"]),
        "fast, cold, cache off": trace("fast", argv, tmp_path, caches["off"]),
        "fast, a miss": trace("fast", argv, tmp_path, caches["fast"]),
        "fast, its own hit": trace("fast", argv, tmp_path, caches["fast"]),
        "fast, typer's entry": trace("fast", argv, tmp_path, caches["typer"]),
        "typer, fast's entry": trace("typer", argv, tmp_path, caches["fast"]),
    }
    for name, run in runs.items():
        assert run[:3] == first[:3], name
    for name, run in runs.items():
        assert ("typer" in run[3]) == name.startswith("typer"), name
    if first[2] in (0, 1):  # an answer, stored: read back without loading anything
        for name in ("fast, its own hit", "fast, typer's entry"):
            assert "ofsted_trace.model.records" not in runs[name][3], name


def _packages(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


def test_a_hit_imports_no_typer_pydantic_yaml_or_rich(minimal: Path, tmp_path: Path) -> None:
    env = {"OFSTED_TRACE_CACHE": str(tmp_path / "cache")}
    miss = trace("fast", ["gaps", "--data", str(minimal)], tmp_path, env)
    hit = trace("fast", ["gaps", "--data", str(minimal)], tmp_path, env)
    assert hit[:3] == miss[:3] and b"gaps at" in hit[0]
    assert not _packages(hit[3]) & {"typer", "click", "pydantic", "yaml", "rich", "networkx"}
    assert "ofsted_trace.model.records" not in hit[3]


def test_a_cold_gaps_off_a_terminal_imports_neither_typer_nor_rich(barnet: Path,
                                                                   tmp_path: Path) -> None:
    done = trace("fast", ["gaps", "--data", str(barnet)], tmp_path, {"OFSTED_TRACE_CACHE": "off"})
    assert done[2] == 0 and b"gaps at" in done[0]
    assert not _packages(done[3]) & {"typer", "click", "rich", "networkx", "ruamel"}


@pytest.mark.parametrize("how", ["missing", "invalid", "debug", "completion", "help"])
def test_failures_and_declined_runs_through_the_entry_point(how: str, minimal: Path,
                                                            tmp_path: Path) -> None:
    env = {"OFSTED_TRACE_CACHE": "off"}
    args = ["gaps", "--data", str(minimal)]
    if how == "missing":
        args = ["gaps", "--data", str(tmp_path / "nowhere")]
    elif how == "invalid":
        letter = minimal / "evidence" / "letter.yaml"
        letter.write_text(letter.read_text(encoding="utf-8").replace("risk well", "risk badly"),
                          encoding="utf-8")
    elif how == "debug":
        env["OFSTED_TRACE_DEBUG"] = "1"
    elif how == "completion":
        env["_TRACE_COMPLETE"] = "bash_source"
    else:
        args.append("--help")
    theirs = trace("typer", args, tmp_path, env)
    mine = trace("fast", args, tmp_path, env)
    assert mine[:3] == theirs[:3]
    assert ("typer" in mine[3]) == (how not in ("missing", "invalid"))


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_on_a_terminal_the_colours_are_typer_s(minimal: Path, tmp_path: Path) -> None:
    import pty

    def on_terminal(entry: str) -> bytes:
        leader, follower = pty.openpty()
        child = subprocess.Popen([sys.executable, "-c", _SCRIPT, str(tmp_path / "m"), entry,
                                  "gaps", "--data", str(minimal)], stdout=follower,
                                 stderr=subprocess.DEVNULL,
                                 env={**os.environ, "OFSTED_TRACE_CACHE": "off", "COLUMNS": "90",
                                      "TERM": "xterm"})
        os.close(follower)
        with os.fdopen(leader, "rb", buffering=0) as reader:
            shown = b"".join(_read(reader))  # read as it comes: a terminal holds little
        return f"{child.wait()}:".encode() + shown

    fast_shown = on_terminal("fast")
    assert fast_shown == on_terminal("typer")
    assert fast_shown.startswith(b"0:") and b"\x1b[" in fast_shown


def _read(reader: io.RawIOBase) -> Iterator[bytes]:
    while True:
        try:
            chunk = reader.read(65536)
        except OSError:  # the terminal's other end closed: all is read
            return
        if not chunk:
            return
        yield chunk
