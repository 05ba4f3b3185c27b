"""Commands that change the dataset without losing a byte, and start a new one."""

# No `from __future__ import annotations` here: typer would have to eval every option's
# annotation from a string at each start (~6 ms); a few TYPE_CHECKING names are quoted.

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ofsted_trace.cli.common import (
    DataOpt,
    app,
    fail,
    ids,
    out,
)
from ofsted_trace.errors import Exit

if TYPE_CHECKING:
    from ofsted_trace.edit.plan import Plan


DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show the diff; write nothing.")]
EDIT_EPILOG = ("Exit codes: 0 done (or nothing to change); 1 refused: the edit would add errors "
               "or the quote is not in the document, nothing written; 2 usage error, such as an "
               "unknown id; 4 a file changed on disk while editing, nothing written to it.")


def _choice(kind: str, value: str | None) -> str | None:
    from ofsted_trace.model import values

    enum = {"stance": values.Stance, "voice": values.Voice}[kind]
    if value is not None and value not in {m.value for m in enum}:
        fail(f"--{kind} '{value}' is not allowed; use one of {', '.join(m.value for m in enum)}")
    return value


def _edit(data: Path, make: Callable[[], "Plan"], dry_run: bool,
          hint: str = "dry run: nothing written; without --dry-run this would have:",
          brief: bool = False) -> NoReturn:
    """Plan an edit, validate it, then show it (--dry-run) or write it, and say what was done.

    A refused edit (TraceError) reaches the error boundary, which picks its exit code.
    """
    from ofsted_trace.edit import plan as plans
    from ofsted_trace.errors import NoDataset
    from ofsted_trace.render import safe, text

    if not data.is_dir():
        raise NoDataset(f"dataset directory {data} not found; pass --data DIR or set "
                        "OFSTED_TRACE_DATA")
    plan = make()
    done = "".join(f"{safe.plain(line)}\n" for line in plan.done)
    if plan.empty:
        out(done)
        raise typer.Exit(Exit.OK)
    added = plans.validate(plan)
    if added:
        sys.stderr.write(text.format(added))
        fail(f"refused: the edit would add {len(added)} error(s) to the dataset; nothing "
             "written", Exit.FINDINGS)
    if dry_run:
        out(safe.plain(plans.diff(plan, brief)))
        typer.echo(hint, err=True)
        typer.echo(done.rstrip("\n"), err=True)
        raise typer.Exit(Exit.OK)
    try:
        plans.commit(plan)
    except OSError as exc:
        fail(f"cannot write: {exc}", Exit.USAGE)
    out(done)
    raise typer.Exit(Exit.OK)


@app.command("add-document", epilog=EDIT_EPILOG)
def add_document(
    text_file: Annotated[Path, typer.Argument(
        metavar="FILE", help="The document: its plain text (UTF-8), or a PDF.")],
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
    """Copy a text (or a PDF's text) under sources/, register it, create its evidence file."""
    from ofsted_trace.edit import commands

    if primary is None:
        fail("say --primary (Ofsted's own text) or --secondary (anyone else's)")
    record = {"id": doc_id, "title": title, "publisher": publisher, "date": when,
              "date_uncertain": uncertain or None, "date_basis": basis, "primary": primary,
              "reports": reports or [], "url": url}
    _edit(data, lambda: commands.add_document(data, text_file, record), dry_run)


@app.command("add-excerpt", epilog=EDIT_EPILOG)
def add_excerpt(
    document: Annotated[str, typer.Argument(metavar="DOCUMENT", help="The document's id.")],
    quote: Annotated[str, typer.Option("--quote", help="Verbatim text from the document.")],
    stance: Annotated[str, typer.Option("--stance", help="progress | mixed | concern")],
    voice: Annotated[str, typer.Option("--voice", help="ofsted | ofsted-paraphrase | council")],
    visit: Annotated[str | None, typer.Option("--visit", help="The visit it reports.")] = None,
    rec: Annotated[list[str] | None, typer.Option(
        "--rec", help="A recommendation it bears on (repeatable, or comma-separated).")] = None,
    theme: Annotated[list[str] | None, typer.Option(
        "--theme", help="A theme it bears on directly (repeatable, or comma-separated).")]
    = None,
    note: Annotated[str | None, typer.Option("--note", help="A note for reviewers.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Add an excerpt, after finding its quote in the document; it gets the next free id."""
    from ofsted_trace.edit import commands

    fields = {"visit": visit, "voice": _choice("voice", voice),
              "stance": _choice("stance", stance), "recommendations": ids(rec),
              "themes": ids(theme), "note": note}
    _edit(data, lambda: commands.add_excerpt(data, document, quote, fields), dry_run)


ExcerptArg = Annotated[str, typer.Argument(metavar="EXCERPT", help="The excerpt's id.")]
RecsArg = Annotated[list[str], typer.Argument(metavar="REC...", help="Recommendation ids.")]


@app.command(epilog=EDIT_EPILOG)
def link(excerpt: ExcerptArg, recs: RecsArg, data: DataOpt = Path("data"),
         stance: Annotated[str | None, typer.Option(
             "--stance", help="This link's own stance: progress | mixed | concern. Default: "
             "the excerpt's.")] = None,
         dry_run: DryRunOpt = False) -> None:
    """Link an excerpt to recommendations, each link with --stance if it differs."""
    from ofsted_trace.edit import commands

    chosen = _choice("stance", stance)
    _edit(data, lambda: commands.link(data, excerpt, recs, chosen), dry_run)


@app.command(epilog=EDIT_EPILOG)
def unlink(excerpt: ExcerptArg, recs: RecsArg, data: DataOpt = Path("data"),
           dry_run: DryRunOpt = False) -> None:
    """Remove links from an excerpt to recommendations."""
    from ofsted_trace.edit import commands

    _edit(data, lambda: commands.unlink(data, excerpt, recs), dry_run)


@app.command("set", epilog=EDIT_EPILOG)
def set_(
    excerpt: ExcerptArg,
    stance: Annotated[str | None, typer.Option("--stance", help="progress | mixed | concern")]
    = None,
    voice: Annotated[str | None, typer.Option(
        "--voice", help="ofsted | ofsted-paraphrase | council")] = None,
    visit: Annotated[str | None, typer.Option("--visit", help="The visit it reports.")] = None,
    rec: Annotated[str | None, typer.Option(
        "--rec", help="Set --stance on the link to this recommendation only.")] = None,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Change an excerpt's stance, voice or visit, or one link's stance (--rec)."""
    from ofsted_trace.edit import commands

    if rec is not None:
        if stance is None or voice is not None or visit is not None:
            fail("--rec sets one link's stance: give --stance, and no --voice or --visit")
        chosen = _choice("stance", stance)
        _edit(data, lambda: commands.link(data, excerpt, [rec], chosen), dry_run)
    tags = {k: v for k, v in (("visit", visit), ("voice", _choice("voice", voice)),
                              ("stance", _choice("stance", stance))) if v is not None}
    if not tags:
        fail("say what to set: --stance, --voice or --visit")
    _edit(data, lambda: commands.set_tags(data, excerpt, tags), dry_run)


WRITE_EPILOG = "Exit codes: 0 written; 2 usage error, or the directory cannot be written."


@app.command(epilog=WRITE_EPILOG + " init refuses a directory that is not empty (2).")
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty directory.")],
    authority: Annotated[str, typer.Option("--authority", help="The council's name.")],
    bare: Annotated[bool, typer.Option(
        "--bare", help="No worked examples: ready for `trace import-report`.")] = False,
) -> None:
    """Create a new council's dataset: commented files, one worked example of each kind."""
    from ofsted_trace.edit import scaffold

    try:
        written = scaffold.init(folder, authority, bare)
    except OSError as exc:
        fail(f"cannot write in {folder}: {exc.strerror}")
    step = "import-report REPORT --write" if bare else "check"
    out("".join(f"wrote {p.as_posix()}\n" for p in written)
         + f"next: trace {step} --data {folder.as_posix()}\n")


@app.command("schema", epilog=WRITE_EPILOG)
def schema_(
    output: Annotated[Path, typer.Option("--output", help="Directory to write into.")] =
    Path(".schema"),
) -> None:
    """Write a JSON Schema for each YAML file kind, for editors such as VS Code."""
    from ofsted_trace.load import schema

    try:
        written = schema.write(output)
    except OSError as exc:
        fail(f"cannot write in {output}: {exc.strerror}")
    out("".join(f"wrote {p.as_posix()}\n" for p in written))

