"""A council's tracker read as rows: its header row found, columns recognised, values parsed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ofsted_trace.load.workbook import Value
from ofsted_trace.model.dates import MONTHS, PartialDate

SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "action id", "action ref", "action no", "action number"),
    "ref": ("ref", "reference", "ref no", "rec", "rec no", "rec ref", "recommendation ref",
            "recommendation no", "recommendation number", "no", "ofsted ref", "item"),
    "recommendation": ("recommendation", "recommendations", "ofsted recommendation",
                       "area for improvement", "recommendation text"),
    "action": ("action", "actions", "action to be taken", "actions to be taken",
               "what will be done", "planned action", "key actions"),
    "owner": ("lead", "owner", "lead officer", "responsible officer", "action owner",
              "responsible", "who"),
    "due": ("target date", "deadline", "due", "due date", "by when", "completion date",
            "target"),
    "rag": ("rag", "rag rating", "rag status", "rating"),
    "rag_date": ("rag date", "date rated", "rating date"),
    "rag_by": ("rag by", "rated by"),
    "status": ("status", "action status", "progress status", "progress"),
    "update": ("update", "commentary", "progress update", "comments", "latest update",
               "narrative"),
    "evidence": ("evidence", "evidence of impact", "evidence of progress"),
}
FIELDS = (*SYNONYMS, "ignore")
# Columns `trace export --format xlsx` writes that are worked out, never read back.
DERIVED = frozenset({"text", "inspection", "evidence status", "latest independent finding",
                     "schedule", "number of actions", "original date", "times moved",
                     "update date", "themes", "source"})
_RAG = {"r": "red", "red": "red", "a": "amber", "amber": "amber", "g": "green",
        "green": "green", "b": "blue", "blue": "blue", "complete": "blue", "completed": "blue"}
_STATUS = {
    "planned": ("planned", "not started", "not yet started", "to do", "not due"),
    "in-progress": ("in progress", "in-progress", "on track", "ongoing", "started", "underway",
                    "in hand", "behind", "delayed", "at risk", "off track"),
    "done": ("done", "complete", "completed", "closed", "achieved", "met"),
    "dropped": ("dropped", "cancelled", "canceled", "withdrawn", "superseded",
                "no longer required"),
}
_NO_DATE = frozenset({"", "tbc", "tba", "n a", "na", "ongoing", "none", "various"})
_MONTH = {m[:3].lower(): i for i, m in enumerate(MONTHS) if m}
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]{3,9})[\s-]+(\d{2}|\d{4})$")


def normal(text: object) -> str:
    """A header or value folded for comparison: lower case, no brackets, words only."""
    value = re.sub(r"[(\[].*?[)\]]", " ", str(text or "").lower()).replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9']+", " ", value).split())


def field_of(header: object, mapped: Mapping[str, str]) -> str | None:
    """The field a column holds: --map first, then the names trackers commonly use."""
    name = normal(header)
    if not name:
        return None
    if name in mapped:
        return mapped[name]
    if name in DERIVED:
        return "ignore"
    for field, names in SYNONYMS.items():
        if name in names:
            return field
    words = set(name.split())
    best = max(((len(s.split()), f) for f, names in SYNONYMS.items() for s in names
                if set(s.split()) <= words and len(words) <= len(s.split()) + 3),
               default=None)
    return best[1] if best else None


def header_row(rows: list[list[Value]], mapped: Mapping[str, str]) -> tuple[int, list[str | None]]:
    """The row (0-based) that names the most recognised columns, and each column's field."""
    best: tuple[int, int, list[str | None]] = (0, -1, [])
    for i, row in enumerate(rows[:30]):
        fields = [field_of(cell, mapped) for cell in row]
        known = {f for f in fields if f not in (None, "ignore")}
        if len(known) >= 2 and known & {"id", "ref", "recommendation", "action"} \
                and len(known) > best[0]:
            best = (len(known), i, fields)
    if best[1] < 0:
        raise ValueError("no header row names a reference, recommendation or action column "
                         "together with another known column; name them with --map")
    return best[1], best[2]


def parse_date(value: Value) -> PartialDate | None:
    """A target date as trackers type it: a date cell, 31/03/2019, March 2019, Mar-19, 2019."""
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, int | float) and 1900 <= value <= 2100 and value == int(value):
        return PartialDate(int(value))
    text = re.sub(r"^(?:by the end of|end of|by|end)\s+", "", str(value).strip().lower())
    if normal(text) in _NO_DATE:
        return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        pass
    if m := _DMY.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return PartialDate.parse(f"{year + 2000 if year < 100 else year:04d}-{month:02d}-{day:02d}")
    if (m := _WORDS.match(" ".join(text.replace(",", " ").split()))) and \
            m.group(2)[:3] in _MONTH:
        year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
        month = _MONTH[m.group(2)[:3]]
        dd = f"-{int(m.group(1)):02d}" if m.group(1) else ""
        return PartialDate.parse(f"{year:04d}-{month:02d}{dd}")
    raise ValueError(f"'{value}' is not a date")


def parse_rag(value: Value, labels: Mapping[str, str]) -> str | None:
    """A RAG cell: R, Red, Amber, G, Blue, Complete, or the board's own word for one."""
    text = normal(value)
    if not text:
        return None
    own = {normal(word): key for key, word in labels.items() if key in _RAG.values()}
    found = _RAG.get(text) or own.get(text)
    if found is None:
        raise ValueError(f"'{value}' is not a RAG rating (red, amber, green or blue)")
    return found


def parse_status(value: Value) -> str | None:
    """An action's status as trackers word it: Not started, On track, Complete, Cancelled."""
    text = normal(value).replace("-", " ")
    if not text:
        return None
    for status, words in _STATUS.items():
        if text in words or text.replace(" ", "-") == status:
            return status
    raise ValueError(f"'{value}' is not a status (planned, in progress, done or dropped)")


def refs(value: Value) -> list[str]:
    """The references in a Ref cell: 'R02, SB102', 'Rec 2 & 3', '7'."""
    text = re.sub(r"\b(?:recommendations?|recs?|ref|no|number)\b\.?", " ", str(value or ""),
                  flags=re.IGNORECASE)
    return [t.strip() for t in re.split(r"[,;/&+]|\band\b|\s+", text) if t.strip()]


@dataclass(frozen=True)
class Row:
    """One tracker row, by field, with its number in the sheet (1-based)."""

    number: int
    cells: dict[str, Value]

    def text(self, field: str) -> str:
        """A cell as one line of text ('' when empty)."""
        value = self.cells.get(field)
        return " ".join(str(value).split()) if value is not None else ""


def rows_of(sheet: list[list[Value]], mapped: Mapping[str, str]) -> list[Row]:
    """Every row under the header with something in it, section banners left out."""
    at, fields = header_row(sheet, mapped)
    out = []
    for i, row in enumerate(sheet[at + 1:], at + 2):
        cells: dict[str, Value] = {}
        for field, value in zip(fields, row, strict=False):
            if field not in (None, "ignore") and value not in (None, "") and field not in cells:
                cells[field] = value
        filled = [v for v in row if v not in (None, "")]
        if not cells or (len(filled) > 1 and len({str(v) for v in filled}) == 1):
            continue  # a blank row, or a banner merged across the row
        out.append(Row(i, cells))
    return out
