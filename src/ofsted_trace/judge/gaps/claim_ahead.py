"""The council rates a recommendation green or blue while the evidence does not bear it out."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.assess import Status
from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model.actions import Rag

KIND = "claim-ahead-of-evidence"
SCOPE = Scope.ITEM
_WEAK = {Status.SELF_REPORTED: "only the council's own word speaks to it",
         Status.NO_EVIDENCE: "nothing speaks to it"}


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap where the latest rating is green or blue but Ofsted's words do not support it.

    Supported means the latest independent finding shows progress; a mixed one does not.
    """
    for rid, a in ctx.assessments.items():
        rating = ctx.claims.get(rid)
        if rating is None or rating.rating not in (Rag.GREEN, Rag.BLUE):
            continue
        if a.status is Status.EVIDENCED:
            continue
        rec = ctx.dataset.recommendations[rid]
        said = f"rated {rating.rating} by the {rating.by} ({rating.date.human()})"
        last = a.latest
        if a.status is Status.CONCERN and last is not None:
            yield ctx.gap(KIND, rid, GapSeverity.HIGH,
                          f"{rid} ({rec.title}) is {said}, but Ofsted's latest word "
                          f"({last.date.human()}) is a concern.")
        elif a.status in _WEAK:
            yield ctx.gap(KIND, rid, GapSeverity.HIGH,
                          f"{rid} ({rec.title}) is {said}, but {_WEAK[a.status]}.")
        elif last is not None:
            yield ctx.gap(KIND, rid, GapSeverity.MEDIUM,
                          f"{rid} ({rec.title}) is {said}, but no Ofsted finding supports it: "
                          f"the latest ({last.date.human()}) is mixed.")
