"""Proposals as edits: write them as excerpts marked proposed, accept them, or reject them."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ofsted_trace.edit import roundtrip, splice
from ofsted_trace.edit.commands import EVIDENCE, next_id
from ofsted_trace.edit.plan import Change, Plan, read
from ofsted_trace.edit.roundtrip import Source
from ofsted_trace.errors import Refused
from ofsted_trace.model.rejections import FILE as REJECTED

_HEAD = ("# Passages a reviewer rejected (`trace reject`, `trace review`): `trace suggest`\n"
         "# does not propose them again. Delete an entry to have it proposed once more.\n")


@dataclass(frozen=True)
class New:
    """One proposal to write: its words, stance, voice, visit and recommendations."""

    quote: str
    stance: str
    voice: str
    visit: str | None
    recommendations: tuple[str, ...]
    note: str


class _Text:
    """A dataset file's text as it is edited step by step, written back in its own style."""

    def __init__(self, root: Path, rel: str) -> None:
        self.rel = rel
        self.raw: bytes | None = read(root, rel) if (root / rel).is_file() else None
        text = (self.raw or b"").decode("utf-8-sig")
        self.bom = (self.raw or b"").startswith(codecs.BOM_UTF8)
        self.crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
        self.text = text.replace("\r\n", "\n") if self.crlf else text
        self.name = (root / rel).as_posix()

    def source(self) -> Source:
        """The current text parsed for editing."""
        return Source(self.text, self.name)

    def apply(self, cut: splice.Splice, expected: Any, lines: tuple[int, int]) -> None:
        """Apply one splice, refusing it unless it reads back as expected and nothing else moved."""
        new = splice.apply(self.text, [cut])
        splice.verify(self.name, self.text, new, expected, *lines)
        self.text = new

    def change(self) -> Change:
        """The file's new bytes."""
        text = self.text.replace("\n", "\r\n") if self.crlf else self.text
        return Change(self.rel, self.raw, (codecs.BOM_UTF8 if self.bom else b"")
                      + text.encode("utf-8"))


def _append(file: _Text, key: str, record: dict[str, Any]) -> None:
    src = file.source()
    cut = roundtrip.append_record(src, key, record)
    expected = roundtrip.expect(src)
    expected[key] = [*(expected.get(key) or []), record]
    file.apply(cut, expected, splice.splice_lines(src.text, cut))


def write(root: Path, document: str, proposals: Sequence[New]) -> Plan:
    """Append each proposal to the document's evidence file as an excerpt marked proposed."""
    if not proposals:
        return Plan(root, (), (f"nothing to propose from {document}",))
    file = _Text(root, f"{EVIDENCE}/{document}.yaml")
    if file.raw is None:
        file.text = f"document: {splice.scalar(document)}\nexcerpts: []\n"
    number = int(next_id(root, document).rsplit("-", 1)[1])
    ids = []
    for offset, p in enumerate(proposals):
        ids.append(f"{document}-{number + offset:03d}")
        record: dict[str, Any] = {"id": ids[-1], "quote": p.quote}
        if p.visit:
            record["visit"] = p.visit
        record.update({"voice": p.voice, "stance": p.stance,
                       "recommendations": list(p.recommendations), "note": p.note,
                       "proposed": True})
        _append(file, "excerpts", record)
    return Plan(root, (file.change(),), (f"proposed {len(ids)} excerpt(s) in {file.name}: "
                                         f"{', '.join(ids)}",))


def _locate(files: dict[str, _Text], root: Path, excerpt_id: str) -> tuple[_Text, int]:
    folder = root / EVIDENCE
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        rel = f"{EVIDENCE}/{path.name}"
        file = files.get(rel) or _Text(root, rel)
        index = file.source().item_index("excerpts", excerpt_id)
        if index is not None:
            files[rel] = file
            return file, index
    raise Refused(f"no excerpt has the id '{excerpt_id}' in {folder}", usage=True)


def decide(root: Path, accept: Sequence[str], reject: Sequence[str]) -> Plan:
    """Accept proposals (they become evidence) and reject others (removed, and remembered)."""
    files: dict[str, _Text] = {}
    rejected: list[dict[str, Any]] = []
    for excerpt_id in dict.fromkeys([*accept, *reject]):
        file, index = _locate(files, root, excerpt_id)
        src = file.source()
        record = src.data["excerpts"][index]
        if record.get("proposed") is not True:
            raise Refused(f"'{excerpt_id}' is not a proposal (it has no `proposed: true`); "
                          "nothing written", usage=True)
        if excerpt_id in accept:
            _accept(file, src, index)
        else:
            _remove(file, src, index)
            rejected.append({"document": str(src.data.get("document")),
                             "quote": " ".join(str(record["quote"]).split()),
                             "excerpt": excerpt_id})
    changes = [f.change() for f in files.values()]
    if rejected:
        log = _Text(root, REJECTED)
        if log.raw is None:
            log.text = f"{_HEAD}rejected: []\n"
        for entry in rejected:
            _append(log, "rejected", entry)
        changes.append(log.change())
    done = [f"accepted {', '.join(accept)} as evidence"] if accept else []
    done += [f"rejected {', '.join(reject)}; remembered in {(root / REJECTED).as_posix()}"
             ] if reject else []
    return Plan(root, tuple(changes), tuple(done))


def _accept(file: _Text, src: Source, index: int) -> None:
    """Drop the record's `proposed: true` line."""
    rec = src.record("excerpts", index)
    first, last = roundtrip.record_lines(src, rec)
    lines = src.text.splitlines(keepends=True)
    at = next((i for i in range(first, last) if lines[i].strip() == "proposed: true"), None)
    if at is None:
        raise Refused(f"{file.name}: `proposed: true` is not on a line of its own in "
                      f"'{src.data['excerpts'][index].get('id')}'; edit it by hand")
    start = sum(len(line) for line in lines[:at])
    expected = roundtrip.expect(src)
    del expected["excerpts"][index]["proposed"]
    file.apply(splice.Splice(start, start + len(lines[at]), ""), expected, (at, at + 1))


def _remove(file: _Text, src: Source, index: int) -> None:
    """Take the record out of the excerpts list (leaving `excerpts: []` if it was the last)."""
    rec = src.record("excerpts", index)
    first, last = roundtrip.record_lines(src, rec)
    lines = src.text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[:first])
    end = start + sum(len(line) for line in lines[first:last])
    expected = roundtrip.expect(src)
    del expected["excerpts"][index]
    if expected["excerpts"]:
        file.apply(splice.Splice(start, end, ""), expected, (first, last))
        return
    key = next(i for i in range(first - 1, -1, -1) if lines[i].startswith("excerpts:"))
    key_start = sum(len(line) for line in lines[:key])
    file.apply(splice.Splice(key_start, end, "excerpts: []\n"), expected, (key, last))
