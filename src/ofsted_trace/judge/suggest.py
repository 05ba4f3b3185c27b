"""Proposed evidence from a document, ranked against each recommendation, and what is unmined."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ofsted_trace.check import textmatch
from ofsted_trace.check.rules.voices import quoted as in_quotes
from ofsted_trace.errors import UsageError
from ofsted_trace.judge import wording
from ofsted_trace.judge.passages import Passage, passages
from ofsted_trace.judge.ranker import Ranker, top
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.values import Stance, Voice

# Chosen on the 2021 letter and the 2019 report (tests/suggestkit.py): a passage's score for a
# recommendation is BM25 against its text plus half the best BM25 against any excerpt already
# linked to it, in units of the rarest word's weight; below MIN_SCORE it matches nothing. A low
# bar favours recall: a wrong proposal costs a reviewer one key, a missed one a reread.
EXCERPT_WEIGHT = 0.5
MIN_SCORE = 1.5
PER_PASSAGE = 3  # a passage is proposed for its three best recommendations at most


@dataclass(frozen=True)
class Proposal:
    """A passage proposed as evidence for a recommendation (None: a possible emerging finding)."""

    recommendation: str | None
    quote: str
    stance: Stance
    voice: Voice
    score: float
    passage: int  # its place in the document


@dataclass(frozen=True)
class Candidate:
    """A passage with its proposed stance and voice, before any ranking."""

    passage: Passage
    stance: Stance
    voice: Voice


def candidates(ds: Dataset, doc_id: str, rejected: list[str]) -> list[Candidate]:
    """The document's passages that no excerpt (proposals too) and no rejection already quotes."""
    doc = ds.documents.get(doc_id)
    if doc is None:
        raise UsageError(f"no document has the id '{doc_id}'")
    raw = ds.raw_texts.get(doc_id)
    if raw is None:
        raise UsageError(f"the text of document '{doc_id}' cannot be read (`trace check` says "
                         "why)")
    quotes = [ex.quote for xid, ex in ds.excerpts.items() if ds.excerpt_document[xid] == doc_id]
    text = textmatch.clean_text(ds, doc_id) or textmatch.normalised_text(ds, doc_id) or ""
    found = passages(raw, doc.furniture)
    taken = covered(found, [textmatch.normalise(q) for q in [*quotes, *rejected]], text)
    out = []
    for p in found:
        norm = textmatch.normalise(p.text)
        # A passage must be quotable as it stands: the quotes check will look for it there.
        if p.index in taken or norm not in text:
            continue
        quoted = not doc.primary and in_quotes(norm, text)
        out.append(Candidate(p, wording.stance(p.text, p.section),
                             wording.voice(p.text, doc.primary, quoted)))
    return out


def covered(found: list[Passage], quotes: list[str], text: str) -> set[int]:
    """The passages any of whose sentences overlaps, in the text, where a quote stands."""
    spans = []
    for quote in quotes:
        at = text.find(quote) if quote else -1
        while at >= 0:
            spans.append((at, at + len(quote)))
            at = text.find(quote, at + 1)
    out, cursor = set(), 0
    for p in found:
        for sentence in p.sentences:
            norm = textmatch.normalise(sentence)
            at = text.find(norm, cursor)
            if at < 0:
                continue
            cursor = at
            if any(start < at + len(norm) and at < end for start, end in spans):
                out.add(p.index)
    return out


def profiles(ds: Dataset, doc_id: str) -> dict[str, tuple[str, list[str]]]:
    """Each recommendation's text, and the quotes of the evidence already linked to it."""
    linked: dict[str, list[str]] = {rid: [] for rid in ds.recommendations}
    for xid, ex in ds.excerpts.items():
        if ex.proposed or ds.excerpt_document.get(xid) == doc_id:
            continue
        for rid in ex.rec_ids:
            if rid in linked:
                linked[rid].append(ex.quote)
    return {rid: (f"{rec.title}. {rec.text}", linked[rid])
            for rid, rec in ds.recommendations.items()}


def scores(found: list[Candidate],
           recs: dict[str, tuple[str, list[str]]]) -> dict[str, list[float]]:
    """Each recommendation's score for every candidate, in candidate order."""
    ranker = Ranker([c.passage.text for c in found])
    # In units of the rarest word's weight, so one threshold fits a letter and a long report.
    unit = math.log(1 + (len(found) - 0.5) / 1.5) if len(found) > 1 else 1.0
    out = {}
    for rid, (text, quotes) in recs.items():
        base, best = ranker.scores(text), ranker.best(quotes)
        out[rid] = [(b + EXCERPT_WEIGHT * e) / unit for b, e in zip(base, best, strict=True)]
    return out


def propose(ds: Dataset, doc_id: str, rejected: list[str], limit: int = 3) -> list[Proposal]:
    """Best first, up to limit per recommendation; then possible emerging findings."""
    found = candidates(ds, doc_id, rejected)
    table = scores(found, profiles(ds, doc_id))
    order = {rid: i for i, rid in enumerate(ds.recommendations)}
    chosen: dict[str, list[tuple[float, int]]] = {rid: [] for rid in table}
    matched = set()
    for i, rids in enumerate(_ranked(table, order, len(found))):
        for rid in rids:
            if table[rid][i] >= MIN_SCORE:
                chosen[rid].append((table[rid][i], i))
    out = []
    for rid, picks in chosen.items():
        for score, i in sorted(picks, key=lambda p: (-p[0], p[1]))[:limit]:
            c = found[i]
            matched.add(i)
            out.append(Proposal(rid, c.passage.text, c.stance, c.voice, round(score, 2),
                                c.passage.index))
    out.sort(key=lambda p: (-p.score, order[p.recommendation or ""], p.passage))
    return out + emerging(found, table, matched)


def _ranked(table: dict[str, list[float]], order: dict[str, int],
            passages: int) -> list[list[str]]:
    """For each passage, the PER_PASSAGE recommendations scoring it highest, by order on a tie."""
    rids = sorted(table, key=order.__getitem__)
    return [[rids[r] for r in column]
            for column in top([table[rid] for rid in rids], PER_PASSAGE, passages)]


def emerging(found: list[Candidate], table: dict[str, list[float]],
             matched: set[int]) -> list[Proposal]:
    """Independent findings of shortfall that fit no recommendation: concerns first."""
    out = []
    for i, c in enumerate(found):
        if i in matched or c.stance is Stance.PROGRESS or c.voice is Voice.COUNCIL:
            continue
        best = max((row[i] for row in table.values()), default=0.0)
        out.append(Proposal(None, c.passage.text, c.stance, c.voice, round(best, 2),
                            c.passage.index))
    out.sort(key=lambda p: (wording.RANK[p.stance], p.passage))
    return out


def unmined(ds: Dataset, doc_id: str, rejected: list[str]) -> list[Candidate]:
    """The passages no evidence quotes (a proposal is not evidence), concerns first."""
    evidence = {xid: ex for xid, ex in ds.excerpts.items() if not ex.proposed}
    kept = Dataset(ds.root, documents=ds.documents, excerpts=evidence,
                   excerpt_document=ds.excerpt_document, raw_texts=ds.raw_texts,
                   texts=ds.texts)
    found = candidates(kept, doc_id, rejected)
    return sorted(found, key=lambda c: (wording.RANK[c.stance], c.passage.index))
