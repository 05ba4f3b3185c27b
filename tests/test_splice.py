"""Scalars that read back as written, splices, and the checks that refuse a disturbing edit."""

from __future__ import annotations

import pytest

from ofsted_trace.edit import splice
from ofsted_trace.edit.splice import EditFault
from ofsted_trace.load import yamlio

TEXT = "# head\na: 1\nlist:\n  - x: 1\n    y: 2\n# tail\n"


@pytest.mark.parametrize(("value", "rendered"), [
    ("R1", "R1"), ("1", '"1"'), ("true", '"true"'), ("yes", '"yes"'), ("a: b", '"a: b"'),
    ("line\nbreak", '"line\\nbreak"'), ("# hash", '"# hash"'), ("1a", "1a"), ("", '""'),
    ("x # y", '"x # y"'), ("*alias", '"*alias"'), ("it\'s", "it\'s"), ("\x1b[31m", '"\\u001b[31m"'),
])
def test_scalar_reads_back_as_the_same_string(value: str, rendered: str) -> None:
    assert splice.scalar(value) == rendered
    assert yamlio.parse(f"k: {splice.scalar(value)}") == {"k": value}


@pytest.mark.parametrize("value", ["a,b", "[x]", "R1", "{y}"])
def test_flow_scalar_survives_inside_brackets(value: str) -> None:
    assert yamlio.parse(f"k: [{splice.scalar(value, flow=True)}]") == {"k": [value]}


def test_apply_and_splice_lines() -> None:
    cut = splice.Splice(TEXT.index("y: 2"), TEXT.index("y: 2") + 4, "y: 3")
    assert splice.apply(TEXT, [cut]) == TEXT.replace("y: 2", "y: 3")
    assert splice.splice_lines(TEXT, cut) == (4, 5)
    insert = splice.Splice(TEXT.index("# tail"), TEXT.index("# tail"), "  - x: 2\n")
    assert splice.splice_lines(TEXT, insert) == (5, 5)


def test_verify_refuses_disturbed_lines_and_wrong_data() -> None:
    expected = yamlio.parse(TEXT)
    with pytest.raises(EditFault, match="outside the record"):
        splice.verify("f", TEXT, TEXT.replace("# head", "# head!"), expected, 3, 5)
    with pytest.raises(EditFault, match="outside the record"):
        splice.verify("f", TEXT, TEXT.replace("# tail", "# tail!"), expected, 3, 5)
    with pytest.raises(EditFault, match="read back"):
        splice.verify("f", TEXT, TEXT.replace("y: 2", "y: 3"), expected, 3, 5)
    with pytest.raises(EditFault, match="valid YAML"):
        splice.verify("f", TEXT, TEXT + "  - : [\n", expected, 0, 6)
    splice.verify("f", TEXT, TEXT.replace("y: 2", "y:   2"), expected, 3, 5)


def test_folded_quote_wraps_and_reads_back() -> None:
    quote = " ".join(["assessment"] * 30)
    block = splice.record_block({"id": "d-001", "quote": quote}, 2, 4)
    assert block.splitlines()[1] == "    quote: >-"
    assert all(len(line) <= 96 for line in block.splitlines())
    assert yamlio.parse("excerpts:\n" + block) == {"excerpts": [{"id": "d-001", "quote": quote}]}
