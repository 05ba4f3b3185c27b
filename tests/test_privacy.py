"""The personal-data check: warnings located on the field, allow, --strict, config patterns."""

from __future__ import annotations

import json
from pathlib import Path

from ofsted_trace.check import pipeline
from tests.conftest import Run


def set_note(root: Path, note: str, allow: str = "") -> None:
    path = root / "evidence" / "letter.yaml"
    extra = f"\n    allow: {allow}" if allow else ""
    path.write_text(path.read_text().replace("note: Fits no recommendation.",
                                             f"note: {json.dumps(note)}{extra}"))


def test_bundled_data_is_clean_under_strict(run: Run, barnet: Path) -> None:
    result = run("check", "--strict", "--data", str(barnet))
    assert result.exit_code == 0, result.output
    assert not [p for p in pipeline.check(barnet).problems if p.code == "personal-data"]


def test_warning_names_field_kind_and_place_but_not_the_value(run: Run, minimal: Path) -> None:
    set_note(minimal, "Seen with mum, mobile 07700 900123.")
    result = run("check", "--data", str(minimal))
    assert result.exit_code == 0  # a warning only
    assert f"{minimal}/evidence/letter.yaml:23:11: warning personal-data" in result.stdout
    assert "note of 'letter-003'" in result.stdout and "phone number" in result.stdout
    assert "07700 900123" not in result.stdout


def test_strict_turns_the_warning_into_a_failure(run: Run, minimal: Path) -> None:
    set_note(minimal, "DOB 01/02/2010")
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 1


def test_allow_silences_only_the_kinds_it_names(run: Run, minimal: Path) -> None:
    set_note(minimal, "Office: 2 Bristol Avenue, NW9 4EW", allow="[postcode]")
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0


def test_allow_does_not_cover_other_kinds(run: Run, minimal: Path) -> None:
    set_note(minimal, "Office NW9 4EW, mobile 07700 900123", allow="[postcode]")
    result = run("check", "--strict", "--data", str(minimal))
    assert result.exit_code == 1
    assert "phone number" in result.stdout and "postcode" not in result.stdout.split("allow")[0]


def test_quotes_are_checked_as_well_as_notes(run: Run, minimal: Path) -> None:
    (minimal / "sources" / "council.txt").write_text(
        "Children now take part in planning meetings and chair their own reviews.\n\n"
        "Management oversight is now strong; email jo.bloggs@example.org.\n")
    path = minimal / "evidence" / "council.yaml"
    path.write_text(path.read_text().replace("across all teams.",
                                             "email jo.bloggs@example.org.").replace(
        "Management oversight is now strong", "Management oversight is now strong;"))
    checked = pipeline.check(minimal)
    found = [(p.code, p.location.line) for p in checked.problems]
    assert ("personal-data", 9) in found, found


def test_case_id_patterns_come_from_config(run: Run, minimal: Path) -> None:
    set_note(minimal, "Case LCS-0012345 refers.")
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0
    (minimal / "config.yaml").write_text("case_id_patterns: ['LCS-[0-9]{7}']\n")
    result = run("check", "--strict", "--data", str(minimal))
    assert result.exit_code == 1 and "case-system id" in result.stdout


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_text_field_of_every_record_is_scanned(minimal: Path) -> None:
    replace_in(minimal / "recommendations.yaml", "title: Assessments",
               "title: Assessments for Child A, DOB 12/03/2009")
    replace_in(minimal / "recommendations.yaml", "authority: Exampleshire County Council",
               "authority: Exampleshire County Council, 07700 900123")
    replace_in(minimal / "themes.yaml", "title: Leadership", "title: Leadership at NW9 4EW")
    replace_in(minimal / "visits.yaml", "focus: Children in need",
               "focus: Children in need, jo.bloggs@example.org")
    replace_in(minimal / "visits.yaml", "date_basis: The article gives only the month.",
               "date_basis: 'born 3 April, 2012'")
    replace_in(minimal / "documents.yaml", "publisher: Example News",
               "publisher: Example News, 0044 7700 900123")
    found = [(p.location.file.removeprefix(f"{minimal}/"), p.location.line, p.subject)
             for p in pipeline.check(minimal).problems if p.code == "personal-data"]
    assert sorted(found) == sorted([
        ("recommendations.yaml", 2, ""), ("recommendations.yaml", 10, "R1"),
        ("themes.yaml", 8, "T2"), ("visits.yaml", 15, "mv1"), ("visits.yaml", 22, "fv"),
        ("documents.yaml", 11, "article")])
