"""`trace reanchor`: each excerpt of a document against its new text, and the new text pinned."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ofsted_trace.check import textmatch
from ofsted_trace.edit.commands import _document, _evidence, _text_of
from ofsted_trace.edit.draft import DOCUMENT_ORDER, Draft
from ofsted_trace.edit.plan import Plan
from ofsted_trace.errors import Refused, UsageError
from ofsted_trace.load import gitio

UNCHANGED, MOVED, CHANGED, GONE = "unchanged", "moved", "changed", "gone"
_ALIKE = 75.0  # a passage this alike is the quote reworded; less, and it is gone
_CONTEXT = 40  # characters either side that say whether a quote stayed where it was


@dataclass(frozen=True)
class Anchor:
    """What became of one excerpt's quote in the new text."""

    excerpt: str
    state: str
    detail: str


class _Text:
    """A text normalised for matching, as it stands and without its page furniture."""

    def __init__(self, raw: str, furniture: list[str]) -> None:
        self.plain = textmatch.normalise(raw)
        self.clean = (textmatch.normalise(textmatch.without_furniture(raw, furniture))
                      if furniture else self.plain)

    def around(self, quote: str) -> str | None:
        """The words either side of the quote's first place in the text, or None if absent."""
        for text in (self.plain, self.clean):
            at = text.find(quote)
            if at >= 0:
                return text[max(0, at - _CONTEXT):at] + "|" + text[at + len(quote):][:_CONTEXT]
        return None


def anchors(root: Path, doc_id: str, old: str | None) -> tuple[list[Anchor], str]:
    """Each excerpt's state against the document's text now, and that text's SHA-256.

    old: the text the excerpts were made against, when it can be had; without it a quote
    still found counts as unchanged.
    """
    doc = _document(root, doc_id)
    raw = _text_of(root, doc)
    furniture = [str(p) for p in doc.get("furniture") or []]
    new, before = _Text(raw, furniture), _Text(old, furniture) if old is not None else None
    found = []
    for file in _evidence(root):
        if str(file.src.data.get("document")) != doc_id:
            continue
        for item in file.src.data.get("excerpts") or []:
            quote = textmatch.normalise(str(item.get("quote", "")))
            found.append(_anchor(str(item.get("id")), quote, new, before))
    return found, hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _anchor(excerpt: str, quote: str, new: _Text, old: _Text | None) -> Anchor:
    now = new.around(quote) if quote else None
    if now is not None:
        was = old.around(quote) if old is not None else None
        if old is None or was == now:
            return Anchor(excerpt, UNCHANGED, "")
        return Anchor(excerpt, MOVED, "found, with other words around it" if was else
                      "found, though the earlier text did not have it")
    near = textmatch.closest(quote, new.clean)
    shown = f"closest passage ({near.score:.0f}% alike): \"{near.passage[:160]}\""
    return Anchor(excerpt, CHANGED if near.score >= _ALIKE else GONE, shown)


def pin(root: Path, doc_id: str, digest: str) -> Plan:
    """The plan that records digest as the document's text hash (empty if it already is)."""
    draft = Draft(root, "documents.yaml")
    index = draft.src.item_index("documents", doc_id)
    if index is None:
        raise Refused(f"no document has the id '{doc_id}' in {root / 'documents.yaml'}",
                      usage=True)
    record = draft.data["documents"][index]
    if record.get("text_sha256") == digest:
        return Plan(root, (), (f"document {doc_id} already pins this text; nothing changed",))
    draft.set_key("documents", index, "text_sha256", digest, DOCUMENT_ORDER)
    return Plan(root, (draft.change(),), (
        f"pinned the new text of {doc_id} (text_sha256 {digest[:12]}…) in "
        f"{(root / 'documents.yaml').as_posix()}",))


def earlier(root: Path, doc_id: str) -> str | None:
    """The committed text (git HEAD) when it is the one the document pins, else None."""
    doc = _document(root, doc_id)
    pinned = doc.get("text_sha256")
    try:
        old = gitio.blob(gitio.locate(root), "HEAD", str(doc.get("path")))
    except UsageError:
        return None  # not in a repository, or no git: reanchor still works without it
    if old is None or pinned is None:
        return None
    text = old.decode("utf-8-sig", errors="replace")
    return text if hashlib.sha256(text.encode("utf-8")).hexdigest() == pinned else None
