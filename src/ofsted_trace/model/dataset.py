"""The validated dataset in memory: every record by id, and where each one was written."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ofsted_trace.model.actions import Action, Rating
from ofsted_trace.model.problems import Pointer
from ofsted_trace.model.records import (
    Config,
    Cycle,
    Document,
    Excerpt,
    Recommendation,
    Theme,
    Visit,
)


class TextFault(NamedTuple):
    """Why a document's text could not be read: a problem code and its message."""

    code: str
    message: str


class Texts(MutableMapping[str, str]):
    """Each document's text by id, held as UTF-8 and decoded each time it is read.

    A report's curly quotation marks make Python hold its whole text at two bytes a character:
    at 100,000 excerpts the 400 texts took 77 MB as str, 38 MB as UTF-8. Each is read a few
    times a run (a check normalises it once), and decoding 100 KB takes ~0.1 ms.
    """

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._raw: dict[str, bytes] = {}
        if texts is not None:
            self.update(texts)

    def keep(self, doc_id: str, raw: bytes) -> None:
        """Hold a text as the UTF-8 bytes it was read from (valid UTF-8, with no mark)."""
        self._raw[doc_id] = raw

    def utf8(self, doc_id: str) -> bytes | None:
        """A text's UTF-8 bytes as held (no byte-order mark), without decoding it; or None."""
        return self._raw.get(doc_id)

    def __getitem__(self, doc_id: str) -> str:
        return self._raw[doc_id].decode("utf-8")

    def __setitem__(self, doc_id: str, text: str) -> None:
        self._raw[doc_id] = text.encode("utf-8")

    def __delitem__(self, doc_id: str) -> None:
        del self._raw[doc_id]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._raw  # without decoding the text

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class Origin(NamedTuple):
    """Where a record was written: a file relative to the dataset root, and its pointer."""

    # A NamedTuple: one is made per record on every run (100,000 at national scale).
    file: str
    pointer: Pointer


@dataclass
class Dataset:
    """Every record of one dataset directory, in file order, keyed by id."""

    root: Path
    authority: str = ""
    # Each inspection cycle by id. A dataset in the one-inspection form has one, named after
    # its visit and not registered as a record of its own (legacy_inspection).
    inspections: dict[str, Cycle] = field(default_factory=dict)
    legacy_inspection: bool = False
    recommendations: dict[str, Recommendation] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    visits: dict[str, Visit] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    excerpts: dict[str, Excerpt] = field(default_factory=dict)
    # Which document each excerpt quotes, from the evidence file it sits in.
    excerpt_document: dict[str, str] = field(default_factory=dict)
    # The document each evidence file quotes, by its path, for every file whose header is valid.
    evidence: dict[str, str] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    config: Config = field(default_factory=Config)
    # The action plan (actions.yaml) and the council's ratings (ratings.yaml), both optional.
    actions: dict[str, Action] = field(default_factory=dict)
    ratings: list[Rating] = field(default_factory=list)
    rating_origins: list[Origin] = field(default_factory=list)
    # Kinds whose file could not be read whole: references to them are not judged.
    incomplete: set[str] = field(default_factory=set)
    # Text of each document as the loader read it, by document id.
    raw_texts: Texts = field(default_factory=Texts)
    # Why a document's text could not be read, by document id (the documents check reports it).
    text_faults: dict[str, TextFault] = field(default_factory=dict)
    # The content key of each readable text, and of config.yaml: "path=hash" (cache keys).
    text_keys: dict[str, str] = field(default_factory=dict)
    # The texts normalised for quote matching, each once and only when a quote needs it
    # (textmatch.normalised_text): a memo, so the checks may run in any order.
    texts: dict[str, str] = field(default_factory=dict)
    # Evidence files whose excerpts' own checks (quotes, voice, personal data) passed before
    # with the same bytes, document record and text, and config (engine.py); they are skipped.
    settled: set[str] = field(default_factory=set)
    # Evidence files whose excerpts' own checks already ran as the file was loaded
    # (check/pipeline.py), so the whole-dataset pass skips them as it skips settled ones.
    prechecked: set[str] = field(default_factory=set)
    # The hashes of each quote's whole sentences, by excerpt id (check/rules/findings.py).
    sentence_keys: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # unsettled()'s answer, and the settled files it was worked out for.
    _unsettled: tuple[frozenset[str], list[tuple[Excerpt, Origin]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def unsettled(self) -> list[tuple[Excerpt, Origin]]:
        """Excerpts outside the settled and prechecked files, with their origins."""
        # Three checks ask; at 100,000 excerpts one pass instead of three saves ~0.06 s.
        skipped = self.settled | self.prechecked
        if self._unsettled is None or self._unsettled[0] != skipped:
            settled, origins = skipped, self.origins
            found = [(ex, origins[xid]) for xid, ex in self.excerpts.items()
                     if origins[xid].file not in settled]
            self._unsettled = (frozenset(skipped), found)
        return self._unsettled[1]

    def cycle_of(self, rec: Recommendation) -> str | None:
        """The inspection cycle an item belongs to: its own, or the dataset's only one."""
        if rec.inspection is not None:
            return rec.inspection
        return next(iter(self.inspections)) if len(self.inspections) == 1 else None

    def kind_of(self, record_id: str) -> str | None:
        """Name the kind of record an id belongs to, or None when unknown."""
        for kind, table in self.tables().items():
            if record_id in table:
                return kind
        return None

    def tables(self) -> dict[str, Mapping[str, object]]:
        """Each kind of record by name."""
        return {
            "inspection": self.inspections if not self.legacy_inspection else {},
            "recommendation": self.recommendations,
            "theme": self.themes,
            "visit": self.visits,
            "document": self.documents,
            "excerpt": self.excerpts,
            "action": self.actions,
        }
