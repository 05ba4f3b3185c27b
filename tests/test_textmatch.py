"""Quote matching forgives whitespace, quote marks and dashes, and nothing else."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ofsted_trace.check.textmatch import alike, closest, find, normalise, too_short

# The definition, written the slow, obvious way: fold every mark through one table, collapse
# whitespace, then drop a space on either side of each dash.
_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "‐": "-", "‑": "-",
                        "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "…": "..."})


_MARKS_CHARS = [chr(c) for c in _MARKS]


def _reference(text: str) -> str:
    return re.sub(r" ?- ?", "-", " ".join(text.translate(_MARKS).split()))


def test_normalise_folds_quotes_dashes_and_whitespace() -> None:
    assert normalise("‘Good’ –\n  “better”—best") == "'Good'-\"better\"-best"


@given(st.text(alphabet=st.sampled_from([*"ab -.'\"`\n\t\u00a0", *_MARKS_CHARS])))
def test_normalise_is_the_reference_definition(text: str) -> None:
    assert normalise(text) == _reference(text)


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


def test_a_quote_begins_and_ends_on_word_boundaries() -> None:
    text = "Unregulated provision is understood by staff. Care is inadequate standard."
    assert find("regulated provision is understood by staff.", text) == -1
    assert find("adequate standard.", text) == -1
    assert find("Unregulated provision is understo", text) == -1
    assert find("Unregulated provision", text) == 0
    assert find("Care is inadequate", text) == text.index("Care")
    # A later occurrence on word boundaries is still found.
    assert find("regulated", "unregulated and regulated") == len("unregulated and ")
    # Punctuation at an edge needs no boundary: it is not part of a word.
    assert find(". Care is", text) == text.index(". Care")


def test_a_quote_must_carry_real_words() -> None:
    for short in ("", " ", "\u00a0", ".", "a", "\u2014", "risk well", "1 2 3 4", "a - b"):
        assert too_short(short), repr(short)
    assert not too_short("is now timely")


def test_similarity_is_never_rounded_up_to_a_perfect_match() -> None:
    assert alike(99.6) == "99%"
    assert alike(100.0) == "99%"  # only a quote that was found is 100% alike
    assert alike(42.2) == "42%"
    text = normalise("Life-story work is not routinely evidenced on files.")
    near = closest(normalise("Life-story work is now routinely evidenced on files."), text)
    assert near.score < 100
