"""The editing commands: add a document or an excerpt, link, unlink and retag excerpts.

Each returns a Plan (changes.py) and writes nothing; the caller validates, shows or commits it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ofsted_trace.check import textmatch
from ofsted_trace.edit import roundtrip, sequences, splice
from ofsted_trace.edit.plan import Change, Plan, read
from ofsted_trace.edit.roundtrip import Source
from ofsted_trace.edit.splice import EditFault
from ofsted_trace.errors import Refused
from ofsted_trace.fs import regular
from ofsted_trace.fs.paths import unusable
from ofsted_trace.load import texts

EVIDENCE = "evidence"
SOURCES = "sources"
_SHOWN = 200  # characters of the closest passage shown when a quote is refused


@dataclass(frozen=True)
class _File:
    """A dataset file as read: its bytes, and its text parsed for editing."""

    rel: str
    raw: bytes
    src: Source
    bom: bool
    crlf: bool

    def change(self, text: str) -> Change:
        """The change that writes text back with the file's own BOM and line endings."""
        if self.crlf:
            text = text.replace("\n", "\r\n")
        data = (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")
        return Change(self.rel, self.raw, data)


def _open(root: Path, rel: str) -> _File:
    try:
        raw = read(root, rel)
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise Refused(f"cannot read {root / rel}: {exc}", usage=True) from None
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if crlf:
        text = text.replace("\r\n", "\n")
    return _File(rel, raw, Source(text, (root / rel).as_posix()), raw.startswith(codecs.BOM_UTF8),
                 crlf)


def _evidence(root: Path) -> list[_File]:
    folder = root / EVIDENCE
    return [_open(root, f"{EVIDENCE}/{p.name}")
            for p in sorted(folder.glob("*.yaml")) if folder.is_dir()]


def _find(root: Path, excerpt_id: str) -> tuple[_File, int]:
    for file in _evidence(root):
        index = file.src.item_index("excerpts", excerpt_id)
        if index is not None:
            return file, index
    raise Refused(f"no excerpt has the id '{excerpt_id}' in {root / EVIDENCE}", usage=True)


def _excerpt_edit(file: _File, index: int, splices: list[splice.Splice],
                  changed: dict[str, Any]) -> Change:
    rec = file.src.record("excerpts", index)
    new_text = splice.apply(file.src.text, splices)
    expected = roundtrip.expect(file.src)
    expected["excerpts"][index].update(changed)
    splice.verify(file.src.name, file.src.text, new_text, expected,
                  *roundtrip.record_lines(file.src, rec))
    return file.change(new_text)


def link(root: Path, excerpt_id: str, recs: list[str], stance: str | None = None) -> Plan:
    """Link an excerpt to recommendations, each with stance if given (else the excerpt's).

    Links already there keep their place; with a stance, their stance is set to it.
    """
    file, index = _find(root, excerpt_id)
    record = file.src.data["excerpts"][index]
    own = str(record.get("stance"))
    items = [_link_item(r) for r in record.get("recommendations") or []]
    current = dict(items)
    asked = list(dict.fromkeys(recs))
    new = [r for r in asked if r not in current]
    moved = [r for r in asked if r in current and stance is not None
             and (current[r] or own) != stance]
    if not new and not moved:
        return Plan(root, (), (f"{excerpt_id} already links {', '.join(recs)}"
                               f"{' as ' + stance if stance else ''}; nothing changed",))
    explicit = None if stance in (None, own) else stance  # a link's own stance, if it differs
    rec = file.src.record("excerpts", index)
    text = _link_text(explicit)
    splices = [sequences.seq_replace(file.src, rec, "recommendations", r, text(r))
               for r in moved]
    if new:
        splices.append(sequences.seq_add(file.src, rec, "recommendations",
                                         [text(r) for r in new], rendered=True))
    after = [(r, explicit if r in moved else s) for r, s in items]
    after += [(r, explicit) for r in new]
    change = _excerpt_edit(file, index, splices, {"recommendations": [
        r if s is None else {"id": r, "stance": s} for r, s in after]})
    said = ", ".join(f"{r} ({stance})" if stance else r for r in [*new, *moved])
    return Plan(root, (change,), (f"linked {excerpt_id} to {said} in "
                                  f"{(root / file.rel).as_posix()}",))


def _link_item(item: Any) -> tuple[str, str | None]:
    """A link as written: (id, its own stance or None)."""
    if isinstance(item, dict):
        return str(item.get("id")), str(item["stance"]) if "stance" in item else None
    return str(item), None


def _link_text(stance: str | None) -> Callable[[str], str]:
    """How a link is written in flow style: the plain id, or {id: ..., stance: ...}."""
    def text(rec_id: str) -> str:
        plain = splice.scalar(rec_id, flow=True)
        return plain if stance is None else f"{{id: {plain}, stance: {stance}}}"
    return text


def unlink(root: Path, excerpt_id: str, recs: list[str]) -> Plan:
    """Remove recommendations from an excerpt's links; ones not linked are ignored."""
    file, index = _find(root, excerpt_id)
    links = [_link_item(r) for r in file.src.data["excerpts"][index].get("recommendations") or []]
    current = [r for r, _ in links]
    gone = [r for r in dict.fromkeys(recs) if r in current]
    if not gone:
        return Plan(root, (), (f"{excerpt_id} does not link {', '.join(recs)}; nothing changed",))
    rec = file.src.record("excerpts", index)
    splices = sequences.seq_remove(file.src, rec, "recommendations", gone)
    kept = [r if s is None else {"id": r, "stance": s} for r, s in links if r not in gone]
    change = _excerpt_edit(file, index, splices, {"recommendations": kept})
    return Plan(root, (change,), (f"unlinked {excerpt_id} from {', '.join(gone)} in "
                                  f"{(root / file.rel).as_posix()}",))


def set_tags(root: Path, excerpt_id: str, tags: dict[str, str]) -> Plan:
    """Change an excerpt's stance, voice or visit; unchanged values are left alone."""
    file, index = _find(root, excerpt_id)
    record = file.src.data["excerpts"][index]
    new = {k: v for k, v in tags.items() if str(record.get(k)) != v or k not in record}
    if not new:
        return Plan(root, (), (f"{excerpt_id} already has those tags; nothing changed",))
    rec = file.src.record("excerpts", index)
    splices = [roundtrip.set_key(file.src, rec, k, roundtrip.styled(rec, k, v))
               for k, v in new.items()]
    change = _excerpt_edit(file, index, splices, new)
    done = ", ".join(f"{k} {record.get(k, '(none)')} -> {v}" for k, v in new.items())
    return Plan(root, (change,), (f"set {excerpt_id}: {done} in {(root / file.rel).as_posix()}",))


def next_id(root: Path, document: str) -> str:
    """The next free excerpt id for a document: <document>-NNN, one past the highest."""
    pattern = re.compile(rf"^{re.escape(document)}-(\d+)$")
    numbers = [0]
    for file in _evidence(root):
        for item in file.src.data.get("excerpts") or []:
            match = pattern.match(str(item.get("id", ""))) if isinstance(item, dict) else None
            if match:
                numbers.append(int(match.group(1)))
    return f"{document}-{max(numbers) + 1:03d}"


def _document(root: Path, document: str) -> dict[str, Any]:
    docs = _open(root, "documents.yaml").src.data.get("documents") or []
    for doc in docs:
        if isinstance(doc, dict) and str(doc.get("id")) == document:
            return doc
    raise Refused(f"no document has the id '{document}' in {root / 'documents.yaml'}",
                  usage=True)


def _text_of(root: Path, doc: dict[str, Any]) -> str:
    base = root.resolve()
    if unusable(str(doc.get("path", ""))) is not None:
        raise Refused(f"the text of document '{doc.get('id')}' has a path that names no file")
    path = (base / str(doc.get("path", ""))).resolve()
    if not path.is_relative_to(base) or not path.exists():
        raise Refused(f"the text of document '{doc.get('id')}' is not at {doc.get('path')}")
    try:
        raw = regular.read(path, texts.MAX_TEXT_BYTES)
    except OSError as exc:
        raise Refused(f"cannot read the text of document '{doc.get('id')}': {exc.strerror}",
                      usage=True) from None
    return raw.decode("utf-8-sig", errors="replace")


def add_excerpt(root: Path, document: str, quote: str, fields: dict[str, Any]) -> Plan:
    """Append a new excerpt to a document's evidence file, once its quote is found verbatim.

    fields holds voice and stance, and optionally visit, recommendations, themes and note.
    """
    doc = _document(root, document)
    quote = " ".join(quote.split())
    raw = _text_of(root, doc)
    text = textmatch.normalise(raw)
    wanted = textmatch.normalise(quote)
    if textmatch.too_short(wanted):
        raise Refused(f"the quote has fewer than {textmatch.MIN_WORDS} words; quote at least "
                      f"{textmatch.MIN_WORDS} words, enough to check the finding; nothing written")
    furniture = [str(p) for p in doc.get("furniture") or []]
    if furniture and textmatch.find(wanted, text) < 0:
        # Across a page break: the same words, with the declared furniture lines left out.
        text = textmatch.normalise(textmatch.without_furniture(raw, furniture))
    if textmatch.find(wanted, text) < 0:
        if wanted in text:
            raise Refused(f"the quote is in document '{document}' only inside a longer word; "
                          "quote whole words; nothing written")
        near = textmatch.closest(wanted, text)
        passage = near.passage[:_SHOWN] + ("…" if len(near.passage) > _SHOWN else "")
        raise Refused(f"the quote is not in document '{document}'; nothing written. Closest "
                      f"passage ({textmatch.alike(near.score)} alike): \"{passage}\"")
    new_id = next_id(root, document)
    record: dict[str, Any] = {"id": new_id, "quote": quote}
    for key in roundtrip.EXCERPT_ORDER[2:]:
        if fields.get(key) not in (None, []) or key == "recommendations":
            record[key] = fields.get(key) or []
    files = [f for f in _evidence(root) if str(f.src.data.get("document")) == document]
    rel = f"{EVIDENCE}/{document}.yaml"
    file = next((f for f in files if f.rel == rel), files[0] if files else None)
    if file is None:
        body = (f"document: {splice.scalar(document)}\nexcerpts:\n"
                + splice.record_block(record, 2, 4))
        change = Change(rel, None, body.encode("utf-8"))
    else:
        cut = roundtrip.append_record(file.src, "excerpts", record)
        new_text = splice.apply(file.src.text, [cut])
        expected = roundtrip.expect(file.src)
        expected["excerpts"] = [*(expected.get("excerpts") or []), record]
        splice.verify(file.src.name, file.src.text, new_text, expected,
                      *splice.splice_lines(file.src.text, cut))
        change = file.change(new_text)
    return Plan(root, (change,), (f"added excerpt {new_id} to {(root / change.rel).as_posix()}",))


def add_document(root: Path, text_file: Path, record: dict[str, Any]) -> Plan:
    """Register a text or a PDF as a document (edit/documents.py does the work)."""
    from ofsted_trace.edit import documents  # it imports this module's file helpers

    return documents.add_document(root, text_file, record)


__all__ = ["EditFault", "Refused", "add_document", "add_excerpt", "link", "next_id",
           "set_tags", "unlink"]
