"""`trace explain`: why a recommendation has its status, as JSON-ready data and as plain text."""

from __future__ import annotations

from typing import Any

from ofsted_trace.judge.assess import Assessment
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.render.safe import plain
from ofsted_trace.render.views import VOICE_LABEL


def explanation(ds: Dataset, a: Assessment) -> dict[str, Any]:
    """The status, the deciding occasion, every finding with its part, and the reasons."""
    d = a.latest
    roles = _roles(a)
    return {
        "id": a.rec_id,
        "status": str(a.status),
        "occasion": None if d is None else {
            "id": d.occasion, "visit": d.visit, "date": str(d.date), "stance": str(d.stance),
            "rule": d.rule, "excerpts": list(d.excerpts)},
        "findings": [{
            "excerpt": f.excerpt.id, "document": f.document, "visit": f.excerpt.visit,
            "date": str(f.date), "voice": str(f.excerpt.voice),
            "stance": str(a.stances[f.excerpt.id]), "scope": str(f.excerpt.scope),
            "role": roles.get(f.excerpt.id, "earlier")} for f in a.findings],
        "reasons": list(a.reasons),
    }


def _roles(a: Assessment) -> dict[str, str]:
    """What part each finding played: decided, repeat, outranked, supporting, council, earlier."""
    roles = {f.excerpt.id: "council" for f in a.findings if not f.independent}
    d = a.latest
    if d is not None:
        roles.update(dict.fromkeys(d.excerpts, "decided"))
        roles.update({copy: "repeat" for copy, _ in d.collapsed})
        roles.update({x: "outranked" for x, _ in d.outranked})
        roles.update(dict.fromkeys(d.supporting, "supporting"))
    return roles


def text(ds: Dataset, a: Assessment) -> str:
    """The explanation as plain lines for a terminal or a paper."""
    rec = ds.recommendations[a.rec_id]
    lines = [f"{a.rec_id} {plain(rec.title)}: {a.status}", "", "Why:"]
    lines += [f"- {plain(r)}" for r in a.reasons]
    if a.findings:
        lines += ["", "Findings, oldest first (part played: decided, repeat, outranked, "
                  "supporting, earlier, council):"]
        roles = _roles(a)
        for f in a.findings:
            ex = f.excerpt
            lines.append(f"- {ex.id} [{a.stances[ex.id]}] {roles.get(ex.id, 'earlier')}; "
                         f"{ex.visit or 'no visit'}, {f.date.human()}; {VOICE_LABEL[ex.voice]}"
                         + ("; general" if f.general else ""))
    return "\n".join(lines) + "\n"
