"""Commands for history and pictures: diff, report, matrix and graph."""

# No `from __future__ import annotations` here: typer would have to eval every option's
# annotation from a string at each start (~6 ms); a few TYPE_CHECKING names are quoted.

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

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
    paused_gc,
    store_for,
    valid,
)
from ofsted_trace.cli.shared import day_of
from ofsted_trace.errors import Exit

if TYPE_CHECKING:
    from ofsted_trace.check.pipeline import Checked
    from ofsted_trace.judge.compare import Changes
    from ofsted_trace.judge.gaps.base import Context, Gap
    from ofsted_trace.judge.revisions import Session


class DiffFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


DIFF_EPILOG = ("Exit codes: 0 compared (whatever changed); 2 usage error, an unknown revision, "
               "or a dataset directory outside a git repository; 3 either side has errors.")


def _revision(data: Path, rev: str | None, session: "Session | None" = None) -> "Checked":
    """The dataset at a git revision (None: the working tree); exit 2 or 3 when it cannot be."""
    from ofsted_trace.judge import compare
    from ofsted_trace.render import text

    result = compare.checked_at(data, rev, session)  # a git failure is a UsageError: exit 2
    if result.errors:
        sys.stderr.write(text.format(result.errors))
        fail(f"the dataset at {rev or compare.WORKING_TREE} has {len(result.errors)} "
              "error(s); fix them first", Exit.INVALID)
    return result


@app.command(epilog=DIFF_EPILOG)
@paused_gc
def diff(
    rev_a: Annotated[str | None, typer.Argument(
        metavar="REV_A", help="The older side: a tag, branch or commit. Default: HEAD.",
        show_default=False)] = None,
    rev_b: Annotated[str | None, typer.Argument(
        metavar="REV_B", help="The newer side. Default: the working tree as it is.",
        show_default=False)] = None,
    data: DataOpt = Path("data"),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD",
        help="Judge both sides as at this day. Default: the newer side's newest document's "
        "date, so both sides are judged on the same day and only edits to the data show as "
        "changes, never the passing of time.")] = None,
    stale_after: Annotated[str, typer.Option(
        "--stale-after", help="A finding older than this at --as-of is stale.")] = "12m",
    fmt: Annotated[DiffFormat, typer.Option("--format", help="Output format; markdown is a "
                                            "'since the last board report' section.")] =
    DiffFormat.table,
) -> None:
    """What changed between two revisions: statuses, gaps, excerpts, documents and visits.

    Reads each revision straight from git, never touching the working tree.
    """
    from ofsted_trace.judge import compare, revisions
    from ofsted_trace.model.dates import parse_duration
    from ofsted_trace.render import diff_md, json
    from ofsted_trace.render.terminal import diff as diff_render
    from ofsted_trace.render.terminal import table

    try:
        months_days = parse_duration(stale_after)
    except ValueError as exc:
        fail(f"--stale-after: {exc}")
    old_label, new_label = rev_a or "HEAD", rev_b or compare.WORKING_TREE
    with revisions.Session(data, store_for(data)) as session:
        # One dataset held at a time: the older side is checked first (its errors come first),
        # then the newer, whose newest document dates the comparison; then the older again,
        # recalled whole from the session's entries.
        _revision(data, old_label, session)
        new = _revision(data, rev_b, session)
        day = day_of(as_of, new)
        after = compare.snapshot(new_label, new.dataset, day, months_days)
        del new
        before = compare.snapshot(old_label, _revision(data, old_label, session).dataset, day,
                                  months_days)
    changes = compare.compare(before, after, day)
    if fmt is DiffFormat.json:
        out(json.format(diff_render.rows(changes)))
    elif fmt is DiffFormat.markdown:
        out(diff_md.format(changes))
    else:
        out(diff_render.table(changes, table.detect(sys.stdout)))


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    graphml = "graphml"
    json = "json"


OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]
RedactOpt = Annotated[bool, typer.Option(
    "--redact", help="Mask anything in any text that looks like personal data (dates of "
    "birth, NHS numbers, postcodes, phone numbers, emails, case ids).")]


@app.command(epilog=EPILOG)
@paused_gc
def report(
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
    inspection: InspectionOpt = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] =
    ReportFormat.markdown,
    output: OutputOpt = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="REV", help="Add a 'since the last board report' section: what "
        "changed from this git revision (e.g. the tag of the last board) to now.")] = None,
    redact: RedactOpt = False,
    summary: Annotated[bool, typer.Option(
        "--summary", help="Only the board's front sheet: one printable A4 page (judgement "
        "trajectory, the three statuses, five gaps in plain words, overdue actions, and with "
        "--since what changed).")] = False,
) -> None:
    """Write the board report: summary, gaps, coverage matrix, evidence timelines, sources.

    --format docx (needs -o) writes a Word document for committee systems.
    """
    from ofsted_trace.judge import compare, gaps
    from ofsted_trace.render import redaction
    from ofsted_trace.render.report import build
    from ofsted_trace.render.report import html as report_html
    from ofsted_trace.render.report import markdown as report_md

    ctx = analysed(data, as_of, inspection=inspection)
    if redact:
        # Judged on masked data, so no heading, anchor or gap message can hold a detail.
        ctx = gaps.context(redaction.redacted(ctx.dataset), ctx.as_of, ctx.stale_after)
        if inspection is not None:
            ctx = gaps.narrowed(ctx, inspection)
    day, dataset = ctx.as_of, ctx.dataset
    changes = None
    if since is not None:
        old = _revision(data, since).dataset
        old = redaction.redacted(old) if redact else old
        changes = compare.compare(compare.snapshot(since, old, day, ctx.stale_after),
                                  compare.snapshot(compare.WORKING_TREE, dataset, day,
                                                   ctx.stale_after), day)
    found = gaps.run(ctx)
    if summary:
        _front(ctx, found, changes, since or "", fmt, output)
        return
    model = build.build(ctx, found)
    if fmt is ReportFormat.docx:
        from ofsted_trace.render.report import docx

        out_bytes(docx.report(model, changes), output, "a Word document")
        return
    render = report_html if fmt is ReportFormat.html else report_md
    out(render.format(model, changes), output)


def _front(ctx: "Context", found: "list[Gap]", changes: "Changes | None", since: str,
           fmt: ReportFormat, output: Path | None) -> None:
    """Write the front sheet in the format asked for."""
    from ofsted_trace.render.report import front, front_format

    sheet = front.build(ctx, found, changes, since)
    if fmt is ReportFormat.docx:
        from ofsted_trace.render.report import docx

        out_bytes(docx.front(sheet), output, "a Word document")
    elif fmt is ReportFormat.html:
        out(front_format.html(sheet), output)
    else:
        out(front_format.markdown(sheet), output)


@app.command(epilog=EPILOG)
@paused_gc
def matrix(
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
    inspection: InspectionOpt = None,
) -> None:
    """The coverage matrix in the terminal: recommendations by visits, coloured by stance."""
    from ofsted_trace.render.report import build
    from ofsted_trace.render.terminal import matrix as view
    from ofsted_trace.render.terminal.table import detect

    ctx = analysed(data, as_of, inspection=inspection)
    out(view.format(build.build(ctx, [], quotes=False), detect(sys.stdout)))


@app.command(epilog=EPILOG)
@paused_gc
def graph(
    data: DataOpt = Path("data"),
    fmt: Annotated[GraphFormat, typer.Option("--format", help="Output format.")] =
    GraphFormat.mermaid,
    output: OutputOpt = None,
    redact: RedactOpt = False,
) -> None:
    """Export the traceability graph: mermaid, Graphviz dot, GraphML (yEd, Gephi) or JSON."""
    from ofsted_trace.judge.graph import build
    from ofsted_trace.render import graph_export, redaction

    dataset = valid(data).dataset
    dataset = redaction.redacted(dataset) if redact else dataset
    out(graph_export.format(build(dataset), str(fmt)), output)

