"""The project's one exception base, with the exit code each kind of failure ends with."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """Every exit code `trace` uses; README.md and each command's --help document them."""

    OK = 0
    FINDINGS = 1  # problems found, a --fail-on gap found, or an edit refused
    USAGE = 2  # a bad option or argument, an unknown id or revision, no dataset
    INVALID = 3  # the dataset has errors, so the command cannot run on it
    CONFLICT = 4  # an edited file changed on disk after it was read; nothing written
    INTERNAL = 5  # a bug in trace itself: an exception nobody expected


class TraceError(Exception):
    """A failure the user can act on: a one-line message and the exit code it ends with."""

    exit_code: Exit = Exit.USAGE


class UsageError(TraceError):
    """A bad argument, an unknown revision or a missing directory."""


class NoDataset(UsageError):
    """There is no dataset directory where one was named."""


class Refused(TraceError):
    """An edit refused before anything was written; usage=True for a bad argument."""

    exit_code = Exit.FINDINGS

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        if usage:
            self.exit_code = Exit.USAGE


class Conflict(TraceError):
    """A file changed on disk between reading it and writing it; nothing more was written."""

    exit_code = Exit.CONFLICT
