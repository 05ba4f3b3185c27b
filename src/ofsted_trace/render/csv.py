"""CSV for spreadsheets: UTF-8 with a byte-order mark, formulas neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ofsted_trace.render.safe import plain

# A cell starting with one of these is run as a formula by Excel and its kin, even after
# blanks, and in their full-width forms too (OWASP's CSV injection guidance).
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value: Any) -> str:
    """A spreadsheet-safe cell: a formula character after any blanks is defused with a quote."""
    # Controls become visible escapes too: CSV is often read with cat as often as Excel.
    text = "" if value is None else plain(str(value))
    risky = text.startswith(_FORMULA) or text.lstrip().startswith(_FORMULA)
    return "'" + text if risky else text


def format(header: Sequence[str], rows: Iterable[Sequence[Any]], *, bom: bool = True) -> str:
    """Rows as CSV text, quoted as needed for commas and newlines."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return ("\ufeff" if bom else "") + buf.getvalue()


def gaps(rows: list[dict[str, Any]]) -> str:
    """Gaps, one per row."""
    keys = ["kind", "severity", "subject", "file", "message"]
    return format(keys, ([r[k] for k in keys] for r in rows))


def links(export: dict[str, Any]) -> str:
    """One row per excerpt-recommendation link (an excerpt tied to none gets one empty row)."""
    docs = {d["id"]: d for d in export["documents"]}
    header = ["excerpt", "recommendation", "document", "document_title", "document_date",
              "visit", "voice", "stance", "themes", "quote", "note"]
    rows = []
    for ex in export["evidence"]:
        doc = docs.get(ex["document"], {})
        for rec in ex["recommendations"] or [""]:
            rows.append([ex["id"], rec, ex["document"], doc.get("title", ""),
                         doc.get("date", ""), ex["visit"] or "", ex["voice"], ex["stance"],
                         " ".join(ex["themes"]), ex["quote"], ex["note"] or ""])
    return format(header, rows)
