"""The "since the last board report" section: plain sentences, hostile text made harmless."""

from __future__ import annotations

from datetime import date

from markdown_it import MarkdownIt

from ofsted_trace.judge.compare import Changes, ExcerptChange, FieldChange, NewRecord, StatusChange
from ofsted_trace.judge.gaps.base import Gap, GapSeverity
from ofsted_trace.model.problems import Location
from ofsted_trace.render import diff_md

DAY = date(2021, 8, 2)


def changes(**kw: object) -> Changes:
    base: dict[str, object] = {"before": "board-2018-09", "after": "working tree", "as_of": DAY,
                               "statuses": (), "gaps_opened": (), "gaps_closed": (),
                               "excerpts": (), "new": ()}
    return Changes(**{**base, **kw})  # type: ignore[arg-type]


def test_nothing_changed_says_so() -> None:
    assert diff_md.format(changes()) == (
        "## Since the last board report\n\n"
        "Changes from board-2018-09 to the working tree, with every status judged as at "
        "2021-08-02.\n\n"
        "Nothing has changed: no status, gap, excerpt, document or visit.\n")


def test_sentences_for_new_and_removed_recommendations() -> None:
    out = diff_md.format(changes(statuses=(
        StatusChange("R9", 9, "New one", None, "no-evidence"),
        StatusChange("R8", 8, "Old one", "concern", None))))
    assert "- Recommendation 9, New one (R9), is new; its status is no evidence.\n" in out
    assert "- Recommendation 8, Old one (R8), was removed; its status was concern.\n" in out
    assert "2 recommendations changed status." in out


def test_hostile_text_renders_as_text() -> None:
    evil = "<script>alert(1)</script> | *x* [link](javascript:1)\n# heading"
    gap = Gap("no-evidence", "R1", GapSeverity.HIGH, Location("x"), evil)
    out = diff_md.format(changes(
        statuses=(StatusChange("R1", 1, evil, "concern", "evidenced"),),
        gaps_opened=(gap,),
        excerpts=(ExcerptChange("e1", evil, "retagged", (FieldChange("themes", evil, "T1"),)),),
        new=(NewRecord("document", "d1", evil, "2021"),)))
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<script>" not in html and "<a " not in html and "<em>" not in html
    assert html.count("<h1>") == 0
    assert html.count("<li>") == 4
    assert "&lt;script&gt;" in html


def test_retag_lists_each_field() -> None:
    out = diff_md.format(changes(excerpts=(ExcerptChange("e1", "doc", "retagged", (
        FieldChange("stance", "concern", "mixed"), FieldChange("recommendations", "R1", "none"))),
    )))
    assert ("- Re-tagged: e1 (document doc): stance changed from concern to mixed; "
            "recommendations changed from R1 to none.\n") in out
    assert "0 excerpts were added, 0 removed and 1 re-tagged." in out
