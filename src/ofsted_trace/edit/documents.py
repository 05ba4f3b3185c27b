"""Register a document from its text or its PDF: the text under sources/, pinned by its hash."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ofsted_trace.edit import splice
from ofsted_trace.edit.commands import EVIDENCE, SOURCES
from ofsted_trace.edit.draft import DOCUMENT_ORDER, Draft, ordered
from ofsted_trace.edit.plan import Change, Plan, read
from ofsted_trace.errors import Refused
from ofsted_trace.fs import regular
from ofsted_trace.load import pdftext, texts
from ofsted_trace.load.report import furniture

# A PDF of an inspection report is a few MB; anything near this is not one.
MAX_PDF_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Extracted:
    """A document's text as it will be stored, the file name for it, and its PDF's hash."""

    data: bytes
    name: str
    pdf_sha256: str | None

    @property
    def text(self) -> str:
        """The text itself."""
        return self.data.decode("utf-8-sig")


def sha256_text(data: bytes) -> str:
    """The hash a document pins its text by: SHA-256 of the UTF-8 text, no byte-order mark."""
    return hashlib.sha256(data.removeprefix(codecs.BOM_UTF8)).hexdigest()


def extract(path: Path) -> Extracted:
    """Read a UTF-8 text or a PDF (its text extracted); Refused when it is neither.

    Only a regular file of a sane size is read: never a pipe or a device, which could hang.
    """
    if pdftext.is_pdf(path):
        try:
            raw = regular.read(path, MAX_PDF_BYTES)
        except OSError as exc:
            raise Refused(f"cannot read {path}: {exc.strerror}", usage=True) from None
        text = pdftext.text(path)
        return Extracted(text.encode("utf-8"), f"{path.stem}.txt",
                         hashlib.sha256(raw).hexdigest())
    try:
        data = regular.read(path, texts.MAX_TEXT_BYTES)
        data.decode("utf-8-sig")
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror}", usage=True) from None
    except UnicodeDecodeError:
        raise Refused(f"{path} is neither UTF-8 text nor a PDF; save it as UTF-8 first",
                      usage=True) from None
    return Extracted(data, path.name, None)


def register(root: Path, source: Extracted, record: dict[str, Any],
             resume: bool = False) -> tuple[list[Change], str]:
    """The changes that store a text and register it: the text, documents.yaml, its evidence.

    record holds id, title, publisher, date, primary and optionally date_uncertain,
    date_basis, reports and url; path, furniture and the hashes are filled in here.
    """
    doc_id = str(record["id"])
    rel_text = f"{SOURCES}/{source.name}"
    evidence = f"{EVIDENCE}/{doc_id}.yaml"
    if (root / evidence).exists():
        raise Refused(f"{root / evidence} already exists; is '{doc_id}' already registered?")
    changes = []
    target = root / rel_text
    if target.exists() and read(root, rel_text) != source.data:
        raise Refused(f"{target} already exists with different text; rename the file")
    if not target.exists():
        changes.append(Change(rel_text, None, source.data))
    docs = Draft(root, "documents.yaml")
    full = ordered({**record, "path": rel_text, "furniture": furniture.patterns(source.text),
                    "text_sha256": sha256_text(source.data), "pdf_sha256": source.pdf_sha256},
                   DOCUMENT_ORDER)
    index = docs.src.item_index("documents", doc_id)
    if index is not None and not resume:
        raise Refused(f"document '{doc_id}' is already in {root / 'documents.yaml'}")
    if index is not None:
        # An add-document cut short after registering: finish it, if it is the same one.
        raise Resumable(_resume(root, docs.src.data["documents"][index], full, changes,
                                evidence))
    docs.append("documents", full)
    changes.append(docs.change())
    changes.append(Change(evidence, None,
                          f"document: {splice.scalar(doc_id)}\nexcerpts: []\n".encode()))
    return changes, rel_text


class Resumable(Exception):
    """The document is registered already, exactly as asked: only its evidence file is due."""

    def __init__(self, plan: Plan) -> None:
        super().__init__("resumable")
        self.plan = plan


def add_document(root: Path, path: Path, record: dict[str, Any]) -> Plan:
    """Copy a text (or a PDF's text) under sources/, register it, create its evidence file."""
    source = extract(path)
    try:
        changes, rel_text = register(root, source, record, resume=True)
    except Resumable as resumed:
        return resumed.plan
    doc_id = str(record["id"])
    pdf = f", extracted from {path.name}" if source.pdf_sha256 else ""
    return Plan(root, tuple(changes), (
        f"added document {doc_id} ({(root / rel_text).as_posix()}{pdf}) to "
        f"{(root / 'documents.yaml').as_posix()}",
        f"created {(root / EVIDENCE / f'{doc_id}.yaml').as_posix()}"))


def _resume(root: Path, registered: Any, full: dict[str, Any], changes: list[Change],
            evidence: str) -> Plan:
    """Finish an add-document that was cut short after registering the document.

    Its text and record must be exactly what this run would write; then only the evidence
    file (always written last) is missing, and is created.
    """
    same = isinstance(registered, dict) and _plain(registered) == _plain(full)
    if not same or changes:
        raise Refused(f"document '{full['id']}' is already in {root / 'documents.yaml'}")
    changes.append(Change(evidence, None,
                          f"document: {splice.scalar(str(full['id']))}\nexcerpts: []\n".encode()))
    return Plan(root, tuple(changes), (f"document {full['id']} was already registered; "
                                       f"created {(root / evidence).as_posix()}",))


def _plain(record: dict[str, Any]) -> dict[str, str]:
    """A record's fields as text, so YAML's parsed values compare with the options given."""
    return {str(k): str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in record.items() if v not in (None, [])}
