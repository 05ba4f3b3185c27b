"""Precision and recall at 3 of `trace suggest` against curated links; run as a module to print.

Each measured document is treated as new: the dataset is the bundled one, less every excerpt of
that document or of any later one, so a proposal can only come from what was known before it.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ofsted_trace.check import pipeline, textmatch
from ofsted_trace.judge import suggest
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.records import Document, Recommendation
from ofsted_trace.model.values import Addressee
from tests.conftest import BARNET, FIXTURES

GOLD = FIXTURES / "suggest"


@dataclass(frozen=True)
class Score:
    """One document's measurement."""

    document: str
    precision: float  # of the proposals made (up to 3 per recommendation), the share curated
    recall: float  # of the curated (excerpt, recommendation) links, the share proposed in a top 3
    recall_capped: float  # the same, counting at most 3 curated links per recommendation
    proposals: int
    correct: int
    links: int
    found: int
    stance_right: float  # of the correct proposals, the share with the curated link's stance
    emerging: int

    def line(self) -> str:
        """The numbers in one line."""
        return (f"{self.document}: precision@3 {self.precision:.2f} ({self.correct}/"
                f"{self.proposals}), recall@3 {self.recall:.2f} ({self.found}/{self.links}; "
                f"{self.recall_capped:.2f} counting at most 3 links per recommendation), stance "
                f"right on {self.stance_right:.0%} of the correct ones; {self.emerging} emerging")


def _dataset(root: Path, doc: Document, text: str) -> Dataset:
    """The bundled dataset as it stood before doc: its excerpts and later ones left out."""
    ds = pipeline.check(root).dataset
    same = [d.id for d in ds.documents.values() if d.path == doc.path or d.id == doc.id]
    for old in same:
        ds.documents.pop(old)
    ds.documents[doc.id] = doc
    ds.raw_texts[doc.id] = text
    before = {d.id for d in ds.documents.values() if d.date.latest < doc.date.earliest}
    ds.excerpts = {x: ex for x, ex in ds.excerpts.items() if ds.excerpt_document[x] in before}
    return ds


def measure(name: str) -> Score:
    """Measure on one gold file of tests/fixtures/suggest."""
    gold = yaml.safe_load((GOLD / f"gold-{name}.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "data"
        shutil.copytree(BARNET, root)
        bundled = pipeline.check(root).dataset
        doc = bundled.documents.get(gold["document"]["id"]) or Document(
            **{**gold["document"], "title": gold["document"]["title"], "publisher": "Ofsted",
               "primary": True})
        text = (root / doc.path).read_text(encoding="utf-8")
        ds = _dataset(root, doc, text)
        for point in gold.get("points", []):
            ds.recommendations[point["id"]] = Recommendation(
                id=point["id"], addressed_to=Addressee.COUNCIL, title="What needs to improve",
                text=point["text"])
        proposals = suggest.propose(ds, doc.id, [], limit=3)
        clean = textmatch.clean_text(ds, doc.id) or textmatch.normalised_text(ds, doc.id) or ""
    return _score(name, proposals, gold["excerpts"], clean, text, doc)


def _score(name: str, proposals: list[suggest.Proposal], excerpts: list[dict[str, object]],
           clean: str, raw: str, doc: Document) -> Score:
    from ofsted_trace.judge.passages import passages

    by_index = {p.index: p for p in passages(raw, doc.furniture)}
    links = [(textmatch.normalise(str(e["quote"])), rid, str(stance))
             for e in excerpts for rid, stance in dict(e["links"]).items()]  # type: ignore[call-overload]
    made = [p for p in proposals if p.recommendation is not None]
    correct, right, found = 0, 0, set()
    for p in made:
        passage = by_index[p.passage]
        hits = [i for i, (quote, rid, _) in enumerate(links) if rid == p.recommendation
                and suggest.covered([passage], [quote], clean)]
        found.update(hits)
        if hits:
            correct += 1
            right += any(links[i][2] == p.stance for i in hits)
    per_rec: dict[str, int] = {}
    for _, rid, _ in links:
        per_rec[rid] = per_rec.get(rid, 0) + 1
    capped = sum(min(3, n) for n in per_rec.values())
    found_capped = sum(min(3, sum(1 for i in found if links[i][1] == rid)) for rid in per_rec)
    return Score(name, correct / max(len(made), 1), len(found) / max(len(links), 1),
                 found_capped / max(capped, 1), len(made), correct, len(links), len(found),
                 right / max(correct, 1),
                 sum(p.recommendation is None for p in proposals))



if __name__ == "__main__":
    for doc_name in ("2021", "2019"):
        print(measure(doc_name).line())
