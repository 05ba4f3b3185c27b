"""The `trace` command line: parse options, call the core, print, and pick the exit code."""

from __future__ import annotations

import contextlib
import copy
import gc
import inspect
import io
import itertools
import os
import sys
from typing import NoReturn

import typer
from typer.main import get_command_name
from typer.models import CommandInfo

# Importing the command modules registers their commands, in the order `trace --help` lists
# them (the modules are named so that sorted imports keep it): ingest (import-report and the
# other additions come first, as a new council starts there), read, reports, suggest, tracker,
# write.
from ofsted_trace.cli import ingest, read, reports, suggest, tracker, write  # noqa: F401
from ofsted_trace.cli.common import app
from ofsted_trace.errors import Exit

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point: one error boundary, so users never see a traceback."""
    # What importing typer and the commands made lives until the process ends: frozen, it is
    # out of the collector's sight, so the passes while typer imports pydantic to parse the
    # options, and any later ones, do not scan it again and again (~5% of a `trace gaps`).
    gc.freeze()
    os.environ.setdefault("TYPER_USE_RICH", "0")
    _streams()
    code: object = 0
    try:
        app_for(sys.argv[1:])()
    except KeyboardInterrupt:
        sys.stderr.write("trace: interrupted\n")
        code = 130
    except SystemExit as exc:
        code = exc.code
    leave(code)


def app_for(args: list[str]) -> typer.Typer:
    """The app holding only the commands these arguments need built.

    typer builds every command it holds before it parses a word (~190 options inspected); a
    run needs one command, and `trace --help` only each command's name and help.
    """
    if any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ):
        return app  # shell completion may ask for any option of any command
    infos = {info.name or get_command_name(info.callback.__name__): info
             for info in app.registered_commands if info.callback is not None}
    # --debug is the group's one option that neither exits nor takes a value.
    first = next(itertools.dropwhile(lambda arg: arg == "--debug", args), None)
    if first in infos:
        return _holding([infos[first]])
    if first in (None, "--help", "--version"):
        return _holding([_listed(name, info) for name, info in infos.items()])
    return app  # a typo or a misplaced option: typer's own message, with its suggestions


def _holding(commands: list[CommandInfo]) -> typer.Typer:
    """The app with these commands in place of all of them: the same group, options and help."""
    narrowed = copy.copy(app)
    narrowed.registered_commands = commands
    return narrowed


def _listed(name: str, info: CommandInfo) -> CommandInfo:
    """A stand-in with the command's name and help and no options: all a command list shows."""
    return CommandInfo(name, cls=info.cls, callback=_listing_only, short_help=info.short_help,
                       help=inspect.getdoc(info.callback) if info.help is None else info.help,
                       hidden=info.hidden, deprecated=info.deprecated)


def _listing_only() -> None:
    """Never run: the stand-ins exist for `trace --help` and `trace` alone, which exit first."""


def leave(code: object) -> NoReturn:
    """Flush and end the process without tearing down what the command built (see KEPT)."""
    if isinstance(code, str):  # sys.exit("message"), as click does for some usage errors
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # The reader went away (`trace gaps | head`) or the stream was closed: nothing to do.
        with contextlib.suppress(BrokenPipeError, ValueError):
            try:
                stream.flush()
            except OSError as exc:  # a full disk, /dev/full: the output is lost, say so
                code = _unwritable(exc)
    os._exit(code if isinstance(code, int) else 0)


def _streams() -> None:
    """Make the standard streams safe to write: present, and able to show any character."""
    if sys.stdout is None or sys.stderr is None:  # started with `>&-`
        if sys.stderr is not None:
            sys.stderr.write("trace: cannot write output: standard output is closed\n")
            sys.stderr.flush()
        os._exit(Exit.USAGE)
    for stream in (sys.stdout, sys.stderr):
        # An ASCII or cp1252 stream (PYTHONIOENCODING, a Windows redirect) shows a character it
        # cannot hold as an escape such as \u201c, rather than failing the whole command.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _unwritable(exc: OSError) -> int:
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"trace: cannot write output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    return Exit.USAGE
