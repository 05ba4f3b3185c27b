"""Surgical splices: each edit changes only its own node, and verify() refuses anything else."""

from __future__ import annotations

from typing import Any

import pytest

from ofsted_trace.edit import roundtrip, sequences, splice
from ofsted_trace.edit.roundtrip import Source
from ofsted_trace.edit.splice import EditFault
from ofsted_trace.load import yamlio

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


def edit(splices: list[splice.Splice], src: Source) -> str:
    return splice.apply(src.text, splices)


def rec(src: Source, i: int) -> Any:
    return src.record("excerpts", i)


@pytest.fixture
def src() -> Source:
    return Source(HAND, "hand.yaml")


def test_flow_add_keeps_odd_spacing_and_comment(src: Source) -> None:
    out = edit([sequences.seq_add(src, rec(src, 0), "recommendations", ["R4"])], src)
    assert "        recommendations: [ R1 ,R2, R4 ]   # odd flow spacing\n" in out
    assert out.replace(", R4", "") == HAND


def test_block_add_matches_item_indent(src: Source) -> None:
    out = edit([sequences.seq_add(src, rec(src, 1), "recommendations", ["R9", "1"])], src)
    assert '          - "R3"\n          - R9\n          - "1"\n        note: kept\n' in out
    assert yamlio.parse(out)["excerpts"][1]["recommendations"] == ["R2", "R3", "R9", "1"]


@pytest.mark.parametrize(("remove", "line"), [
    (["R1"], "[ R2 ]"), (["R2"], "[ R1 ]"), (["R1", "R2"], "[]"),
])
def test_flow_remove(src: Source, remove: list[str], line: str) -> None:
    out = edit(sequences.seq_remove(src, rec(src, 0), "recommendations", remove), src)
    assert f"        recommendations: {line}   # odd flow spacing\n" in out
    assert len(out.splitlines()) == len(HAND.splitlines())


def test_block_remove_one_and_all(src: Source) -> None:
    one = edit(sequences.seq_remove(src, rec(src, 1), "recommendations", ["R2"]), src)
    assert "R2     # block style" not in one and '          - "R3"\n' in one
    both = edit(sequences.seq_remove(src, rec(src, 1), "recommendations", ["R2", "R3"]), src)
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
    cut = roundtrip.append_record(src, "excerpts", record)
    out = edit([cut], src)
    assert out.startswith(HAND)
    tail = out[len(HAND):]
    assert tail.startswith("    -   id: letter-003\n        quote: >-\n          word")
    assert all(len(line) <= 96 for line in tail.splitlines())
    assert yamlio.parse(out)["excerpts"][2] == {**record, "quote": record["quote"]}


def test_append_to_empty_flow_list() -> None:
    src = Source("document: d   # the doc\nexcerpts: []   # none yet\n# end\n", "e.yaml")
    cut = roundtrip.append_record(src, "excerpts", {"id": "d-001", "quote": "q",
                                                     "voice": "council", "stance": "mixed"})
    out = edit([cut], src)
    assert out == ("document: d   # the doc\nexcerpts:   # none yet\n  - id: d-001\n"
                   "    quote: q\n    voice: council\n    stance: mixed\n# end\n")
    assert splice.splice_lines(src.text, cut) == (1, 2)


def test_record_lines_span_dash_to_last_value(src: Source) -> None:
    assert roundtrip.record_lines(src, rec(src, 0)) == (4, 9)
    assert roundtrip.record_lines(src, rec(src, 1)) == (10, 18)


def test_unreadable_yaml_is_refused() -> None:
    with pytest.raises(EditFault, match="not readable"):
        Source("a: [\n", "bad.yaml")


@pytest.mark.parametrize(("key", "value", "rendered"), [
    ("quote", "New", "'New'"), ("note", "x", "x"), ("note", "1", '"1"'),
])
def test_styled_keeps_the_quoting_of_the_old_value(src: Source, key: str, value: str,
                                                   rendered: str) -> None:
    assert roundtrip.styled(rec(src, 0), key, value) == rendered
    assert roundtrip.styled(rec(src, 1), "quote", "New") == '"New"'


def test_zero_indent_list_without_final_newline() -> None:
    text = "excerpts:\n- id: a-001\n  quote: q\n  recommendations:\n  - R1  # zero indent"
    src = Source(text, "z.yaml")
    linked = edit([sequences.seq_add(src, rec(src, 0), "recommendations", ["R2"])], src)
    assert linked == text + "\n  - R2\n"
    added = edit([roundtrip.append_record(src, "excerpts", {"id": "a-002", "quote": "r"})], src)
    assert added == text + "\n- id: a-002\n  quote: r\n"
    noted = edit([roundtrip.set_key(src, rec(src, 0), "note", "n")], src)
    assert yamlio.parse(noted)["excerpts"][0]["note"] == "n"


MULTI = """\
excerpts:
  - id: a-001
    quote: q
    recommendations: [R1,   # first
                      R2,   # second
                      R3]   # third
"""


@pytest.mark.parametrize(("remove", "kept"), [
    (["R1"], ["R2", "R3"]), (["R2"], ["R1", "R3"]), (["R3"], ["R1", "R2"]),
    (["R2", "R3"], ["R1"]), (["R1", "R2"], ["R3"]),
])
def test_flow_remove_across_lines_keeps_every_comment(remove: list[str], kept: list[str]) -> None:
    src = Source(MULTI, "multi.yaml")
    out = edit(sequences.seq_remove(src, rec(src, 0), "recommendations", remove), src)
    assert yamlio.parse(out)["excerpts"][0]["recommendations"] == kept
    for comment in ("# first", "# second", "# third"):
        assert comment in out
    assert len(out.splitlines()) == len(MULTI.splitlines())
