"""Commands that read the dataset: check, status, gaps, show and export."""

# No `from __future__ import annotations` here: typer would have to eval every option's
# annotation from a string at each start (~6 ms).

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ofsted_trace.cli import answers
from ofsted_trace.cli.answers import CheckFormat, TableFormat
from ofsted_trace.cli.common import (
    EPILOG,
    AsOfOpt,
    DataOpt,
    InspectionOpt,
    analysed,
    app,
    fail,
    out,
    out_bytes,
    out_pieces,
    paused_gc,
    store_or_none,
    valid,
)
from ofsted_trace.cli.shared import KEPT, day_of


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command(epilog=EPILOG)
def check(
    data: DataOpt = Path("data"),
    fmt: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] =
    CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Validate the whole dataset and report every problem at once."""
    _print(answers.check(data, store_or_none(data), fmt, strict))


def _print(answer: answers.Answer) -> NoReturn:
    """Print a read-only command's output and exit with its code."""
    out(answer[0])
    raise typer.Exit(answer[1])


@app.command(epilog=EPILOG)
def status(
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
    inspection: InspectionOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] =
    TableFormat.table,
) -> None:
    """One row per recommendation: evidence counts, latest independent finding, status."""
    _print(answers.status(data, store_or_none(data), as_of, inspection, fmt))


@app.command(epilog=EPILOG)
def gaps(
    data: DataOpt = Path("data"),
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", help="Only gaps of this kind (repeatable, or comma-separated).")] = None,
    as_of: AsOfOpt = None,
    inspection: InspectionOpt = None,
    stale_after: Annotated[str, typer.Option(
        "--stale-after", help="A finding older than this at --as-of is stale (90d, 18m, 2y). "
        "Default 12m: an inadequate council is monitored every few months, so a year "
        "without an Ofsted word on a recommendation is a gap.")] = "12m",
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] =
    TableFormat.table,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", metavar="KIND[,KIND]|any",
        help="Exit 1 when gaps of these kinds exist (for CI).")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", min=0, help="Rows shown per kind in the table format; 0 shows all. "
        "json, csv and markdown are always complete.")] = 20,
) -> None:
    """List coverage gaps, grouped by kind, most serious first."""
    _print(answers.gaps(data, store_or_none(data), kind, as_of, inspection, stale_after, fmt,
                        fail_on, limit))


@app.command(epilog=EPILOG)
@paused_gc
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Any record's id.")],
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
) -> None:
    """Show one record and its neighbourhood; a recommendation with its evidence timeline."""
    from ofsted_trace.judge.graph import build
    from ofsted_trace.judge.schedule import by_recommendation
    from ofsted_trace.render.terminal import detail, table

    ctx = analysed(data, as_of)
    term = table.detect(sys.stdout)
    if record_id in ctx.assessments:
        extra = detail.plan(ctx.claims.get(record_id), ctx.schedules.get(record_id, "no-actions"),
                            by_recommendation(ctx.dataset, ctx.actions)[record_id])
        out(detail.recommendation(ctx.dataset, ctx.assessments[record_id], term, extra))
    elif record_id in ctx.dataset.actions:
        out(detail.action(ctx.dataset.actions[record_id], ctx.actions.get(record_id), term))
    elif record_id in (graph := build(ctx.dataset)):
        out(detail.node(ctx.dataset, graph, record_id, term))
    else:
        fail(f"no record has the id '{record_id}'{_close(record_id, graph)}")


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(epilog=EPILOG)
@paused_gc
def explain(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A recommendation's id.")],
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
    fmt: Annotated[ExplainFormat, typer.Option("--format", help="Output format.")] =
    ExplainFormat.text,
) -> None:
    """Why a recommendation has its status: the occasion, its findings and the rule applied."""
    from ofsted_trace.render import explain as why
    from ofsted_trace.render import json

    ctx = analysed(data, as_of)
    a = ctx.assessments.get(record_id)
    if a is None:
        fail(f"no recommendation has the id '{record_id}'{_close(record_id, ctx.assessments)}")
    out(json.format(why.explanation(ctx.dataset, a)) if fmt is ExplainFormat.json else
        why.text(ctx.dataset, a))


def _close(wanted: str, known: Iterable[str]) -> str:
    """'; did you mean R04?' for an id close to a known one, best match first."""
    from ofsted_trace.check import similar

    close = similar.close(wanted, similar.choices(known))
    return f"; did you mean {', '.join(close)}?" if close else ""


@app.command(epilog=EPILOG)
@paused_gc
def export(
    data: DataOpt = Path("data"),
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] =
    ExportFormat.json,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] =
    None,
    redact: Annotated[bool, typer.Option(
        "--redact", help="Mask anything in any text that looks like personal data (dates of "
        "birth, NHS numbers, postcodes, phone numbers, emails, case ids).")] = False,
) -> None:
    """Write the whole validated dataset: JSON, CSV with one row per excerpt link, or Excel.

    xlsx (needs -o): sheets of recommendations with their three statuses, actions, evidence
    and gaps; `trace import-tracker` reads it back.
    """
    from ofsted_trace.render import csv, json, redaction, views

    if fmt is ExportFormat.xlsx:
        out_bytes(_workbook(data, redact), output, "an Excel workbook")
        return
    dataset = valid(data).dataset
    whole = views.export(redaction.redacted(dataset) if redact else dataset)
    # In pieces: ~90 MB at 100,000 excerpts, and held whole as a string, twice that or more.
    out_pieces(json.chunks(whole) if fmt is ExportFormat.json else csv.link_chunks(whole), output)


def _workbook(data: Path, redact: bool) -> bytes:
    """export --format xlsx: the evidence sheet is written while the rest is judged."""
    from ofsted_trace.judge import assess, gaps
    from ofsted_trace.model.dates import parse_duration
    from ofsted_trace.render import redaction, xlsx

    result = valid(data)
    ds = redaction.redacted(result.dataset) if redact else result.dataset
    as_of = day_of(None, result)
    found = assess.findings(ds, as_of)
    with xlsx.start(found) as book:
        ctx = gaps.context(ds, as_of, parse_duration(gaps.DEFAULT_STALE_AFTER), found)
        KEPT.extend((result, ctx))  # never freed one by one: the process leaves with os._exit
        return xlsx.finish(book, ctx, gaps.run(ctx))
