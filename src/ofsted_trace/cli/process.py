"""The process around a command: standard streams safe to write, and leaving without teardown.

No typer here: the typer app (entry.py) and the fast path (fast.py) both start and end so.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import NoReturn

from ofsted_trace.errors import Exit


def streams() -> None:
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


def _unwritable(exc: OSError) -> int:
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"trace: cannot write output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    return Exit.USAGE
