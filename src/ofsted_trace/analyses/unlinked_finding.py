"""Independent findings tied to no recommendation: emerging concerns, not noise."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.analyses.base import Context, Gap, Severity
from ofsted_trace.models import Stance

KIND = "unlinked-finding"
_SEVERITY = {Stance.CONCERN: Severity.HIGH, Stance.MIXED: Severity.MEDIUM,
             Stance.PROGRESS: Severity.LOW}


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each independent excerpt that bears on no recommendation."""
    for ex_id, finding in ctx.findings.items():
        ex = finding.excerpt
        if not finding.independent or ex.recommendations:
            continue
        label = "emerging concern" if ex.stance is Stance.CONCERN else f"emerging {ex.stance} " \
            "finding"
        doc = ctx.dataset.documents[finding.document]
        yield ctx.gap(KIND, ex_id, _SEVERITY[ex.stance],
                      f"{ex_id}: an {label} from {doc.title} ({doc.date.human()}) that fits no "
                      "recommendation.")
