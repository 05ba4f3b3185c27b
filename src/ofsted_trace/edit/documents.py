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
from ofsted_trace.edit.plan import Change, Plan
from ofsted_trace.errors import Refused
from ofsted_trace.load import pdftext
from ofsted_trace.load.report import furniture


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
    """Read a UTF-8 text or a PDF (its text extracted); Refused when it is neither."""
    if pdftext.is_pdf(path):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise Refused(f"cannot read {path}: {exc.strerror}", usage=True) from None
        text = pdftext.text(path)
        return Extracted(text.encode("utf-8"), f"{path.stem}.txt",
                         hashlib.sha256(raw).hexdigest())
    try:
        data = path.read_bytes()
        data.decode("utf-8-sig")
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror}", usage=True) from None
    except UnicodeDecodeError:
        raise Refused(f"{path} is neither UTF-8 text nor a PDF; save it as UTF-8 first",
                      usage=True) from None
    return Extracted(data, path.name, None)


def register(root: Path, source: Extracted, record: dict[str, Any]) -> tuple[list[Change], str]:
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
    if target.exists() and target.read_bytes() != source.data:
        raise Refused(f"{target} already exists with different text; rename the file")
    if not target.exists():
        changes.append(Change(rel_text, None, source.data))
    docs = Draft(root, "documents.yaml")
    if docs.src.item_index("documents", doc_id) is not None:
        raise Refused(f"document '{doc_id}' is already in {root / 'documents.yaml'}")
    full = {**record, "path": rel_text, "furniture": furniture.patterns(source.text),
            "text_sha256": sha256_text(source.data), "pdf_sha256": source.pdf_sha256}
    docs.append("documents", ordered(full, DOCUMENT_ORDER))
    changes.append(docs.change())
    changes.append(Change(evidence, None,
                          f"document: {splice.scalar(doc_id)}\nexcerpts: []\n".encode()))
    return changes, rel_text


def add_document(root: Path, path: Path, record: dict[str, Any]) -> Plan:
    """Copy a text (or a PDF's text) under sources/, register it, create its evidence file."""
    source = extract(path)
    changes, rel_text = register(root, source, record)
    doc_id = str(record["id"])
    pdf = f", extracted from {path.name}" if source.pdf_sha256 else ""
    return Plan(root, tuple(changes), (
        f"added document {doc_id} ({(root / rel_text).as_posix()}{pdf}) to "
        f"{(root / 'documents.yaml').as_posix()}",
        f"created {(root / EVIDENCE / f'{doc_id}.yaml').as_posix()}"))
