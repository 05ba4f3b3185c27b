"""check, status and gaps as values: their options in, their output and exit code out.

The typer commands (read.py) and the fast path (fast.py) both answer through these, so both
key the whole-output cache alike and compute alike. No typer here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ofsted_trace.cli.shared import fail, found
from ofsted_trace.errors import Exit

if TYPE_CHECKING:
    from ofsted_trace.cache.store import Cache, Contents

Answer = tuple[str, int]
# Every file's hash by its path under the dataset, as the whole-output cache's key found them.
Files = dict[str, str]


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def check(data: Path, store: Cache | None, fmt: CheckFormat, strict: bool) -> Answer:
    """`trace check`: every problem in the format asked for; exit 1 on errors (or warnings)."""

    def compute(read: Contents, files: Files) -> Answer:
        result = found(data, store, read, files)
        # Only the format asked for is imported: views.py alone imports the judge (~0.2 s).
        if fmt is CheckFormat.json:
            from ofsted_trace.render import json, views
            out = json.format(views.problem_rows(result.problems))
        elif fmt is CheckFormat.github:
            from ofsted_trace.render import github
            out = github.format(result.problems)
        else:
            from ofsted_trace.render import text
            out = text.format(result.problems) or f"{data}: no problems\n"
        failed = result.errors or (strict and result.warnings)
        return out, Exit.FINDINGS if failed else Exit.OK

    return _answer("check", data, store, (fmt.value, strict), compute)


def status(data: Path, store: Cache | None, as_of: str | None, inspection: str | None,
           fmt: TableFormat) -> Answer:
    """`trace status`: one row per recommendation, in the format asked for."""

    def compute(read: Contents, files: Files) -> Answer:
        # Each format's renderer is imported only when it is the one asked for.
        from ofsted_trace.cli import judging

        rows, day = judging.status_rows(judging.Judging(data, store, read, files, as_of,
                                                        inspection))
        if fmt is TableFormat.json:
            from ofsted_trace.render import json
            return json.format(rows), Exit.OK
        if fmt is TableFormat.markdown:
            from ofsted_trace.render import markdown
            return markdown.status(rows, day.isoformat()), Exit.OK
        if fmt is TableFormat.csv:
            from ofsted_trace.render import csv
            keys = ["id", "number", "title", "independent", "council", "status", "claimed",
                    "schedule"]
            return csv.format(keys, ([r[k] for k in keys] for r in rows)), Exit.OK
        from ofsted_trace.render.terminal import plain_status

        # Without rich wherever that is certainly rich's layout: rich took 1.4-2.2 s to lay
        # out the 1,000 rows at 100k excerpts, the plain layout ~0.07 s.
        laid = plain_status.status(rows, sys.stdout, day.isoformat())
        return (laid if laid is not None else _rich_status(rows, day.isoformat())), Exit.OK

    return _answer("status", data, store, (as_of, fmt.value, inspection), compute)


def gaps(data: Path, store: Cache | None, kind: list[str] | None, as_of: str | None,
         inspection: str | None, stale_after: str, fmt: TableFormat, fail_on: str | None,
         limit: int) -> Answer:
    """`trace gaps`: the gaps by kind; exit 1 when one of a --fail-on kind exists."""
    from ofsted_trace.model.gapkinds import KINDS

    kinds = _kinds(kind) if kind else KINDS
    failing = set(KINDS) if fail_on == "any" else set(_kinds([fail_on] if fail_on else []))

    def compute(read: Contents, files: Files) -> Answer:
        from ofsted_trace.cli import judging

        rows, day = judging.gap_list(judging.Judging(data, store, read, files, as_of,
                                                     inspection, stale_after), kinds)
        if fmt is TableFormat.json:
            from ofsted_trace.render import json
            out = json.format(rows)
        elif fmt is TableFormat.markdown:
            from ofsted_trace.render import markdown
            out = markdown.gaps(rows, day.isoformat())
        elif fmt is TableFormat.csv:
            from ofsted_trace.render import csv
            out = csv.gaps(rows)
        else:
            from ofsted_trace.render.terminal import plain

            # Without rich wherever that is certainly rich's layout: importing rich and laying
            # the table out is ~0.1 s, about a sixth of a cold run on small data.
            laid = plain.gaps(rows, sys.stdout, day.isoformat(), limit)
            out = laid if laid is not None else _rich_gaps(rows, day.isoformat(), limit)
        return out, Exit.FINDINGS if any(row["kind"] in failing for row in rows) else Exit.OK

    return _answer("gaps", data, store, (inspection, kinds, as_of, stale_after, fmt.value,
                                          sorted(failing), limit), compute)


def _rich_status(rows: list[dict[str, Any]], as_of: str) -> str:
    from ofsted_trace.render.terminal import table

    return table.status(rows, table.detect(sys.stdout), as_of)


def _rich_gaps(rows: list[dict[str, Any]], as_of: str, limit: int) -> str:
    from ofsted_trace.render.terminal import table

    return table.gaps(rows, table.detect(sys.stdout), as_of, limit)


def _kinds(values: list[str]) -> tuple[str, ...]:
    from ofsted_trace.model.gapkinds import KINDS

    chosen = tuple(k.strip() for v in values for k in v.split(",") if k.strip())
    unknown = [k for k in chosen if k not in KINDS]
    if unknown:
        fail(f"unknown gap kind {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    return chosen


def _answer(command: str, data: Path, store: Cache | None, options: tuple[object, ...],
            compute: Callable[[Contents, Files], Answer]) -> Answer:
    """A read-only command's output and exit code; unchanged inputs are answered from cache.

    cache/output.py imports only the standard library, so a hit never imports pydantic or rich.
    """
    import gc

    from ofsted_trace.cache import output as results

    entry = results.Entry.for_run(command, data, options, store=store)
    hit = entry.recall() if entry is not None else None
    if hit is None:
        # Loading builds millions of objects and almost no cycles: the collector would rescan
        # them again and again (~0.4 s of a 100k run); peak memory is the same without it.
        gc.disable()
        try:
            # On a miss the loader takes the files the key has just read and hashed.
            hit = (compute(entry.contents, entry.files) if entry is not None
                   else compute({}, {}))
        finally:
            # Re-enabled as is, its first pass would scan every object made meanwhile again
            # (~0.2 s at 100k); frozen, they are out of its sight (refcounting still frees
            # them, and they hold no cycles).
            gc.freeze()
            gc.enable()
        if entry is not None:
            entry.remember(*hit)
    return hit
