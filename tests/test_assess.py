"""Statuses come from the latest independent finding, weighed by voice, at a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ofsted_trace.check import pipeline
from ofsted_trace.judge import assess
from ofsted_trace.judge.assess import Status
from ofsted_trace.model.values import Stance, Voice


def statuses(root: Path, as_of: date) -> dict[str, Status]:
    ds = pipeline.check(root).dataset
    return {rid: a.status for rid, a in assess.assess(ds, as_of).items()}


def test_every_status_on_the_minimal_dataset(minimal: Path) -> None:
    assert statuses(minimal, date(2019, 9, 30)) == {
        "R1": Status.EVIDENCED, "R2": Status.CONCERN, "R3": Status.SELF_REPORTED,
        "R4": Status.NO_EVIDENCE, "B101": Status.EVIDENCED}


def test_as_of_hides_documents_not_yet_published(minimal: Path) -> None:
    # Before the 2019 letter, R2's latest word was the paraphrased progress at mv1.
    assert statuses(minimal, date(2018, 6, 1)) == {
        "R1": Status.NO_EVIDENCE, "R2": Status.EVIDENCED, "R3": Status.NO_EVIDENCE,
        "R4": Status.NO_EVIDENCE, "B101": Status.EVIDENCED}


def test_latest_finding_and_counts(minimal: Path) -> None:
    ds = pipeline.check(minimal).dataset
    r2 = assess.assess(ds, date(2019, 9, 30))["R2"]
    assert (r2.independent, r2.council, r2.primary) == (2, 1, 1)
    assert r2.latest is not None
    assert (r2.latest.visit, str(r2.latest.date), r2.latest.stance) == ("fv", "2019-06-11",
                                                                         Stance.CONCERN)
    assert [f.excerpt.id for f in r2.findings] == ["article-002", "letter-002", "council-002"]


def test_combine_agreement_else_mixed() -> None:
    assert assess.combine([Stance.PROGRESS, Stance.PROGRESS]) is Stance.PROGRESS
    assert assess.combine([Stance.PROGRESS, Stance.CONCERN]) is Stance.MIXED
    assert assess.combine([Stance.CONCERN]) is Stance.CONCERN


PARAPHRASE = """  - id: article-003
    quote: Managers were overseeing cases more closely, inspectors found.
    visit: mv1
    voice: ofsted-paraphrase
    stance: concern
    recommendations: [B101]
"""


def test_a_distinct_finding_is_never_dropped_for_its_weaker_voice(minimal: Path) -> None:
    # A paraphrased concern at mv1 for B101, beside Ofsted's quoted progress at the same visit:
    # a different finding, so it counts, and the occasion is mixed.
    ev = minimal / "evidence" / "article.yaml"
    ev.write_text(ev.read_text() + PARAPHRASE)
    ds = pipeline.check(minimal).dataset
    b101 = assess.assess(ds, date(2019, 9, 30))["B101"]
    assert b101.latest is not None and b101.latest.stance is Stance.MIXED
    assert b101.latest.excerpts == ("article-001", "article-003")
    assert b101.status is Status.PROGRESSING
    assert {f.excerpt.voice for f in b101.findings} == {Voice.OFSTED, Voice.OFSTED_PARAPHRASE}


def test_a_marked_repeat_counts_once_through_ofsteds_own_words(minimal: Path) -> None:
    ev = minimal / "evidence" / "article.yaml"
    ev.write_text(ev.read_text() + PARAPHRASE + "    same_as: article-001\n")
    ds = pipeline.check(minimal).dataset
    b101 = assess.assess(ds, date(2019, 9, 30))["B101"]
    assert b101.latest is not None and b101.latest.stance is Stance.PROGRESS
    assert b101.latest.excerpts == ("article-001",)
    assert b101.latest.collapsed == (("article-003", "article-001"),)
    assert b101.independent == 1, "a repeat is not a second finding"


def test_default_as_of_is_the_newest_document(minimal: Path) -> None:
    assert assess.default_as_of(pipeline.check(minimal).dataset) == date(2019, 9, 30)
