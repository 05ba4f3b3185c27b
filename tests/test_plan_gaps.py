"""The action plan's gap kinds, each on a small plan written beside the minimal dataset."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ofsted_trace.check import pipeline
from ofsted_trace.judge import gaps as analyses
from ofsted_trace.judge.gaps.base import GapSeverity
from tests.conftest import Run

# R1 is evidenced (fv, June 2019), R2 a concern, R3 self-reported, R4 no evidence.
PLAN = """\
actions:
  - id: A1
    text: Weekly audits of assessments
    recommendations: [R1]
    owner: Head of Assessment
    due: 2019-03
    history:
      - {date: 2018-10, status: planned, note: "Agreed by the board."}
      - {date: 2019-02, status: in-progress, due: 2019-05, reason: "Auditors", note: "Moved."}
      - {date: 2019-04, status: in-progress, due: 2019-08, reason: "Again", note: "Moved."}
  - id: A2
    text: Supervision policy
    recommendations: [R2]
    due: 2018-12
    history:
      - {date: 2018-10, status: planned, note: "Agreed."}
      - {date: 2019-07, status: done, note: "Policy signed off."}
  - id: A3
    text: Participation strategy
    recommendations: [R3]
    due: 2020-06
    date_uncertain: true
    date_basis: The plan says next year.
"""
RATINGS = """\
ratings:
  - {recommendation: R3, date: 2019-01, rating: green, by: board}
  - {recommendation: R3, date: 2019-08, rating: blue, by: officer, note: Complete}
  - {recommendation: R1, date: 2019-01, rating: amber, by: board}
  - {recommendation: R4, date: 2020-01, rating: green, by: board}
"""


def gaps(root: Path, as_of: date = date(2019, 9, 30)) -> list[tuple[str, str, GapSeverity, str]]:
    checked = pipeline.check(root)
    assert not checked.errors, checked.errors
    ctx = analyses.context(checked.dataset, as_of, (12, 0))
    return [(g.kind, g.subject, g.severity, g.message) for g in analyses.run(ctx)
            if g.kind in ("overdue", "slipped", "done-not-evidenced", "claim-ahead-of-evidence",
                          "evidence-ahead-of-claim")]


def planned(minimal: Path) -> Path:
    (minimal / "actions.yaml").write_text(PLAN)
    (minimal / "ratings.yaml").write_text(RATINGS)
    return minimal


def test_each_plan_gap_kind_once_in_order(minimal: Path) -> None:
    assert [(k, s, sev) for k, s, sev, _ in gaps(planned(minimal))] == [
        ("claim-ahead-of-evidence", "R3", GapSeverity.HIGH),
        ("done-not-evidenced", "R2", GapSeverity.MEDIUM),
        ("overdue", "A1", GapSeverity.MEDIUM),
        ("slipped", "A1", GapSeverity.MEDIUM),
        ("evidence-ahead-of-claim", "R1", GapSeverity.LOW),
    ]


def test_messages_say_how_far_and_how_often(minimal: Path) -> None:
    found = {k: m for k, _, _, m in gaps(planned(minimal))}
    assert found["slipped"] == ("A1 has slipped 2 times by 5 months: due March 2019 as first "
                                "planned, now August 2019 (Again).")
    assert found["overdue"] == ("A1 (for R1) was due August 2019 and is not recorded as done: "
                                "in-progress since April 2019.")
    assert found["claim-ahead-of-evidence"] == (
        "R3 (Participation) is rated blue by the officer (August 2019), but only the council's "
        "own word speaks to it.")
    assert found["done-not-evidenced"].startswith("R2 (Management oversight): every action is "
                                                  "done (the last in July 2019)")


def test_the_date_decides_what_is_seen(minimal: Path) -> None:
    # In March 2019 A1 had moved once (2 months: low) and was due in May, so not overdue; A2 was
    # overdue (due December 2018, not done); Ofsted's June 2019 progress on R1 was not yet out.
    early = {(k, s, sev) for k, s, sev, _ in gaps(planned(minimal), date(2019, 3, 31))}
    assert early == {("slipped", "A1", GapSeverity.LOW), ("overdue", "A2", GapSeverity.MEDIUM),
                     ("claim-ahead-of-evidence", "R3", GapSeverity.HIGH)}


def test_done_with_progress_found_after_is_not_a_gap(minimal: Path) -> None:
    # R1's actions done in May 2019; Ofsted found progress on R1 in June 2019.
    plan = PLAN.replace('      - {date: 2019-04, status: in-progress, due: 2019-08, reason: '
                        '"Again", note: "Moved."}',
                        '      - {date: 2019-05, status: done, note: "Audits running."}')
    (minimal / "actions.yaml").write_text(plan)
    kinds = {(k, s) for k, s, _, _ in gaps(minimal)}
    assert ("done-not-evidenced", "R1") not in kinds
    assert ("done-not-evidenced", "R2") in kinds


def test_claim_ahead_of_evidence_on_barnet(run: Run, barnet: Path) -> None:
    # In August 2021 R17's latest independent word is a concern (the focused visit's letter on
    # life-story work): a green rating is ahead of it.
    assert run("rate", "R17", "green", "--date", "2019-01", "--by", "board",
               "--data", str(barnet)).exit_code == 0
    assert run("rate", "R01", "amber", "--date", "2019-01", "--by", "officer",
               "--data", str(barnet)).exit_code == 0
    out = run("gaps", "--as-of", "2021-08-02", "--data", str(barnet), "--format", "json",
              "--kind",
              "claim-ahead-of-evidence,evidence-ahead-of-claim,overdue")
    assert out.exit_code == 0, out.output
    assert '"subject": "R17"' in out.stdout and "is a concern." in out.stdout
    # R01: rated amber in January 2019; Ofsted's 2021 letter shows progress since.
    assert '"kind": "evidence-ahead-of-claim"' in out.stdout and '"subject": "R01"' in out.stdout
    assert out.stdout.count('"kind": "overdue"') == 55
