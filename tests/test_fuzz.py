"""Fuzzing: whatever a dataset file holds, check either succeeds or reports located problems.

Only the project's own TraceError may escape pipeline.check; everything else is a crash. Every
problem names its file, and a line unless it is about the whole file. `make test` runs a few
hundred examples; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs thousands.
"""

from __future__ import annotations

import shutil
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ofsted_trace.check import pipeline
from ofsted_trace.errors import TraceError
from ofsted_trace.model.records import FILE_MODELS
from tests.conftest import FIXTURES

# Problems about a whole file, which have no line to point at.
WHOLE_FILE = {"missing-file", "empty-file", "file-too-large", "outside-dataset", "unreadable"}
KINDS = {"recommendations.yaml": "recommendations", "themes.yaml": "themes",
         "visits.yaml": "visits", "documents.yaml": "documents",
         "evidence/letter.yaml": "excerpts", "config.yaml": None}
MODEL_FOR = {"evidence/letter.yaml": FILE_MODELS["evidence"],
             **{k: FILE_MODELS[k] for k in KINDS if k in FILE_MODELS}}
HOSTILE_CHARS = "\t\n :-[]{}&*!#'\"?|>%@`,\\\x00\x1b\u202e\ufeff\x85é"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the minimal dataset per module; each example restores what it changed."""
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(FIXTURES / "valid" / "minimal", target)
    yield target


def check_file(root: Path, rel: str, content: bytes) -> None:
    """Put content at rel, check the dataset, assert it failed only in the allowed ways."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        try:
            checked = pipeline.check(root)
        except TraceError as exc:
            assert str(exc), "a TraceError always says what is wrong"
            return
        for p in checked.problems:
            assert p.location.file, p
            assert p.location.line > 0 or p.code in WHOLE_FILE, p
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["2019-02-29", "2019-13", "2019", "R1", "T1", "fv",
                                           "letter", "progress", "ofsted", "council", "x" * 90,
                                           "../../etc/passwd", "/etc/passwd", "sources/letter.txt",
                                           "inspection", "[bold]x[/]", "07700 900123"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


def record(model: Any) -> st.SearchStrategy[dict[str, Any]]:
    """A dict shaped roughly like model: its own keys (some missing) and the odd stranger."""
    fields = list(model.model_fields)
    return st.dictionaries(st.one_of(st.sampled_from(fields), st.text(max_size=6)), values,
                           max_size=len(fields) + 1)


def document(rel: str) -> st.SearchStrategy[Any]:
    model = MODEL_FOR[rel]
    key = KINDS[rel]
    if key is None:
        return record(model)
    item = record(typing.get_args(model.model_fields[key].annotation)[0])
    head = record(model)
    return st.one_of(
        st.builds(lambda h, items: {**h, key: items}, head, st.lists(item, max_size=4)),
        values)


@pytest.mark.parametrize("rel", list(KINDS))
@given(data=st.data())
def test_structured_yaml_never_crashes(root: Path, rel: str, data: st.DataObject) -> None:
    tree = data.draw(document(rel))
    check_file(root, rel, yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"))


@pytest.mark.parametrize("rel", list(KINDS))
@given(data=st.data())
def test_mutated_yaml_never_crashes(root: Path, rel: str, data: st.DataObject) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8") if path.exists() else "case_id_patterns: ['x']\n"
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(text)),
                                         st.integers(0, 3),
                                         st.text(HOSTILE_CHARS, max_size=4)), max_size=6))
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut:]
    check_file(root, rel, text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("rel", list(KINDS))
@given(content=st.binary(max_size=400))
def test_raw_bytes_never_crash(root: Path, rel: str, content: bytes) -> None:
    check_file(root, rel, content)


@given(content=st.binary(max_size=400))
def test_raw_bytes_as_document_text_never_crash(root: Path, content: bytes) -> None:
    check_file(root, "sources/letter.txt", content)
