"""Commands that propose evidence from a document, and settle the proposals."""

# No `from __future__ import annotations` here: typer would have to eval every option's
# annotation from a string at each start (~6 ms); a few TYPE_CHECKING names are quoted.

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ofsted_trace.cli.common import DataOpt, app, fail, out, paused_gc, valid

# The edit pipeline every write shares: validated on a scratch copy, atomic, --dry-run.
from ofsted_trace.cli.write import DryRunOpt, _edit

if TYPE_CHECKING:
    from ofsted_trace.model.dataset import Dataset

SUGGEST_EPILOG = ("Exit codes: 0 shown (or written); 1 --write refused: the proposals would add "
                  "errors, nothing written; 2 usage error, such as an unknown document; 3 the "
                  "dataset (or rejected.yaml) has errors; 4 a file changed on disk while writing.")
DECIDE_EPILOG = ("Exit codes: 0 done; 1 refused: the edit would add errors, nothing written; 2 "
                 "usage error: an unknown id, or an excerpt that is not a proposal; 4 a file "
                 "changed on disk while editing, nothing written to it.")
DocArg = Annotated[str, typer.Argument(metavar="DOC", help="The document's id.")]


class ProposalFormat(StrEnum):
    table = "table"
    json = "json"


FormatOpt = Annotated[ProposalFormat, typer.Option("--format", help="Output format.")]


def _rejected(data: Path, document: str) -> list[str]:
    from ofsted_trace.load import rejections

    return [r.quote for r in rejections.read(data) if r.document == document]


@app.command(epilog=SUGGEST_EPILOG)
@paused_gc
def suggest(
    document: DocArg,
    limit: Annotated[int, typer.Option("--limit", min=1,
                                       help="Proposals per recommendation at most.")] = 3,
    fmt: FormatOpt = ProposalFormat.table,
    write: Annotated[bool, typer.Option(
        "--write", help="Append the proposals as excerpts marked `proposed: true`, and say "
        "what was written (with --dry-run: show the diff).")] = False,
    data: DataOpt = Path("data"),
    dry_run: DryRunOpt = False,
) -> None:
    """Propose evidence from a document: passages ranked against each recommendation."""
    from ofsted_trace.judge import suggest as core
    from ofsted_trace.render import json, proposals
    from ofsted_trace.render.terminal import proposals as tables
    from ofsted_trace.render.terminal.table import detect

    ds = valid(data).dataset
    found = core.propose(ds, document, _rejected(data, document), limit)
    if write or dry_run:
        _write(data, ds, document, found, dry_run)
    rows = proposals.proposal_rows(found)
    out(json.format(rows) if fmt is ProposalFormat.json else
        tables.suggestions(rows, detect(sys.stdout), document))


def _write(data: Path, ds: "Dataset", document: str, found: Any, dry_run: bool) -> None:
    """One excerpt per passage, linked to every recommendation it was proposed for."""
    from ofsted_trace.edit import proposals

    reports = ds.documents[document].reports
    by_passage: dict[int, Any] = {}
    for p in found:
        by_passage.setdefault(p.passage, []).append(p)
    new = [proposals.New(
        group[0].quote, str(group[0].stance), str(group[0].voice),
        reports[0] if len(reports) == 1 else None,
        tuple(p.recommendation for p in group if p.recommendation),
        f"Proposed by trace suggest (score {max(p.score for p in group):.1f}); "
        "accept or reject it.") for _, group in sorted(by_passage.items())]
    _edit(data, lambda: proposals.write(data, document, new), dry_run)


@app.command(epilog=SUGGEST_EPILOG)
def unmined(
    document: DocArg,
    fmt: FormatOpt = ProposalFormat.table,
    data: DataOpt = Path("data"),
) -> None:
    """The passages of a document that no excerpt quotes, concerns first."""
    from ofsted_trace.judge import suggest as core
    from ofsted_trace.render import json, proposals
    from ofsted_trace.render.terminal import proposals as tables
    from ofsted_trace.render.terminal.table import detect

    ds = valid(data).dataset
    rows = proposals.unmined_rows(core.unmined(ds, document, _rejected(data, document)))
    out(json.format(rows) if fmt is ProposalFormat.json else
        tables.unmined(rows, detect(sys.stdout), document))


IdsArg = Annotated[list[str], typer.Argument(metavar="ID...", help="Proposed excerpts' ids.")]


@app.command(epilog=DECIDE_EPILOG)
def accept(ids: IdsArg, data: DataOpt = Path("data"), dry_run: DryRunOpt = False) -> None:
    """Make proposals evidence: their `proposed: true` is removed."""
    from ofsted_trace.edit import proposals

    _edit(data, lambda: proposals.decide(data, ids, []), dry_run)


@app.command(epilog=DECIDE_EPILOG)
def reject(ids: IdsArg, data: DataOpt = Path("data"), dry_run: DryRunOpt = False) -> None:
    """Discard proposals, and remember their passages in rejected.yaml."""
    from ofsted_trace.edit import proposals

    _edit(data, lambda: proposals.decide(data, [], ids), dry_run)


@app.command(epilog=DECIDE_EPILOG)
def review(document: DocArg, data: DataOpt = Path("data"), dry_run: DryRunOpt = False) -> None:
    """Walk through a document's proposals: accept, reject, skip or quit at each."""
    from ofsted_trace.edit import proposals

    ds = valid(data).dataset
    pending = [ex for xid, ex in ds.excerpts.items()
               if ex.proposed and ds.excerpt_document[xid] == document]
    if document not in ds.documents:
        fail(f"no document has the id '{document}'")
    accepted: list[str] = []
    rejected: list[str] = []
    for n, ex in enumerate(pending, 1):
        links = ", ".join(f"{r} ({s})" for r, s in ex.links) or "none: an emerging finding"
        typer.echo(f"\n[{n}/{len(pending)}] {ex.id}  {ex.stance}, {ex.voice}; links: {links}")
        typer.echo(f"  “{' '.join(ex.quote.split())}”")
        answer = typer.prompt("accept, reject, skip or quit? [a/r/s/q]", default="s")
        choice = answer.strip().lower()[:1]
        if choice == "q":
            break
        if choice in ("a", "r"):
            (accepted if choice == "a" else rejected).append(ex.id)
    if not accepted and not rejected:
        out(f"no proposal of {document} decided; nothing changed\n")
        raise typer.Exit(0)
    _edit(data, lambda: proposals.decide(data, accepted, rejected), dry_run)
