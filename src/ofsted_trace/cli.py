"""The `trace` command line: parse options, call the core, print, and choose the exit code.

Exit codes, for every command:
  0  success: no errors (check), no gaps of a --fail-on kind (gaps), compared (diff)
  1  check found errors (or warnings with --strict); gaps found a --fail-on kind
  2  usage error: a bad option or argument, an unknown id, no dataset directory; for diff,
     an unknown revision or a dataset directory outside a git repository
  3  the dataset has errors, so this command cannot run on it: see `trace check`
  4  an editing command found its file changed on disk since reading it; nothing written
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
    from collections.abc import Callable

    from ofsted_trace.analyses.base import Context
    from ofsted_trace.changes import Plan
    from ofsted_trace.engine import Checked

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INVALID = 0, 1, 2, 3
EPILOG = ("Exit codes: 0 success; 1 problems or --fail-on gaps found; 2 usage error (a bad "
          "option, unknown id or revision); 3 the dataset has errors (run `trace check`).")

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

    def compute() -> tuple[str, int]:
        from ofsted_trace.render import github, json, text, views

        result = _checked(data)
        if fmt is CheckFormat.json:
            out = json.format(views.problem_rows(result.problems))
        elif fmt is CheckFormat.github:
            out = github.format(result.problems)
        else:
            out = text.format(result.problems) or f"{data}: no problems\n"
        failed = result.errors or (strict and result.warnings)
        return out, EXIT_FINDINGS if failed else EXIT_OK

    _answer("check", data, (fmt.value, strict), compute)


def _answer(command: str, data: Path, options: tuple[object, ...],
            compute: Callable[[], tuple[str, int]]) -> NoReturn:
    """Print a read-only command's output and exit with its code; unchanged inputs hit the cache.

    results.py imports only the standard library, so a hit never imports pydantic or rich.
    """
    import gc

    from ofsted_trace import results

    entry = results.Entry.for_run(command, data, options)
    hit = entry.recall() if entry is not None else None
    if hit is None:
        # Loading builds millions of objects and almost no cycles: the collector would rescan
        # them again and again (~0.4 s of a 100k run); peak memory is the same without it.
        gc.disable()
        try:
            hit = compute()
        finally:
            gc.enable()
        if entry is not None:
            entry.remember(*hit)
    _out(hit[0])
    raise typer.Exit(hit[1])


@app.command(epilog=EPILOG)
def status(
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] =
    TableFormat.table,
) -> None:
    """One row per recommendation: evidence counts, latest independent finding, status."""

    def compute() -> tuple[str, int]:
        from ofsted_trace.render import csv, json, markdown, table, views

        result = _valid(data)
        day = _as_of(as_of, result)
        ctx = _context(result, day)
        rows = views.status_rows(result.dataset, ctx.assessments)
        if fmt is TableFormat.json:
            return json.format(rows), EXIT_OK
        if fmt is TableFormat.markdown:
            return markdown.status(rows, day.isoformat()), EXIT_OK
        if fmt is TableFormat.csv:
            keys = ["id", "number", "title", "independent", "council", "status"]
            return csv.format(keys, ([r[k] for k in keys] for r in rows)), EXIT_OK
        return table.status(rows, table.detect(sys.stdout), day.isoformat()), EXIT_OK

    _answer("status", data, (as_of, fmt.value), compute)


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
    limit: Annotated[int, typer.Option(
        "--limit", min=0, help="Rows shown per kind in the table format; 0 shows all. "
        "json, csv and markdown are always complete.")] = 20,
) -> None:
    """List coverage gaps, grouped by kind, most serious first."""
    from ofsted_trace.gapkinds import KINDS

    kinds = _kinds(kind) if kind else KINDS
    failing = set(KINDS) if fail_on == "any" else set(_kinds([fail_on] if fail_on else []))

    def compute() -> tuple[str, int]:
        from ofsted_trace import analyses
        from ofsted_trace.render import csv, json, markdown, table, views

        result = _valid(data)
        day = _as_of(as_of, result)
        found = analyses.run(_context(result, day, stale_after), kinds)
        rows = views.gap_rows(found)
        if fmt is TableFormat.json:
            out = json.format(rows)
        elif fmt is TableFormat.markdown:
            out = markdown.gaps(rows, day.isoformat())
        elif fmt is TableFormat.csv:
            out = csv.gaps(rows)
        else:
            out = table.gaps(rows, table.detect(sys.stdout), day.isoformat(), limit)
        return out, EXIT_FINDINGS if any(g.kind in failing for g in found) else EXIT_OK

    _answer("gaps", data, (kinds, as_of, stale_after, fmt.value, sorted(failing), limit),
            compute)


def _kinds(values: list[str]) -> tuple[str, ...]:
    from ofsted_trace.gapkinds import KINDS

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


# --- diff commands ---
class DiffFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


DIFF_EPILOG = ("Exit codes: 0 compared (whatever changed); 2 usage error, an unknown revision, "
               "or a dataset directory outside a git repository; 3 either side has errors.")


def _revision(data: Path, rev: str | None) -> Checked:
    """The dataset at a git revision (None: the working tree); exit 2 or 3 when it cannot be."""
    from ofsted_trace import diffing
    from ofsted_trace.problems import TraceError
    from ofsted_trace.render import text

    try:
        result = diffing.load(data, rev)
    except TraceError as exc:
        _fail("; ".join(p.message if p.code == "git" else f"{p.location}: {p.message}"
                        for p in exc.problems))
    if result.errors:
        sys.stderr.write(text.format(result.errors))
        _fail(f"the dataset at {rev or diffing.WORKING_TREE} has {len(result.errors)} "
              "error(s); fix them first", EXIT_INVALID)
    return result


@app.command(epilog=DIFF_EPILOG)
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
    from ofsted_trace import diffing
    from ofsted_trace.dates import parse_duration
    from ofsted_trace.render import diff as diff_render
    from ofsted_trace.render import diff_md, json, table

    try:
        months_days = parse_duration(stale_after)
    except ValueError as exc:
        _fail(f"--stale-after: {exc}")
    old_label, new_label = rev_a or "HEAD", rev_b or diffing.WORKING_TREE
    old, new = _revision(data, old_label), _revision(data, rev_b)
    day = _as_of(as_of, new)
    changes = diffing.compare(diffing.snapshot(old_label, old.dataset, day, months_days),
                              diffing.snapshot(new_label, new.dataset, day, months_days), day)
    if fmt is DiffFormat.json:
        _out(json.format(diff_render.rows(changes)))
    elif fmt is DiffFormat.markdown:
        _out(diff_md.format(changes))
    else:
        _out(diff_render.table(changes, table.detect(sys.stdout)))


# --- report commands ---
class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    graphml = "graphml"
    json = "json"


OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]


@app.command(epilog=EPILOG)
def report(
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] =
    ReportFormat.markdown,
    output: OutputOpt = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="REV", help="Add a 'since the last board report' section: what "
        "changed from this git revision (e.g. the tag of the last board) to now.")] = None,
    redact: Annotated[bool, typer.Option(
        "--redact", help="Mask anything in quotes and notes that looks like personal data "
        "(dates of birth, NHS numbers, postcodes, phone numbers, emails, case ids).")] = False,
) -> None:
    """Write the board report: summary, gaps, coverage matrix, evidence timelines, sources."""
    from ofsted_trace import analyses, diffing
    from ofsted_trace.render import redaction, report_html, report_md, report_model

    result = _valid(data)
    day = _as_of(as_of, result)
    ctx = _context(result, day)
    changes = None
    if since is not None:
        old = _revision(data, since)
        changes = diffing.compare(diffing.snapshot(since, old.dataset, day, ctx.stale_after),
                                  diffing.snapshot(diffing.WORKING_TREE, result.dataset, day,
                                                   ctx.stale_after), day)
    scrub = redaction.redactor(result.dataset) if redact else report_model.keep
    model = report_model.build(ctx, analyses.run(ctx), scrub)
    render = report_html if fmt is ReportFormat.html else report_md
    _out(render.format(model, changes), output)


@app.command(epilog=EPILOG)
def matrix(
    data: DataOpt = Path("data"),
    as_of: AsOfOpt = None,
) -> None:
    """The coverage matrix in the terminal: recommendations by visits, coloured by stance."""
    from ofsted_trace.render import matrix as view
    from ofsted_trace.render import report_model

    result = _valid(data)
    ctx = _context(result, _as_of(as_of, result))
    from ofsted_trace.render.table import detect

    _out(view.format(report_model.build(ctx, []), detect(sys.stdout)))


@app.command(epilog=EPILOG)
def graph(
    data: DataOpt = Path("data"),
    fmt: Annotated[GraphFormat, typer.Option("--format", help="Output format.")] =
    GraphFormat.mermaid,
    output: OutputOpt = None,
) -> None:
    """Export the traceability graph: mermaid, Graphviz dot, GraphML (yEd, Gephi) or JSON."""
    from ofsted_trace.graph import build
    from ofsted_trace.render import graph_export

    result = _valid(data)
    _out(graph_export.format(build(result.dataset), str(fmt)), output)


# --- edit commands ---
EXIT_CONFLICT = 4
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show the diff; write nothing.")]
EDIT_EPILOG = ("Exit codes: 0 done (or nothing to change); 1 refused: the edit would add errors "
               "or the quote is not in the document, nothing written; 2 usage error, such as an "
               "unknown id; 4 a file changed on disk while editing, nothing written to it.")


def _choice(kind: str, value: str | None) -> str | None:
    from ofsted_trace import models

    enum = {"stance": models.Stance, "voice": models.Voice}[kind]
    if value is not None and value not in {m.value for m in enum}:
        _fail(f"--{kind} '{value}' is not allowed; use one of {', '.join(m.value for m in enum)}")
    return value


def _edit(data: Path, make: Callable[[], Plan], dry_run: bool) -> NoReturn:
    """Plan an edit, validate it, then show it (--dry-run) or write it, and say what was done."""
    from ofsted_trace import changes
    from ofsted_trace.edit import EditFault, Refused
    from ofsted_trace.render import safe, text

    if not data.is_dir():
        _fail(f"dataset directory {data} not found; pass --data DIR or set OFSTED_TRACE_DATA")
    try:
        plan = make()
    except Refused as exc:
        _fail(safe.plain(str(exc)), EXIT_USAGE if exc.usage else EXIT_FINDINGS)
    except EditFault as exc:
        _fail(safe.plain(str(exc)), EXIT_FINDINGS)
    done = "".join(f"{safe.plain(line)}\n" for line in plan.done)
    if plan.empty:
        _out(done)
        raise typer.Exit(EXIT_OK)
    added = changes.validate(plan)
    if added:
        sys.stderr.write(text.format(added))
        _fail(f"refused: the edit would add {len(added)} error(s) to the dataset; nothing "
              "written", EXIT_FINDINGS)
    if dry_run:
        _out(safe.plain(changes.diff(plan)))
        typer.echo("dry run: nothing written; without --dry-run this would have:", err=True)
        typer.echo(done.rstrip("\n"), err=True)
        raise typer.Exit(EXIT_OK)
    try:
        changes.commit(plan)
    except changes.Conflict as exc:
        _fail(safe.plain(str(exc)), EXIT_CONFLICT)
    except OSError as exc:
        _fail(f"cannot write: {exc}", EXIT_USAGE)
    _out(done)
    raise typer.Exit(EXIT_OK)


@app.command("add-document", epilog=EDIT_EPILOG)
def add_document(
    text_file: Annotated[Path, typer.Argument(metavar="TEXTFILE",
                                              help="The document's plain text (UTF-8).")],
    doc_id: Annotated[str, typer.Option("--id", help="Short id; also names its evidence file.")],
    title: Annotated[str, typer.Option("--title", help="The document's title.")],
    publisher: Annotated[str, typer.Option("--publisher", help="Who published it.")],
    when: Annotated[str, typer.Option("--date", help="Its own date: YYYY-MM-DD, YYYY-MM or YYYY.")],
    primary: Annotated[bool | None, typer.Option(
        "--primary/--secondary", help="--primary only for Ofsted's own text.")] = None,
    uncertain: Annotated[bool, typer.Option("--date-uncertain",
                                            help="The date is inferred, not stated.")] = False,
    basis: Annotated[str | None, typer.Option("--date-basis",
                                              help="What the date rests on.")] = None,
    reports: Annotated[list[str] | None, typer.Option(
        "--reports", help="A visit this document reports (repeatable).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was published.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Copy a text under sources/, register it in documents.yaml, create its evidence file."""
    from ofsted_trace import edit

    if primary is None:
        _fail("say --primary (Ofsted's own text) or --secondary (anyone else's)")
    record = {"id": doc_id, "title": title, "publisher": publisher, "date": when,
              "date_uncertain": uncertain or None, "date_basis": basis, "primary": primary,
              "reports": reports or [], "url": url}
    _edit(data, lambda: edit.add_document(data, text_file, record), dry_run)


@app.command("add-excerpt", epilog=EDIT_EPILOG)
def add_excerpt(
    document: Annotated[str, typer.Argument(metavar="DOCUMENT", help="The document's id.")],
    quote: Annotated[str, typer.Option("--quote", help="Verbatim text from the document.")],
    stance: Annotated[str, typer.Option("--stance", help="progress | mixed | concern")],
    voice: Annotated[str, typer.Option("--voice", help="ofsted | ofsted-paraphrase | council")],
    visit: Annotated[str | None, typer.Option("--visit", help="The visit it reports.")] = None,
    rec: Annotated[list[str] | None, typer.Option(
        "--rec", help="A recommendation it bears on (repeatable).")] = None,
    theme: Annotated[list[str] | None, typer.Option(
        "--theme", help="A theme it bears on directly (repeatable).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note for reviewers.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Add an excerpt, after finding its quote in the document; it gets the next free id."""
    from ofsted_trace import edit

    fields = {"visit": visit, "voice": _choice("voice", voice),
              "stance": _choice("stance", stance), "recommendations": rec or [],
              "themes": theme or [], "note": note}
    _edit(data, lambda: edit.add_excerpt(data, document, quote, fields), dry_run)


ExcerptArg = Annotated[str, typer.Argument(metavar="EXCERPT", help="The excerpt's id.")]
RecsArg = Annotated[list[str], typer.Argument(metavar="REC...", help="Recommendation ids.")]


@app.command(epilog=EDIT_EPILOG)
def link(excerpt: ExcerptArg, recs: RecsArg, data: DataOpt = Path("data"),
         dry_run: DryRunOpt = False) -> None:
    """Link an excerpt to recommendations (already linked ones are left alone)."""
    from ofsted_trace import edit

    _edit(data, lambda: edit.link(data, excerpt, recs), dry_run)


@app.command(epilog=EDIT_EPILOG)
def unlink(excerpt: ExcerptArg, recs: RecsArg, data: DataOpt = Path("data"),
           dry_run: DryRunOpt = False) -> None:
    """Remove links from an excerpt to recommendations."""
    from ofsted_trace import edit

    _edit(data, lambda: edit.unlink(data, excerpt, recs), dry_run)


@app.command("set", epilog=EDIT_EPILOG)
def set_(
    excerpt: ExcerptArg,
    stance: Annotated[str | None, typer.Option("--stance", help="progress | mixed | concern")]
    = None,
    voice: Annotated[str | None, typer.Option(
        "--voice", help="ofsted | ofsted-paraphrase | council")] = None,
    visit: Annotated[str | None, typer.Option("--visit", help="The visit it reports.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Change an excerpt's stance, voice or visit."""
    from ofsted_trace import edit

    tags = {k: v for k, v in (("visit", visit), ("voice", _choice("voice", voice)),
                              ("stance", _choice("stance", stance))) if v is not None}
    if not tags:
        _fail("say what to set: --stance, --voice or --visit")
    _edit(data, lambda: edit.set_tags(data, excerpt, tags), dry_run)


WRITE_EPILOG = "Exit codes: 0 written; 2 usage error, or the directory cannot be written."


@app.command(epilog=WRITE_EPILOG + " init refuses a directory that is not empty (2).")
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty directory.")],
    authority: Annotated[str, typer.Option("--authority", help="The council's name.")],
) -> None:
    """Create a new council's dataset: commented files, one worked example of each kind."""
    from ofsted_trace import scaffold

    try:
        written = scaffold.init(folder, authority)
    except scaffold.NotEmpty as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write in {folder}: {exc.strerror}")
    _out("".join(f"wrote {p.as_posix()}\n" for p in written)
         + f"next: trace check --data {folder.as_posix()}\n")


@app.command("schema", epilog=WRITE_EPILOG)
def schema_(
    output: Annotated[Path, typer.Option("--output", help="Directory to write into.")] =
    Path(".schema"),
) -> None:
    """Write a JSON Schema for each YAML file kind, for editors such as VS Code."""
    from ofsted_trace import schema

    try:
        written = schema.write(output)
    except OSError as exc:
        _fail(f"cannot write in {output}: {exc.strerror}")
    _out("".join(f"wrote {p.as_posix()}\n" for p in written))


def main() -> None:
    """Console-script entry point: one error boundary, so users never see a traceback."""
    os.environ.setdefault("TYPER_USE_RICH", "0")
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("trace: interrupted\n")
        sys.exit(130)
