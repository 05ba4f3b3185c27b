"""The `trace` command line: parse options, call the core, print, and pick the exit code."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

# Importing the command modules registers their commands, in the order `trace --help` lists
# them (the modules are named so that sorted imports keep it): read, reports, tracker, write.
from ofsted_trace.cli import read, reports, tracker, write  # noqa: F401
from ofsted_trace.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point: one error boundary, so users never see a traceback."""
    os.environ.setdefault("TYPER_USE_RICH", "0")
    code: object = 0
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("trace: interrupted\n")
        code = 130
    except SystemExit as exc:
        code = exc.code
    leave(code)


def leave(code: object) -> NoReturn:
    """Flush and end the process without tearing down what the command built (see KEPT)."""
    if isinstance(code, str):  # sys.exit("message"), as click does for some usage errors
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # The reader went away (`trace gaps | head`) or the stream was closed: nothing to do.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code if isinstance(code, int) else 0)
