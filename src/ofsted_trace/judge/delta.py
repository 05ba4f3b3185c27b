"""A few evidence files changed since the last whole judgement: judge again only what they touch.

Most edits change one evidence file: a stance, a link, a visit. The last whole judgement of the
same command and options is kept (cache/judged.py), with every evidence file's excerpts
(cache/excerpts.py). When only evidence files changed, each showing the others what it did
before (check/delta.py: its signature), only these are judged again:
- every item linked, before or after, from an excerpt that changed: its assessment, from all
  its linked excerpts, which the kept table gives without loading their files;
- the changed files' own findings (gap kinds of Scope.FINDING);
- the whole-dataset kinds (Scope.DATASET), from each file's kept summary and the changed
  files' new ones;
- the listing files' kinds (Scope.PLAN), which are cheap.
Every other row or gap is the last run's. The check is the check delta's, so an error anywhere
still stops the command. Anything else is judged whole. tests/test_judge_delta.py compares
both ways over many kinds of edit.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ofsted_trace.cache.excerpts import Excerpts, Head, head_of
from ofsted_trace.cache.judged import Judged, LastJudged
from ofsted_trace.cache.store import Cache
from ofsted_trace.check.delta import Baseline, changed_since, shows_the_same
from ofsted_trace.judge import assess, gaps, schedule
from ofsted_trace.judge.gaps.base import RANK, Context, Gap, Scope
from ofsted_trace.load import loader
from ofsted_trace.load.reader import Reader
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.records import Excerpt

# A gap as every format shows it (Gap.row).
Row = dict[str, str]


@dataclass(frozen=True)
class Rejudged:
    """What a change to a few evidence files touches, judged afresh, and the last judgement."""

    # Only the affected items' assessments, and only the changed files' findings.
    context: Context
    command: str
    last: Judged
    changed: tuple[str, ...]
    # The items an excerpt that changed links to, before or after.
    affected: frozenset[str]
    # Each record's place in file order, as the whole dataset has it.
    order: dict[str, int]
    # The whole-dataset kinds' summaries, the changed files' afresh.
    summaries: dict[str, dict[str, list[str]]]
    # The changed files' excerpts to keep: by the hash of their bytes.
    kept: dict[str, tuple[Head, list[bytes]]]


def rejudge(ds: Dataset, reader: Reader, store: Cache, files: dict[str, str], command: str,
            as_of: date, stale_after: tuple[int, int],
            inspection: str | None) -> Rejudged | None:
    """The change since the last judgement by command, judged alone; None to judge whole.

    ds and reader: what the check delta loaded (check/pipeline.py recheck).
    """
    last = LastJudged(store, str(ds.root.resolve()), command).recall()
    base = Baseline(last.files, last.signatures, last.texts) if last is not None else None
    changed = changed_since(ds.root, base, files) if base is not None else None
    if (last is None or base is None or changed is None
            or (inspection is not None and inspection not in ds.inspections)):
        return None
    loader.load_more(ds, reader, changed)
    mine = _by_file(ds, changed)
    if not shows_the_same(ds, reader, files, base, changed,
                          [pair for pairs in mine.values() for pair in pairs]):
        return None
    kept = {files[rel]: _kept(ds.evidence[rel], [ex for ex, _ in mine[rel]]) for rel in changed}
    table = Excerpts.open(store)
    if table is None:
        return None
    try:
        affected = _affected(table, [(last.files[rel], kept[files[rel]][0]) for rel in changed])
        others = {files[rel] for rel in last.signatures if rel not in changed}
        if (affected is None or not table.held() >= others
                or not _fetch(ds, table, others, affected & ds.recommendations.keys())):
            return None
    finally:
        table.close()
    return _judged(ds, command, last, tuple(changed), affected, mine, kept, as_of,
                   stale_after, inspection)


def _judged(ds: Dataset, command: str, last: Judged, changed: tuple[str, ...],
            affected: frozenset[str], mine: dict[str, list[tuple[Excerpt, Origin]]],
            kept: dict[str, tuple[Head, list[bytes]]], as_of: date,
            stale_after: tuple[int, int], inspection: str | None) -> Rejudged:
    """The partial context: the affected items assessed, the changed files' findings."""
    visible = assess.findings(ds, as_of, last.roots)
    own = {ex.id for pairs in mine.values() for ex, _ in pairs}
    found = {xid: f for xid, f in visible.items() if xid in own}
    actions = schedule.states(ds, as_of)
    ctx = Context(ds, as_of, stale_after, assess.assess(ds, as_of, visible, affected), found,
                  actions, schedule.schedules(ds, actions), schedule.claims(ds, as_of))
    if inspection is not None:
        ctx = gaps.narrowed(ctx, inspection, assess.assessable(ds, as_of))
    summaries = {kind: dict(by_file) for kind, by_file in last.summaries.items()}
    for kind, analysis in gaps.SUMMARISED.items():
        by_file = summaries.setdefault(kind, {})
        for rel in changed:
            made = analysis.summary(ds, [found[ex.id] for ex, _ in mine[rel] if ex.id in found])
            by_file.pop(rel, None)
            if made:
                by_file[rel] = sorted(made)
    # The listing files' records come first in either load, so their places are the same.
    order = {rid: i for i, (rid, origin) in enumerate(ds.origins.items())
             if origin.file not in ds.evidence}
    for rel in changed:
        order.update((ex.id, last.bases[rel] + i) for i, (ex, _) in enumerate(mine[rel]))
    return Rejudged(ctx, command, last, changed, affected, order, summaries, kept)


def _by_file(ds: Dataset, rels: list[str]) -> dict[str, list[tuple[Excerpt, Origin]]]:
    """The excerpts of these evidence files in ds, in file order, with their origins."""
    out: dict[str, list[tuple[Excerpt, Origin]]] = {rel: [] for rel in rels}
    for xid, origin in ds.origins.items():
        if origin.file in out and xid in ds.excerpts:
            out[origin.file].append((ds.excerpts[xid], origin))
    return out


def _kept(document: str, excerpts: list[Excerpt]) -> tuple[Head, list[bytes]]:
    """One file's excerpts as the table keeps them: each one's JSON, and the file's head."""
    bodies = [ex.model_dump_json().encode() for ex in excerpts]
    return head_of(document, [(ex.id, ex.rec_ids, body)
                              for ex, body in zip(excerpts, bodies, strict=True)]), bodies


def _affected(table: Excerpts, pairs: list[tuple[str, Head]]) -> frozenset[str] | None:
    """The items linked, before or after, from each excerpt whose JSON changed; None if a file's
    earlier excerpts are not kept."""
    out: set[str] = set()
    for digest, now in pairs:
        before = table.head(digest)
        if before is None or len(before.links) != len(now.links):
            return None
        for (_, was, old, _), (_, links, new, _) in zip(before.links, now.links, strict=True):
            if old != new:
                out.update(was, links)
    return frozenset(out)


def _fetch(ds: Dataset, table: Excerpts, digests: set[str], items: frozenset[str]) -> bool:
    """Add every kept excerpt of these files that links to one of items to ds; False if any
    is not kept, or not ours."""
    places = table.linked(items, digests)
    bodies = table.bodies(places) if places is not None else None
    if places is None or bodies is None:
        return False
    for place, body in zip(places, bodies, strict=True):
        ex = Excerpt.model_validate_json(body)
        ds.excerpts[ex.id] = ex
        ds.excerpt_document[ex.id] = place.document
    return True


def remember(store: Cache, ctx: Context, base: Baseline, command: str,
             outputs: list[Any]) -> None:
    """Keep a whole judgement, and every evidence file's excerpts, for the next run."""
    table = Excerpts.open(store)
    if table is None:
        return
    ds = ctx.dataset
    mine = _by_file(ds, list(ds.evidence))
    held = table.held()
    table.keep_only({base.files[rel] for rel in mine if rel in base.files})
    table.put((digest, *_kept(ds.evidence[rel], [ex for ex, _ in pairs]))
              for rel, pairs in mine.items()
              if (digest := base.files.get(rel)) is not None and digest not in held)
    table.close()
    # One pass, and no map of every record: this runs at the peak of a whole run's memory.
    bases: dict[str, int] = {}
    for i, origin in enumerate(ds.origins.values()):
        if origin.file in mine:
            bases.setdefault(origin.file, i)
    found = ctx.findings
    summaries: dict[str, dict[str, list[str]]] = {}
    for kind, analysis in gaps.SUMMARISED.items():
        by_file = summaries[kind] = {}
        for rel, pairs in mine.items():
            made = analysis.summary(ds, [found[ex.id] for ex, _ in pairs if ex.id in found])
            if made:
                by_file[rel] = sorted(made)
    LastJudged(store, str(ds.root.resolve()), command).remember(
        Judged(base.files, base.signatures, base.texts, assess.copies_of(ds), bases,
               summaries, outputs))


def remember_change(store: Cache, quick: Rejudged, files: dict[str, str],
                    outputs: list[Any]) -> None:
    """Keep the judgement a change made, and the changed files' excerpts, for the next run."""
    table = Excerpts.open(store)
    if table is None:
        return
    table.put([(digest, head, bodies) for digest, (head, bodies) in quick.kept.items()])
    # The files as they are and as this judgement last saw them: so a file keeps at most two
    # versions however long the edits go on without a whole run (another command's last
    # judgement may need an older one, and is then judged whole once).
    table.keep_only({*files.values(), *quick.last.files.values()})
    table.close()
    LastJudged(store, str(quick.context.dataset.root.resolve()), quick.command).remember(
        replace(quick.last, files=files, summaries=quick.summaries, outputs=outputs))


def whole_order(ds: Dataset) -> dict[str, int]:
    """Each record's place in file order, as gaps.run sorts by it."""
    return {rid: i for i, rid in enumerate(ds.origins)}


def kept_gaps(found: list[Gap], order: Mapping[str, int]) -> list[tuple[int, int, int, Row]]:
    """Gaps as the judgement keeps them: each row behind its place in the order of gaps.run."""
    rank = {kind: i for i, kind in enumerate(gaps.KINDS)}
    return [(rank[g.kind], RANK[g.severity], order.get(g.subject, 0), g.row()) for g in found]


def merged_gaps(quick: Rejudged,
                kinds: tuple[str, ...]) -> tuple[list[Row], list[tuple[int, int, int, Row]]]:
    """The last run's gaps with those the change touches found again, as rows; and as kept."""
    summaries = {kind: set().union(*map(set, by_file.values()))
                 for kind, by_file in quick.summaries.items()}
    fresh = gaps.run(quick.context, kinds, quick.order, summaries)
    changed, affected = set(quick.changed), quick.affected
    # The kept rows are of this code's shape: the entry's key holds the source's hash.
    entries = [entry for entry in quick.last.outputs
               if not _redone(gaps.SCOPES[entry[3]["kind"]], entry[3], changed, affected)]
    entries.extend(kept_gaps(fresh, quick.order))
    # Stable: a subject's gaps of one kind all come from one side, in the order made.
    entries.sort(key=operator.itemgetter(0, 1, 2))
    return [entry[3] for entry in entries], entries


def _redone(scope: Scope, row: Row, changed: set[str], affected: frozenset[str]) -> bool:
    """Whether a kept gap is one the change may have made different, so found again."""
    if scope is Scope.ITEM:
        return row["subject"] in affected
    if scope is Scope.FINDING:
        return row["file"] in changed
    return True
