"""The safe YAML reader: strict, positioned errors, and node positions for messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ofsted_trace.load import yamlio
from tests.conftest import REPO


def fault(text: str) -> yamlio.YamlFault:
    with pytest.raises(yamlio.YamlFault) as info:
        yamlio.parse(text)
    return info.value


def test_parses_plain_mapping_and_keeps_dates_as_text() -> None:
    assert yamlio.parse("a: 2021-08-02\nb: [1, x]\n") == {"a": "2021-08-02", "b": [1, "x"]}


def test_impossible_date_is_text_not_a_crash() -> None:
    assert yamlio.parse("d: 2021-02-30\n") == {"d": "2021-02-30"}


def test_duplicate_key_is_refused_at_its_second_occurrence() -> None:
    f = fault("a: 1\nb: 2\na: 3\n")
    assert (f.code, f.line, f.col) == ("duplicate-key", 3, 1)


def test_alias_is_refused() -> None:
    assert fault("a: &x [1]\nb: *x\n").code == "yaml-alias"


def test_merge_key_is_refused() -> None:
    f = fault("a: {x: 1}\nb:\n  <<: {y: 2}\n")
    assert (f.code, f.line) == ("yaml-merge", 3)


def test_python_tag_is_refused_and_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    f = fault(f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert f.code == "yaml-tag"
    assert not marker.exists()


def test_tab_indentation_has_its_own_code() -> None:
    f = fault("a:\n\tb: 1\n")
    assert (f.code, f.line) == ("yaml-tab", 2)


def test_syntax_error_has_position() -> None:
    f = fault("a: [1, 2\nb: 3\n")
    assert f.code == "yaml-syntax"
    assert f.line == 2


def test_deep_flow_nesting_is_refused_before_parsing() -> None:
    f = fault("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert f.code == "too-deep"


def test_read_text_strips_bom_and_refuses_bad_bytes(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_bytes(b"\xef\xbb\xbfa: 1\r\n")
    assert yamlio.read_file(good) == {"a": 1}
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(yamlio.YamlFault) as info:
        yamlio.read_text(bad)
    assert (info.value.code, info.value.line, info.value.col) == ("not-utf8", 2, 7)


def test_read_text_refuses_files_over_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: 1\n" * 100)
    with pytest.raises(yamlio.YamlFault) as info:
        yamlio.read_text(big, limit=10)
    assert info.value.code == "file-too-large"


def test_locator_finds_values_keys_and_nearest_parent() -> None:
    text = "items:\n  - id: a\n    name: x\n  - id: b\n    extra: y\n"
    where = yamlio.Locator(text)
    assert where.find(("items", 1, "extra")) == (5, 12)
    assert where.find(("items", 1, "extra"), key=True) == (5, 5)
    assert where.find(("items", 1, "missing")) == (4, 5)
    assert where.find(()) == (1, 1)


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, y]\n",
    "\ufeffa: caf\u00e9 \u2019quoted\u2019\n",
    "a: 1\na: 2\n",                      # a duplicate key
    "a: &x [1]\nb: *x\n",                # an alias
    "a: [1, 2\n",                        # unclosed
    "a: \x07\n",                         # a control character
])
def test_parsing_the_bytes_gives_what_parsing_the_text_gives(text: str) -> None:
    # The loader hands libyaml the file's bytes (faster); answers and faults must not change.
    raw = text.encode("utf-8")
    decoded = yamlio.decode(raw)
    try:
        expected: object = yamlio.parse(decoded)
    except yamlio.YamlFault as fault:
        expected = (fault.code, fault.message, fault.line, fault.col)
    try:
        got: object = yamlio.parse(decoded, raw)
    except yamlio.YamlFault as fault:
        got = (fault.code, fault.message, fault.line, fault.col)
    assert got == expected


def test_the_marks_noted_while_parsing_are_where_the_locator_finds_each_record() -> None:
    # Problems about a whole record are located from these marks instead of composing the
    # file again; on every file of the bundled data they must be the locator's own answer.
    files = sorted((REPO / "data").rglob("*.yaml"))
    assert len(files) > 10
    seen = 0
    for path in files:
        raw = path.read_bytes()
        text = yamlio.decode(raw)
        _, marks = yamlio.parse_marked(text, raw)
        locator = yamlio.Locator(text)
        for key, starts in marks.items():
            for i, start in enumerate(starts):
                assert start == locator.find((key, i)), (path.name, key, i)
                seen += 1
    assert seen > 500


class _Reference(yaml.CSafeLoader):
    """PyYAML's own C loader, with dates kept as text as the strict loader keeps them."""


def _as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    return loader.construct_scalar(node)


_Reference.add_constructor("tag:yaml.org,2002:timestamp", _as_text)


def _reference(text: str) -> object:
    return yaml.load(text, Loader=_Reference)


@pytest.mark.parametrize("text", [
    "a: yes\nb: No\nc: on\nd: OFF\n",               # YAML 1.1 booleans
    "a: ~\nb: null\nc:\nd: ''\n",                     # nulls and the empty string
    "a: 0x1F\nb: 0o17\nc: 1_000\nd: -12\ne: 017\n",   # integers in every form
    "a: 1e3\nb: .inf\nc: -.Inf\nd: 6.5\ne: 1_0.5\n",  # floats
    "1: one\n2.5: two\ntrue: three\n~: four\n",       # keys that are not strings
    "=: value key\nx: =\n",                           # the value key
    "? [a, b]\n: list key\n",                         # a key that is a list
    "d: !!str 2021-01-01\ne: !!int '7'\nf: !!float '1'\n",  # explicit tags
    "t: 2021-08-02T10:00:00Z\nu: 2021-02-30\n",       # timestamps, one impossible
    "a: {b: [1, {c: d}], e: []}\nf: [[], {}]\n",      # nesting, flow and empty
    "- 1\n- [x, 'y']\n- {z: \"w\"}\n",                # a list at the top
    "just text\n",                                   # a scalar at the top
    "",                                               # nothing
])
def test_the_quick_builder_gives_what_pyyaml_gives(text: str) -> None:
    # Plain strings, lists and mappings are built straight from libyaml's nodes (strict.py);
    # every value must still be exactly what PyYAML's own safe loader makes of it.
    try:
        expected: object = _reference(text)
    except yaml.YAMLError:
        with pytest.raises(yamlio.YamlFault):
            yamlio.parse(text)
        return
    got = yamlio.parse(text)
    assert got == expected
    assert repr(got) == repr(expected)  # the same types too: True is not 1, 1.0 not 1


def test_every_yaml_file_of_the_project_parses_as_pyyaml_parses_it() -> None:
    files = sorted({*REPO.joinpath("data").rglob("*.yaml"),
                    *REPO.joinpath("examples").rglob("*.yaml"),
                    *REPO.joinpath("tests", "fixtures").rglob("*.yaml")})
    compared = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            expected = _reference(text)
        except (yaml.YAMLError, RecursionError):
            continue  # an invalid fixture: its fault is tested on its own
        try:
            got = yamlio.parse(text)
        except yamlio.YamlFault:
            continue  # refused by the strict rules (a duplicate key, an alias)
        assert repr(got) == repr(expected), path
        compared += 1
    assert compared > 100


_PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20)
    | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=20)


@given(_PLAIN, st.booleans())
def test_any_dumped_value_parses_as_pyyaml_parses_it(value: object, flow: bool) -> None:
    text = yaml.safe_dump({"v": value}, default_flow_style=flow, allow_unicode=True)
    assert repr(yamlio.parse(text)) == repr(_reference(text))
