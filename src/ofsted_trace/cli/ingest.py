"""Commands that bring a council's data in: import a report, add items, visits, themes, cycles."""

# No `from __future__ import annotations` here: typer would have to eval every option's
# annotation from a string at each start (~6 ms).

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ofsted_trace.cli.common import DataOpt, app, fail, ids, out
from ofsted_trace.cli.write import EDIT_EPILOG, DryRunOpt, _edit
from ofsted_trace.errors import Exit

IMPORT_EPILOG = ("Exit codes: 0 shown, or written with --write; 1 refused: not an Ofsted report, "
                 "no list of items found, or the import would add errors; nothing written; "
                 "2 usage error, such as an unreadable file or no dataset; 4 a file changed on "
                 "disk while writing, nothing written to it.")


class ImportFormat(StrEnum):
    """What import-report prints."""

    DIFF = "diff"
    JSON = "json"


@app.command("import-report", epilog=IMPORT_EPILOG)
def import_report(
    report_file: Annotated[Path, typer.Argument(
        metavar="FILE", help="The report: a PDF, or its text (UTF-8).")],
    write: Annotated[bool, typer.Option(
        "--write", help="Add the visit, cycle, items and document. Default: show the diff.")]
    = False,
    fmt: Annotated[ImportFormat, typer.Option(
        "--format", help="diff: the new cycle as a diff against the dataset; json: what was "
        "read ({dates, judgements, items}), writing nothing and needing no dataset.")] =
    ImportFormat.DIFF,
    doc_id: Annotated[str | None, typer.Option(
        "--id", help="The report's document id. Default: <framework>-<year>-report.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The report's title.")] = None,
    when: Annotated[str | None, typer.Option(
        "--date", help="Its publication date, if the text does not give it.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was published.")] = None,
    data: DataOpt = Path("data"),
) -> None:
    """Read a report's items, dates and judgements; add them as a new inspection cycle."""
    from ofsted_trace.edit import ingest

    if fmt is ImportFormat.JSON:
        import json  # here, not at the top: `trace --help` and every other command do without

        if write:
            fail("--format json writes nothing; leave out --write")
        _, report = ingest.read(report_file)
        out(json.dumps(report.contract(), ensure_ascii=False, indent=2) + "\n")
        return
    doc = {"id": doc_id, "title": title, "date": when, "url": url}
    _edit(data, lambda: ingest.import_report(data, report_file, doc)[1], dry_run=not write,
          hint="without --write nothing is written; with it this would have:", brief=True)


RecOpt = Annotated[list[str] | None, typer.Option(
    "--theme", help="A theme id (repeatable, or comma-separated).")]


@app.command("add-recommendation", epilog=EDIT_EPILOG)
def add_recommendation(
    rec_id: Annotated[str, typer.Argument(metavar="ID", help="A new id, such as R20.")],
    text: Annotated[str, typer.Option("--text", help="Its verbatim text.")],
    title: Annotated[str, typer.Option("--title", help="A short title for tables.")],
    to: Annotated[str, typer.Option("--to", help="council | safeguarding-board")] = "council",
    number: Annotated[int | None, typer.Option("--number", help="The report's number.")] = None,
    inspection: Annotated[str | None, typer.Option(
        "--inspection", help="The cycle that made it (needed once there are several).")] = None,
    theme: RecOpt = None,
    carries: Annotated[list[str] | None, typer.Option(
        "--carries-forward", help="An earlier item it carries on (repeatable, or "
        "comma-separated).")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Add a recommendation or an improvement point to recommendations.yaml."""
    from ofsted_trace.edit import additions

    if to not in ("council", "safeguarding-board"):
        fail(f"--to '{to}' is not allowed; use council or safeguarding-board")
    record = {"id": rec_id, "inspection": inspection, "number": number, "addressed_to": to,
              "title": title, "text": " ".join(text.split()), "themes": ids(theme),
              "carries_forward": ids(carries)}
    _edit(data, lambda: additions.add_recommendation(data, record), dry_run)


@app.command("add-visit", epilog=EDIT_EPILOG)
def add_visit(
    visit_id: Annotated[str, typer.Argument(metavar="ID", help="A new id, such as mv1.")],
    kind: Annotated[str, typer.Option(
        "--kind", help="inspection | monitoring-visit | focused-visit")],
    title: Annotated[str, typer.Option("--title", help="Its title.")],
    start: Annotated[str | None, typer.Option("--start", help="First day of fieldwork.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last day of fieldwork.")] = None,
    number: Annotated[int | None, typer.Option("--number", help="Its ordinal.")] = None,
    basis: Annotated[str | None, typer.Option(
        "--date-basis", help="What the dates rest on (needed without --start).")] = None,
    uncertain: Annotated[bool, typer.Option("--date-uncertain",
                                            help="The dates are inferred.")] = False,
    focus: Annotated[str | None, typer.Option("--focus", help="What it looked at.")] = None,
    judgement: Annotated[str | None, typer.Option(
        "--judgement", help="Ofsted's overall judgement, where one was given.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Add an inspection, monitoring or focused visit to visits.yaml."""
    from ofsted_trace.edit import additions
    from ofsted_trace.model.values import VisitKind

    if kind not in {k.value for k in VisitKind}:
        fail(f"--kind '{kind}' is not allowed; use one of "
             f"{', '.join(k.value for k in VisitKind)}")
    record = {"id": visit_id, "kind": kind, "number": number, "title": title, "start": start,
              "end": end, "date_uncertain": uncertain or None, "date_basis": basis,
              "focus": focus, "judgement": judgement}
    _edit(data, lambda: additions.add_visit(data, record), dry_run)


@app.command("add-theme", epilog=EDIT_EPILOG)
def add_theme(
    theme_id: Annotated[str, typer.Argument(metavar="ID", help="A new id, such as 1a.")],
    title: Annotated[str, typer.Option("--title", help="Its title.")],
    parent: Annotated[str | None, typer.Option("--parent", help="The parent theme.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Add an improvement-plan theme, or a sub-theme with --parent, to themes.yaml."""
    from ofsted_trace.edit import additions

    record = {"id": theme_id, "parent": parent, "title": title}
    _edit(data, lambda: additions.add_theme(data, record), dry_run)


@app.command("add-inspection", epilog=EDIT_EPILOG)
def add_inspection(
    cycle_id: Annotated[str, typer.Argument(metavar="ID", help="A new id: inspection-2024.")],
    visit: Annotated[str, typer.Option("--visit", help="The visit whose report made it.")],
    published: Annotated[str | None, typer.Option("--published", help="Its report's date.")]
    = None,
    framework: Annotated[str | None, typer.Option("--framework", help="SIF, ILACS, ...")] = None,
    judgement: Annotated[list[str] | None, typer.Option(
        "--judgement", metavar="AREA=GRADE", help="A judgement by area (repeatable): "
        "overall=inadequate.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Add an inspection cycle to recommendations.yaml."""
    from ofsted_trace.edit import additions

    graded = {}
    for pair in judgement or []:
        area, sep, grade = pair.partition("=")
        if not sep or not area.strip() or not grade.strip():
            fail(f"--judgement '{pair}': write AREA=GRADE, such as overall=inadequate")
        graded[area.strip()] = grade.strip()
    record = {"id": cycle_id, "visit": visit, "published": published, "framework": framework,
              "judgements": graded}
    _edit(data, lambda: additions.add_inspection(data, record), dry_run)



REANCHOR_EPILOG = ("Exit codes: 0 every quote still found (the new text pinned, or already); "
                   "1 some quote changed or gone, nothing written; 2 usage error, such as an "
                   "unknown document; 4 a file changed on disk while writing.")


@app.command(epilog=REANCHOR_EPILOG)
def reanchor(
    document: Annotated[str, typer.Argument(metavar="DOCUMENT", help="The document's id.")],
    old: Annotated[Path | None, typer.Option(
        "--old", help="The text its excerpts were made against. Default: the committed one "
        "(git HEAD), when it is the text the document pins.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Check a document's excerpts against its new text: unchanged, moved, changed or gone."""
    from ofsted_trace.edit import reanchor as anchor
    from ofsted_trace.render.safe import plain

    if old is not None:
        try:
            earlier: str | None = old.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read --old {old}: {exc}")
    else:
        earlier = anchor.earlier(data, document)
    found, digest = anchor.anchors(data, document, earlier)
    out("".join(f"{a.state:<10} {a.excerpt}{'  ' + plain(a.detail) if a.detail else ''}\n"
                for a in found))
    bad = [a for a in found if a.state in (anchor.CHANGED, anchor.GONE)]
    if bad:
        fail(f"{len(bad)} excerpt(s) of {document} changed or gone: correct their quotes to "
             "the new text (`trace check` shows each), then run reanchor again; nothing "
             "written", Exit.FINDINGS)
    _edit(data, lambda: anchor.pin(data, document, digest), dry_run)
