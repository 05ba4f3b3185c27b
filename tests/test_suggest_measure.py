"""Precision and recall at 3 of the suggestions on two Barnet documents, kept above a floor.

Run `python -m tests.suggestkit` (or pytest -s) to see the numbers; README.md quotes them.
"""

from __future__ import annotations

import pytest

from tests.suggestkit import measure

# A little under what the ranking measures today, so a change that makes it worse fails.
FLOORS = {"2021": (0.30, 0.38), "2019": (0.45, 0.28)}


@pytest.mark.parametrize("document", sorted(FLOORS))
def test_precision_and_recall_at_3(document: str, capsys: pytest.CaptureFixture[str]) -> None:
    score = measure(document)
    with capsys.disabled():
        print(f"\n{score.line()}")
    precision, recall = FLOORS[document]
    assert score.precision >= precision, score.line()
    assert score.recall >= recall, score.line()
    assert score.stance_right >= 0.5, score.line()
