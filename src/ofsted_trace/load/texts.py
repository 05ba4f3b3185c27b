"""Each document's text, read once by the loader, so that no check has to read a file."""

from __future__ import annotations

import codecs
from pathlib import Path

from ofsted_trace.cache import keys
from ofsted_trace.cache.store import Contents
from ofsted_trace.fs import regular
from ofsted_trace.fs.paths import Resolver, unusable
from ofsted_trace.load import yamlio
from ofsted_trace.model.dataset import Dataset, TextFault

# Source texts are letters and articles; anything near this size is a mistake.
MAX_TEXT_BYTES = regular.MAX_READ


def read_all(ds: Dataset, paths: Resolver, known: Contents, only: set[str] | None = None) -> None:
    """Read every document's text into ds.raw_texts; faults and content keys go on ds too.

    known: files this run has already read and hashed (the whole-output cache's key).
    only: the documents whose texts to read, when not all.
    """
    config = ds.root / "config.yaml"
    ds.text_keys["config.yaml"] = _key(config, known)
    for doc in ds.documents.values():
        if only is not None and doc.id not in only:
            continue
        why = unusable(doc.path)
        if why is not None:
            ds.text_faults[doc.id] = TextFault(
                "document-path", f"path of document '{doc.id}' cannot name a file: {why}")
            continue
        path = paths.under(doc.path)
        if path is None:
            ds.text_faults[doc.id] = TextFault(
                "document-path", f"path '{doc.path}' of document '{doc.id}' leaves the dataset "
                "directory; give a relative path under it")
            continue
        if not path.exists():
            ds.text_faults[doc.id] = TextFault(
                "missing-text", f"text of document '{doc.id}' not found at '{doc.path}'")
            ds.text_keys[doc.id] = f"{path}=unreadable"
            continue
        try:
            # pop: the bytes are not held twice for the rest of the run.
            raw, digest = _sized(known.pop(str(path), None)) or _read(path)
            yamlio.decode(raw)  # raises on bytes that are not UTF-8
            ds.raw_texts.keep(doc.id, raw.removeprefix(codecs.BOM_UTF8))
            ds.text_keys[doc.id] = f"{path}={digest}"
        except yamlio.YamlFault as fault:
            ds.text_faults[doc.id] = TextFault(
                fault.code, f"text of document '{doc.id}': {fault.message}")
        except OSError as exc:
            ds.text_faults[doc.id] = TextFault(
                "unreadable", f"text of document '{doc.id}': cannot read: {exc.strerror}")
        ds.text_keys.setdefault(doc.id, f"{path}=unreadable")


def _read(path: Path) -> tuple[bytes, str]:
    """A text's bytes and their hash: a regular file, not too large to be a letter or report."""
    try:
        raw = regular.read(path, MAX_TEXT_BYTES)
    except regular.TooLarge as exc:
        _size(exc.size)
        raise
    return raw, keys.digest(raw)


def _sized(seen: tuple[bytes, str] | None) -> tuple[bytes, str] | None:
    """Bytes read already, held to the same size limit as a fresh read."""
    if seen is not None:
        _size(len(seen[0]))
    return seen


def _size(size: int) -> None:
    if size > MAX_TEXT_BYTES:
        raise yamlio.YamlFault("file-too-large",
                               f"file is {size:,} bytes; the limit is {MAX_TEXT_BYTES:,}")


def _key(path: Path, known: Contents) -> str:
    """config.yaml's content key: it decides the personal-data patterns."""
    try:
        return f"{path}={(known.get(str(path)) or _read(path))[1]}"
    except (OSError, yamlio.YamlFault):
        return f"{path}=unreadable"
