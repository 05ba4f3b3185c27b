"""Every id an entry names must exist, and be the right kind of record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from ofsted_trace.check import similar
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Pointer, Problem, error
from ofsted_trace.model.records import Excerpt


class Suggest:
    """Close matches for unknown ids: each table listed once, each unknown id matched once."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self._choices: dict[str, similar.Choices] = {}
        self._found: dict[tuple[str, str], list[str]] = {}

    def __call__(self, kind: str, table: Mapping[str, object], ref: str) -> list[str]:
        """Up to three ids of the kind most like ref."""
        if (kind, ref) not in self._found:
            if kind not in self._choices:
                self._choices[kind] = similar.choices(table)
            self._found[kind, ref] = similar.close(ref, self._choices[kind])
        return self._found[kind, ref]


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a problem for each reference of a listed record that does not resolve."""
    suggest = Suggest(ds)
    for rec in ds.recommendations.values():
        origin = ds.origins[rec.id]
        for i, theme in enumerate(rec.themes):
            yield from ref(suggest, ds.themes, "theme", theme, origin.file,
                            (*origin.pointer, "themes", i))
    for sub in ds.themes.values():
        if sub.parent is not None:
            origin = ds.origins[sub.id]
            yield from ref(suggest, ds.themes, "theme", sub.parent, origin.file,
                            (*origin.pointer, "parent"))
    yield from _cycles(ds)
    for doc in ds.documents.values():
        origin = ds.origins[doc.id]
        for i, visit_id in enumerate(doc.reports):
            yield from ref(suggest, ds.visits, "visit", visit_id, origin.file,
                            (*origin.pointer, "reports", i))


def check_excerpts(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> Iterator[Problem]:
    """The excerpts' part: each one's visit, recommendations and themes must resolve."""
    suggest = Suggest(ds)
    visits, recs, themes = ds.visits, ds.recommendations, ds.themes
    for ex, origin in excerpts:
        # Nearly every excerpt resolves: test that first, without a generator per reference
        # (350,000 of them at national scale).
        if ((ex.visit is None or ex.visit in visits)
                and all(rec_id in recs for rec_id in ex.rec_ids)
                and all(theme in themes for theme in ex.themes)):
            continue
        if ex.visit is not None:
            yield from ref(suggest, visits, "visit", ex.visit, origin.file,
                           (*origin.pointer, "visit"))
        for i, rec_id in enumerate(ex.rec_ids):
            yield from ref(suggest, recs, "recommendation", rec_id, origin.file,
                           (*origin.pointer, "recommendations", i))
        for i, theme in enumerate(ex.themes):
            yield from ref(suggest, themes, "theme", theme, origin.file,
                           (*origin.pointer, "themes", i))


def ref(suggest: Suggest, table: Mapping[str, object], kind: str, ref: str, file: str,
        pointer: Pointer) -> Iterable[Problem]:
    """Yield a problem when ref is not an id of table, with the closest ids it might mean."""
    ds = suggest.ds
    if ref in table or f"{kind}s" in ds.incomplete:
        # A file that failed to load would make every reference to it look broken.
        return
    actual = ds.kind_of(ref)
    if actual is not None:
        yield error("wrong-kind", f"'{ref}' is a {actual}, not a {kind}", file, pointer, ref)
        return
    else:
        message = f"unknown {kind} '{ref}'"
        close = suggest(kind, table, ref)
        if close:
            message += f"; did you mean {', '.join(repr(c) for c in close)}?"
    yield error("unknown-reference", message, file, pointer, ref)


def _cycles(ds: Dataset) -> Iterable[Problem]:
    """Every theme whose parent chain reaches a cycle, each chain walked once (memoised)."""
    cyclic: dict[str, bool] = {}
    for theme in ds.themes.values():
        if theme.id not in cyclic:
            _walk(ds, theme.id, cyclic)
        if cyclic[theme.id]:
            origin = ds.origins[theme.id]
            yield error("theme-cycle", f"theme '{theme.id}' is its own ancestor",
                        origin.file, (*origin.pointer, "parent"), theme.id)


def _walk(ds: Dataset, start: str, cyclic: dict[str, bool]) -> None:
    """Settle start and every theme above it: whether its chain reaches a cycle."""
    path: dict[str, None] = {}
    node: str | None = start
    while node is not None and node in ds.themes and node not in cyclic and node not in path:
        path[node] = None
        node = ds.themes[node].parent
    # Ends at the top, an unknown parent, a theme settled earlier, or one on this path (a cycle).
    verdict = node in path or (node is not None and cyclic.get(node, False))
    cyclic.update(dict.fromkeys(path, verdict))
