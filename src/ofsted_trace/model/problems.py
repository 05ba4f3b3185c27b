"""Problems found in a dataset, as frozen data gathered before anything is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# A pointer is the path of keys and list indexes to a value inside one YAML file.
Pointer = tuple[str | int, ...]


class Severity(StrEnum):
    """How bad a problem is: errors always fail a check, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; line and column are 1-based, or 0 when unknown."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col or 1}"
        return self.file


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the dataset: a code, where it is, and what to do about it."""

    code: str
    severity: Severity
    message: str
    location: Location
    subject: str = ""
    pointer: Pointer = field(default=(), compare=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position, then code."""
        return (self.location.file, self.location.line, self.location.col, self.code)


def error(code: str, message: str, file: str, pointer: Pointer = (), subject: str = "") -> Problem:
    """Build an error whose line is resolved later from its pointer."""
    return Problem(code, Severity.ERROR, message, Location(file), subject, pointer)


def warning(code: str, message: str, file: str, pointer: Pointer = (),
            subject: str = "") -> Problem:
    """Build a warning whose line is resolved later from its pointer."""
    return Problem(code, Severity.WARNING, message, Location(file), subject, pointer)
