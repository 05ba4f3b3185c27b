"""Edit the lists inside one record (an excerpt's links): add, replace or remove an item."""

from __future__ import annotations

from collections.abc import Sequence

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ofsted_trace.edit.roundtrip import (
    EXCERPT_ORDER,
    Source,
    child,
    end_of,
    insertion,
    pair_of,
    set_key,
)
from ofsted_trace.edit.splice import EditFault, Splice, line_end, line_start, scalar


def seq_add(src: Source, rec: MappingNode, key: str, items: Sequence[str],
            order: Sequence[str] = EXCERPT_ORDER, *, rendered: bool = False) -> Splice:
    """Append items to the list under key, in the list's own style (rendered: as flow text)."""
    pair = pair_of(rec, key)
    rendered_items = list(items) if rendered else [scalar(i, flow=True) for i in items]
    return _seq_add(src, rec, key, pair, rendered_items, order)


def _seq_add(src: Source, rec: MappingNode, key: str, pair: tuple[Node, Node] | None,
             rendered: list[str], order: Sequence[str]) -> Splice:
    if pair is None or (isinstance(pair[1], ScalarNode) and pair[1].value in ("", "~", "null")):
        return set_key(src, rec, key, f"[{', '.join(rendered)}]", order)
    value = pair[1]
    if not isinstance(value, SequenceNode):
        raise EditFault(f"{src.name}: '{key}' is not a list")
    if value.flow_style:
        if value.value:
            return Splice(value.value[-1].end_mark.index, value.value[-1].end_mark.index,
                          "".join(f", {r}" for r in rendered))
        close = src.text.rindex("]", 0, value.end_mark.index)
        return Splice(close, close, ", ".join(rendered))
    first = value.value[0]
    dash = src.text.rindex("-", 0, first.start_mark.index)
    lead = src.text[line_start(src.text, dash):dash]
    gap = src.text[dash + 1:first.start_mark.index]
    at = line_end(src.text, end_of(value))
    return insertion(src, at, "".join(f"{lead}-{gap}{r}\n" for r in rendered))


def item_id(node: Node) -> str | None:
    """A list item's id: a plain scalar, or the id of a {id: ..., stance: ...} mapping."""
    if isinstance(node, ScalarNode):
        return str(node.value)
    if isinstance(node, MappingNode):
        found = child(node, "id")
        return str(found.value) if isinstance(found, ScalarNode) else None
    return None


def seq_replace(src: Source, rec: MappingNode, key: str, item: str, text: str) -> Splice:
    """Replace the list item with this id by text (flow style), leaving the rest alone."""
    pair = pair_of(rec, key)
    if pair is None or not isinstance(pair[1], SequenceNode):
        raise EditFault(f"{src.name}: '{key}' is not a list")
    for node in pair[1].value:
        if item_id(node) == item:
            return Splice(node.start_mark.index, _node_end(src, node), text)
    raise EditFault(f"{src.name}: '{key}' has no item '{item}'")


def _node_end(src: Source, node: Node) -> int:
    # A block mapping's end mark runs on to the next line; a flow node's ends at its last char.
    end = node.end_mark.index
    return len(src.text[:end].rstrip()) if not isinstance(node, ScalarNode) else end


def seq_remove(src: Source, rec: MappingNode, key: str, items: Sequence[str]) -> list[Splice]:
    """Remove every occurrence of items (plain ids, or links by their id) from the list."""
    pair = pair_of(rec, key)
    if pair is None or not isinstance(pair[1], SequenceNode):
        return []
    value = pair[1]
    kept = [n for n in value.value if item_id(n) not in items]
    if len(kept) == len(value.value):
        return []
    if not kept:
        start = pair[0].end_mark.index
        return [Splice(start, end_of(value) if not value.flow_style else value.end_mark.index,
                       ": []" + ("\n" if not value.flow_style and
                                 src.text[end_of(value) - 1:end_of(value)] == "\n" else ""))]
    if value.flow_style:
        return _flow_remove(src.text, value.value, kept)
    out = []
    for node in value.value:
        if node in kept:
            continue
        start = line_start(src.text, node.start_mark.index)
        out.append(Splice(start, line_end(src.text, node.end_mark.index), ""))
    return out


def _flow_remove(text: str, items: list[Node], kept: list[Node]) -> list[Splice]:
    """Cut removed items from a flow list, leaving every comment and line break where it is."""
    # A removed item goes with the comma after it; a removed tail takes instead the comma
    # after the last kept item. Only spaces go with them: a comment may follow any comma.
    last_kept = max(items.index(n) for n in kept)
    after, stop = kept[-1].end_mark.index, items[-1].end_mark.index
    tail = last_kept < len(items) - 1
    # A tail on the kept item's own line, comment-free, goes as one cut: "[ R1 ,R2 ]" -> "[ R1 ]".
    joined = tail and "\n" not in text[after:stop] and "#" not in text[after:stop]
    out = []
    for i, node in enumerate(items):
        if node in kept or (joined and i > last_kept):
            continue
        end = node.end_mark.index
        if i < len(items) - 1:
            end = _skip_spaces(text, end)
            end = _skip_spaces(text, end + 1) if text[end:end + 1] == "," else end
        out.append(Splice(node.start_mark.index, end, ""))
    if joined:
        out.append(Splice(after, stop, ""))
    elif tail:
        comma = _skip_spaces(text, after)
        out.append(Splice(comma, comma + 1, ""))
    return out


def _skip_spaces(text: str, index: int) -> int:
    """The index of the first character at or after index that is not a space."""
    while text[index:index + 1] == " ":
        index += 1
    return index
