"""Every id an entry names must exist, and be the right kind of record."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Pointer, Problem, error


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a problem for each reference that does not resolve."""
    for rec in ds.recommendations.values():
        origin = ds.origins[rec.id]
        for i, theme in enumerate(rec.themes):
            yield from ref(ds, ds.themes, "theme", theme, origin.file,
                            (*origin.pointer, "themes", i))
    for sub in ds.themes.values():
        if sub.parent is not None:
            origin = ds.origins[sub.id]
            yield from ref(ds, ds.themes, "theme", sub.parent, origin.file,
                            (*origin.pointer, "parent"))
    yield from _cycles(ds)
    for doc in ds.documents.values():
        origin = ds.origins[doc.id]
        for i, visit_id in enumerate(doc.reports):
            yield from ref(ds, ds.visits, "visit", visit_id, origin.file,
                            (*origin.pointer, "reports", i))
    visits, recs, themes = ds.visits, ds.recommendations, ds.themes
    for ex in ds.excerpts.values():
        # Nearly every excerpt resolves: test that first, without a generator per reference
        # (350,000 of them at national scale).
        if ((ex.visit is None or ex.visit in visits)
                and all(rec_id in recs for rec_id in ex.rec_ids)
                and all(theme in themes for theme in ex.themes)):
            continue
        origin = ds.origins[ex.id]
        if ex.visit is not None:
            yield from ref(ds, visits, "visit", ex.visit, origin.file,
                            (*origin.pointer, "visit"))
        for i, rec_id in enumerate(ex.rec_ids):
            yield from ref(ds, recs, "recommendation", rec_id, origin.file,
                            (*origin.pointer, "recommendations", i))
        for i, theme in enumerate(ex.themes):
            yield from ref(ds, themes, "theme", theme, origin.file,
                            (*origin.pointer, "themes", i))


def ref(ds: Dataset, table: Mapping[str, object], kind: str, ref: str, file: str,
         pointer: Pointer) -> Iterable[Problem]:
    if ref in table or f"{kind}s" in ds.incomplete:
        # A file that failed to load would make every reference to it look broken.
        return
    actual = ds.kind_of(ref)
    if actual is not None:
        yield error("wrong-kind", f"'{ref}' is a {actual}, not a {kind}", file, pointer, ref)
        return
    else:
        message = f"unknown {kind} '{ref}'"
        close = difflib.get_close_matches(ref, list(table), n=3)
        if close:
            message += f"; did you mean {', '.join(repr(c) for c in close)}?"
    yield error("unknown-reference", message, file, pointer, ref)


def _cycles(ds: Dataset) -> Iterable[Problem]:
    for theme in ds.themes.values():
        seen = {theme.id}
        parent = theme.parent
        while parent is not None and parent in ds.themes:
            if parent in seen:
                origin = ds.origins[theme.id]
                yield error("theme-cycle", f"theme '{theme.id}' is its own ancestor",
                            origin.file, (*origin.pointer, "parent"), theme.id)
                break
            seen.add(parent)
            parent = ds.themes[parent].parent
