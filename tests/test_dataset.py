"""The bundled Barnet dataset: its shape is pinned, and every quote is verbatim."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ofsted_trace.check import pipeline
from tests.conftest import BARNET, REPO, Run

COUNCIL = [f"R{n:02d}" for n in range(1, 20)]
BOARD = [f"SB{n}" for n in range(101, 106)]
POINTS = [f"P{year}-{n}" for year in (2019, 2024) for n in range(1, 5)]


@pytest.fixture(scope="module")
def checked() -> pipeline.Checked:
    return pipeline.check(BARNET)


def test_strict_check_is_clean(checked: pipeline.Checked) -> None:
    assert checked.problems == ()


def test_twenty_four_recommendations_with_exact_ids_and_numbers(checked: pipeline.Checked) -> None:
    recs = checked.dataset.recommendations
    assert list(recs) == COUNCIL + BOARD + POINTS
    made_2017 = [r for r in recs.values() if r.inspection == "inspection-2017"]
    assert [r.number for r in made_2017] == [*range(1, 20), *range(101, 106)]
    assert Counter(str(r.addressed_to) for r in made_2017) == {
        "council": 19, "safeguarding-board": 5}
    assert all(r.themes for r in made_2017)
    # The later points are unnumbered bullets to the council; they post-date the plan's themes.
    later = [recs[p] for p in POINTS]
    assert all(r.number is None and not r.themes and r.addressed_to == "council" for r in later)


def test_themes_and_visits(checked: pipeline.Checked) -> None:
    ds = checked.dataset
    assert set(ds.themes) >= {"1", "1a", "1b", "1c", "2", "2a", "3", "3a", "3b", "3c", "4",
                              "5", "6"}
    assert {"sif-2017", "mv1", "mv2", "mv3", "mv4", "mv5", "mv6", "ilacs-2019", "fv-2021",
            "ilacs-2024"} <= set(ds.visits)
    fv = ds.visits["fv-2021"]
    assert (str(fv.start), str(fv.end)) == ("2021-06-23", "2021-06-24")
    assert str(ds.documents["letter-2021"].date) == "2021-08-02"
    # A visit without a stated date says what its date rests on.
    assert all(v.date_basis for v in ds.visits.values() if v.date_uncertain or not v.start)


def test_every_document_has_excerpts(checked: pipeline.Checked) -> None:
    ds = checked.dataset
    assert set(ds.excerpt_document.values()) == set(ds.documents)
    assert len(ds.excerpts) > 100


def test_only_ofsteds_own_texts_are_primary(checked: pipeline.Checked) -> None:
    assert [d.id for d in checked.dataset.documents.values() if d.primary] == [
        "letter-2021", "report-2017", "report-2019", "report-2024"]


def test_every_recommendation_considered(checked: pipeline.Checked) -> None:
    linked = {r for ex in checked.dataset.excerpts.values() for r in ex.rec_ids}
    assert set(checked.dataset.recommendations) == linked


def test_no_item_is_without_evidence_at_the_newest_date(run: Run) -> None:
    rows = json.loads(run("gaps", "--format", "json", "--kind", "no-evidence",
                          "--data", str(BARNET)).stdout)
    assert rows == []


def test_emerging_findings_from_the_2021_letter(checked: pipeline.Checked) -> None:
    unlinked = [ex for ex in checked.dataset.excerpts.values()
                if not ex.recommendations and checked.dataset.excerpt_document[ex.id]
                == "letter-2021"]
    assert any(ex.stance == "concern" for ex in unlinked)


def test_bundled_texts_match_the_shared_originals() -> None:
    shared = REPO.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("../shared/sources is not beside this checkout")
    for original in shared.glob("*.txt"):
        assert (BARNET / "sources" / original.name).read_bytes() == original.read_bytes()


def test_unsettled_follows_the_settled_files(minimal: Path) -> None:
    ds = pipeline.check(minimal).dataset
    # Every file was parsed afresh, so its excerpts were checked as it loaded.
    assert ds.prechecked == {origin.file for origin in ds.origins.values()
                             if origin.file.startswith("evidence/")}
    assert ds.unsettled() == []
    ds.prechecked = set()
    ds.settled = set()
    everything = {ex.id for ex, _ in ds.unsettled()}
    assert everything == set(ds.excerpts)
    ds.settled = {"evidence/letter.yaml"}
    left = {ex.id for ex, origin in ds.unsettled()}
    assert left and not any(x.startswith("letter-") for x in left)
    assert left == {x for x in ds.excerpts if ds.origins[x].file != "evidence/letter.yaml"}
    ds.settled.clear()  # changed in place: the answer is worked out again
    assert {ex.id for ex, _ in ds.unsettled()} == everything
