"""add-recommendation, add-visit, add-theme and add-inspection: checked, atomic, bytes kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.conftest import Run


def loaded(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_add_theme_then_a_recommendation_under_it(run: Run, minimal: Path) -> None:
    themes = (minimal / "themes.yaml").read_text(encoding="utf-8")
    result = run("add-theme", "T3a", "--parent", "T3", "--title", "Police: joint work",
                 "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert (minimal / "themes.yaml").read_text(encoding="utf-8") == themes + (
        '  - id: T3a\n    parent: T3\n    title: "Police: joint work"\n')
    recs = (minimal / "recommendations.yaml").read_text(encoding="utf-8")
    result = run("add-recommendation", "R5", "--number", "5", "--title", "Joint work",
                 "--text", "Ensure that   joint work\n with the police is timely.",
                 "--theme", "T3a,T2", "--theme", "T3", "--data", str(minimal))
    assert result.exit_code == 0, result.output
    after = (minimal / "recommendations.yaml").read_text(encoding="utf-8")
    assert after.startswith(recs)
    assert after[len(recs):] == (
        "  - id: R5\n    number: 5\n    addressed_to: council\n    title: Joint work\n"
        "    text: Ensure that joint work with the police is timely.\n"
        "    themes: [T3a, T2, T3]\n")
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0


def test_a_reference_to_nothing_is_refused_and_nothing_written(run: Run, minimal: Path) -> None:
    before = (minimal / "recommendations.yaml").read_bytes()
    result = run("add-recommendation", "R5", "--title", "t", "--text", "x.", "--theme", "T9",
                 "--data", str(minimal))
    assert result.exit_code == 1, result.output
    assert "unknown-reference" in result.stderr and "refused" in result.stderr
    assert (minimal / "recommendations.yaml").read_bytes() == before
    again = run("add-theme", "R1", "--title", "clash", "--data", str(minimal))
    assert again.exit_code == 1 and "duplicate-id" in again.stderr


def test_add_visit_dry_run_shows_the_diff_and_writes_nothing(run: Run, minimal: Path) -> None:
    before = (minimal / "visits.yaml").read_bytes()
    args = ["add-visit", "mv3", "--kind", "monitoring-visit", "--number", "3", "--title",
            "Third monitoring visit", "--start", "2019-11-05", "--end", "2019-11-06",
            "--data", str(minimal)]
    dry = run(*args, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "+  - id: mv3\n+    kind: monitoring-visit\n+    number: 3\n" in dry.stdout
    assert "+    start: 2019-11-05\n" in dry.stdout
    assert (minimal / "visits.yaml").read_bytes() == before
    assert run(*args).exit_code == 0
    assert loaded(minimal / "visits.yaml")["visits"][-1] == {  # type: ignore[index]
        "id": "mv3", "kind": "monitoring-visit", "number": 3, "title": "Third monitoring visit",
        "start": date(2019, 11, 5), "end": date(2019, 11, 6)}
    bad = run("add-visit", "x", "--kind", "party", "--title", "t", "--data", str(minimal))
    assert bad.exit_code == 2 and "--kind 'party'" in bad.stderr


def test_add_inspection_turns_the_one_inspection_form_into_cycles(run: Run,
                                                                   minimal: Path) -> None:
    assert run("add-visit", "ilacs-2020", "--kind", "inspection", "--title", "ILACS",
               "--start", "2020-01-13", "--data", str(minimal)).exit_code == 0
    result = run("add-inspection", "inspection-2020", "--visit", "ilacs-2020", "--framework",
                 "ILACS", "--judgement", "overall=requires improvement to be good",
                 "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert "gave R1, R2, R3, R4, B101 their cycle" in result.stdout
    data = loaded(minimal / "recommendations.yaml")
    assert "inspection" not in data
    assert data["inspections"] == [
        {"id": "inspection-insp", "visit": "insp", "published": "2017-07"},
        {"id": "inspection-2020", "visit": "ilacs-2020", "framework": "ILACS",
         "judgements": {"overall": "requires improvement to be good"}}]
    text = (minimal / "recommendations.yaml").read_text(encoding="utf-8")
    assert text.startswith("# A small, hand-made dataset")  # the comment survives
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0


@pytest.mark.parametrize("pair", ["overall", "=good", "overall="])
def test_a_judgement_needs_an_area_and_a_grade(run: Run, minimal: Path, pair: str) -> None:
    result = run("add-inspection", "c", "--visit", "insp", "--judgement", pair,
                 "--data", str(minimal))
    assert result.exit_code == 2 and "AREA=GRADE" in result.stderr


def test_add_excerpt_takes_a_comma_separated_rec(run: Run, minimal: Path) -> None:
    result = run("add-excerpt", "letter", "--quote",
                 "Assessments are now timely and analyse risk well.", "--voice", "ofsted",
                 "--stance", "progress", "--visit", "mv1",
                 "--rec", "R1,R2", "--rec", "R3", "--data", str(minimal), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+    recommendations: [R1, R2, R3]\n" in result.stdout
