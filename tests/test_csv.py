"""`trace export --format csv`: one row per excerpt-recommendation link, ready for Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from ofsted_trace.render.csv import cell, links
from tests.conftest import Run


def rows_of(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_one_row_per_link(run: Run, minimal: Path) -> None:
    result = run("export", "--data", str(minimal), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = rows_of(result.stdout)
    pairs = [(r["excerpt"], r["recommendation"]) for r in rows]
    assert ("letter-002", "R2") in pairs
    assert ("letter-003", "") in pairs  # tied to no recommendation: one row, empty
    assert len(pairs) == len(set(pairs)) == 7
    first = next(r for r in rows if r["excerpt"] == "article-001")
    assert first == {
        "excerpt": "article-001", "recommendation": "B101", "document": "article",
        "document_title": "Council improving, says Ofsted", "document_date": "2018-01",
        "visit": "mv1", "voice": "ofsted", "stance": "progress", "themes": "",
        "quote": "beginning to make a difference", "note": ""}


def test_curly_quotes_commas_and_newlines_survive(run: Run, minimal: Path, tmp_path: Path) -> None:
    quote = "Leaders said, “we are ‘nearly’ there”,\nand managers agreed."
    path = minimal / "evidence" / "council.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["excerpts"][0]["quote"] = quote
    data["excerpts"][0]["recommendations"] = ["R3", "R2"]
    data["excerpts"][0]["note"] = "=HYPERLINK(\"http://x\")"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    source = minimal / "sources" / "council.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + quote + "\n", encoding="utf-8")
    out = tmp_path / "links.csv"
    result = run("export", "--data", str(minimal), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "\r\n" in raw.decode("utf-8")
    rows = [r for r in rows_of(raw.decode("utf-8")) if r["excerpt"] == "council-001"]
    assert [r["recommendation"] for r in rows] == ["R3", "R2"]
    assert all(r["quote"] == quote for r in rows)
    # A note that Excel would run as a formula is defused.
    assert rows[0]["note"] == "'=HYPERLINK(\"http://x\")"


def test_cell_defuses_formulas_only() -> None:
    assert cell("=1+1") == "'=1+1"
    assert cell("-2") == "'-2"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("plain, text") == "plain, text"
    assert cell(None) == "" and cell(3) == "3"


def test_cell_defuses_formulas_behind_whitespace_and_full_width_forms() -> None:
    # OWASP: a spreadsheet skips leading blanks, and reads the full-width forms as formulas.
    for text in (" =1+1", "\t=1", "  +1", " -2", "\u3000@SUM(A1)", "\uff1d1+1", "\uff0b1",
                 "\uff0d1", "\uff20SUM(A1)", " \uff1d1"):
        assert cell(text).startswith("'"), repr(text)
    assert cell(" plain") == " plain" and cell("a=b") == "a=b"


def test_links_from_a_hand_made_export() -> None:
    export = {"documents": [{"id": "d", "title": "T", "date": "2020"}],
              "evidence": [{"id": "e", "document": "d", "recommendations": [], "visit": None,
                            "voice": "council", "stance": "mixed", "themes": ["1", "2"],
                            "quote": "q", "note": None}]}
    rows = rows_of(links(export))
    assert rows == [{"excerpt": "e", "recommendation": "", "document": "d",
                     "document_title": "T", "document_date": "2020", "visit": "",
                     "voice": "council", "stance": "mixed", "themes": "1 2", "quote": "q",
                     "note": ""}]
