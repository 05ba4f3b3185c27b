"""Paraphrases rosier than anything Ofsted's own words said at the same visit."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.assess import Finding
from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model.values import Stance, Voice

KIND = "divergent"
SCOPE = Scope.ITEM
_RANK = {Stance.CONCERN: 0, Stance.MIXED: 1, Stance.PROGRESS: 2}


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap where a paraphrase of a visit says more than Ofsted's words from it."""
    for rid, a in ctx.assessments.items():
        # One pass per recommendation, grouped by visit: a scan per visit is quadratic.
        words_at: dict[str, list[Finding]] = {}
        rosier_at: dict[str, list[Finding]] = {}
        for f in a.findings:
            if f.excerpt.visit and f.excerpt.voice is Voice.OFSTED:
                words_at.setdefault(f.excerpt.visit, []).append(f)
            elif f.excerpt.visit and f.excerpt.voice is Voice.OFSTED_PARAPHRASE:
                rosier_at.setdefault(f.excerpt.visit, []).append(f)
        for visit in sorted(words_at.keys() & rosier_at.keys()):
            words, rosier = words_at[visit], rosier_at[visit]
            # Only a paraphrase rosier than anything Ofsted itself said there is flagged.
            said = a.stances
            best = max((said[f.excerpt.id] for f in words), key=_RANK.__getitem__)
            claims = [f for f in rosier if _RANK[said[f.excerpt.id]] > _RANK[best]]
            if not claims:
                continue
            ids = ", ".join(f.excerpt.id for f in claims)
            quoted = ", ".join(f.excerpt.id for f in words)
            yield ctx.gap(KIND, rid, GapSeverity.MEDIUM,
                          f"{rid} at {visit}: a paraphrase ({ids}) reports "
                          f"{said[claims[0].excerpt.id]}, but Ofsted's own words from that visit "
                          f"({quoted}) are at best {best}.")
