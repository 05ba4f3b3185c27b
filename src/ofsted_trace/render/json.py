"""JSON output: stable keys, sorted where order carries no meaning, UTF-8 kept readable."""

from __future__ import annotations

import json
from typing import Any


def format(rows: Any) -> str:
    """Serialise rows (lists and dicts of plain values) as indented JSON."""
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
