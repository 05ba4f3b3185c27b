"""Commands for the action plan: add-action, set-action, rate and import-tracker."""

# No `from __future__ import annotations` here: typer would have to eval every option's
# annotation from a string at each start (~6 ms).

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ofsted_trace.cli.common import DataOpt, app, fail
from ofsted_trace.cli.write import EDIT_EPILOG, DryRunOpt, _edit

DateOpt = Annotated[str | None, typer.Option(
    "--date", metavar="DATE", help="When this was recorded: YYYY-MM-DD, YYYY-MM or YYYY. "
    "Default: today.")]
NoteOpt = Annotated[str | None, typer.Option("--note", help="What happened, in a sentence.")]


def _one_of(option: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        fail(f"{option} '{value}' is not allowed; use one of {', '.join(allowed)}")
    return value


def _date(option: str, value: str | None) -> str:
    """A partial date as written, checked; today when not given."""
    from ofsted_trace.model.dates import PartialDate

    if value is None:
        return date.today().isoformat()
    try:
        return str(PartialDate.parse(value))
    except ValueError as exc:
        fail(f"{option}: {exc}")


def _statuses() -> tuple[str, ...]:
    from ofsted_trace.model.actions import ActionStatus

    return tuple(s.value for s in ActionStatus)


@app.command("add-action", epilog=EDIT_EPILOG)
def add_action(
    text: Annotated[str, typer.Option("--text", help="What is to be done; verbatim from the "
                                      "plan where there is one.")],
    rec: Annotated[list[str] | None, typer.Option(
        "--rec", help="A recommendation or point it serves (repeatable).")] = None,
    theme: Annotated[list[str] | None, typer.Option("--theme", help="A theme (repeatable).")]
    = None,
    action_id: Annotated[str | None, typer.Option("--id", help="Its id. Default: A-NNN.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="A role, not a name.")] = None,
    due: Annotated[str | None, typer.Option("--due", help="Due date (day, month or year).")]
    = None,
    uncertain: Annotated[bool, typer.Option("--date-uncertain",
                                            help="The due date is inferred.")] = False,
    basis: Annotated[str | None, typer.Option("--date-basis",
                                              help="What the due date rests on.")] = None,
    source: Annotated[str | None, typer.Option(
        "--source", help="The document the text is quoted from (checked).")] = None,
    status: Annotated[str, typer.Option("--status", help="planned | in-progress | done | "
                                        "dropped")] = "planned",
    when: DateOpt = None,
    note: NoteOpt = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Add an action to the plan (actions.yaml), with its first history entry."""
    from ofsted_trace.edit import actions

    fields = {"id": action_id, "text": " ".join(text.split()), "source": source,
              "recommendations": rec or [], "themes": theme or [], "owner": owner,
              "due": _date("--due", due) if due else None, "date_uncertain": uncertain,
              "date_basis": basis}
    entry = {"date": _date("--date", when), "status": _one_of("--status", status, _statuses()),
             "note": note or "Added to the plan."}
    _edit(data, lambda: actions.add_action(data, fields, entry), dry_run)


@app.command("set-action", epilog=EDIT_EPILOG)
def set_action(
    action_id: Annotated[str, typer.Argument(metavar="ACTION", help="The action's id.")],
    status: Annotated[str | None, typer.Option(
        "--status", help="planned | in-progress | done | dropped (needs --note)")] = None,
    due: Annotated[str | None, typer.Option(
        "--due", help="A new due date (needs --reason); the first one is kept.")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it was rescheduled.")]
    = None,
    owner: Annotated[str | None, typer.Option("--owner", help="A new owner: a role.")] = None,
    when: DateOpt = None,
    note: NoteOpt = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Record an action's progress (a dated history entry), a new due date, or a new owner."""
    from ofsted_trace.edit import actions

    if status is None and due is None and owner is None:
        fail("say what to set: --status, --due or --owner")
    if status is not None and not note:
        fail("--status needs --note: say what happened")
    if (due is None) != (reason is None):
        fail("--due and --reason go together: a new date and why")
    entry = None
    if status is not None or due is not None:
        entry = {"date": _date("--date", when),
                 "status": _one_of("--status", status, _statuses()),
                 "due": _date("--due", due) if due else None, "reason": reason,
                 "note": note or f"Rescheduled: {reason}"}
    _edit(data, lambda: actions.set_action(data, action_id, entry, owner), dry_run)


@app.command("rate", epilog=EDIT_EPILOG)
def rate(
    rec: Annotated[str, typer.Argument(metavar="REC", help="The recommendation's id.")],
    rating: Annotated[str, typer.Argument(metavar="red|amber|green|blue",
                                          help="The rating; blue means complete.")],
    when: Annotated[str, typer.Option("--date", metavar="DATE",
                                      help="When it was given (day, month or year).")],
    by: Annotated[str, typer.Option("--by", help="board | officer")] = "officer",
    note: NoteOpt = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Record the council's own rating of a recommendation (ratings.yaml)."""
    from ofsted_trace.edit import actions

    record = {"recommendation": rec,
              "date": _date("--date", when),
              "rating": _one_of("the rating", rating, ("red", "amber", "green", "blue")),
              "by": _one_of("--by", by, ("board", "officer")),
              "note": " ".join(note.split()) if note else None}
    _edit(data, lambda: actions.rate(data, record), dry_run)


IMPORT_EPILOG = ("Exit codes: 0 imported (or nothing to change); 1 rows that could not be mapped "
                 "(without --allow-unmapped), or the import would add errors: nothing written; "
                 "2 usage error, or a file that is not a workbook; 3 the dataset has errors; "
                 "4 a file changed on disk while importing, nothing written to it.")


@app.command("import-tracker", epilog=IMPORT_EPILOG)
def import_tracker(
    workbook: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="The tracker.")],
    sheet: Annotated[str | None, typer.Option("--sheet", help="The sheet. Default: the first.")]
    = None,
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", metavar="COLUMN=FIELD", help="Read a column as a field (repeatable): id, ref, "
        "recommendation, action, owner, due, rag, rag_date, rag_by, status, update, evidence "
        "or ignore.")] = None,
    when: DateOpt = None,
    by: Annotated[str, typer.Option("--by", help="Who gave the RAG ratings: board | officer")]
    = "officer",
    allow_unmapped: Annotated[bool, typer.Option(
        "--allow-unmapped", help="Import the rows that map, and only list the others.")] = False,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Read a council's Excel action tracker into actions.yaml and ratings.yaml, all or nothing.

    Finds the header row, recognises common column names (Ref, Recommendation, Action, Lead,
    Owner, Target date, Deadline, RAG, Status, Update, Commentary, Evidence), copes with merged
    cells, blank rows and dates typed as text, and links each row to a recommendation by its
    reference or, failing that, by its text.
    """
    import sys

    from ofsted_trace.cli.common import valid
    from ofsted_trace.edit import tracker, tracker_rows
    from ofsted_trace.errors import Exit
    from ofsted_trace.load import workbook as books
    from ofsted_trace.render.safe import plain

    mapped = {}
    for item in mapping or []:
        column, _, field = item.partition("=")
        if field not in tracker_rows.FIELDS or not column:
            fail(f"--map '{item}': write COLUMN=FIELD, FIELD one of "
                 f"{', '.join(tracker_rows.FIELDS)}")
        mapped[tracker_rows.normal(column)] = field
    ds = valid(data).dataset
    name, cells = books.read(workbook, sheet)
    try:
        rows = tracker_rows.rows_of(cells, mapped)
    except ValueError as exc:
        fail(f"{workbook} (sheet '{plain(name)}'): {exc}")
    made, unmapped = tracker.plan(data, ds, rows, _date("--date", when),
                                  _one_of("--by", by, ("board", "officer")) or "officer")
    for miss in unmapped:
        sys.stderr.write(f"{plain(str(workbook))}: row {miss.row}: not mapped: "
                         f"{plain(miss.reason)}\n")
    if unmapped and not allow_unmapped:
        fail(f"{len(unmapped)} of {len(rows)} row(s) could not be mapped; nothing written "
             "(fix them, use --map, or pass --allow-unmapped)", Exit.FINDINGS)
    _edit(data, lambda: made, dry_run)
