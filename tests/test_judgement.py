"""Judged finding by finding: per-link stances, repeats, general statements, cycles, reasons."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ofsted_trace.check import pipeline
from ofsted_trace.judge import assess
from ofsted_trace.judge.assess import Status
from ofsted_trace.model.values import Stance
from tests.conftest import FIXTURES, Golden, Run

CYCLES = FIXTURES / "valid" / "cycles"
AS_OF = date(2019, 9, 30)


@pytest.fixture
def cycles(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(CYCLES, target)
    return target


def judged(root: Path, as_of: date = AS_OF) -> dict[str, assess.Assessment]:
    return assess.assess(pipeline.check(root).dataset, as_of)


def add(root: Path, text: str) -> None:
    letter = root / "evidence" / "letter.yaml"
    letter.write_text(letter.read_text() + text)


def test_a_link_may_carry_its_own_stance(cycles: Path) -> None:
    a = judged(cycles)
    assert a["R3"].stances["letter-004"] is Stance.PROGRESS
    assert a["R4"].stances["letter-004"] is Stance.MIXED
    assert a["R4"].latest is not None and a["R4"].latest.stance is Stance.MIXED


def test_a_general_statement_alone_is_at_most_progressing(cycles: Path) -> None:
    r3 = judged(cycles)["R3"]
    assert r3.status is Status.PROGRESSING
    assert any("general statements" in reason for reason in r3.reasons)


def test_a_general_statement_supports_but_never_decides(cycles: Path) -> None:
    # A specific concern at the earlier visit decides, though the general praise is later.
    add(cycles, """  - id: letter-006
    quote: Inspectors found that too many children wait for a health assessment.
    visit: mv1
    voice: ofsted
    stance: concern
    recommendations: [R3]
""")
    r3 = judged(cycles)["R3"]
    assert r3.latest is not None and r3.latest.occasion == "mv1"
    assert r3.status is Status.CONCERN
    assert r3.latest.outranked == (("letter-004", "a general statement, outranked by a "
                                                   "specific finding"),)


def test_a_repeat_counts_once(cycles: Path) -> None:
    r1 = judged(cycles)["R1"]
    assert r1.independent == 1
    assert r1.latest is not None and r1.latest.collapsed == (("letter-005", "letter-001"),)


def test_an_unplaced_finding_never_outranks_a_placed_one(cycles: Path) -> None:
    # Dated by its 2019 letter, but it names no visit: the 2017 monitoring visit still decides.
    add(cycles, """  - id: letter-006
    quote: Social workers know their children.
    voice: ofsted
    stance: concern
    date_basis: The letter does not say which visit found it.
    recommendations: [B101]
""")
    b101 = judged(cycles)["B101"]
    assert b101.latest is not None and b101.latest.occasion == "mv1"
    assert b101.status is Status.EVIDENCED
    assert b101.latest.outranked[0][0] == "letter-006"


def test_progress_at_a_visit_judged_inadequate_is_at_most_mixed(cycles: Path) -> None:
    add(cycles, """  - id: letter-006
    quote: Social workers know their children.
    visit: insp
    voice: ofsted
    stance: progress
    recommendations: [R4]
""")
    # Before the focused visit, the inspection (judged inadequate) is R4's latest occasion.
    r4 = judged(cycles, date(2019, 7, 1))["R4"]
    assert r4.latest is not None and r4.latest.occasion == "insp"
    assert r4.latest.stance is Stance.MIXED
    assert "inadequate" in r4.latest.rule


def test_every_cycle_and_its_items(cycles: Path) -> None:
    ds = pipeline.check(cycles).dataset
    assert list(ds.inspections) == ["cycle-2017", "cycle-2019"]
    assert ds.inspections["cycle-2017"].judgements["overall"] == "inadequate"
    assert ds.cycle_of(ds.recommendations["P1"]) == "cycle-2019"
    assert ds.recommendations["P1"].number is None
    assert ds.recommendations["P1"].carries_forward == ["R2"]


def test_an_old_dataset_still_loads_as_one_cycle(minimal: Path) -> None:
    # tests/fixtures/valid/minimal keeps the one-inspection form of datasets made before cycles.
    assert "inspection:\n  visit: insp" in (minimal / "recommendations.yaml").read_text()
    ds = pipeline.check(minimal).dataset
    assert list(ds.inspections) == ["insp"]
    assert {ds.cycle_of(r) for r in ds.recommendations.values()} == {"insp"}


def test_status_json_has_inspection_and_reasons(run: Run, cycles: Path) -> None:
    rows = json.loads(run("status", "--format", "json", "--data", str(cycles)).stdout)
    assert {r["id"]: r["inspection"] for r in rows}["P1"] == "cycle-2019"
    assert all(isinstance(r["reasons"], list) and r["reasons"] for r in rows)


def test_inspection_option_keeps_one_cycle(run: Run, cycles: Path) -> None:
    rows = json.loads(run("status", "--format", "json", "--inspection", "cycle-2019",
                          "--data", str(cycles)).stdout)
    assert [r["id"] for r in rows] == ["P1"]
    bad = run("gaps", "--inspection", "nope", "--data", str(cycles))
    assert bad.exit_code == 2 and "cycle-2017, cycle-2019" in bad.stderr
    table = run("status", "--data", str(cycles)).stdout
    assert "cycle-2017: recommendations" in table and "cycle-2019: recommendations" in table


def test_export_contract(run: Run, cycles: Path) -> None:
    whole = json.loads(run("export", "--data", str(cycles)).stdout)
    assert [c["id"] for c in whole["inspections"]] == ["cycle-2017", "cycle-2019"]
    assert {r["id"]: r["inspection"] for r in whole["recommendations"]}["R1"] == "cycle-2017"
    entry = {e["id"]: e for e in whole["evidence"]}["letter-004"]
    assert entry["recommendations"] == ["R3", "R4"]
    assert entry["links"] == [{"recommendation": "R3", "stance": "progress"},
                              {"recommendation": "R4", "stance": "mixed"}]
    assert entry["scope"] == "general" and entry["same_as"] is None
    assert {e["id"]: e for e in whole["evidence"]}["letter-005"]["same_as"] == "letter-001"


def test_explain_json_contract(run: Run, cycles: Path) -> None:
    got = json.loads(run("explain", "R1", "--format", "json", "--data", str(cycles)).stdout)
    assert set(got) == {"id", "status", "occasion", "findings", "reasons"}
    assert got["status"] == "evidenced" and got["occasion"]["id"] == "fv"
    roles = {f["excerpt"]: f["role"] for f in got["findings"]}
    assert roles == {"letter-001": "decided", "letter-005": "repeat"}


def test_explain_golden(run: Run, cycles: Path, golden: Golden) -> None:
    for rid in ("R1", "R2", "R3", "R4"):
        result = run("explain", rid, "--data", str(cycles))
        assert result.exit_code == 0, result.output
        golden(f"explain-{rid}.txt", result.stdout)


def test_explain_unknown_id_suggests_the_closest_first(run: Run, cycles: Path) -> None:
    result = run("explain", "R", "--data", str(cycles))
    assert result.exit_code == 2 and "no recommendation has the id 'R'" in result.stderr


def test_link_and_set_write_a_per_link_stance(run: Run, cycles: Path) -> None:
    assert run("link", "letter-002", "R1", "--stance", "progress",
               "--data", str(cycles)).exit_code == 0
    assert "recommendations: [R2, P1, {id: R1, stance: progress}]" in \
        (cycles / "evidence/letter.yaml").read_text()
    assert run("set", "letter-002", "--rec", "P1", "--stance", "mixed",
               "--data", str(cycles)).exit_code == 0
    assert "recommendations: [R2, {id: P1, stance: mixed}, {id: R1, stance: progress}]" in \
        (cycles / "evidence/letter.yaml").read_text()
    assert run("link", "letter-002", "P1", "--stance", "concern",
               "--data", str(cycles)).exit_code == 0
    assert run("unlink", "letter-002", "R1", "--data", str(cycles)).exit_code == 0
    assert "recommendations: [R2, P1]\n" in (cycles / "evidence/letter.yaml").read_text()
    assert run("check", "--strict", "--data", str(cycles)).exit_code == 0


# --- properties ---

def _statuses(root: Path) -> dict[str, Status]:
    return {rid: a.status for rid, a in judged(root).items()}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["letter-001", "letter-002", "letter-003", "letter-004",
                        "article-001"]))
def test_adding_a_marked_repeat_never_changes_a_status(tmp_path_factory: pytest.TempPathFactory,
                                                       source: str) -> None:
    root = tmp_path_factory.mktemp("rep") / "data"
    shutil.copytree(CYCLES, root)
    before = _statuses(root)
    ds = pipeline.check(root).dataset
    ex = ds.excerpts[source]
    document = ds.excerpt_document[source]
    evidence = root / "evidence" / f"{document}.yaml"
    links = ", ".join(r if isinstance(r, str) else f"{{id: {r.id}, stance: {r.stance}}}"
                      for r in ex.recommendations)
    evidence.write_text(evidence.read_text() + f"""  - id: {source}-copy
    quote: {json.dumps(ex.quote)}
{f"    visit: {ex.visit}" + chr(10) if ex.visit else ""}    voice: ofsted-paraphrase
    stance: {ex.stance}
    scope: {ex.scope}
    recommendations: [{links}]
    same_as: {source}
""")
    after = pipeline.check(root)
    assert not after.errors, after.errors
    assert _statuses(root) == before


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_the_order_of_files_and_excerpts_never_changes_a_status(
        tmp_path_factory: pytest.TempPathFactory, rnd: object) -> None:
    import random

    assert isinstance(rnd, random.Random)
    root = tmp_path_factory.mktemp("order") / "data"
    shutil.copytree(CYCLES, root)
    before = _statuses(root)
    ds = pipeline.check(root).dataset
    for path in sorted((root / "evidence").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        rnd.shuffle(data["excerpts"])
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        # A new name puts the files in another order when the loader sorts them.
        path.rename(path.with_name(f"{rnd.randrange(1000):03d}-{path.name}"))
    assert len(ds.excerpts) > 5
    assert _statuses(root) == before


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["R1", "R2", "R3", "R4", "B101", "P1"]),
       st.sampled_from(list(Stance)))
def test_a_general_statement_alone_never_makes_evidenced(
        tmp_path_factory: pytest.TempPathFactory, rid: str, stance: Stance) -> None:
    root = tmp_path_factory.mktemp("gen") / "data"
    shutil.copytree(CYCLES, root)
    for path in (root / "evidence").glob("*.yaml"):
        text = path.read_text()
        text = text.replace("    scope: general\n", "")
        path.write_text(text.replace("    stance:", "    scope: general\n    stance:"))
    add(root, f"""  - id: letter-009
    quote: Leaders know their services well and are improving them.
    visit: fv
    voice: ofsted
    stance: {stance}
    scope: general
    recommendations: [{rid}]
""")
    statuses = _statuses(root)
    assert Status.EVIDENCED not in statuses.values()


def test_an_item_is_listed_only_once_its_report_is_out(cycles: Path) -> None:
    # cycle-2019 is published in July 2019: in June its point did not exist yet.
    assert "P1" not in judged(cycles, date(2019, 6, 30))
    assert "P1" in judged(cycles, date(2019, 7, 31))
    assert "R1" in judged(cycles, date(2019, 6, 30))
