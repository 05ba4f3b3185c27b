"""Read YAML safely and fast, and find where a value sits in the file for messages.

The one place that imports PyYAML: this package (strict.py holds the loader itself).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import yaml

from ofsted_trace.fs import regular
from ofsted_trace.load.yamlio.strict import Loader, Marks, NoAliases, YamlFault
from ofsted_trace.model.problems import Pointer

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "Loader", "Locator", "Marks", "NoAliases", "Parsed", "YamlFault",
    "decode", "parse", "parse_bytes", "parse_marked", "read_file", "read_text",
]

# A dataset file larger than this is refused before parsing: it is a mistake, not evidence.
MAX_BYTES = 16 * 1024 * 1024  # at most regular.MAX_READ (tests/test_special_files.py)
# Flow collections nest in C recursion inside libyaml; refuse absurd depth before parsing.
MAX_DEPTH = 64


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """Read a UTF-8 file (a byte-order mark is fine), refusing huge or undecodable ones.

    Only a regular file is read (a pipe or a device raises regular.NotRegular, an OSError).
    """
    try:
        return decode(regular.read(path, limit))
    except regular.TooLarge as exc:
        raise YamlFault("file-too-large", exc.strerror or "file too large") from None


def decode(raw: bytes) -> str:
    """Decode a file's bytes as UTF-8 (a byte-order mark is fine), or raise YamlFault."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlFault("not-utf8", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file "
                        "as UTF-8", line, col) from None


_BRACKETS = re.compile(r"[\[\]{}]")


def _check_depth(text: str) -> None:
    # Visit only the brackets: a Python loop over every character costs seconds at scale.
    depth = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                i = m.start()
                line = text.count("\n", 0, i) + 1
                col = i - (text.rfind("\n", 0, i) + 1) + 1
                raise YamlFault("too-deep", f"brackets nest deeper than {MAX_DEPTH} levels",
                                line, col)
        else:
            depth = max(0, depth - 1)


def parse(text: str, raw: bytes | None = None) -> Any:
    """Parse one YAML document with the safe loader; raise YamlFault with a position."""
    return parse_marked(text, raw)[0]


def _load(source: str | bytes, loader: type[Loader]) -> tuple[Any, Marks]:
    """yaml.load, keeping the loader's marks of the records."""
    instance = loader(source)
    try:
        return instance.get_single_data(), getattr(instance, "item_marks", {})
    finally:
        instance.dispose()


def parse_marked(text: str, raw: bytes | None = None) -> tuple[Any, Marks]:
    """Parse as parse() does; also where each record of each top-level list starts.

    raw: the text's own UTF-8 bytes, as read. libyaml reads bytes ~10% faster than a str it
    must encode first; a fault is still worked out from the text, as ever.
    """
    if text.count("[") + text.count("{") > MAX_DEPTH:
        _check_depth(text)
    # Aliases cost a check on every node (~10% of a load); a text without '*' has none.
    loader = NoAliases if "*" in text else Loader
    if raw is not None and not raw.startswith(codecs.BOM_UTF8):
        try:
            return _load(raw, loader)
        except (yaml.YAMLError, yaml.reader.ReaderError, YamlFault, RecursionError):
            pass  # reported below exactly as for the text
    try:
        return _load(text, loader)
    except YamlFault:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "end of stream" in (exc.problem or "") and exc.context_mark:
            mark = exc.context_mark  # where the unclosed thing starts, not the file's end
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if line and "\t" in _indent(text, line):
            # libyaml's message never says "tab"; the user needs to hear it.
            raise YamlFault("yaml-tab", "a tab character is used for indentation; use spaces",
                            line, col) from None
        raise YamlFault(*_describe(exc), line, col) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the offset in UTF-8 bytes of the text it was given.
        before = text.encode("utf-8")[:exc.position].decode("utf-8", "replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        raise YamlFault("control-character", f"character {exc.character:#04x} is a control "
                        "character, which YAML does not allow; write it as an escape such as "
                        "\"\\x1b\" inside double quotes, or remove it", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlFault("yaml-syntax", str(exc).splitlines()[0]) from None
    except RecursionError:
        raise YamlFault("too-deep", "the file nests too deeply to read") from None


def _indent(text: str, line: int) -> str:
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    return row[: len(row) - len(row.lstrip())]


def _describe(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = exc.problem or "invalid YAML"
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip()
        return "yaml-tag", f"YAML tag {tag} is not allowed; plain values only"
    if "maximum nesting depth" in problem:
        return "too-deep", "the file nests too deeply to read (libyaml's limit)"
    if "expected a single document" in (exc.context or ""):
        return "multiple-documents", ("the file holds more than one YAML document (a second "
                                      "'---'); keep one document per file")
    where = f" {exc.context}" if exc.context else ""
    started = exc.context_mark
    if started and exc.problem_mark and started.line != exc.problem_mark.line:
        where += f" that starts on line {started.line + 1}"
    return "yaml-syntax", f"{problem}{where}".strip()


def read_file(path: Path) -> Any:
    """Read and parse one YAML file."""
    return parse(read_text(path))


class Locator:
    """Finds positions in one file's text; composes the node tree once, on first use."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: yaml.Node | None = None
        self._composed = False

    def find(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """The 1-based (line, col) of the value at pointer, or its key, or its nearest parent."""
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self._text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                self._root = None
        if self._root is None:
            return (0, 0)
        return _walk(self._root, pointer, key)


def _walk(node: yaml.Node, pointer: Pointer, key: bool) -> tuple[int, int]:
    mark = node.start_mark
    for step in pointer:
        child: yaml.Node | None = None
        key_node: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                    key_node, child = k, v
                    break
        elif (isinstance(node, yaml.SequenceNode) and isinstance(step, int)
              and 0 <= step < len(node.value)):
            child = node.value[step]
        if child is None:
            break
        node = child
        mark = key_node.start_mark if (key and key_node is not None) else child.start_mark
    return (mark.line + 1, mark.column + 1)


Parsed = tuple[Any, tuple[str, str, int, int] | None, Marks]


def parse_bytes(raw: bytes) -> Parsed:
    """Decode and parse a file's bytes in a worker process: (data, None, marks) or (None,
    fault, {}). The fault goes back as a plain tuple: YamlFault does not survive pickling."""
    try:
        data, marks = parse_marked(decode(raw), raw)
    except YamlFault as fault:
        return None, (fault.code, fault.message, fault.line, fault.col), {}
    return data, None, marks
