"""The board's front sheet (report --summary): content, labels, one A4 page, and Word output."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx

from tests.conftest import Golden, Run
from tests.gitrepo import Repo
from tests.test_plan_gaps import PLAN, RATINGS
from tests.test_report_html import _chromium

AS_OF = "2019-09-30"


def planned(root: Path) -> Path:
    (root / "actions.yaml").write_text(PLAN)
    (root / "ratings.yaml").write_text(RATINGS)
    return root


def test_minimal_front_sheet_matches_golden(run: Run, minimal: Path, golden: Golden) -> None:
    result = run("report", "--summary", "--data", str(planned(minimal)), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    golden("front-minimal.md", result.stdout)


def test_barnet_front_sheet_says_what_a_board_must_read_first(run: Run, barnet: Path) -> None:
    text = run("report", "--summary", "--as-of", "2021-08-02", "--data", str(barnet)).stdout
    assert text.startswith("# London Borough of Barnet: front sheet at 2 August 2021")
    # Only the inspections made by then: 2024's is not yet on the trajectory.
    assert ("## Judgement trajectory\n\n2017 inadequate (adoption performance: requires "
            "improvement; experiences and progress of care leavers: requires improvement) → "
            "2019 good\n") in text
    gaps = text.split("## Gaps the board must hear\n\n")[1].split("\n\n")[0].splitlines()
    assert len(gaps) == 5 and gaps[0].startswith("- Ofsted's latest word is a concern on R06, "
                                                 "R17, SB101")
    assert "- 55 actions are past due and not recorded as done; 50 of the due dates are " \
           "inferred, not stated." in text
    assert "| No evidence | 0 | Not rated | 28 |" in text


def test_trajectory_names_areas_that_differ_from_the_overall(run: Run, minimal: Path) -> None:
    recs = minimal / "recommendations.yaml"
    recs.write_text(recs.read_text().replace(
        "inspection:\n  visit: insp\n  published: 2017-07\n",
        "inspections:\n  - id: c1\n    visit: insp\n    published: 2017-07\n    judgements:\n"
        "      overall: good\n      children in care: outstanding\n      care leavers: good\n"))
    text = run("report", "--summary", "--data", str(minimal), "--as-of", AS_OF).stdout
    assert "\n2017 good (children in care: outstanding)\n" in text


def test_the_boards_own_words_for_statuses(run: Run, minimal: Path) -> None:
    (minimal / "config.yaml").write_text("labels:\n  concern: Not yet good enough\n"
                                         "  red: Off track\n")
    text = run("report", "--summary", "--data", str(minimal), "--as-of", AS_OF).stdout
    assert "| Not yet good enough | 1 |" in text and "| Red | 0 | Off track | 0 |" not in text
    assert "| Evidenced by Ofsted | 2 | Off track | 0 |" in text
    assert "Concern" not in text
    (minimal / "config.yaml").write_text("labels:\n  conern: typo\n")
    check = run("check", "--data", str(minimal))
    assert check.exit_code == 1 and "unknown-label labels: 'conern'" in check.stdout


def test_since_says_what_changed_since_the_last_board(run: Run, tmp_path: Path,
                                                      monkeypatch: object) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("board", tag="board-1")
    assert run("rate", "R1", "amber", "--date", "2019-01", "--data",
               str(repo.data)).exit_code == 0
    repo.edit("evidence/letter.yaml", "stance: progress", "stance: concern")
    text = run("report", "--summary", "--since", "board-1", "--data", str(repo.data),
               "--as-of", AS_OF).stdout
    changed = text.split("## Changed since board-1\n\n")[1]
    assert changed.startswith("- R1: evidenced → concern\n")


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _print(page: Path, tmp_path: Path) -> int:
    pdf = tmp_path / (page.stem + ".pdf")
    done = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and pdf.is_file(), done.stderr[-2000:]
    return _pages(pdf.read_bytes())


def test_barnet_front_sheet_prints_on_one_a4_page(run: Run, barnet: Path,
                                                  tmp_path: Path) -> None:
    front = tmp_path / "front.html"
    assert run("report", "--summary", "--format", "html", "--data", str(barnet), "-o",
               str(front)).exit_code == 0
    assert "size:A4" in front.read_text()
    assert _print(front, tmp_path) == 1
    # The count can tell: the full report runs to many pages.
    full = tmp_path / "full.html"
    assert run("report", "--format", "html", "--data", str(barnet), "-o",
               str(full)).exit_code == 0
    assert _print(full, tmp_path) > 5


def test_word_report_and_front_sheet_read_back(run: Run, barnet: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    assert run("report", "--format", "docx", "--as-of", "2021-08-02", "--data", str(barnet),
               "-o", str(out)).exit_code == 0
    doc = docx.Document(str(out))
    heads = [p.text for p in doc.paragraphs if p.style is not None
             and p.style.name.startswith("Heading 1")]
    assert heads == ["Summary", "Gaps", "Coverage matrix", "Recommendations", "Themes",
                     "Emerging findings", "Appendix: sources", "Appendix: visits"]
    glance = doc.tables[3]
    assert [c.text for c in glance.rows[0].cells] == [
        "recommendation", "title", "status", "council's rating", "schedule",
        "latest independent finding"]
    # One row per item made by August 2021 (28), and R06 a concern after the focused visit.
    assert len(glance.rows) == 29 and glance.rows[6].cells[2].text == "Concern"
    front = tmp_path / "front.docx"
    assert run("report", "--summary", "--format", "docx", "--data", str(barnet), "-o",
               str(front)).exit_code == 0
    sheet = docx.Document(str(front))
    assert [t.rows[0].cells[0].text for t in sheet.tables] == ["Evidence", "Council's rating",
                                                               "Schedule"]
    assert "Gaps the board must hear" in [p.text for p in sheet.paragraphs]
    binary = run("report", "--format", "docx", "--data", str(barnet))
    assert binary.exit_code == 2 and "give -o FILE" in binary.stderr
