"""What the commands share that needs no typer: failing with a message, writing stdout, and the
dataset loaded and analysed. The typer commands and the fast path (fast.py) both use it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ofsted_trace.errors import Exit, TraceError

if TYPE_CHECKING:
    from ofsted_trace.cache.store import Cache, Contents
    from ofsted_trace.check.delta import Baseline
    from ofsted_trace.check.pipeline import Checked, Found, Rechecked
    from ofsted_trace.judge.delta import Rejudged
    from ofsted_trace.judge.gaps.base import Context
    from ofsted_trace.model.problems import Problem

DEBUG_ENV = "OFSTED_TRACE_DEBUG"
DATA_ENV = "OFSTED_TRACE_DATA"

# What the running command computed from, held until the process ends: main() leaves with
# os._exit, so a 100k-excerpt dataset's millions of objects are never freed one by one
# (~0.3 s). Each command starts it afresh, so in-process callers (tests) hold one at most.
KEPT: list[object] = []


class Failed(TraceError):
    """A failure the command line itself found: its message as written, and its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = Exit(code)


def fail(message: str, code: int = Exit.USAGE) -> NoReturn:
    """End the command: `trace: message` on stderr and exit with code (see reported)."""
    raise Failed(message, code)


def reported(exc: TraceError) -> str:
    """The line on stderr for a failure the user can act on."""
    if isinstance(exc, Failed):
        return f"trace: {exc}"
    from ofsted_trace.render.safe import plain

    return f"trace: {plain(str(exc))}"


def internal(exc: Exception) -> str:
    """The line on stderr for anything unexpected: a bug, without its traceback."""
    from ofsted_trace.render.safe import plain

    return (f"trace: internal error: {plain(type(exc).__name__)}: {plain(str(exc))} (a bug in "
            f"trace; rerun with --debug or {DEBUG_ENV}=1 for the traceback, and report it)")


def write(text: str) -> None:
    """Write text to stdout; fail on a full disk (a closed pipe is raised as it is)."""
    try:
        sys.stdout.write(text)
    except OSError as exc:  # a full disk, /dev/full (a closed pipe is BrokenPipeError)
        if isinstance(exc, BrokenPipeError):
            raise
        fail(f"cannot write output: {exc.strerror or exc}")


def dataset(value: Path, *, typed: bool, named: bool) -> Path:
    """The dataset directory --data means: as typed, it is taken as is; the default `data`, or
    DATA_ENV's value (named), is looked for from the current directory upwards, as git looks
    for .git."""
    if typed:
        return value
    from ofsted_trace.fs.paths import find_dataset

    return find_dataset(value, Path.cwd(), any_dataset=not named)


def checked(data: Path, store: Cache | None, read: Contents | None = None,
            files: dict[str, str] | None = None) -> Checked:
    """Load and check the dataset (NoDataset, exit 2, when there is none).

    store: the dataset's cache, or None; read: files the whole-output cache has already read
    and hashed for its key; files: their hashes by path, kept for the next run's delta.
    """
    from ofsted_trace.check import pipeline
    from ofsted_trace.render.terminal.progress import bar

    with bar(f"reading {data}") as progress:
        return pipeline.check(data, progress, store, read=read, files=files)


def found(data: Path, store: Cache | None, read: Contents, files: dict[str, str]) -> Found:
    """Only the problems of the dataset, as `trace check` shows them (NoDataset, exit 2).

    files: every file's hash as the whole-output cache found them (none without it), so an
    edit of a few evidence files is checked alone (check/delta.py).
    """
    from ofsted_trace.check import pipeline
    from ofsted_trace.render.terminal.progress import bar

    with bar(f"reading {data}") as progress:
        return pipeline.problems(data, progress, store, read, files)


def valid(data: Path, store: Cache | None, read: Contents | None = None,
          files: dict[str, str] | None = None) -> Checked:
    """Load the dataset, refusing to go on when it has errors."""
    result = checked(data, store, read, files)
    _refuse(data, result.errors)
    return result


def _refuse(data: Path, errors: tuple[Problem, ...]) -> None:
    """Stop here, listing the errors on stderr, when there are any (exit 3)."""
    if errors:
        from ofsted_trace.render import text

        sys.stderr.write(text.format(errors))
        fail(f"the dataset in {data} has {len(errors)} error(s); fix them first "
             "(`trace check` lists them)", Exit.INVALID)


def day_of(value: str | None, result: Checked | Rechecked) -> date:
    """The --as-of day, or the dataset's default."""
    from ofsted_trace.judge.assess import default_as_of

    if value is None:
        return default_as_of(result.dataset)
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of '{value}' is not a date; write YYYY-MM-DD")


def stale_months(stale_after: str) -> tuple[int, int]:
    """--stale-after as (months, days); exit 2 when it is not a duration."""
    from ofsted_trace.model.dates import parse_duration

    try:
        return parse_duration(stale_after)
    except ValueError as exc:
        fail(f"--stale-after: {exc}")


def context_for(result: Checked, as_of: date, stale_after: str = "12m") -> Context:
    """What the analyses read, at as_of; exit 2 on a bad --stale-after."""
    from ofsted_trace.judge import gaps

    return gaps.context(result.dataset, as_of, stale_months(stale_after))


def analysed(data: Path, store: Cache | None, as_of: str | None, stale_after: str = "12m",
             read: Contents | None = None, inspection: str | None = None) -> Context:
    """Load a valid dataset and build what the analyses read, at --as-of (exit 2 or 3 if not).

    inspection: keep only that cycle's items (--inspection); exit 2 if there is no such cycle.
    """
    return analysed_whole(data, store, as_of, stale_after, read, inspection)[0]


def analysed_whole(data: Path, store: Cache | None, as_of: str | None, stale_after: str = "12m",
                   read: Contents | None = None, inspection: str | None = None,
                   files: dict[str, str] | None = None,
                   texts: bool = True) -> tuple[Context, Baseline | None]:
    """As analysed(), with what a later run compares its files with (with files alone).

    texts: keep the documents' texts; status and gaps never read them once checked, and
    letting them go lowers the peak (~77 MB of 400 MB at 100,000 excerpts).
    """
    from ofsted_trace.judge import gaps

    result = valid(data, store, read, files)
    if not texts:
        result.dataset.raw_texts.clear()
    ctx = context_for(result, day_of(as_of, result), stale_after)
    KEPT.append(ctx)
    if inspection is None:
        return ctx, result.baseline
    if inspection not in ctx.dataset.inspections:
        known = ", ".join(ctx.dataset.inspections) or "none"
        fail(f"--inspection '{inspection}' is not an inspection of this dataset (known: {known})")
    return gaps.narrowed(ctx, inspection), result.baseline


def rejudged(data: Path, store: Cache, read: Contents, files: dict[str, str], command: str,
             as_of: str | None, stale_after: str, inspection: str | None) -> Rejudged | None:
    """The last judgement by command, with only what changed evidence files touch judged
    again (judge/delta.py); None to judge whole. Exit 3 when the dataset has errors."""
    from ofsted_trace.check import pipeline
    from ofsted_trace.judge import delta

    result = pipeline.recheck(data, store, read, files)
    if result is None:
        return None
    _refuse(data, result.errors)
    quick = delta.rejudge(result.dataset, result.reader, store, files, command,
                          day_of(as_of, result), stale_months(stale_after), inspection)
    KEPT.append(quick)
    return quick
