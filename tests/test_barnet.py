"""Barnet's whole journey, pinned: three inspection cycles, the 2017 texts against the report,
and where every item stands at 2 August 2021 and at the newest date (issue 15).

Every expected value here comes from the settled review (docs/review.md); a change to the data
that moves any of them must change this file too, and say why.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest

from ofsted_trace.check import pipeline
from ofsted_trace.judge.assess import assess, default_as_of
from ofsted_trace.model.dataset import Dataset
from tests.conftest import BARNET, REPO

COUNCIL = [f"R{n:02d}" for n in range(1, 20)]
BOARD = [f"SB{n}" for n in range(101, 106)]
P2019 = [f"P2019-{n}" for n in range(1, 5)]
P2024 = [f"P2024-{n}" for n in range(1, 5)]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    checked = pipeline.check(BARNET)
    assert checked.problems == ()
    return checked.dataset


def report_text(ds: Dataset, doc_id: str) -> str:
    """A report as Ofsted printed it: furniture lines out, words broken at a line-end hyphen
    joined, whitespace folded. Written here, not taken from the quote matcher."""
    doc = ds.documents[doc_id]
    patterns = [re.compile(p) for p in doc.furniture]
    lines = (BARNET / doc.path).read_text(encoding="utf-8").splitlines()
    kept = "\n".join(line for line in lines
                     if not any(p.fullmatch(line.strip()) for p in patterns))
    kept = re.sub(r"([A-Za-z])-[ \t]*\n\s*([a-z])", r"\1-\2", kept)
    return " ".join(kept.split())


def fold(text: str) -> str:
    return " ".join(text.split())


# ---- the three cycles -----------------------------------------------------------------------

def test_three_cycles_with_their_visits_dates_and_frameworks(ds: Dataset) -> None:
    cycles = ds.inspections
    assert list(cycles) == ["inspection-2017", "inspection-2019", "inspection-2024"]
    assert [(c.visit, str(c.published), c.framework) for c in cycles.values()] == [
        ("sif-2017", "2017-07-07", "SIF"), ("ilacs-2019", "2019-07-01", "ILACS"),
        ("ilacs-2024", "2024-07-23", "ILACS")]
    visits = ds.visits
    assert [(str(visits[v].start), str(visits[v].end), visits[v].judgement)
            for v in ("sif-2017", "ilacs-2019", "ilacs-2024")] == [
        ("2017-04-25", "2017-05-18", "inadequate"), ("2019-05-13", "2019-05-24", "good"),
        ("2024-06-10", "2024-06-14", "good")]
    # The self-assessment's 24 April is recorded beside the report's 25 April.
    assert "24 April 2017" in (visits["sif-2017"].date_basis or "")
    assert "inspection-2019" not in visits  # the old placeholder visit is gone


def test_judgements_by_area(ds: Dataset) -> None:
    assert ds.inspections["inspection-2017"].judgements == {
        "overall": "inadequate",
        "children who need help and protection": "inadequate",
        "children looked after and achieving permanence": "inadequate",
        "adoption performance": "requires improvement",
        "experiences and progress of care leavers": "requires improvement",
        "leadership, management and governance": "inadequate",
        "local safeguarding children board (review)": "inadequate"}
    assert ds.inspections["inspection-2019"].judgements == {
        "overall": "good",
        "the impact of leaders on social work practice with children and families": "good",
        "the experiences and progress of children who need help and protection": "good",
        "the experiences and progress of children in care and care leavers": "good"}
    assert ds.inspections["inspection-2024"].judgements == {
        "overall": "good",
        "the impact of leaders on social work practice with children and families": "good",
        "the experiences and progress of children who need help and protection": "good",
        "the experiences and progress of children in care": "outstanding",
        "the experiences and progress of care leavers": "good"}


def test_the_judgements_are_the_reports_own_words(ds: Dataset) -> None:
    r2017 = report_text(ds, "report-2017")
    assert "Children’s services in Barnet are inadequate" in r2017
    assert "Inspection date: 25 April – 18 May 2017 Report published: 7 July 2017" in r2017
    r2019 = report_text(ds, "report-2019")
    assert "Inspection dates: 13 May to 24 May 2019" in r2019
    assert "Overall effectiveness Good" in r2019
    r2024 = report_text(ds, "report-2024")
    assert "Inspection dates: 10 to 14 June 2024" in r2024
    assert "The experiences and progress of children in care Outstanding" in r2024
    assert "Overall effectiveness Good" in r2024


def test_every_item_names_its_cycle(ds: Dataset) -> None:
    made = Counter(r.inspection for r in ds.recommendations.values())
    assert made == {"inspection-2017": 24, "inspection-2019": 4, "inspection-2024": 4}
    assert list(ds.recommendations) == COUNCIL + BOARD + P2019 + P2024


# ---- the 2017 texts -------------------------------------------------------------------------

def test_the_24_texts_are_the_2017_reports_character_for_character(ds: Dataset) -> None:
    report = report_text(ds, "report-2017")
    for rid in COUNCIL + BOARD:
        rec = ds.recommendations[rid]
        assert f"{rec.number}. {fold(rec.text)}" in report, rid


def test_the_texts_keep_the_reports_curly_marks(ds: Dataset) -> None:
    texts = {rid: ds.recommendations[rid].text for rid in COUNCIL + BOARD}
    assert not any("'" in t for t in texts.values())
    assert "children’s services" in texts["R02"]
    assert "the ‘Pledge’" in texts["R19"] and "life’s challenges" in texts["R19"]
    assert "children’s participation" in texts["R16"]
    assert "children’s diversity" in texts["R18"]


# ---- the 2019 and 2024 points ---------------------------------------------------------------

POINTS = {
    "P2019-1": ("The incorporation of actions from the vulnerable adolescents at risk panel "
                "(VARP) and exploitation strategy meetings into child in need and child "
                "protection plans.", ["R10"]),
    "P2019-2": ("The updating of assessments of need when circumstances change for children in "
                "care.", ["R07"]),
    "P2019-3": ("The incorporation of outcomes from multi-agency risk assessment conferences "
                "(MARACs) into child in need and child protection plans.", []),
    "P2019-4": ("The promotion of advocacy support for children in care.", ["R16"]),
    "P2024-1": ("Return home interviews informing safety plans for children who go missing.",
                ["R10"]),
    "P2024-2": ("Communication about living arrangements for care leavers.", ["R19"]),
    "P2024-3": ("Timeliness of early help support.", []),
    "P2024-4": ("Management oversight of the local authority designated officer (LADO).", []),
}


def test_the_points_verbatim_unnumbered_and_what_they_carry_forward(ds: Dataset) -> None:
    for pid, (text, carried) in POINTS.items():
        rec = ds.recommendations[pid]
        assert (fold(rec.text), rec.carries_forward) == (text, carried), pid
        assert rec.number is None and rec.addressed_to == "council"
        report = report_text(ds, "report-" + pid[1:5])
        assert f"◼ {text}" in report, pid


# ---- where each item stands -----------------------------------------------------------------

AT_2021 = {
    "R01": "evidenced", "R02": "evidenced", "R03": "progressing", "R04": "evidenced",
    "R05": "evidenced", "R06": "concern", "R07": "progressing", "R08": "progressing",
    "R09": "progressing", "R10": "progressing", "R11": "evidenced", "R12": "evidenced",
    "R13": "evidenced", "R14": "evidenced", "R15": "progressing", "R16": "progressing",
    "R17": "concern", "R18": "evidenced", "R19": "progressing",
    "SB101": "concern", "SB102": "evidenced", "SB103": "concern", "SB104": "concern",
    "SB105": "progressing",
    "P2019-1": "concern", "P2019-2": "concern", "P2019-3": "concern", "P2019-4": "evidenced",
}

AT_NEWEST = {
    "R01": "evidenced", "R02": "evidenced", "R03": "progressing", "R04": "evidenced",
    "R05": "evidenced", "R06": "progressing", "R07": "progressing", "R08": "evidenced",
    "R09": "progressing", "R10": "progressing", "R11": "evidenced", "R12": "evidenced",
    "R13": "evidenced", "R14": "evidenced", "R15": "evidenced", "R16": "evidenced",
    "R17": "evidenced", "R18": "evidenced", "R19": "progressing",
    "SB101": "concern", "SB102": "evidenced", "SB103": "concern", "SB104": "concern",
    "SB105": "concern",
    "P2019-1": "evidenced", "P2019-2": "progressing", "P2019-3": "evidenced",
    "P2019-4": "evidenced",
    "P2024-1": "progressing", "P2024-2": "concern", "P2024-3": "concern", "P2024-4": "concern",
}

# The occasion that decides each one at the newest date.
DECIDED_NEWEST = {
    **dict.fromkeys([*COUNCIL, "SB102", "SB105", "P2019-1", "P2019-2", "P2019-3", *P2024],
                    "ilacs-2024"),
    "SB101": "sif-2017", "SB103": "sif-2017", "SB104": "sif-2017", "P2019-4": "fv-2021",
}


def statuses(ds: Dataset, when: date) -> dict[str, str]:
    return {rid: str(a.status) for rid, a in assess(ds, when).items()}


def test_every_2017_recommendation_starts_as_a_concern_at_the_inspection(ds: Dataset) -> None:
    at = assess(ds, date(2017, 7, 31))
    for rid in COUNCIL + BOARD:
        decision = at[rid].latest
        assert decision is not None and decision.occasion == "sif-2017", rid
        assert str(at[rid].status) == "concern", rid
        assert at[rid].primary > 0, rid  # the report's own words, not a later restatement


def test_statuses_at_the_focused_visit_letter(ds: Dataset) -> None:
    got = statuses(ds, date(2021, 8, 2))
    assert {k: got[k] for k in AT_2021} == AT_2021


def test_statuses_at_the_newest_date(ds: Dataset) -> None:
    assert default_as_of(ds) == date(2024, 7, 23)
    assert statuses(ds, default_as_of(ds)) == AT_NEWEST
    at = assess(ds, default_as_of(ds))
    decided = {rid: a.latest.occasion if a.latest else None for rid, a in at.items()}
    assert decided == DECIDED_NEWEST


# ---- the evidence ---------------------------------------------------------------------------

def test_counts_by_document_and_voice(ds: Dataset) -> None:
    assert Counter(ds.excerpt_document.values()) == {
        "sa-2018": 191, "report-2017": 85, "report-2024": 60, "report-2019": 56,
        "letter-2021": 34, "news-mv6-2019": 18, "journey-2019": 14, "news-mv4-2018": 13}
    assert Counter(str(x.voice) for x in ds.excerpts.values()) == {
        "ofsted": 258, "council": 160, "ofsted-paraphrase": 53}


def test_the_reports_are_primary_and_ofsteds(ds: Dataset) -> None:
    primary = sorted(d.id for d in ds.documents.values() if d.primary)
    assert primary == ["letter-2021", "report-2017", "report-2019", "report-2024"]
    assert all(ds.documents[d].publisher == "Ofsted" for d in primary)
    assert all(d.date.latest <= date.today() for d in ds.documents.values())


def test_the_2021_letter_speaks_to_the_2019_points(ds: Dataset) -> None:
    linked = {rid for x in ds.excerpts.values() if ds.excerpt_document[x.id] == "letter-2021"
              for rid in x.rec_ids}
    assert {"P2019-1", "P2019-2", "P2019-3", "P2019-4"} <= linked


def test_quotes_are_whole_words_and_at_least_three_long(ds: Dataset) -> None:
    for x in ds.excerpts.values():
        quote = x.quote.strip()
        assert len(quote.split()) >= 3, x.id
        assert re.match(r"[\w‘'\"“(]", quote) and re.search(r"[\w.’'\"”);:,?!]$", quote), x.id


def test_furniture_skips_only_page_numbers_and_running_headers(ds: Dataset) -> None:
    for doc_id, expected in (("report-2017", 39), ("report-2019", 10), ("report-2024", 22)):
        doc = ds.documents[doc_id]
        patterns = [re.compile(p) for p in doc.furniture]
        lines = (BARNET / doc.path).read_text(encoding="utf-8").splitlines()
        skipped = [line.strip() for line in lines
                   if any(p.fullmatch(line.strip()) for p in patterns)]
        assert len(skipped) == expected, doc_id
        pages = [re.sub(r"^10 to 14 June 2024 ", "", s) for s in skipped
                 if "Barnet" not in s]
        assert pages == [str(n) for n in range(1 if doc_id != "report-2024" else 2,
                                               len(pages) + (1 if doc_id != "report-2024"
                                                             else 2))], doc_id


def test_quotes_across_a_page_break_need_the_furniture_and_nothing_else(ds: Dataset) -> None:
    spanning = []
    for x in ds.excerpts.values():
        doc_id = ds.excerpt_document[x.id]
        if not doc_id.startswith("report-"):
            continue
        raw = " ".join((BARNET / ds.documents[doc_id].path).read_text(
            encoding="utf-8").split())
        raw = re.sub(r"([A-Za-z])- ([a-z])", r"\1-\2", raw)
        quote = fold(x.quote)
        if quote not in raw:
            assert quote in report_text(ds, doc_id), x.id
            spanning.append(x.id)
    assert sorted(spanning) == ["report-2017-022", "report-2017-029", "report-2019-010",
                                "report-2019-035", "report-2024-054"]


def test_the_readers_kappa_is_reproducible() -> None:
    out = subprocess.run([sys.executable, str(REPO / "docs" / "review" / "kappa.py")],
                         capture_output=True, text=True, check=True).stdout
    assert "existing excerpts: 276 links" in out and "kappa 0.963" in out
    assert "new excerpts: 316 links" in out and "kappa 0.960" in out
    assert "together: 592 links" in out
