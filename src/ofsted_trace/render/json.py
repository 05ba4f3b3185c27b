"""JSON output: stable keys, sorted where order carries no meaning, UTF-8 kept readable."""

from __future__ import annotations

import json
import re
from typing import Any

# json escapes C0 controls itself; DEL, C1 controls and bidi overrides it leaves raw, and a
# terminal showing the JSON would obey them. As \uXXXX escapes the data is unchanged.
_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def format(rows: Any) -> str:
    """Serialise rows (lists and dicts of plain values) as indented JSON."""
    text = json.dumps(rows, indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
