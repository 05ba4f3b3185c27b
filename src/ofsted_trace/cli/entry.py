"""The typer app with every command, and main(): the console script when the fast path declines."""

from __future__ import annotations

import copy
import gc
import inspect
import itertools
import os
import sys

import typer
from typer.main import get_command_name
from typer.models import CommandInfo

# Importing the command modules registers their commands, in the order `trace --help` lists
# them (the modules are named so that sorted imports keep it): ingest (import-report and the
# other additions come first, as a new council starts there), read, reports, suggest, tracker,
# write.
from ofsted_trace.cli import ingest, read, reports, suggest, tracker, write  # noqa: F401
from ofsted_trace.cli.common import app
from ofsted_trace.cli.process import leave, streams

__all__ = ["app", "app_for", "main"]


def main() -> None:
    """Console-script entry point: one error boundary, so users never see a traceback."""
    # What importing typer and the commands made lives until the process ends: frozen, it is
    # out of the collector's sight, so the passes while typer imports pydantic to parse the
    # options, and any later ones, do not scan it again and again (~5% of a `trace gaps`).
    # __main__ turned the collector off for the imports themselves; the command runs with it.
    gc.freeze()
    gc.enable()
    os.environ.setdefault("TYPER_USE_RICH", "0")
    streams()
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
