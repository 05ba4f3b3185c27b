"""trace diff as rich tables and JSON rows: data text shown literally."""

from __future__ import annotations

from datetime import date

from ofsted_trace.judge.compare import Changes, ExcerptChange, FieldChange, StatusChange
from ofsted_trace.render.terminal import diff
from ofsted_trace.render.terminal.table import Term

TERM = Term(100, False)


def changes(**kw: object) -> Changes:
    base: dict[str, object] = {"before": "HEAD", "after": "working tree",
                               "as_of": date(2021, 8, 2), "statuses": (), "gaps_opened": (),
                               "gaps_closed": (), "excerpts": (), "new": ()}
    return Changes(**{**base, **kw})  # type: ignore[arg-type]


def test_no_changes() -> None:
    assert diff.table(changes(), TERM) == (
        "Changes from HEAD to working tree at 2021-08-02\nNo changes.\n")


def test_markup_and_controls_in_data_are_literal() -> None:
    out = diff.table(changes(
        statuses=(StatusChange("R1", 1, "[bold red]x[/] \x1b[2J", "concern", "evidenced"),),
        excerpts=(ExcerptChange("e1", "d", "retagged", (FieldChange("themes", "T1", "T2"),)),)),
        TERM)
    assert "[bold red]x[/] \\x1b[2J" in out
    assert "\x1b" not in out
    assert "themes: T1 → T2" in out


def test_rows_for_json() -> None:
    out = diff.rows(changes(excerpts=(ExcerptChange("e1", "d", "added"),)))
    assert out["excerpts"] == [{"id": "e1", "document": "d", "change": "added", "fields": {}}]
    assert out["as_of"] == "2021-08-02"
