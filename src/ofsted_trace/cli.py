"""The `trace` command line: parse options, call the core, print, and choose the exit code.

Exit codes, for every command:
  0  success: no errors (check), no gaps of a --fail-on kind (gaps)
  1  check found errors (or warnings with --strict); gaps found a --fail-on kind
  2  usage error: a bad option or argument, an unknown id, no dataset directory
  3  the dataset has errors, so this command cannot run on it: see `trace check`
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ofsted_trace import __version__

if TYPE_CHECKING:
    from ofsted_trace.analyses.base import Context
    from ofsted_trace.engine import Checked

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INVALID = 0, 1, 2, 3
EPILOG = ("Exit codes: 0 success; 1 problems or --fail-on gaps found; 2 usage error; "
          "3 the dataset has errors (run `trace check`).")

app = typer.Typer(help="Trace Ofsted recommendations to verbatim evidence, and report the gaps.",
                  epilog=EPILOG, no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None, pretty_exceptions_enable=False)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


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


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"trace: {message}", err=True)
    raise typer.Exit(code)


def _out(text: str, output: Path | None = None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from ofsted_trace.fileio import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"wrote {output}", err=True)


def _checked(data: Path) -> Checked:
    from ofsted_trace import engine
    from ofsted_trace.problems import TraceError
    from ofsted_trace.render.progress import bar

    try:
        with bar(f"reading {data}") as progress:
            return engine.check(data, progress)
    except TraceError as exc:
        _fail("; ".join(f"{p.location}: {p.message}" for p in exc.problems))


def _valid(data: Path) -> Checked:
    """Load the dataset, refusing to go on when it has errors."""
    from ofsted_trace.render import text

    result = _checked(data)
    if result.errors:
        sys.stderr.write(text.format(result.errors))
        _fail(f"the dataset in {data} has {len(result.errors)} error(s); fix them first "
              "(`trace check` lists them)", EXIT_INVALID)
    return result


def _as_of(value: str | None, result: Checked) -> date:
    from ofsted_trace.assess import default_as_of

    if value is None:
        return default_as_of(result.dataset)
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"--as-of '{value}' is not a date; write YYYY-MM-DD")


def _context(result: Checked, as_of: date, stale_after: str = "12m") -> Context:
    from ofsted_trace import analyses
    from ofsted_trace.dates import parse_duration

    try:
        months_days = parse_duration(stale_after)
    except ValueError as exc:
        _fail(f"--stale-after: {exc}")
    return analyses.context(result.dataset, as_of, months_days)


def _term() -> object:
    from ofsted_trace.render.table import detect

    return detect(sys.stdout)


@app.command(epilog=EPILOG)
def check(
    data: DataOpt = Path("data"),
    fmt: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] =
    CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Validate the whole dataset and report every problem at once."""
    from ofsted_trace.render import github, json, text, views

    result = _checked(data)
    if fmt is CheckFormat.json:
        _out(json.format(views.problem_rows(result.problems)))
    elif fmt is CheckFormat.github:
        _out(github.format(result.problems))
    else:
        _out(text.format(result.problems) or f"{data}: no problems\n")
    failed = result.errors or (strict and result.warnings)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command(epilog=EPILOG)
def status(
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] =
    TableFormat.table,
) -> None:
    """One row per recommendation: evidence counts, latest independent finding, status."""
    from ofsted_trace.render import csv, json, markdown, table, views

    result = _valid(data)
    day = _as_of(as_of, result)
    ctx = _context(result, day)
    rows = views.status_rows(result.dataset, ctx.assessments)
    if fmt is TableFormat.json:
        _out(json.format(rows))
    elif fmt is TableFormat.markdown:
        _out(markdown.status(rows, day.isoformat()))
    elif fmt is TableFormat.csv:
        keys = ["id", "number", "title", "independent", "council", "status"]
        _out(csv.format(keys, ([r[k] for k in keys] for r in rows)))
    else:
        _out(table.status(rows, table.detect(sys.stdout), day.isoformat()))


@app.command(epilog=EPILOG)
def gaps(
    data: DataOpt = Path("data"),
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", help="Only gaps of this kind (repeatable, or comma-separated).")] = None,
    as_of: AsOfOpt = None,
    stale_after: Annotated[str, typer.Option(
        "--stale-after", help="A finding older than this at --as-of is stale (90d, 18m, 2y). "
        "Default 12m: an inadequate council is monitored every few months, so a year "
        "without an Ofsted word on a recommendation is a gap.")] = "12m",
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] =
    TableFormat.table,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", metavar="KIND[,KIND]|any",
        help="Exit 1 when gaps of these kinds exist (for CI).")] = None,
) -> None:
    """List coverage gaps, grouped by kind, most serious first."""
    from ofsted_trace import analyses
    from ofsted_trace.render import csv, json, markdown, table, views

    kinds = _kinds(kind) if kind else analyses.KINDS
    failing = set(analyses.KINDS) if fail_on == "any" else set(_kinds([fail_on] if fail_on
                                                                       else []))
    result = _valid(data)
    day = _as_of(as_of, result)
    found = analyses.run(_context(result, day, stale_after), kinds)
    rows = views.gap_rows(found)
    if fmt is TableFormat.json:
        _out(json.format(rows))
    elif fmt is TableFormat.markdown:
        _out(markdown.gaps(rows, day.isoformat()))
    elif fmt is TableFormat.csv:
        _out(csv.gaps(rows))
    else:
        _out(table.gaps(rows, table.detect(sys.stdout), day.isoformat()))
    raise typer.Exit(EXIT_FINDINGS if any(g.kind in failing for g in found) else EXIT_OK)


def _kinds(values: list[str]) -> tuple[str, ...]:
    from ofsted_trace.analyses import KINDS

    chosen = tuple(k.strip() for v in values for k in v.split(",") if k.strip())
    unknown = [k for k in chosen if k not in KINDS]
    if unknown:
        _fail(f"unknown gap kind {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    return chosen


@app.command(epilog=EPILOG)
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Any record's id.")],
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
) -> None:
    """Show one record and its neighbourhood; a recommendation with its evidence timeline."""
    import difflib

    from ofsted_trace.render import detail, table

    result = _valid(data)
    ctx = _context(result, _as_of(as_of, result))
    term = table.detect(sys.stdout)
    if record_id in ctx.assessments:
        _out(detail.recommendation(result.dataset, ctx.assessments[record_id], term))
    elif record_id in ctx.graph:
        _out(detail.node(result.dataset, ctx.graph, record_id, term))
    else:
        close = difflib.get_close_matches(record_id, list(ctx.graph), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        _fail(f"no record has the id '{record_id}'{hint}")


@app.command(epilog=EPILOG)
def export(
    data: DataOpt = Path("data"),
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] =
    ExportFormat.json,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write to this file.")] = None,
) -> None:
    """Write the whole validated dataset: JSON, or CSV with one row per excerpt link."""
    from ofsted_trace.render import csv, json, views

    result = _valid(data)
    whole = views.export(result.dataset)
    _out(json.format(whole) if fmt is ExportFormat.json else csv.links(whole), output)


def main() -> None:
    """Console-script entry point: one error boundary, so users never see a traceback."""
    os.environ.setdefault("TYPER_USE_RICH", "0")
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("trace: interrupted\n")
        sys.exit(130)
