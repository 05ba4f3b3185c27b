"""Independent findings tied to no recommendation: emerging concerns, not noise."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model.values import Stance

KIND = "unlinked-finding"
SCOPE = Scope.FINDING
_SHOWN = 120  # characters of the quote in the message
_SEVERITY = {Stance.CONCERN: GapSeverity.HIGH, Stance.MIXED: GapSeverity.MEDIUM,
             Stance.PROGRESS: GapSeverity.LOW}


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each independent excerpt that bears on no recommendation."""
    for ex_id, finding in ctx.findings.items():
        ex = finding.excerpt
        if not finding.independent or ex.recommendations:
            continue
        label = "Emerging concern" if ex.stance is Stance.CONCERN else \
            f"Emerging {ex.stance} finding"
        # Only the start is shown, so spaces are collapsed in the start alone; a start that
        # collapses to a short text (mostly spaces) falls back to the whole quote.
        quote = " ".join(ex.quote[:_SHOWN * 2].split())
        if len(quote) <= _SHOWN:
            quote = " ".join(ex.quote.split())
        if len(quote) > _SHOWN:
            quote = quote[:_SHOWN].rsplit(" ", 1)[0] + " …"
        when = finding.date.human()
        yield ctx.gap(KIND, ex_id, _SEVERITY[ex.stance],
                      f"{label} ({when}) that fits no recommendation: “{quote}”")
