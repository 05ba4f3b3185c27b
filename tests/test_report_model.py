"""The shared report model: anchors as GitHub makes them, and one hook for quote text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ofsted_trace.check.pipeline import check
from ofsted_trace.judge import gaps
from ofsted_trace.render.report import html as report_html
from ofsted_trace.render.report import markdown as report_md
from ofsted_trace.render.report.build import Slugger, build, slug


def test_slug_matches_github() -> None:
    assert slug("R01 — Core social work practice") == "r01--core-social-work-practice"
    assert slug("Appendix: sources") == "appendix-sources"
    assert slug("R1.2  Under_score") == "r12-under_score"


def test_slugger_deduplicates_like_github() -> None:
    s = Slugger()
    assert [s("A"), s("a"), s("A"), s("a-1")] == ["a", "a-1", "a-2", "a-1-1"]


def test_scrub_sees_every_quote_and_note(minimal: Path) -> None:
    ds = check(minimal).dataset
    ctx = gaps.context(ds, date(2019, 12, 31), (12, 0))
    seen: list[str] = []

    def scrub(text: str) -> str:
        seen.append(text)
        return "[removed]"

    model = build(ctx, gaps.run(ctx), scrub)
    quotes = [q for s in model.recommendations for o in s.timeline for q in o.quotes]
    quotes += list(model.emerging)
    assert quotes and all(q.text == "[removed]" for q in quotes)
    assert all(q.note in ("", "[removed]") for q in quotes)
    assert "Management oversight is now strong across all teams." in seen
    for text in (report_md.format(model), report_html.format(model)):
        assert "now strong across all teams" not in text


def test_matrix_weighs_each_visit_on_its_best_source(minimal: Path) -> None:
    ctx = gaps.context(check(minimal).dataset, date(2019, 12, 31), (12, 0))
    model = build(ctx, [])
    assert [c.key for c in model.columns] == ["mv1", "fv", "Not tied to a visit"]
    r2 = model.matrix["R2"]
    assert (r2["mv1"].stance, r2["mv1"].weight) == ("progress", "P")
    assert (r2["fv"].stance, r2["fv"].weight) == ("concern", "L")
    assert model.matrix["R4"] == {}
