"""A planned edit of a dataset: validated on a scratch copy, shown as a diff, written safely."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ofsted_trace.check import pipeline
from ofsted_trace.errors import Conflict, Refused
from ofsted_trace.fs import lock, regular
from ofsted_trace.fs.atomic import alive, sweep_stale, write_atomic
from ofsted_trace.fs.paths import Resolver
from ofsted_trace.load import texts
from ofsted_trace.model.problems import Location, Problem

# Scratch copies of the dataset are named <prefix><pid>-<random> in the temporary directory.
SCRATCH_PREFIX = "trace-edit-"
_SCRATCH = re.compile(rf"^{SCRATCH_PREFIX}(\d+)-")
# No file an edit touches may be larger than a document text (the largest the loader reads).
_LIMIT = texts.MAX_TEXT_BYTES


@dataclass(frozen=True)
class Change:
    """One file's new bytes, and the bytes it had when read (None: the file is new)."""

    rel: str
    old: bytes | None
    new: bytes


@dataclass(frozen=True)
class Plan:
    """Every file an edit changes, in the order they must be written, and what it did."""

    root: Path
    changes: tuple[Change, ...]
    done: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """True when the edit changes no file (it was already made)."""
        return not self.changes


def read(root: Path, rel: str) -> bytes:
    """Read a dataset file's bytes, as the snapshot a later write will compare against."""
    return regular.read(root / rel, _LIMIT)


def _key(problem: Problem, root: Path) -> tuple[str, str, str, str]:
    # Lines move when text is inserted, so problems are matched without their positions.
    file = problem.location.file.removeprefix(root.as_posix() + "/")
    return (problem.code, file, problem.subject, problem.message)


def validate(plan: Plan) -> tuple[Problem, ...]:
    """Check the dataset as the plan would leave it; return the errors it would add."""
    sweep_scratch()
    before = Counter(_key(p, plan.root) for p in pipeline.check(plan.root).errors)
    # The pid in the name lets a later edit remove the copy if this one is killed.
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(plan.root, copy, symlinks=True,
                        ignore=shutil.ignore_patterns(".git", ".*.tmp"))
        for change in plan.changes:
            target = copy / change.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(change.new)
        after = pipeline.check(copy).errors
        added = []
        for problem in after:
            key = _key(problem, copy)
            if before[key]:
                before[key] -= 1
                continue
            # The line is in the file as the edit would write it, which is not on disk: say
            # so, rather than point at a line that holds something else (or nothing).
            line = problem.location.line
            where = f" (line {line} of the file as the edit would write it)" if line else ""
            added.append(replace(problem, location=Location((plan.root / key[1]).as_posix(),
                                                            0, 0),
                                 message=problem.message + where))
    return tuple(added)


def diff(plan: Plan, brief: bool = False) -> str:
    """A unified diff of every change, as `git diff` would show it.

    brief: a new file that is not YAML (a document's text) is named, not shown line by line.
    """
    out = []
    for change in plan.changes:
        if brief and change.old is None and not change.rel.endswith(".yaml"):
            lines = change.new.count(b"\n") + (not change.new.endswith(b"\n"))
            out.append(f"new file {(plan.root / change.rel).as_posix()} ({lines} lines)\n")
            continue
        old = (change.old or b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = change.new.decode("utf-8", "replace").splitlines(keepends=True)
        name = (plan.root / change.rel).as_posix()
        before = "/dev/null" if change.old is None else f"a/{name}"
        for line in difflib.unified_diff(old, new, before, f"b/{name}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def sweep_scratch() -> list[Path]:
    """Remove the scratch copies of edits that were killed (their process is gone)."""
    removed = []
    base = Path(tempfile.gettempdir())
    for candidate in base.glob(f"{SCRATCH_PREFIX}*"):
        match = _SCRATCH.match(candidate.name)
        if match is None or alive(int(match.group(1))) or candidate.is_symlink():
            continue
        shutil.rmtree(candidate, ignore_errors=True)
        removed.append(candidate)
    return removed


def commit(plan: Plan) -> None:
    """Write each change atomically, refusing any file that changed since it was read.

    Under the dataset's lock, every file is first checked unchanged, then written, each one
    checked again just before its rename: no other edit can land in between, and a conflict
    leaves every file as it was. A file that is a link is written where it leads.
    """
    paths = Resolver(plan.root)
    targets = []
    for change in plan.changes:
        real = paths.under(change.rel)
        if real is None:
            raise Refused(f"{plan.root / change.rel} leads outside the dataset; nothing written")
        targets.append((real, change))
    with lock.held(plan.root):
        for real, change in targets:
            _guard(real, change.old)()
        for real, change in targets:
            sweep_stale(real)
            write_atomic(real, change.new, guard=_guard(real, change.old))


def _guard(path: Path, old: bytes | None) -> Callable[[], None]:
    digest = None if old is None else hashlib.sha256(old).hexdigest()

    def guard() -> None:
        if digest is None:
            if path.exists():
                raise Conflict(f"{path} appeared on disk while editing; nothing written to it")
            return
        try:
            now = hashlib.sha256(regular.read(path, _LIMIT)).hexdigest()
        except FileNotFoundError:
            now = None
        if now != digest:
            raise Conflict(f"{path} changed on disk since it was read; nothing written to it. "
                           "Run the command again on the new version.")

    return guard
