"""Quote matching forgives whitespace, quote marks and dashes, and nothing else."""

from __future__ import annotations

from ofsted_trace.check.textmatch import closest, normalise


def test_normalise_folds_quotes_dashes_and_whitespace() -> None:
    assert normalise("‘Good’ –\n  “better”—best") == "'Good'-\"better\"-best"


def test_normalise_keeps_case_and_spelling() -> None:
    assert normalise("improvingsteadily") != normalise("improving steadily")
    assert normalise("Ofsted") != normalise("ofsted")


def test_closest_passage_and_score() -> None:
    text = normalise("Inspectors found that leaders know their services well. Plans are sound.")
    near = closest(normalise("leaders know their service well"), text)
    assert near.passage == "leaders know their services well."
    assert 90 <= near.score < 100


def test_closest_of_nothing() -> None:
    assert closest("", "abc").score == 0.0
