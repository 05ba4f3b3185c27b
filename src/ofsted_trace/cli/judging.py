"""status's rows and gaps' gaps: from the last judgement and what changed since, else whole.

Only what a change to a few evidence files touches is judged again (judge/delta.py); a whole
judgement is kept for the next run. judge/delta.py (and sqlite3) is imported only with a
cache. No typer here: the fast path answers through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ofsted_trace.cli import shared

if TYPE_CHECKING:
    from ofsted_trace.cache.store import Cache, Contents
    from ofsted_trace.check.delta import Baseline
    from ofsted_trace.judge.delta import Rejudged
    from ofsted_trace.judge.gaps.base import Context


@dataclass(frozen=True)
class Judging:
    """One judging run's inputs: the dataset, its cache, the files the key read, the options."""

    data: Path
    store: Cache | None
    read: Contents
    files: dict[str, str]
    as_of: str | None
    inspection: str | None
    stale_after: str = "12m"

    def command(self, name: str, *options: object) -> str:
        """The name the last judgement is kept under: command, options and today."""
        return repr((name, self.as_of, self.inspection, self.stale_after, options,
                     date.today().isoformat()))


def status_rows(run: Judging) -> tuple[list[dict[str, Any]], date]:
    """One row per recommendation, and the day they were judged at."""
    from ofsted_trace.render import views

    store, command = _store(run), run.command("status")
    quick = _rejudged(run, store, command)
    if store is not None and quick is not None:
        from ofsted_trace.judge import delta

        ctx = quick.context
        fresh = {row["id"]: row for row in views.status_rows(
            ctx.dataset, ctx.assessments, ctx.claims, ctx.schedules)}
        rows = [fresh.get(row["id"], row) for row in quick.last.outputs]
        delta.remember_change(store, quick, run.files, rows)
        return rows, ctx.as_of
    ctx, base = _whole(run)
    rows = views.status_rows(ctx.dataset, ctx.assessments, ctx.claims, ctx.schedules)
    if store is not None and base is not None:
        from ofsted_trace.judge import delta

        delta.remember(store, ctx, base, command, rows)
    return rows, ctx.as_of


def gap_list(run: Judging, kinds: tuple[str, ...]) -> tuple[list[dict[str, str]], date]:
    """The gaps of these kinds as rows, most serious kind first, and the day judged at."""
    from ofsted_trace.judge import gaps

    store, command = _store(run), run.command("gaps", kinds)
    quick = _rejudged(run, store, command)
    if store is not None and quick is not None:
        from ofsted_trace.judge import delta

        rows, kept = delta.merged_gaps(quick, kinds)
        delta.remember_change(store, quick, run.files, kept)
        return rows, quick.context.as_of
    ctx, base = _whole(run)
    found = gaps.run(ctx, kinds)
    if store is not None and base is not None:
        from ofsted_trace.judge import delta

        delta.remember(store, ctx, base, command,
                       delta.kept_gaps(found, delta.whole_order(ctx.dataset)))
    return [g.row() for g in found], ctx.as_of


def _rejudged(run: Judging, store: Cache | None, command: str) -> Rejudged | None:
    """The change since the last judgement by command, judged alone; None to judge whole."""
    if store is None:
        return None
    return shared.rejudged(run.data, store, run.read, run.files, command, run.as_of,
                           run.stale_after, run.inspection)


def _whole(run: Judging) -> tuple[Context, Baseline | None]:
    """The whole judgement; the texts are let go once checked (neither command reads them)."""
    return shared.analysed_whole(run.data, run.store, run.as_of, run.stale_after, run.read,
                                 run.inspection, run.files or None, texts=False)


def _store(run: Judging) -> Cache | None:
    """The cache a delta may use: only with the files the whole-output key read."""
    if not run.files:
        return None
    from ofsted_trace.cache.store import Cache

    store = Cache.beside(run.data) if run.store is None else run.store
    return store if store.keeps else None
