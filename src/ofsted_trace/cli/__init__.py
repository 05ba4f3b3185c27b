"""The `trace` command line: parse options, call the core, print, and pick the exit code."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import NoReturn

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
    os.environ.setdefault("TYPER_USE_RICH", "0")
    _streams()
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
