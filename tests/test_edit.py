"""Editing commands through the CLI: surgical, idempotent, validated, and refused when unsafe."""

from __future__ import annotations

import codecs
import difflib
import hashlib
from pathlib import Path

import pytest

from ofsted_trace.edit import commands, roundtrip
from ofsted_trace.load import yamlio
from tests.conftest import Run
from tests.test_fixtures import digest

# A commented, hand-formatted evidence file for the minimal dataset's letter.
HAND = """\
# Findings from the focused-visit letter.   Trailing spaces and odd alignment are deliberate.
document: letter

excerpts:
    # first record
    - id: letter-001
      quote: 'Assessments are now timely and analyse risk well.'
      visit: fv
      voice:  ofsted          # aligned
      stance: progress
      recommendations: [ R1 ]

    - id: letter-002
      quote: >-
        Management oversight is not yet consistently effective, and "supervision" does not
        always drive plans forward.
      visit: fv
      voice: ofsted
      stance: concern
      recommendations:
        - R2   # block list
      note: "Quoted note"

    - id: letter-003
      quote: Inspectors found that too many children wait for a health assessment.
      visit: fv
      voice: ofsted
      stance: concern
      recommendations: []
      note: Fits no recommendation.
# trailing comment
"""
LETTER = "evidence/letter.yaml"


@pytest.fixture
def hand(minimal: Path) -> Path:
    (minimal / LETTER).write_text(HAND, encoding="utf-8")
    return minimal


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a diff removes (-) and adds (+), without context."""
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:1] in "+-"]


def test_each_edit_changes_only_its_own_line(run: Run, hand: Path) -> None:
    steps = [
        (("link", "letter-001", "R3"),
         ["-       recommendations: [ R1 ]", "+       recommendations: [ R1, R3 ]"]),
        (("unlink", "letter-002", "R2"),
         ["+       recommendations: []   # block list", "-       recommendations:",
          "-         - R2   # block list"]),
        (("set", "letter-001", "--stance", "mixed"),
         ["-       stance: progress", "+       stance: mixed"]),
        (("set", "letter-003", "--voice", "ofsted-paraphrase"),
         ["-       voice: ofsted", "+       voice: ofsted-paraphrase"]),
    ]
    for args, expected in steps:
        before = (hand / LETTER).read_text(encoding="utf-8")
        result = run(*args, "--data", str(hand))
        assert result.exit_code == 0, result.output
        after = (hand / LETTER).read_text(encoding="utf-8")
        assert changed_lines(before, after) == expected, args
    assert run("check", "--data", str(hand)).exit_code == 0


def test_add_excerpt_appends_only(run: Run, hand: Path) -> None:
    result = run("add-excerpt", "letter", "--quote", "Social workers know\n their children.",
                 "--stance", "progress", "--voice", "ofsted", "--visit", "fv", "--rec", "R2",
                 "--theme", "T2", "--note", "Added by hand", "--data", str(hand))
    assert result.exit_code == 0, result.output
    assert "added excerpt letter-004" in result.stdout
    text = (hand / LETTER).read_text(encoding="utf-8")
    cut = HAND.index("# trailing comment")
    assert text.startswith(HAND[:cut]) and text.endswith(HAND[cut:])
    assert text[cut:-len(HAND[cut:])] == (
        "\n    - id: letter-004\n      quote: Social workers know their children.\n"
        "      visit: fv\n      voice: ofsted\n      stance: progress\n"
        "      recommendations: [R2]\n      themes: [T2]\n      note: Added by hand\n")


def test_linking_twice_changes_nothing_the_second_time(run: Run, hand: Path) -> None:
    assert run("link", "letter-003", "R4", "--data", str(hand)).exit_code == 0
    once = (hand / LETTER).read_bytes()
    again = run("link", "letter-003", "R4", "--data", str(hand))
    assert again.exit_code == 0
    assert "already links R4; nothing changed" in again.stdout
    assert (hand / LETTER).read_bytes() == once
    assert run("unlink", "letter-003", "R1", "--data", str(hand)).exit_code == 0
    assert (hand / LETTER).read_bytes() == once


def test_link_then_unlink_restores_barnet_files(barnet: Path) -> None:
    """Real excerpts: link a new recommendation, unlink it, and get the same bytes back.

    Every excerpt of the four smaller files and every 27th of the larger ones (each edit
    checks the whole dataset first, so all 471 would make the suite slow).
    """
    count = 0
    for path in sorted((barnet / "evidence").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        items = yamlio.parse(text)["excerpts"]
        for item in items[::27] if len(items) > 50 else items:
            path.write_bytes(commands.link(barnet, item["id"], ["R99"]).changes[0].new)
            assert path.read_text(encoding="utf-8") != text
            path.write_bytes(commands.unlink(barnet, item["id"], ["R99"]).changes[0].new)
            assert path.read_text(encoding="utf-8") == text, item["id"]
            count += 1
    assert count == 79 + 4 + 3 + 3 + 8


@pytest.mark.parametrize(("args", "code", "message"), [
    (("link", "letter-001", "R99"), 1, "unknown recommendation 'R99'"),
    (("set", "letter-001", "--visit", "mv9"), 1, "unknown visit 'mv9'"),
    (("link", "letter-999", "R1"), 2, "no excerpt has the id 'letter-999'"),
    (("set", "letter-001", "--stance", "great"), 2, "--stance 'great' is not allowed"),
    (("set", "letter-001"), 2, "say what to set"),
    (("add-excerpt", "letter", "--quote", "Assessments are always timely.", "--stance",
      "progress", "--voice", "ofsted"), 1, "Closest passage"),
    (("add-excerpt", "nodoc", "--quote", "x", "--stance", "progress", "--voice", "ofsted"),
     2, "no document has the id 'nodoc'"),
    (("add-excerpt", "letter", "--quote", "ssessments are now timely", "--stance", "progress",
      "--voice", "ofsted"), 1, "inside a longer word"),
    (("add-excerpt", "letter", "--quote", "Assessments are now time", "--stance", "progress",
      "--voice", "ofsted"), 1, "inside a longer word"),
    (("add-excerpt", "letter", "--quote", "\u00a0", "--stance", "progress", "--voice",
      "ofsted"), 1, "at least 3 words"),
    (("add-excerpt", "letter", "--quote", "risk well.", "--stance", "progress", "--voice",
      "ofsted"), 1, "at least 3 words"),
])
def test_refusals_write_nothing(run: Run, hand: Path, args: tuple[str, ...], code: int,
                                message: str) -> None:
    before = digest(hand)
    result = run(*args, "--data", str(hand))
    assert result.exit_code == code, result.output
    assert message in result.output
    assert digest(hand) == before


def test_refused_quote_shows_the_closest_passage(run: Run, hand: Path) -> None:
    result = run("add-excerpt", "letter", "--quote", "Assessments are now timely and analyse "
                 "risks well.", "--stance", "progress", "--voice", "ofsted", "--data", str(hand))
    assert result.exit_code == 1
    assert '(98% alike): "Assessments are now timely and analyse risk well.' in result.stderr


def test_existing_errors_do_not_block_unrelated_edits(run: Run, hand: Path) -> None:
    (hand / "evidence/council.yaml").write_text(
        (hand / "evidence/council.yaml").read_text().replace("[R3]", "[R77]"))
    result = run("link", "letter-001", "R3", "--data", str(hand))
    assert result.exit_code == 0, result.output


def test_dry_run_shows_the_diff_and_writes_nothing(run: Run, hand: Path) -> None:
    before = digest(hand)
    result = run("link", "letter-001", "R3", "--dry-run", "--data", str(hand))
    assert result.exit_code == 0
    assert "-      recommendations: [ R1 ]\n+      recommendations: [ R1, R3 ]\n" in result.stdout
    assert "dry run: nothing written" in result.stderr
    assert digest(hand) == before


def test_next_id_is_one_past_the_highest(hand: Path) -> None:
    path = hand / LETTER
    path.write_text(path.read_text().replace("letter-002", "letter-017"))
    assert commands.next_id(hand, "letter") == "letter-018"
    assert commands.next_id(hand, "council") == "council-003"
    assert commands.next_id(hand, "new") == "new-001"


def test_add_document_then_first_excerpt(run: Run, minimal: Path, tmp_path: Path) -> None:
    text = tmp_path / "mv2-letter.txt"
    text.write_text("Dear Director\n\nLeaders have   made progress.\n", encoding="utf-8")
    before = (minimal / "documents.yaml").read_text(encoding="utf-8")
    result = run("add-document", str(text), "--id", "mv2-letter", "--title", "Second: letter",
                 "--publisher", "Ofsted", "--date", "2018-03-05", "--primary",
                 "--reports", "mv1", "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert (minimal / "sources/mv2-letter.txt").read_bytes() == text.read_bytes()
    after = (minimal / "documents.yaml").read_text(encoding="utf-8")
    assert after == before + (
        "  - id: mv2-letter\n    title: \"Second: letter\"\n    publisher: Ofsted\n"
        "    date: 2018-03-05\n    primary: true\n    path: sources/mv2-letter.txt\n"
        "    reports: [mv1]\n"
        f"    text_sha256: {hashlib.sha256(text.read_bytes()).hexdigest()}\n")
    evidence = minimal / "evidence/mv2-letter.yaml"
    assert evidence.read_text() == "document: mv2-letter\nexcerpts: []\n"
    again = run("add-document", str(text), "--id", "mv2-letter", "--title", "t", "--publisher",
                "p", "--date", "2018", "--primary", "--data", str(minimal))
    assert again.exit_code == 1 and "already exists" in again.output
    result = run("add-excerpt", "mv2-letter", "--quote", "Leaders have made progress.",
                 "--stance", "progress", "--voice", "ofsted", "--visit", "mv1",
                 "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert evidence.read_text() == (
        "document: mv2-letter\nexcerpts:\n  - id: mv2-letter-001\n"
        "    quote: Leaders have made progress.\n    visit: mv1\n    voice: ofsted\n"
        "    stance: progress\n    recommendations: []\n")
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0


def test_add_document_needs_primary_or_secondary(run: Run, minimal: Path, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("x")
    result = run("add-document", str(text), "--id", "a", "--title", "t", "--publisher", "p",
                 "--date", "2019", "--data", str(minimal))
    assert result.exit_code == 2 and "--primary" in result.output


def test_bom_and_crlf_survive(run: Run, hand: Path) -> None:
    path = hand / LETTER
    raw = codecs.BOM_UTF8 + HAND.replace("\n", "\r\n").encode()
    path.write_bytes(raw)
    assert run("link", "letter-001", "R3", "--data", str(hand)).exit_code == 0
    assert path.read_bytes() == raw.replace(b"[ R1 ]", b"[ R1, R3 ]")


def test_new_visit_key_is_inserted_in_house_order(hand: Path) -> None:
    path = hand / LETTER
    path.write_text(HAND.replace("      visit: fv\n      voice:  ofsted", "      voice:  ofsted"))
    plan = commands.set_tags(hand, "letter-001", {"visit": "mv1"})
    text = plan.changes[0].new.decode()
    assert "      quote: 'Assessments are now timely and analyse risk well.'\n      visit: mv1\n" \
        "      voice:  ofsted" in text
    assert roundtrip.Source(text, "x").data["excerpts"][0]["visit"] == "mv1"
