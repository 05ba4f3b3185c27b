"""Proposals and unmined passages as plain rows, before any format."""

from __future__ import annotations

from typing import Any

from ofsted_trace.judge.suggest import Candidate, Proposal


def proposal_rows(proposals: list[Proposal]) -> list[dict[str, Any]]:
    """`trace suggest --format json`: best first, possible emerging findings last."""
    return [{"recommendation": p.recommendation, "quote": p.quote, "stance": str(p.stance),
             "voice": str(p.voice), "score": p.score} for p in proposals]


def unmined_rows(found: list[Candidate]) -> list[dict[str, Any]]:
    """`trace unmined --format json`: concerns first, then in the document's order."""
    return [{"quote": c.passage.text, "stance": str(c.stance), "voice": str(c.voice),
             "section": c.passage.section} for c in found]
