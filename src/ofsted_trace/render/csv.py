"""CSV for spreadsheets: UTF-8 with a byte-order mark, formulas neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ofsted_trace.render.safe import plain

_PIECE = 1 << 20  # characters per piece of chunks()
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
    return "".join(chunks(header, rows, bom=bom))


def chunks(header: Sequence[str], rows: Iterable[Sequence[Any]], *,
           bom: bool = True) -> Iterator[str]:
    """format()'s text in pieces of about a megabyte, for output too large to hold whole."""
    buf = io.StringIO()
    buf.write("\ufeff" if bom else "")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
        if buf.tell() >= _PIECE:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def gaps(rows: list[dict[str, Any]]) -> str:
    """Gaps, one per row."""
    keys = ["kind", "severity", "subject", "file", "message"]
    return format(keys, ([r[k] for k in keys] for r in rows))


def links(export: dict[str, Any]) -> str:
    """One row per excerpt-recommendation link (an excerpt tied to none gets one empty row)."""
    return "".join(link_chunks(export))


def link_chunks(export: dict[str, Any]) -> Iterator[str]:
    """links()'s text in pieces, each row made only as it is written."""
    docs = {d["id"]: d for d in export["documents"]}
    header = ["excerpt", "recommendation", "document", "document_title", "document_date",
              "visit", "voice", "stance", "themes", "quote", "note"]

    def rows() -> Iterator[list[Any]]:
        for ex in export["evidence"]:
            doc = docs.get(ex["document"], {})
            for rec in ex["recommendations"] or [""]:
                yield [ex["id"], rec, ex["document"], doc.get("title", ""),
                       doc.get("date", ""), ex["visit"] or "", ex["voice"], ex["stance"],
                       " ".join(ex["themes"]), ex["quote"], ex["note"] or ""]

    return chunks(header, rows())
