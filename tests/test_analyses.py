"""Each gap analysis finds exactly its gaps on the minimal dataset."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ofsted_trace.check import pipeline
from ofsted_trace.judge import gaps as analyses
from ofsted_trace.judge.gaps.base import GapSeverity


def gaps(root: Path, as_of: date = date(2019, 9, 30),
         stale: tuple[int, int] = (12, 0)) -> list[tuple[str, str, GapSeverity]]:
    ctx = analyses.context(pipeline.check(root).dataset, as_of, stale)
    return [(g.kind, g.subject, g.severity) for g in analyses.run(ctx)]


def test_every_kind_once_most_serious_first(minimal: Path) -> None:
    assert gaps(minimal) == [
        ("no-evidence", "R4", GapSeverity.HIGH),
        ("self-reported-only", "R3", GapSeverity.HIGH),
        ("open-concern", "R2", GapSeverity.HIGH),
        ("contested", "R2", GapSeverity.MEDIUM),
        ("unlinked-finding", "letter-003", GapSeverity.HIGH),
        ("stale", "B101", GapSeverity.MEDIUM),
        ("secondary-only", "B101", GapSeverity.LOW),
        ("theme-without-evidence", "T3", GapSeverity.MEDIUM),
        ("no-theme", "B101", GapSeverity.LOW),
    ]


def test_registry_lists_every_kind_the_issue_names() -> None:
    assert set(analyses.KINDS) == {
        "no-evidence", "self-reported-only", "open-concern", "contested", "stale",
        "secondary-only", "no-theme", "theme-without-evidence", "unlinked-finding", "divergent",
        # The action plan's (issue 17): tested in tests/test_plan_gaps.py.
        "overdue", "slipped", "done-not-evidenced", "claim-ahead-of-evidence",
        "evidence-ahead-of-claim"}
PLAN_KINDS = ("overdue", "slipped", "done-not-evidenced", "claim-ahead-of-evidence",
              "evidence-ahead-of-claim")


def test_stale_after_moves_the_cutoff(minimal: Path) -> None:
    # mv1 (November 2017) is within 24 months of 2019-09-30.
    assert ("stale", "B101", GapSeverity.MEDIUM) not in gaps(minimal, stale=(24, 0))
    assert ("stale", "R1", GapSeverity.MEDIUM) in gaps(minimal, stale=(0, 30))


def test_contested_needs_a_later_council_claim(minimal: Path) -> None:
    ev = minimal / "evidence" / "council.yaml"
    ev.write_text(ev.read_text().replace("    recommendations: [R2]", "    recommendations: []"))
    assert not [g for g in gaps(minimal) if g[0] == "contested"]


def test_divergent_paraphrase_rosier_than_ofsteds_words(minimal: Path) -> None:
    ev = minimal / "evidence" / "article.yaml"
    ev.write_text(ev.read_text() + """  - id: article-003
    quote: beginning to make a difference
    visit: mv1
    voice: ofsted
    stance: mixed
    recommendations: [R2]
""")
    ctx = analyses.context(pipeline.check(minimal).dataset, date(2019, 9, 30), (12, 0))
    found = analyses.run(ctx, ("divergent",))
    assert [(g.subject, g.message) for g in found] == [(
        "R2", "R2 at mv1: a paraphrase (article-002) reports progress, but Ofsted's own words "
        "from that visit (article-003) are at best mixed.")]


@pytest.mark.parametrize("kind", [k for k in analyses.KINDS
                                  if k != "divergent" and k not in PLAN_KINDS])
def test_run_can_pick_one_kind(minimal: Path, kind: str) -> None:
    ctx = analyses.context(pipeline.check(minimal).dataset, date(2019, 9, 30), (12, 0))
    assert {g.kind for g in analyses.run(ctx, (kind,))} == {kind}


def test_theme_evidence_flows_up_to_parents(minimal: Path) -> None:
    # R1 maps to T1a, a sub-theme of T1: evidence for R1 reaches both.
    subjects = {s for k, s, _ in gaps(minimal) if k == "theme-without-evidence"}
    assert subjects == {"T3"}


def _shown(quote: str) -> str:
    """What the message showed before it collapsed only the start: the whole quote, cut."""
    whole = " ".join(quote.split())
    return whole if len(whole) <= 120 else whole[:120].rsplit(" ", 1)[0] + " …"


@pytest.mark.parametrize("quote", [
    "Inspectors found that too many children wait for a health assessment.",
    " ".join(["word"] * 60),  # long: cut at a word within 120 characters
    "Too     many " * 30,
    "Too" + " " * 250 + "many children wait.",  # long only in its spaces: shown whole
    "x" * 300,  # one long word: cut inside it
])
def test_unlinked_finding_quotes_the_start_of_the_excerpt(minimal: Path, quote: str) -> None:
    letter = minimal / "evidence" / "letter.yaml"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "quote: Inspectors found that too many children wait for a health assessment.",
        f"quote: {quote!r}"), encoding="utf-8")
    ctx = analyses.context(pipeline.check(minimal).dataset, date(2019, 9, 30), (12, 0))
    [gap] = analyses.run(ctx, ("unlinked-finding",))
    assert gap.message.endswith(f"that fits no recommendation: “{_shown(quote)}”")
    assert len(_shown(quote)) <= 122
