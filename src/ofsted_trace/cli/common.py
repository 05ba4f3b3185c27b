"""What every command shares: the typer app, common options, output and the error boundary."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ofsted_trace import __version__

if TYPE_CHECKING:

    from ofsted_trace.analyses.base import Context
    from ofsted_trace.engine import Checked

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INVALID = 0, 1, 2, 3
EPILOG = ("Exit codes: 0 success; 1 problems or --fail-on gaps found; 2 usage error (a bad "
          "option, unknown id or revision); 3 the dataset has errors (run `trace check`).")

app = typer.Typer(help="Trace Ofsted recommendations to verbatim evidence, and report the gaps.",
                  epilog=EPILOG, no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None, pretty_exceptions_enable=False)

# What the running command computed from, held until the process ends: main() leaves with
# os._exit, so a 100k-excerpt dataset's millions of objects are never freed one by one
# (~0.3 s). Each command starts it afresh, so in-process callers (tests) hold one at most.
KEPT: list[object] = []
# Files the whole-output cache has just read and hashed to make its key (results.py): on a
# miss the loader takes them from here instead of reading and hashing them again.
READ: dict[str, tuple[bytes, str]] = {}

DataOpt = Annotated[Path, typer.Option("--data", envvar="OFSTED_TRACE_DATA", show_envvar=True,
                                       help="Dataset directory.")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD",
    help="Judge the evidence as it stood on this day. Default: the newest document's date.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trace (ofsted-trace) {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Trace Ofsted recommendations to verbatim evidence, and report the gaps."""
    KEPT.clear()
    READ.clear()


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print a one-line error on stderr and exit with code."""
    typer.echo(f"trace: {message}", err=True)
    raise typer.Exit(code)


def out(text: str, output: Path | None = None) -> None:
    """Write text to stdout, or atomically to output."""
    if output is None:
        sys.stdout.write(text)
        return
    from ofsted_trace.fileio import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"wrote {output}", err=True)


def checked(data: Path) -> Checked:
    """Load and check the dataset; exit 2 when there is none."""
    from ofsted_trace import engine
    from ofsted_trace.problems import TraceError
    from ofsted_trace.render.progress import bar

    try:
        with bar(f"reading {data}") as progress:
            return engine.check(data, progress, read=READ)
    except TraceError as exc:
        fail("; ".join(f"{p.location}: {p.message}" for p in exc.problems))


def valid(data: Path) -> Checked:
    """Load the dataset, refusing to go on when it has errors."""
    from ofsted_trace.render import text

    result = checked(data)
    if result.errors:
        sys.stderr.write(text.format(result.errors))
        fail(f"the dataset in {data} has {len(result.errors)} error(s); fix them first "
              "(`trace check` lists them)", EXIT_INVALID)
    return result


def day_of(value: str | None, result: Checked) -> date:
    """The --as-of day, or the dataset's default."""
    from ofsted_trace.assess import default_as_of

    if value is None:
        return default_as_of(result.dataset)
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of '{value}' is not a date; write YYYY-MM-DD")


def context_for(result: Checked, as_of: date, stale_after: str = "12m") -> Context:
    """What the analyses read, at as_of; exit 2 on a bad --stale-after."""
    from ofsted_trace import analyses
    from ofsted_trace.dates import parse_duration

    try:
        months_days = parse_duration(stale_after)
    except ValueError as exc:
        fail(f"--stale-after: {exc}")
    return analyses.context(result.dataset, as_of, months_days)


def analysed(data: Path, as_of: str | None, stale_after: str = "12m") -> Context:
    """Load a valid dataset and build what the analyses read, at --as-of (exit 2 or 3 if not)."""
    result = valid(data)
    ctx = context_for(result, day_of(as_of, result), stale_after)
    KEPT.append(ctx)
    return ctx
