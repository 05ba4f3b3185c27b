"""Make data text harmless for a terminal: no escape sequences, no invisible controls."""

from __future__ import annotations

import re

# C0/C1 controls (keeping tab and newline) and bidi overrides that could reorder what is shown.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def line(text: str) -> str:
    """One line whatever the text holds: controls, tabs and line breaks as visible escapes."""
    # A line break in data (a bad id, a file name) must not start what looks like a new line.
    return plain(text).replace("\t", "\\t").replace("\n", "\\n")


def plain(text: str, *, newlines: bool = True) -> str:
    """Show control characters as visible escapes (ESC becomes \\x1b)."""
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text if newlines else " ".join(text.split())
