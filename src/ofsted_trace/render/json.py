"""JSON output: stable keys, sorted where order carries no meaning, UTF-8 kept readable."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

# json escapes C0 controls itself; DEL, C1 controls and bidi overrides it leaves raw, and a
# terminal showing the JSON would obey them. As \uXXXX escapes the data is unchanged.
_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


_PIECE = 1 << 20  # characters per piece of chunks()


def _escaped(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def format(rows: Any) -> str:
    """Serialise rows (lists and dicts of plain values) as indented JSON."""
    return _escaped(json.dumps(rows, indent=2, ensure_ascii=False)) + "\n"


def chunks(rows: Any) -> Iterator[str]:
    """format()'s text in pieces of about a megabyte, for output too large to hold whole.

    The whole dataset's export is ~90 MB of JSON at 100,000 excerpts, and a Python string of
    it twice that; a piece can be escaped alone, as every unsafe match is one character.
    """
    held: list[str] = []
    size = 0
    for token in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(rows):
        held.append(token)
        size += len(token)
        if size >= _PIECE:
            yield _escaped("".join(held))
            held, size = [], 0
    yield _escaped("".join(held)) + "\n"
