"""Where each problem is: its file's line and column, from the parse's marks or the file itself."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ofsted_trace.cache import keys
from ofsted_trace.fs import regular
from ofsted_trace.load import yamlio
from ofsted_trace.load.reader import Reader
from ofsted_trace.model.problems import Location, Problem

# Problems about a key itself, rather than its value, point at the key.
_KEY_CODES = frozenset({"unknown-key"})


def place(root: Path, problems: list[Problem], reader: Reader) -> list[Problem]:
    """Give each problem its line and column, composing each file at most once.

    A file the reader did not keep is read again now, only to locate problems. One file's
    node tree is held at a time (a 250-excerpt file's is ~15 MB).
    """
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.location.file, []).append(problem)
    out = []
    for rel, found in by_file.items():
        marks = reader.marks.get(rel, {})
        placed = [(p, _known(p, marks)) for p in found]
        locator = _locator(root, rel, reader) if any(not at[0] for _, at in placed) else None
        for problem, (line, col) in placed:
            if not line and locator is not None:
                line, col = locator.find(problem.pointer, key=problem.code in _KEY_CODES)
            out.append(replace(problem, location=Location(rel, line, col)))
    return out


def _known(problem: Problem, marks: yamlio.Marks) -> tuple[int, int]:
    """A problem's place if it has one, or a whole record's start as parsing noted it."""
    if problem.location.line:
        return problem.location.line, problem.location.col
    return (0, 0) if problem.code in _KEY_CODES else _marked(marks, problem.pointer)


def _marked(marks: yamlio.Marks, pointer: tuple[str | int, ...]) -> tuple[int, int]:
    """Where a whole record starts, as the parse noted it; (0, 0) for any other pointer."""
    if len(pointer) == 2 and isinstance(pointer[0], str) and isinstance(pointer[1], int):
        starts = marks.get(pointer[0], [])
        if 0 <= pointer[1] < len(starts):
            return starts[pointer[1]]
    return (0, 0)


def _locator(root: Path, rel: str, reader: Reader) -> yamlio.Locator | None:
    if rel in reader.texts:
        return yamlio.Locator(reader.texts[rel])
    if not rel.endswith(".yaml") or Path(rel).is_absolute():
        return None
    path = root / rel
    if not path.resolve().is_relative_to(root.resolve()):
        return None  # never read a file outside the dataset, even just for a line number
    try:
        raw = regular.read(path, yamlio.MAX_BYTES)
        if rel in reader.digests and keys.digest(raw) != reader.digests[rel]:
            return None  # edited since it was loaded: its lines are not the ones checked
        return yamlio.Locator(yamlio.decode(raw))
    except (OSError, yamlio.YamlFault):
        return None
