"""Edit one YAML file's text surgically, so every byte outside the edited record survives.

ruamel.yaml composes the file in round-trip mode: node positions and quoting styles. The edit
itself is a splice of the original text at those positions (splice.py), never a re-dump of the
file, because a dump re-flows hand-made alignment, flow spacing and indentation. Callers verify
every edit (splice.verify): the project's own loader must read exactly the intended data, and
every line outside the edited record must be byte-identical to the original.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ofsted_trace.edit.splice import EditFault, Splice, line_end, line_start, record_block, scalar
from ofsted_trace.load import yamlio

# The house order of an excerpt's keys: a new key is written where this order puts it.
EXCERPT_ORDER = ("id", "quote", "visit", "date_basis", "voice", "stance", "recommendations",
                 "themes", "same_as", "scope", "note", "allow", "proposed")


def _yaml() -> YAML:
    return YAML(typ="rt")


class Source:
    """One file's text and its composed node tree, with the data the project would read."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._root: MappingNode | None = None
        try:
            self.data = yamlio.parse(text)
        except yamlio.YamlFault as exc:
            raise EditFault(f"{name} is not readable YAML; fix it first (`trace check`)") from exc
        if not isinstance(self.data, dict):
            raise EditFault(f"{name} is not a mapping of keys to values")

    @property
    def root(self) -> MappingNode:
        """The composed node tree; composed on first use, as ruamel is slow on big files."""
        if self._root is None:
            try:
                root = _yaml().compose(self.text)
            except Exception as exc:  # ruamel may disagree with libyaml: refuse, never guess
                raise EditFault(f"{self.name} is not readable YAML") from exc
            if not isinstance(root, MappingNode):
                raise EditFault(f"{self.name} is not a mapping of keys to values")
            self._root = root
        return self._root

    def item_index(self, key: str, record_id: str) -> int | None:
        """The index of the record with this id in the top-level list under key."""
        items = self.data.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and str(item.get("id")) == record_id:
                return i
        return None

    def record(self, key: str, index: int) -> MappingNode:
        """The mapping node of one record of the top-level list under key."""
        seq = child(self.root, key)
        if not isinstance(seq, SequenceNode) or not isinstance(seq.value[index], MappingNode):
            raise EditFault(f"{self.name}: '{key}' item {index} is not a mapping")
        node: MappingNode = seq.value[index]
        return node


def child(node: Node, key: str) -> Node | None:
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return v  # type: ignore[no-any-return]
    return None


def pair_of(node: MappingNode, key: str) -> tuple[Node, Node] | None:
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def end_of(node: Node) -> int:
    """Where a record's last value ends (block scalars end at the next line's start)."""
    last = node
    while isinstance(last, MappingNode | SequenceNode) and last.value \
            and last.flow_style is not True:
        last = last.value[-1][1] if isinstance(last, MappingNode) else last.value[-1]
    return int(last.end_mark.index)


def insertion(src: Source, at: int, text: str) -> Splice:
    """Insert whole lines at a line start; a file without a final newline gets one first."""
    lead = "\n" if at == len(src.text) and src.text and not src.text.endswith("\n") else ""
    return Splice(at, at, lead + text)


def _insert_at(src: Source, rec: MappingNode, key: str, order: Sequence[str]) -> int:
    """The line start before which a new key goes: before its successor in order, else last."""
    later = order[order.index(key) + 1:] if key in order else ()
    col = rec.value[0][0].start_mark.column
    for k, _ in rec.value:
        start = line_start(src.text, k.start_mark.index)
        own_line = src.text[start:k.start_mark.index].strip() == ""
        if k.value in later and k.start_mark.column == col and own_line:
            return start
    return line_end(src.text, end_of(rec))


def set_key(src: Source, rec: MappingNode, key: str, rendered: str,
            order: Sequence[str] = EXCERPT_ORDER) -> Splice:
    """Replace a key's value with already-rendered YAML, or add the key where order says."""
    pair = pair_of(rec, key)
    if pair is not None:
        value = pair[1]
        if isinstance(value, ScalarNode) and value.style in ("|", ">"):
            # A block scalar's span runs to the next line; keep that line break.
            return Splice(value.start_mark.index, end_of(value), f"{rendered}\n")
        return Splice(value.start_mark.index, value.end_mark.index, rendered)
    at = _insert_at(src, rec, key, order)
    indent = " " * rec.value[0][0].start_mark.column
    return insertion(src, at, f"{indent}{key}: {rendered}\n")


def styled(rec: MappingNode, key: str, value: str) -> str:
    """Render a new value for key in the quoting style its current value was written in."""
    pair = pair_of(rec, key)
    plain = scalar(value)
    style = pair[1].style if pair is not None and isinstance(pair[1], ScalarNode) else None
    if style == '"' and not plain.startswith('"'):
        return f'"{plain}"' if scalar(f'"{plain}"') != plain else plain
    if style == "'" and not plain.startswith('"') and "'" not in value:
        return f"'{value}'"
    return plain


def append_record(src: Source, key: str, record: dict[str, Any],
                  raw: frozenset[str] = frozenset()) -> Splice:
    """Append a record to the top-level list under key, indented like its siblings."""
    seq = child(src.root, key)
    top = src.root.value[0][0].start_mark.column
    if isinstance(seq, SequenceNode) and seq.value and not seq.flow_style:
        last = seq.value[-1]
        dash = src.text.rindex("-", 0, last.start_mark.index)
        dash_col = dash - line_start(src.text, dash)
        key_col = last.start_mark.column
        at = line_end(src.text, end_of(last))
        blank = ""
        if len(seq.value) > 1:
            second = seq.value[1].start_mark.index
            before = src.text[:line_start(src.text, second) - 1]
            blank = "\n" if before.endswith("\n") or before == "" else ""
        return insertion(src, at, blank + record_block(record, dash_col, key_col, raw))
    block = record_block(record, top + 2, top + 4, raw)
    if seq is None:
        at = len(src.text)
        sep = "" if src.text.endswith("\n") or not src.text else "\n"
        return Splice(at, at, f"{sep}{' ' * top}{key}:\n{block}")
    if isinstance(seq, SequenceNode) and seq.flow_style and not seq.value:
        # `key: []` becomes a block list: drop the brackets, put the item on the next line.
        start = seq.start_mark.index
        while start > 0 and src.text[start - 1] == " ":
            start -= 1
        at = line_end(src.text, seq.end_mark.index)
        return Splice(start, at, src.text[seq.end_mark.index:at].rstrip("\n") + "\n" + block)
    raise EditFault(f"{src.name}: '{key}' is not a block list; cannot append safely")


def top_span(src: Source, key: str) -> tuple[int, int] | None:
    """Where a top-level key and its value are written: whole lines, [start, end)."""
    pair = pair_of(src.root, key)
    if pair is None:
        return None
    return line_start(src.text, pair[0].start_mark.index), line_end(src.text, end_of(pair[1]))


def record_lines(src: Source, rec: Node) -> tuple[int, int]:
    """The 0-based line range [first, last) of a record, from its dash to its last value."""
    start = src.text.rfind("-", 0, rec.start_mark.index)
    first = src.text.count("\n", 0, max(start, 0))
    return first, src.text.count("\n", 0, line_end(src.text, end_of(rec)) - 1) + 1


def expect(src: Source) -> Any:
    """A deep copy of the file's data, to change into the data an edit must produce."""
    return copy.deepcopy(src.data)




__all__ = [
    "EXCERPT_ORDER",
    "EditFault",
    "Source",
    "append_record",
    "child",
    "end_of",
    "expect",
    "insertion",
    "pair_of",
    "record_lines",
    "set_key",
    "styled",
]
