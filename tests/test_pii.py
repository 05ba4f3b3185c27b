"""Personal-data detection: realistic positives and negatives for each kind."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ofsted_trace.check import pii


def kinds(text: str, case_ids: tuple[re.Pattern[str], ...] = ()) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in pii.find(text, case_ids)]


@pytest.mark.parametrize(("text", "found"), [
    # dates of birth: only dates introduced as a birth date
    ("Child A (DOB 12/03/2009) was seen.", ("date-of-birth", "DOB 12/03/2009")),
    ("d.o.b.: 1.2.10", ("date-of-birth", "d.o.b.: 1.2.10")),
    ("date of birth: 2010-03-01", ("date-of-birth", "date of birth: 2010-03-01")),
    ("she was born on 3rd of March 2009", ("date-of-birth", "born on 3rd of March 2009")),
    ("Born 14 Sept. 2011 in Barnet", ("date-of-birth", "Born 14 Sept. 2011")),
    ("born March 3, 2009", ("date-of-birth", "born March 3, 2009")),
    # NHS numbers with a valid modulus-11 check digit
    ("NHS no. 943 476 5919", ("nhs-number", "943 476 5919")),
    ("nhs 9434765919.", ("nhs-number", "9434765919")),
    ("NHS: 401-023-2137", ("nhs-number", "401-023-2137")),
    # postcodes
    ("lives at 2 Bristol Avenue, NW9 4EW", ("postcode", "NW9 4EW")),
    ("moved to EC1A 1BB last year", ("postcode", "EC1A 1BB")),
    ("placed in M1 2WD", ("postcode", "M1 2WD")),
    ("CR26XH", ("postcode", "CR26XH")),
    # personal phone numbers: geographic and mobile
    ("mother's mobile 07700 900123", ("phone", "07700 900123")),
    ("call 020 8359 2000", ("phone", "020 8359 2000")),
    ("tel (01632) 960 001", ("phone", "(01632) 960 001")),
    ("+44 7700 900123", ("phone", "+44 7700 900123")),
    ("+44 (0)20 7946 0000", ("phone", "+44 (0)20 7946 0000")),
    ("07700-900-123", ("phone", "07700-900-123")),
    # email addresses
    ("write to jo.bloggs+care@example.org.uk today", ("email", "jo.bloggs+care@example.org.uk")),
    # forms the issue-13 attack got past (each written as people do write them)
    ("DOB: 03-Apr-2012", ("date-of-birth", "DOB: 03-Apr-2012")),
    ("date-of-birth 03/04/2012", ("date-of-birth", "date-of-birth 03/04/2012")),
    ("born 3 April, 2012", ("date-of-birth", "born 3 April, 2012")),
    ("Born: 2012-4-3", ("date-of-birth", "Born: 2012-4-3")),
    ("DoB\u00a012\u00a0March\u00a02009", ("date-of-birth", "DoB\u00a012\u00a0March\u00a02009")),
    ("NHS 943\u00a0476\u00a05919", ("nhs-number", "943\u00a0476\u00a05919")),
    ("NHS 943.476.5919", ("nhs-number", "943.476.5919")),
    ("0044 7700 900123", ("phone", "0044 7700 900123")),
    ("+44-7700-900123", ("phone", "+44-7700-900123")),
    ("07700.900.123", ("phone", "07700.900.123")),
    ("0044 (0)20 7946 0000", ("phone", "0044 (0)20 7946 0000")),
    ("lives at NW9  4EW", ("postcode", "NW9  4EW")),
    ("lives at NW9\u00a04EW", ("postcode", "NW9\u00a04EW")),
])
def test_true_positives(text: str, found: tuple[str, str]) -> None:
    assert found in kinds(text)


@pytest.mark.parametrize("text", [
    # dates that are not birth dates
    "This letter summarises the findings of a focused visit on 10 and 11 June 2019.",
    "Inspectors visited on 12/03/2019 and again on 2019-06-10.",
    "Born in 2009, the service has grown.",  # a year alone identifies no one
    "The board was born out of the 2017 inspection.",
    # NHS-shaped numbers whose check digit fails, and ten-digit numbers that are not
    "NHS no. 943 476 5918",
    "reference 1234567890",
    "401 023 2138",
    # postcodes: look-alikes
    "GCSE 2019 results improved",
    "Year 11 pupils, KS4 2018, A1 grades",
    "section 47 enquiries rose to 1,204",
    "nw9 4ew",  # lower case is too rarely a postcode to flag
    # organisations' numbers and statistics
    "If you have any questions, call Ofsted on 0300 123 1231.",
    "Freephone 0800 123 4567 or 0845 601 4771",
    "+44 300 123 1231",
    "In 2017-18 there were 2,563 referrals, 0.5% more than 2016-17.",
    "ratio 1:20 in 2019 2020 2021",
    # handles and addresses that are not email
    "Follow @BarnetCouncil on Twitter",
    "See www.barnet.gov.uk/children",
    "R01, R02 and B101 were made",
    # look-alikes of the wider forms
    "0044 300 123 1231",
    "version 1.2.3 of 2012-4-3",
    "In 2017-18, 3.5 per cent; 12.04.2019 was the visit date.",
])
def test_true_negatives(text: str) -> None:
    assert kinds(text) == []


def test_nhs_check_digit_of_ten_is_never_valid() -> None:
    # 123 456 789x: weights give a check of 10, so no last digit makes it valid
    digits = "123456789"
    total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
    assert 11 - total % 11 == 10
    assert all(kinds(f"123 456 789{d}") == [] for d in range(10))


def test_nhs_number_is_not_also_reported_as_a_phone() -> None:
    # 020 835 9001 is shaped like a London number (10 digits: too short to be one) but is a
    # valid NHS number; it is reported once, as the stronger kind.
    assert kinds("NHS 020 835 9001") == [("nhs-number", "020 835 9001")]


def test_case_id_patterns_from_config() -> None:
    patterns = (re.compile(r"LCS-\d{7}"), re.compile(r"\bMOSAIC/\d+\b"))
    assert kinds("See LCS-0012345 and MOSAIC/88.", patterns) == [
        ("case-id", "LCS-0012345"), ("case-id", "MOSAIC/88")]
    assert kinds("LCS-12 is too short", patterns) == []


def test_an_empty_match_pattern_finds_nothing() -> None:
    assert kinds("anything", (re.compile(r"x*"),)) == []


def test_redact_masks_each_match_with_its_kind() -> None:
    text = "Child A, DOB 12/03/2009, lives at NW9 4EW; mum on 07700 900123."
    out = pii.redact(text, pii.find(text))
    assert out == ("Child A, [date-of-birth removed], lives at [postcode removed]; mum on "
                   "[phone removed].")


def test_redact_overlapping_matches_once() -> None:
    text = "x 943 476 5919 y"
    matches = [pii.Match("nhs-number", 2, 14, "943 476 5919"), pii.Match("phone", 6, 14, "")]
    assert pii.redact(text, matches) == "x [nhs-number removed] y"


def test_masked_never_repeats_the_value() -> None:
    assert pii.masked("07700 900123") == "0…3"
    assert "900" not in pii.masked("07700 900123")
    assert pii.masked("ab") == "…"


@pytest.mark.parametrize("run_of", ["a.", "1-", "a@b.", "born ", "+44 ", "0 "])
def test_long_pathological_runs_finish(run_of: str) -> None:
    # Unbounded patterns made these quadratic (minutes for a 200 kB quote); now they are linear.
    assert pii.find(run_of * 100_000) is not None


_PIECES = st.sampled_from(["0", "1", "4", "7", "9", "20", "123", "4567", " ", "-", ".", "(", ")",
                           "+44", "N", "W1A", "AB", "x", "@", "a.b", "born", "DOB", "d.o.b",
                           "birth", "Date of birth", "March", "3rd", "/", ",", "\u00a0"])


@given(st.lists(_PIECES, max_size=14).map("".join))
def test_the_quick_gate_never_hides_a_match(text: str) -> None:
    # The gate lets text skip the five patterns; it may only do so when none would match.
    if any(p.search(text) for p in pii._PATTERNS.values()):
        assert pii.could_match(text)


@pytest.mark.parametrize("kind", sorted(pii._PATTERNS))
@given(data=st.data())
def test_the_quick_gate_passes_every_match_of_each_kind(kind: str, data: st.DataObject) -> None:
    pattern = pii._PATTERNS[kind]
    text = data.draw(st.from_regex(pattern, fullmatch=False))
    assert pattern.search(text) is not None
    assert pii.could_match(text)



@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), max_size=6))
def test_the_gate_over_texts_joined_by_nul_passes_whenever_one_text_would(
        texts: list[str]) -> None:
    # The privacy check gates a whole evidence file's texts joined by NUL before any one of them.
    if any(pii.could_match(text) for text in texts):
        assert pii.could_match("\0".join(texts))
