"""Excel both ways: export --format xlsx, import-tracker on a messy tracker, and the round trip."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ofsted_trace.edit import tracker_rows
from ofsted_trace.load import yamlio
from ofsted_trace.model.dates import PartialDate
from ofsted_trace.render import xlsx
from tests.conftest import Run
from tests.fixtures import make_tracker
from tests.fixtures.make_tracker import HOSTILE
from tests.test_workbook import read_back


def yaml_bytes(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.glob("*.yaml"))}


def export(run: Run, root: Path, out: Path) -> Path:
    result = run("export", "--data", str(root), "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_round_trip_export_then_import_changes_nothing(run: Run, barnet: Path,
                                                       tmp_path: Path) -> None:
    # Give the plan a rating, a done action and a reschedule first, so there is something to
    # carry both ways.
    for args in (["rate", "R07", "green", "--date", "2019-01", "--by", "board", "--note", "=1"],
                 ["set-action", "A-MASH-1", "--status", "done", "--note", "Done", "--date",
                  "2019-02"],
                 ["set-action", "A-DA-2", "--due", "2019-09", "--reason", "staff", "--date",
                  "2019-02"]):
        assert run(*args, "--data", str(barnet)).exit_code == 0
    before = yaml_bytes(barnet)
    book = export(run, barnet, tmp_path / "out.xlsx")
    for sheet in ("recommendations", "actions"):
        result = run("import-tracker", str(book), "--sheet", sheet, "--data", str(barnet))
        assert result.exit_code == 0, result.output
        assert "nothing changed" in result.stdout
    assert yaml_bytes(barnet) == before


def test_export_sheets_are_literal_frozen_filtered_and_dated(run: Run, barnet: Path,
                                                             tmp_path: Path) -> None:
    assert run("rate", "R07", "green", "--date", "2019-01", "--by", "board", "--note",
               "=HYPERLINK(\"http://evil\")", "--data", str(barnet)).exit_code == 0
    book_path = export(run, barnet, tmp_path / "out.xlsx")
    with zipfile.ZipFile(book_path) as zipped:
        sheets = [zipped.read(n).decode() for n in zipped.namelist()
                  if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 4
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets)  # no formula at all
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["recommendations", "actions", "evidence", "gaps"]
    for ws in book:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
    recs = book["recommendations"]
    r07 = next(row for row in recs.iter_rows(min_row=2) if row[0].value == "R07")
    assert r07[6].value == "green" and r07[6].fill.start_color.rgb.endswith("B7E1B0")
    assert r07[9].value == "=HYPERLINK(\"http://evil\")" and r07[9].data_type == "s"
    for cell in (r07[7], book["actions"].cell(2, 5)):  # R07's rating; A-EH-1 due March 2019
        assert isinstance(cell, openpyxl.cell.cell.Cell)
        assert cell.is_date and cell.number_format == "mmm yyyy"


def test_a_large_export_written_by_a_second_process_is_the_same_workbook(
        run: Run, barnet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("rate", "R07", "green", "--date", "2019-01", "--by", "board", "--note",
               f"<r>{HOSTILE}</r>", "--data", str(barnet)).exit_code == 0
    here = export(run, barnet, tmp_path / "here.xlsx").read_bytes()
    monkeypatch.setattr(xlsx, "SEPARATE", 1)  # as if the bundled data were large
    separate = export(run, barnet, tmp_path / "separate.xlsx").read_bytes()
    assert read_back(separate) == read_back(here)


def test_a_redacted_export_masks_what_it_shows(run: Run, barnet: Path, tmp_path: Path) -> None:
    recs = barnet / "recommendations.yaml"
    recs.write_text(recs.read_text(encoding="utf-8").replace(
        "title: Core social work practice", "title: Core practice, jo.bloggs@example.org", 1),
        encoding="utf-8")
    result = run("export", "--data", str(barnet), "--format", "xlsx", "--redact", "-o",
                 str(tmp_path / "out.xlsx"))
    assert result.exit_code == 0, result.output
    titles = [row[1] for row in openpyxl.load_workbook(tmp_path / "out.xlsx")[
        "recommendations"].iter_rows(min_row=2, values_only=True)]
    assert "Core practice, jo.bloggs@example.org" not in titles
    assert any(isinstance(t, str) and t.startswith("Core practice, ") for t in titles)


def tracker(tmp_path: Path) -> Path:
    return make_tracker.build(tmp_path / "tracker.xlsx")


def test_unmapped_rows_are_listed_and_nothing_is_written(run: Run, barnet: Path,
                                                         tmp_path: Path) -> None:
    before = yaml_bytes(barnet)
    result = run("import-tracker", str(tracker(tmp_path)), "--data", str(barnet))
    assert result.exit_code == 1
    assert f"row {make_tracker.ROW_R99}: not mapped: reference 'R99'" in result.stderr
    assert f"row {make_tracker.ROW_R13}: not mapped: 'next spring' is not a date" in result.stderr
    assert "2 of 6 row(s) could not be mapped; nothing written" in result.stderr
    assert yaml_bytes(barnet) == before


def test_a_messy_tracker_imports_with_every_hostile_text_kept_literally(
        run: Run, barnet: Path, tmp_path: Path) -> None:
    result = run("import-tracker", str(tracker(tmp_path)), "--data", str(barnet), "--date",
                 "2018-11", "--allow-unmapped")
    assert result.exit_code == 0, result.output
    actions = {a["id"]: a for a in yamlio.read_file(barnet / "actions.yaml")["actions"]}
    # The row with Barnet's own words updates A-MASH-1: a status, and a new owner.
    mash = actions["A-MASH-1"]
    assert mash["history"][-1] == {"date": "2018-11", "status": "in-progress",
                                   "note": f"Contacts up 10% {HOSTILE} Evidence: =SUM(A1:A9) "
                                           f"{HOSTILE}"}
    assert mash["due"] == "2019-03" and mash["owner"] == f"Head of MASH {HOSTILE}"
    # The merged Ref cell gives the second action its recommendation; dates typed as text.
    new = [a for aid, a in actions.items() if aid.startswith("A-0")]
    assert [(a["recommendations"], a["due"]) for a in new] == [
        (["R02"], "2019-06-30"), (["R07"], "2019-03"), (["R07"], "2019-06")]
    assert new[0]["text"] == f"+Weekly threshold audit {HOSTILE}"
    ratings = yamlio.read_file(barnet / "ratings.yaml")["ratings"]
    assert [(r["recommendation"], r["rating"]) for r in ratings] == [("R02", "amber"),
                                                                     ("R07", "green")]
    check = run("check", "--strict", "--data", str(barnet))
    assert check.exit_code == 0, check.output
    html = run("report", "--data", str(barnet), "--format", "html").stdout
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_import_that_would_add_errors_writes_nothing(run: Run, barnet: Path,
                                                        tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Action ID", "Ref", "Action"])
    ws.append(["A-NEW", "R01", "Fine"])
    ws.append(["sa-2018-001", "R02", "Its id is an excerpt's"])  # duplicate-id across kinds
    book.save(tmp_path / "t.xlsx")
    before = yaml_bytes(barnet)
    result = run("import-tracker", str(tmp_path / "t.xlsx"), "--data", str(barnet))
    assert result.exit_code == 1 and "duplicate-id" in result.output
    assert yaml_bytes(barnet) == before


def test_map_names_a_column_the_tracker_words_its_own_way(run: Run, barnet: Path,
                                                          tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Ofsted rec", "Workstream", "Accountable"])
    ws.append(["R05", "Strategy discussion audit", "Head of Service"])
    book.save(tmp_path / "t.xlsx")
    plain = run("import-tracker", str(tmp_path / "t.xlsx"), "--data", str(barnet))
    assert plain.exit_code == 2 and "no header row" in plain.stderr
    mapped = run("import-tracker", str(tmp_path / "t.xlsx"), "--data", str(barnet), "--map",
                 "Ofsted rec=ref", "--map", "Workstream=action", "--map", "Accountable=owner",
                 "--date", "2019-01")
    assert mapped.exit_code == 0, mapped.output
    assert "added action A-001" in mapped.stdout


@pytest.mark.parametrize(("header", "field"), [
    ("Ref.", "ref"), ("Lead Officer / Owner", "owner"), ("Target Date\n(dd/mm/yy)", "due"),
    ("RAG Status (R/A/G/B)", "rag"), ("Update / Commentary", "update"), ("Deadline", "due"),
    ("Evidence of impact", "evidence"), ("Progress", "status"), ("Key actions", "action"),
    ("Evidence status", "ignore"), ("Colour", None)])
def test_common_column_names_are_recognised(header: str, field: str | None) -> None:
    assert tracker_rows.field_of(header, {}) == field


@pytest.mark.parametrize(("typed", "date"), [
    ("31/03/2019", PartialDate(2019, 3, 31)), ("31/3/19", PartialDate(2019, 3, 31)),
    ("March 2019", PartialDate(2019, 3)), ("Mar-19", PartialDate(2019, 3)),
    ("end of June 2019", PartialDate(2019, 6)), ("2019", PartialDate(2019)),
    ("1st April 2020", PartialDate(2020, 4, 1)), ("TBC", None), (2020, PartialDate(2020))])
def test_dates_typed_as_text(typed: str | int, date: PartialDate | None) -> None:
    assert tracker_rows.parse_date(typed) == date


def test_rag_words_refs_and_statuses() -> None:
    assert [tracker_rows.parse_rag(v, {}) for v in ("R", "amber", "G", "Complete")] == [
        "red", "amber", "green", "blue"]
    assert tracker_rows.parse_rag("Behind plan", {"red": "Behind plan"}) == "red"
    with pytest.raises(ValueError, match="not a RAG"):
        tracker_rows.parse_rag("Amber/Green", {})
    assert tracker_rows.refs("Rec 2 & 3") == ["2", "3"]
    assert tracker_rows.refs("R02, SB102") == ["R02", "SB102"]
    assert tracker_rows.parse_status("On track") == "in-progress"
