"""Good news the board has not heard: Ofsted shows progress after a red or amber rating."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.assess import Status
from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model.actions import Rag

KIND = "evidence-ahead-of-claim"
SCOPE = Scope.ITEM


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap where the latest finding shows progress that came after a red/amber rating."""
    for rid, a in ctx.assessments.items():
        rating = ctx.claims.get(rid)
        last = a.latest
        if rating is None or rating.rating not in (Rag.RED, Rag.AMBER) or last is None:
            continue
        if a.status is not Status.EVIDENCED or last.date.earliest <= rating.date.latest:
            continue
        rec = ctx.dataset.recommendations[rid]
        yield ctx.gap(KIND, rid, GapSeverity.LOW,
                      f"{rid} ({rec.title}) is still rated {rating.rating} by the {rating.by} "
                      f"({rating.date.human()}), but Ofsted's latest finding "
                      f"({last.date.human()}) shows progress.")
