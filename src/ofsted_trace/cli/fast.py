"""check, status and gaps without typer, for arguments read here exactly as typer reads them.

Importing typer, which coerces options through pydantic, and building the command cost more
than a cached answer takes to give, and a cold run on small data pays them too; so
`__main__.main` offers its arguments here first. Taken here: the command, then only its own
long options (`--name value` or `--name=value`), each value non-empty and not starting with
"-", --format one of its values, --limit plain digits. Anything else (--help, --debug, `--`,
an argument, a short, unknown or misspelt option, any other value, shell completion,
OFSTED_TRACE_DEBUG, Windows, a cache to warn about) is left to typer untouched. A run taken
here answers through answers.py as the typer command does, so its output, exit code and cache
key are the same, and it fails as common.py's Boundary fails (tests/test_fast.py).
"""

from __future__ import annotations

import codecs
import errno
import functools
import gc
import io
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ofsted_trace.cli import answers
from ofsted_trace.cli.process import leave, streams
from ofsted_trace.cli.shared import DATA_ENV, DEBUG_ENV, dataset, internal, reported, write
from ofsted_trace.errors import Exit, TraceError

if TYPE_CHECKING:
    from ofsted_trace.cache.store import Cache

# Each command's options, and whether each takes a value, as read.py declares them.
OPTIONS: dict[str, dict[str, bool]] = {
    "check": {"--data": True, "--format": True, "--strict": False},
    "status": {"--data": True, "--as-of": True, "--inspection": True, "--format": True},
    "gaps": {"--data": True, "--kind": True, "--as-of": True, "--inspection": True,
             "--stale-after": True, "--format": True, "--fail-on": True, "--limit": True},
}
# A --limit that typer's pydantic reads as this very number: no sign, space, "_" or leading 0.
_DIGITS = re.compile(r"0|[1-9][0-9]{0,8}")
# What click's echo removes from a line written off a terminal (its _ansi_re).
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")

Given = dict[str, list[str]]
Call = Callable[[Path, "Cache | None"], answers.Answer]


def run(args: list[str]) -> None:
    """Answer and end the process; or return, having written nothing, for typer to run args."""
    parsed = parse(args) if _eligible() else None
    call = _call(*parsed) if parsed is not None else None
    if parsed is None or call is None:
        return
    try:
        data = _data(parsed[1].get("--data"))
        from ofsted_trace.cache.store import Cache

        store = Cache.beside(data) if data.is_dir() else None
    except Exception:  # the typer path meets it again, inside its error boundary
        return
    if store is not None and store.refused:
        return  # the typer path warns about it, once
    # Off for the imports too, not only the run (as answers._answer turns it off): the process
    # ends with os._exit, and each pass would scan every module and model built so far again.
    gc.disable()
    streams()
    leave(_answered(call, data, store))


def parse(args: list[str]) -> tuple[str, Given] | None:
    """The command and each of its options' values as typed; None when typer must parse."""
    if not args or args[0] not in OPTIONS:
        return None
    takes = OPTIONS[args[0]]
    given: Given = {}
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name not in takes:
            return None
        if not takes[name]:
            if equals:
                return None  # typer refuses a value for a flag, in its own words
        else:
            value = value if equals else next(rest, "")
            if not value or value.startswith("-"):
                return None
        given.setdefault(name, []).append(value)
    return args[0], given


def _call(command: str, given: Given) -> Call | None:
    """The command's answer, given the values typer would pass it; None for a value it judges."""

    def last(name: str) -> str | None:
        return given[name][-1] if name in given else None  # typer keeps the last

    if command == "check":
        check_fmt = last("--format") or "text"
        if check_fmt not in {f.value for f in answers.CheckFormat}:
            return None
        return functools.partial(answers.check, fmt=answers.CheckFormat(check_fmt),
                                 strict="--strict" in given)
    fmt = last("--format") or "table"
    if fmt not in {f.value for f in answers.TableFormat}:
        return None
    if command == "status":
        return functools.partial(answers.status, as_of=last("--as-of"),
                                 inspection=last("--inspection"),
                                 fmt=answers.TableFormat(fmt))
    limit = last("--limit") or "20"
    if not _DIGITS.fullmatch(limit):
        return None
    return functools.partial(answers.gaps, kind=given.get("--kind"), as_of=last("--as-of"),
                             inspection=last("--inspection"),
                             stale_after=last("--stale-after") or "12m",
                             fmt=answers.TableFormat(fmt), fail_on=last("--fail-on"),
                             limit=int(limit))


def _data(typed: list[str] | None) -> Path:
    """--data as typed, else DATA_ENV's value, else the default `data`, as typer passes it."""
    if typed:
        return dataset(Path(typed[-1]), typed=True, named=False)
    named = os.environ.get(DATA_ENV)  # an empty value counts as unset, for click too
    return dataset(Path(named or "data"), typed=False, named=bool(named))


def _eligible() -> bool:
    """Whether typer would read these arguments and write its errors as this module does."""
    if os.name != "posix" or os.environ.get(DEBUG_ENV):
        return False  # on Windows click expands wildcards and writes to its own console
    if any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ):
        return False  # shell completion
    # click writes errors to stderr itself only when it is a text stream it need not re-encode.
    stream = sys.stderr
    if not isinstance(stream, io.TextIOWrapper):
        return False
    try:
        return codecs.lookup(stream.encoding).name != "ascii"
    except LookupError:
        return True


def _answered(call: Call, data: Path, store: Cache | None) -> object:
    """Print the answer and give its exit code; a failure ends as the typer path ends it."""
    try:
        text, code = call(data, store)
        write(text)
    except TraceError as exc:
        _echo(reported(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130  # typer ends an interrupted command so, without a word
    except SystemExit as exc:
        return exc.code
    except BrokenPipeError as exc:
        if exc.errno != errno.EPIPE:
            raise  # typer lets it through too
        return 1  # the reader went away (`trace gaps | head`), as typer ends it
    except Exception as exc:
        _echo(internal(exc))
        return Exit.INTERNAL
    return code


def _echo(line: str) -> None:
    """Write a line on stderr as click's echo does: off a terminal, without ANSI codes."""
    text = f"{line}\n"
    try:
        tty = sys.stderr.isatty()
    except Exception:
        tty = False
    sys.stderr.write(text if tty else _ANSI.sub("", text))
    sys.stderr.flush()
