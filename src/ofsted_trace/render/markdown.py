"""GitHub-flavoured markdown: every piece of data text escaped, tables kept in shape."""

from __future__ import annotations

import re
from typing import Any

from ofsted_trace.render.safe import plain
from ofsted_trace.render.views import by_inspection

# Characters that are markup anywhere in a line; others only matter at its start.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LEADING = re.compile(r"^(#|[-+=>])")
_ORDINAL = re.compile(r"^(\d+)([.)])")


def esc(text: Any) -> str:
    """Escape data text for markdown: no HTML, no markup, one line, pipes kept in their cell."""
    value = plain(str(text), newlines=False)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    value = _LEADING.sub(r"\\\1", value)
    return _ORDINAL.sub(r"\1\\\2", value)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def anchor(text: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return slug.replace(" ", "-")


def gaps(rows: list[dict[str, Any]], as_of: str) -> str:
    """Gaps as a markdown section, grouped by kind with counts."""
    out = [f"## Gaps at {esc(as_of)}\n"]
    if not rows:
        return out[0] + "\nNo gaps.\n"
    kinds: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], []).append(row)
    out.append(table(["kind", "count"], [[f"`{k}`", str(len(v))] for k, v in kinds.items()]))
    for kind, group in kinds.items():
        out.append(f"### {esc(kind)} ({len(group)})\n")
        out.append(table(["severity", "subject", "finding"],
                         [[esc(r["severity"]), esc(r["subject"]), esc(r["message"])]
                          for r in group]))
    return "\n".join(out)


def status(rows: list[dict[str, Any]], as_of: str) -> str:
    """The status table as markdown: one table per inspection cycle."""
    groups = by_inspection(rows)
    if len(groups) == 1:
        return _status(rows, f"Recommendations at {esc(as_of)}")
    return "\n".join(_status(group, f"{esc(str(cycle))}: recommendations at {esc(as_of)}")
                     for cycle, group in groups)


def _status(rows: list[dict[str, Any]], heading: str) -> str:
    body = []
    for r in rows:
        last = r["latest"]
        latest = "—" if last is None else esc(
            f"{last['date']} {last['visit'] or last['occasion']} {last['stance']}")
        body.append([esc(r["id"]), esc(r["title"]), esc(", ".join(r["themes"])),
                     str(r["independent"]), str(r["council"]), latest, f"`{r['status']}`",
                     f"`{r['claimed']}`" if r.get("claimed") else "—",
                     f"`{r.get('schedule', 'no-actions')}`"])
    return f"## {heading}\n\n" + table(
        ["id", "title", "themes", "independent", "council", "latest independent", "status",
         "claimed", "schedule"], body)
