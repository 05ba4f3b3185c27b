"""libyaml's safe loader made strict, and quicker to build plain values from its nodes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ofsted_trace.errors import Exit, TraceError


@dataclass
class YamlFault(TraceError):
    """A file that cannot be read as YAML: a problem code, a message and a 1-based position."""

    code: str
    message: str
    line: int = 0
    col: int = 0
    exit_code = Exit.INVALID

    def __str__(self) -> str:
        return self.message


# Where each item of each top-level list starts (1-based line, column), by the list's key.
Marks = dict[str, list[tuple[int, int]]]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


class Loader(yaml.CSafeLoader):
    """libyaml's safe loader, stricter: no duplicate keys or merge keys.

    A plain string, list or mapping is built straight from its node; anything else (a number,
    a date, a refused tag) goes through PyYAML's own constructors, so every value is what
    yaml.CSafeLoader makes of it (tests/test_yamlio.py compares them).
    """

    item_marks: Marks
    # Whether the node tree may hold aliases, each node met more than once (see NoAliases).
    shared_nodes = False

    def construct_document(self, node: yaml.Node) -> Any:
        # The start of each record (an excerpt, a recommendation) is noted as it goes by: a
        # problem about a whole record is then located without composing the file again.
        self.item_marks = {}
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.SequenceNode):
                    self.item_marks[key.value] = [
                        (item.start_mark.line + 1, item.start_mark.column + 1)
                        for item in value.value]
        if self.shared_nodes:
            return super().construct_document(node)
        # Without aliases no node is met twice, so nothing need be remembered or deferred:
        # PyYAML's generic path costs ~45% of a whole load for the same values.
        try:
            return self._built(node)
        finally:
            self.constructed_objects, self.recursive_objects = {}, {}

    def _built(self, node: yaml.Node) -> Any:
        """The plain value of a node, depth first."""
        kind = type(node)
        if kind is ScalarNode and node.tag == _STR:
            return node.value
        if kind is SequenceNode and node.tag == _SEQ:
            return [self._built(item) for item in node.value]
        if isinstance(node, MappingNode) and node.tag == _MAP:
            self._check_keys(node)
            pairs = node.value
            if all(type(key) is ScalarNode and key.tag == _STR for key, _ in pairs):
                return {key.value: self._built(value) for key, value in pairs}
        return self.construct_object(node, deep=True)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self._check_keys(node)
        return super().construct_mapping(node, deep=deep)

    @staticmethod
    def _check_keys(node: yaml.MappingNode) -> None:
        """Refuse a merge key or a key written twice, before any value is built."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                raise _fault(key_node, "yaml-merge", "merge keys (<<) are not allowed")
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in seen:
                raise _fault(key_node, "duplicate-key",
                             f"key '{key}' appears twice in this mapping")
            seen.add(key)

    # No path resolvers are registered, so each node's tag depends on its own text alone;
    # libyaml calls these three for every node, and PyYAML's own are generic and slower.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILD):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


def _as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """Keep dates as written, so the models judge them (PyYAML would crash on 2021-02-30)."""
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _refuse_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """Binary, set and ordered-map values have no place in a dataset; plain values only."""
    raise _fault(node, "yaml-tag", f"YAML tag '{node.tag}' is not allowed; plain values only")


Loader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)
for _tag in ("binary", "set", "omap", "pairs"):
    Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)

# PyYAML's implicit resolvers by a value's first character, each with those for any character
# after them, in the order its own resolve() tries them.
_WILD = tuple(Loader.yaml_implicit_resolvers.get(None, []))
_IMPLICIT = {first: (*found, *_WILD)
             for first, found in Loader.yaml_implicit_resolvers.items() if first is not None}


class NoAliases(Loader):
    """Loader that also refuses aliases: for a text with a '*', which every alias needs."""

    shared_nodes = True

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node met twice is an alias; refusing it stops "billion laughs" before it grows.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _fault(node, "yaml-alias", "anchors and aliases (&name, *name) are not "
                         "allowed; this anchor is used again later")
        return super().construct_object(node, deep=deep)


def _fault(node: yaml.Node, code: str, message: str) -> YamlFault:
    mark = node.start_mark
    return YamlFault(code, message, mark.line + 1, mark.column + 1)
