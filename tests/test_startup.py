"""What a run builds and imports before it answers: the command it names, and what that uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ofsted_trace.cli.entry import app, app_for
from tests.conftest import BARNET

# Arguments that name a command, list the commands, or are wrong in some way.
ARGS = [[], ["--help"], ["--version"], ["--debug"], ["--debug", "--help"], ["--help", "gaps"],
        ["gaps", "--help"], ["--debug", "status", "--help"], ["add-document", "--help"],
        ["gap"], ["--data", "x", "gaps"], ["--", "gaps"], ["check", "--format", "nope"],
        ["gaps", "--data", "{data}", "--limit", "2"], ["show", "R1", "--data", "{data}"]]


@pytest.mark.parametrize("args", ARGS, ids=" ".join)
def test_a_run_answers_as_the_whole_app_does(args: list[str], minimal: Path) -> None:
    args = [arg.format(data=minimal) for arg in args]
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "100"}
    whole = runner.invoke(app, args, env=env)
    narrowed = runner.invoke(app_for(args), args, env=env)
    assert whole.exit_code in (0, 1, 2)
    assert (narrowed.exit_code, narrowed.stdout, narrowed.stderr) == (
        whole.exit_code, whole.stdout, whole.stderr)


def test_a_run_builds_only_the_command_it_names() -> None:
    def built(args: list[str]) -> list[str]:
        return [getattr(info.callback, "__name__", "") for info in
                app_for(args).registered_commands]

    assert built(["gaps", "--data", "x"]) == ["gaps"]
    assert built(["--debug", "add-document", "--help"]) == ["add_document"]
    # The command list needs every command's name and help, not its options.
    listed = app_for(["--help"]).registered_commands
    assert len(listed) == len(app.registered_commands) > 30
    assert {getattr(info.callback, "__name__", "") for info in listed} == {"_listing_only"}
    # Anything else goes to the whole app, for typer's own messages and suggestions.
    assert app_for(["gap"]) is app
    assert app_for(["--data", "x", "gaps"]) is app


def imported(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The modules `trace ARGS` has imported by the time it exits."""
    # main() ends with os._exit, so the script calls it with that exit stubbed out.
    script = ("import os, sys\nfrom ofsted_trace.cli.entry import main\n"
              f"sys.argv = ['trace', *{args!r}]\nos._exit = sys.exit\ntry:\n    main()\n"
              "except SystemExit:\n    pass\n"
              "print('MODULES', *sorted(sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def _any(modules: set[str], *packages: str) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages
                  or any(m == p or m.startswith(f"{p}.") for p in packages))


def test_help_imports_typer_and_the_command_line_only() -> None:
    modules = imported(["--help"])
    assert "typer" in modules
    assert _any(modules, "pydantic", "rich", "yaml", "networkx", "ruamel") == []
    stages = {m.split(".")[1] for m in modules if m.startswith("ofsted_trace.")}
    assert stages == {"cli", "errors"}


def test_gaps_on_clean_data_imports_only_what_it_uses() -> None:
    modules = imported(["gaps", "--data", str(BARNET)], {"OFSTED_TRACE_CACHE": "off"})
    assert "ofsted_trace.judge.gaps" in modules
    # No id is unknown and no quote is wrong, so nothing is scored for likeness (rapidfuzz);
    # the analyses follow the records' own references, never the graph (networkx).
    assert _any(modules, "rapidfuzz", "networkx", "ruamel", "openpyxl", "docx", "pypdf",
                "bm25s", "ofsted_trace.edit", "ofsted_trace.judge.graph") == []
