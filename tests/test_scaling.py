"""Two checks that once grew quadratically: close-match suggestions and the theme-cycle walk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ofsted_trace.check import similar
from ofsted_trace.check.rules import references
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.records import Theme

N = 4000


class Counting(dict[str, Any]):
    """A table that counts every lookup the check makes."""

    lookups = 0

    def __getitem__(self, key: str) -> Any:
        Counting.lookups += 1
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        Counting.lookups += 1
        return super().__contains__(key)


def _chain(n: int) -> Dataset:
    ds = Dataset(Path("."))
    themes = Counting()
    for i in range(n):
        theme = Theme(id=f"T{i}", title=f"Theme {i}", parent=f"T{i + 1}" if i + 1 < n else None)
        themes[theme.id] = theme
        ds.origins[theme.id] = Origin("themes.yaml", ("themes", i))
    ds.themes = themes
    return ds


def test_theme_cycle_walk_is_linear_on_a_long_chain() -> None:
    ds = _chain(N)
    Counting.lookups = 0
    assert list(references._cycles(ds)) == []
    assert Counting.lookups <= 4 * N, f"{Counting.lookups} lookups for {N} themes"


def test_theme_cycle_still_found_for_every_theme_that_reaches_one() -> None:
    ds = _chain(5)
    ds.themes["T4"] = ds.themes["T4"].model_copy(update={"parent": "T2"})
    flagged = [p.subject for p in references._cycles(ds)]
    assert flagged == ["T0", "T1", "T2", "T3", "T4"]


def test_each_unknown_id_is_matched_once_against_choices_listed_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ds = Dataset(Path("."))
    table = {f"R{i}": object() for i in range(50)}
    seen: list[tuple[str, int]] = []
    real = similar.close

    def counted(ref: str, choices: similar.Choices) -> list[str]:
        seen.append((ref, id(choices)))
        return real(ref, choices)

    monkeypatch.setattr(similar, "close", counted)
    found = references.Suggest(ds)
    for _ in range(3):
        for i in range(N):
            found("recommendation", table, f"X{i}")
    assert len(seen) == N, "an unknown id is matched once, however often it is named"
    assert len({choice for _, choice in seen}) == 1, "the choices are listed once"
    assert found("recommendation", table, "R1x") == ["R1", "R10", "R11"]


def test_close_matches_agree_with_the_old_suggestions() -> None:
    assert similar.close("R1x", similar.choices(["R1", "R2", "Q9", "R10"])) == ["R1", "R10"]
    assert similar.close("zzzz", similar.choices(["R1", "R2"])) == []
