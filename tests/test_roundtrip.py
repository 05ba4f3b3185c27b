"""Surgical splices: each edit changes only its own node, and verify() refuses anything else."""

from __future__ import annotations

import pytest

from ofsted_trace import roundtrip, yamlio
from ofsted_trace.roundtrip import EditFault, Source

HAND = """\
# Hand-made: odd alignment, comments, blank lines and every list style.
document:   letter      # aligned by hand
excerpts:

    -   id:    letter-001          # four-space indent, wide dash gap
        quote: 'Assessments are now timely'
        voice: ofsted
        stance:   progress   # spaced
        recommendations: [ R1 ,R2 ]   # odd flow spacing
    # a comment between records
    -   id: letter-002
        quote: "Management oversight"
        voice: ofsted
        stance: concern
        recommendations:
          - R2     # block style
          - "R3"
        note: kept
"""


def edit(splices: list[roundtrip.Splice], src: Source) -> str:
    return roundtrip.apply(src.text, splices)


def rec(src: Source, i: int):
    return src.record("excerpts", i)


@pytest.fixture
def src() -> Source:
    return Source(HAND, "hand.yaml")


@pytest.mark.parametrize(("value", "rendered"), [
    ("R1", "R1"), ("1", '"1"'), ("true", '"true"'), ("a: b", '"a: b"'),
    ("line\nbreak", '"line\\nbreak"'), ("# hash", '"# hash"'), ("1a", "1a"),
])
def test_scalar_reads_back_as_the_same_string(value: str, rendered: str) -> None:
    assert roundtrip.scalar(value) == rendered
    assert yamlio.parse(f"k: {roundtrip.scalar(value)}") == {"k": value}


def test_flow_add_keeps_odd_spacing_and_comment(src: Source) -> None:
    out = edit([roundtrip.seq_add(src, rec(src, 0), "recommendations", ["R4"])], src)
    assert "        recommendations: [ R1 ,R2, R4 ]   # odd flow spacing\n" in out
    assert out.replace(", R4", "") == HAND


def test_block_add_matches_item_indent(src: Source) -> None:
    out = edit([roundtrip.seq_add(src, rec(src, 1), "recommendations", ["R9", "1"])], src)
    assert '          - "R3"\n          - R9\n          - "1"\n        note: kept\n' in out
    assert yamlio.parse(out)["excerpts"][1]["recommendations"] == ["R2", "R3", "R9", "1"]


@pytest.mark.parametrize(("remove", "line"), [
    (["R1"], "[ R2 ]"), (["R2"], "[ R1 ]"), (["R1", "R2"], "[]"),
])
def test_flow_remove(src: Source, remove: list[str], line: str) -> None:
    out = edit(roundtrip.seq_remove(src, rec(src, 0), "recommendations", remove), src)
    assert f"        recommendations: {line}   # odd flow spacing\n" in out
    assert len(out.splitlines()) == len(HAND.splitlines())


def test_block_remove_one_and_all(src: Source) -> None:
    one = edit(roundtrip.seq_remove(src, rec(src, 1), "recommendations", ["R2"]), src)
    assert "R2     # block style" not in one and '          - "R3"\n' in one
    both = edit(roundtrip.seq_remove(src, rec(src, 1), "recommendations", ["R2", "R3"]), src)
    assert "        recommendations: []\n        note: kept\n" in both
    assert yamlio.parse(both)["excerpts"][1]["recommendations"] == []


def test_set_replaces_only_the_value(src: Source) -> None:
    out = edit([roundtrip.set_key(src, rec(src, 0), "stance", "mixed")], src)
    assert "        stance:   mixed   # spaced\n" in out
    assert out.replace("mixed", "progress", 1) == HAND


def test_new_key_goes_where_the_house_order_puts_it(src: Source) -> None:
    out = edit([roundtrip.set_key(src, rec(src, 0), "visit", "fv")], src)
    lines = out.splitlines()
    assert lines[lines.index("        visit: fv") + 1] == "        voice: ofsted"
    note = edit([roundtrip.set_key(src, rec(src, 0), "note", '"x"')], src)
    assert "recommendations: [ R1 ,R2 ]   # odd flow spacing\n        note: \"x\"\n" in note


def test_append_record_matches_sibling_indent(src: Source) -> None:
    record = {"id": "letter-003", "quote": "word " * 30 + "end", "voice": "ofsted",
              "stance": "mixed", "recommendations": ["R1"]}
    splice = roundtrip.append_record(src, "excerpts", record)
    out = edit([splice], src)
    assert out.startswith(HAND)
    tail = out[len(HAND):]
    assert tail.startswith("    -   id: letter-003\n        quote: >-\n          word")
    assert all(len(line) <= 96 for line in tail.splitlines())
    assert yamlio.parse(out)["excerpts"][2] == {**record, "quote": record["quote"]}


def test_append_to_empty_flow_list() -> None:
    src = Source("document: d   # the doc\nexcerpts: []   # none yet\n# end\n", "e.yaml")
    splice = roundtrip.append_record(src, "excerpts", {"id": "d-001", "quote": "q",
                                                        "voice": "council", "stance": "mixed"})
    out = edit([splice], src)
    assert out == ("document: d   # the doc\nexcerpts:   # none yet\n  - id: d-001\n"
                   "    quote: q\n    voice: council\n    stance: mixed\n# end\n")
    assert roundtrip.splice_lines(src.text, splice) == (1, 2)


def test_verify_refuses_disturbed_lines_and_wrong_data(src: Source) -> None:
    expected = roundtrip.expect(src)
    with pytest.raises(EditFault, match="outside the record"):
        roundtrip.verify(src, HAND.replace("# Hand-made", "# Hand-made!"), expected, 3, 9)
    with pytest.raises(EditFault, match="read back"):
        roundtrip.verify(src, HAND.replace("kept", "lost"), expected, 0, 20)
    with pytest.raises(EditFault, match="valid YAML"):
        roundtrip.verify(src, HAND + "  - : [\n", expected, 0, 20)
    roundtrip.verify(src, HAND, expected, 3, 9)


def test_record_lines_span_dash_to_last_value(src: Source) -> None:
    assert roundtrip.record_lines(src, rec(src, 0)) == (4, 9)
    assert roundtrip.record_lines(src, rec(src, 1)) == (10, 18)


def test_unreadable_yaml_is_refused() -> None:
    with pytest.raises(EditFault, match="not readable"):
        Source("a: [\n", "bad.yaml")
