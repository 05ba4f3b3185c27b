"""Text splices of a YAML file, new records rendered as text, and the checks every edit passes.

Pure text and the project's own reader (yamlio): what the edited file will read as is decided by
the same loader `trace check` uses, never assumed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ofsted_trace.errors import Refused
from ofsted_trace.load import yamlio

_WRAP = 96  # a folded quote is wrapped at this column, like the bundled data
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")  # a bare year would read as a number
_FOLDED = frozenset({"quote", "text", "date_basis"})  # long prose, folded like the bundled data


class EditFault(Refused):
    """An edit that cannot be made safely; the message says why."""


@dataclass(frozen=True)
class Splice:
    """Replace text[start:end] with new."""

    start: int
    end: int
    new: str


def scalar(value: str, *, flow: bool = False) -> str:
    """Render a string as a one-line YAML scalar: plain when the project reads it back the same.

    flow: the scalar goes inside [...], where commas and brackets end a plain scalar.
    """
    probe = f"k: [{value}]" if flow else f"k: {value}"
    want = {"k": [value] if flow else value}
    if value and "\n" not in value:
        try:
            if yamlio.parse(probe) == want:
                return value
        except yamlio.YamlFault:
            pass
    # A JSON string is a valid YAML double-quoted scalar, on one line.
    return json.dumps(value, ensure_ascii=False)


def apply(text: str, splices: Sequence[Splice]) -> str:
    """Apply non-overlapping splices to text."""
    for s in sorted(splices, key=lambda s: s.start, reverse=True):
        text = text[:s.start] + s.new + text[s.end:]
    return text


def line_start(text: str, index: int) -> int:
    """Index of the start of the line holding text[index]."""
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """Index just past the newline ending the line that holds text[index - 1]."""
    if index > 0 and text[index - 1] == "\n":
        return index
    stop = text.find("\n", index)
    return len(text) if stop == -1 else stop + 1


def splice_lines(text: str, splice: Splice) -> tuple[int, int]:
    """The 0-based line range [first, last) of the original text that a splice replaces."""
    first = text.count("\n", 0, splice.start)
    last = text.count("\n", 0, splice.end)
    return first, last + (0 if splice.end == line_start(text, splice.end) else 1)


def verify(name: str, old_text: str, new_text: str, expected: Any, first: int,
           last: int) -> None:
    """Refuse an edit unless it reads back as expected and lines outside first..last are intact.

    first and last are 0-based line numbers of the original text, last exclusive.
    """
    try:
        got = yamlio.parse(new_text)
    except yamlio.YamlFault as fault:
        raise EditFault(f"{name}: the edit would not be valid YAML ({fault.message}); "
                        "nothing written") from None
    if got != expected:
        raise EditFault(f"{name}: the edit would not read back as intended; nothing written")
    old, new = old_text.splitlines(keepends=True), new_text.splitlines(keepends=True)
    tail = len(old) - last
    if old[:first] != new[:first] or (tail and old[last:] != new[len(new) - tail:]) \
            or len(new) < first + tail:
        raise EditFault(f"{name}: the edit would disturb lines outside the record; "
                        "nothing written")


def is_date(value: str) -> bool:
    """True for a day or month date, which YAML reads back as the same text unquoted."""
    return bool(_DATE.match(value))


def record_block(record: dict[str, Any], dash_col: int, key_col: int,
                 raw: frozenset[str] = frozenset()) -> str:
    """Render a new record as a block-sequence item; keys in raw are written as given."""
    lines = []
    for i, (key, value) in enumerate(record.items()):
        lead = " " * dash_col + "- " + " " * (key_col - dash_col - 2) if i == 0 else " " * key_col
        if isinstance(value, bool):
            lines.append(f"{lead}{key}: {'true' if value else 'false'}")
        elif key in raw and isinstance(value, list):
            # Items already rendered (an action's history): one block item per line.
            lines.append(f"{lead}{key}:")
            lines += [" " * (key_col + 2) + f"- {item}" for item in value]
        elif key in raw or isinstance(value, int):
            lines.append(f"{lead}{key}: {value}")
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines += [f"{' ' * (key_col + 2)}{scalar(str(k))}: {scalar(str(v))}"
                      for k, v in value.items()]
        elif key == "furniture" and value:
            lines += [f"{lead}{key}:", *(f"{' ' * (key_col + 2)}- {_single(str(v))}"
                                        for v in value)]
        elif isinstance(value, list):
            items = ", ".join(scalar(str(v), flow=True) for v in value)
            lines.append(f"{lead}{key}: [{items}]")
        elif key in _FOLDED and len(lead) + len(key) + 2 + len(value) > _WRAP:
            lines.append(f"{lead}{key}: {_folded(value, key_col + 2)}")
        else:
            lines.append(f"{lead}{key}: {scalar(str(value))}")
    return "".join(f"{line}\n" for line in lines)


def _single(value: str) -> str:
    """A regular expression single-quoted, where a backslash is itself (as format.md shows)."""
    return "'" + value.replace("'", "''") + "'" if value.isprintable() else scalar(value)


def _folded(value: str, indent: int) -> str:
    """A long one-line text as a `>-` folded scalar, or one quoted line if folding is unsafe."""
    words = value.split(" ")
    if value != " ".join(value.split()) or not value.isprintable() or "" in words:
        return scalar(value)
    lines, line = [], ""
    for word in words:
        if line and indent + len(line) + 1 + len(word) > _WRAP:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "\n".join(" " * indent + part for part in lines)
