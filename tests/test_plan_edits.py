"""add-action, set-action and rate: the edits' guarantees hold for the action plan too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ofsted_trace.load import yamlio
from tests.conftest import Run


def test_add_action_creates_the_plan_and_set_action_records_history(run: Run,
                                                                     minimal: Path) -> None:
    add = run("add-action", "--data", str(minimal), "--text", "Audit: assessments, {weekly}",
              "--rec", "R1", "--owner", "Head of MASH", "--due", "2019-03", "--date", "2018-10")
    assert add.exit_code == 0, add.output
    assert "added action A-001" in add.stdout
    assert run("set-action", "A-001", "--data", str(minimal), "--status", "in-progress",
               "--note", "Started: #1", "--date", "2018-11").exit_code == 0
    moved = run("set-action", "A-001", "--data", str(minimal), "--due", "2019-06",
                "--reason", "staff left", "--date", "2019-02")
    assert moved.exit_code == 0, moved.output
    action = yamlio.read_file(minimal / "actions.yaml")["actions"][0]
    assert action["text"] == "Audit: assessments, {weekly}" and action["due"] == "2019-03"
    assert [e["status"] for e in action["history"]] == ["planned", "in-progress", "in-progress"]
    assert action["history"][2] == {"date": "2019-02", "status": "in-progress", "due": "2019-06",
                                    "reason": "staff left", "note": "Rescheduled: staff left"}
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0


def test_rate_appends_and_keeps_every_other_byte(run: Run, barnet: Path) -> None:
    path = barnet / "ratings.yaml"
    before = path.read_text()
    result = run("rate", "R17", "green", "--date", "2019-01", "--by", "board",
                 "--note", 'Board: "improving" #7', "--data", str(barnet))
    assert result.exit_code == 0, result.output
    after = path.read_text()
    head = before.split("ratings: []")[0]
    assert after.startswith(head)  # every comment above is untouched
    assert yamlio.read_file(path)["ratings"] == [{"recommendation": "R17", "date": "2019-01",
                                                  "rating": "green", "by": "board",
                                                  "note": 'Board: "improving" #7'}]
    rows = json.loads(run("status", "--as-of", "2021-08-02", "--data", str(barnet),
                          "--format", "json").stdout)
    r17 = next(r for r in rows if r["id"] == "R17")
    assert (r17["status"], r17["claimed"], r17["schedule"]) == ("concern", "green", "late")


def test_dry_run_writes_nothing_and_shows_the_diff(run: Run, barnet: Path) -> None:
    before = (barnet / "actions.yaml").read_bytes()
    result = run("set-action", "A-MASH-1", "--status", "done", "--note", "Done.", "--date",
                 "2019-03-20", "--data", str(barnet), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+      - {date: 2019-03-20, status: done, note: \"Done.\"}" in result.stdout
    assert (barnet / "actions.yaml").read_bytes() == before


@pytest.mark.parametrize(("args", "code", "said"), [
    (["rate", "R99", "green", "--date", "2019-01"], 1, "unknown recommendation 'R99'"),
    (["rate", "R07", "purple", "--date", "2019-01"], 2, "'purple' is not allowed"),
    (["rate", "R07", "green", "--date", "2019-01", "--by", "mayor"], 2, "--by 'mayor'"),
    (["rate", "R07", "green", "--date", "next week"], 2, "is not a date"),
    (["set-action", "A-NOPE", "--status", "done", "--note", "x"], 2, "no action has the id"),
    (["set-action", "A-MASH-1", "--status", "done"], 2, "--status needs --note"),
    (["set-action", "A-MASH-1", "--due", "2020-01"], 2, "--due and --reason go together"),
    (["add-action", "--text", "Not in the text at all", "--source", "sa-2018", "--rec", "R01"],
     1, "action-not-in-source"),
    (["add-action", "--id", "A-MASH-1", "--text", "again", "--rec", "R02"], 2, "already in"),
])
def test_refusals_write_nothing(run: Run, barnet: Path, args: list[str], code: int,
                                said: str) -> None:
    before = {p.name: p.read_bytes() for p in barnet.glob("*.yaml")}
    result = run(*args, "--data", str(barnet))
    assert result.exit_code == code, result.output
    assert said in result.output
    assert {p.name: p.read_bytes() for p in barnet.glob("*.yaml")} == before


def test_an_owner_with_a_name_gets_the_personal_data_warning(run: Run, minimal: Path) -> None:
    assert run("add-action", "--data", str(minimal), "--text", "Audit", "--rec", "R1",
               "--owner", "Jo Bloggs", "--date", "2018-10").exit_code == 0
    check = run("check", "--strict", "--data", str(minimal))
    assert check.exit_code == 1
    assert "personal-data owner of 'A-001' looks like a person's name ('J…s')" in check.stdout
    assert "Bloggs" not in check.stdout


def test_show_gives_an_action_and_a_recommendations_three_statuses(run: Run,
                                                                   barnet: Path) -> None:
    shown = run("show", "R02", "--data", str(barnet)).stdout
    assert "status: evidenced" in shown and "council's rating: not rated" in shown
    assert "schedule: late" in shown and "A-MASH-1 [planned]" in shown
    action = run("show", "A-OU-1", "--data", str(barnet)).stdout
    assert "now: in-progress, due December 2018 (late)" in action


def test_matrix_shows_the_council_rating_and_schedule_beside_the_status(run: Run,
                                                                        barnet: Path) -> None:
    assert run("rate", "R17", "green", "--date", "2019-01", "--data", str(barnet)).exit_code == 0
    wide = run("matrix", "--as-of", "2021-08-02", "--data", str(barnet),
               env={"COLUMNS": "200"}).stdout
    assert "London Borough of Barnet: coverage matrix at 2021-08-02" in wide
    row = next(line for line in wide.splitlines() if line.strip().startswith("R17"))
    assert row.split()[-3:] == ["concern", "green", "late"]
    assert "● progress  ◐ mixed  ○ concern  · nothing" in wide  # the legend
