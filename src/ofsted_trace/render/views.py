"""Plain rows for every renderer: what status, gaps and problems say, before any format."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from ofsted_trace.judge.assess import Assessment
from ofsted_trace.judge.gaps.base import Gap
from ofsted_trace.model.actions import Rating
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Problem

# How each voice is named wherever a quote is cited.
VOICE_LABEL = {"ofsted": "Ofsted's words", "ofsted-paraphrase": "paraphrase of Ofsted",
               "council": "the council's own claim"}

def addressee(value: str) -> str:
    """Who an item is addressed to, as a sentence says it: 'safeguarding board'."""
    return str(value).replace("-", " ")


def item_name(number: int | None) -> str:
    """How an item is named in a sentence: 'Recommendation 5', or 'An unnumbered item'."""
    return f"Recommendation {number}" if number is not None else "An unnumbered item"


def status_rows(ds: Dataset, assessments: dict[str, Assessment],
                claims: Mapping[str, Rating] | None = None,
                schedules: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per recommendation, in file order: three statuses side by side.

    status is the evidence's, claimed the council's latest rating (or None), schedule the
    action plan's (late, on-track, done or no-actions).
    """
    claims, schedules = claims or {}, schedules or {}
    rows = []
    for rid, a in assessments.items():
        rec = ds.recommendations[rid]
        last = a.latest
        rows.append({
            "id": rid,
            "number": rec.number,
            "addressed_to": str(rec.addressed_to),
            "title": rec.title,
            "themes": list(rec.themes),
            "independent": a.independent,
            "council": a.council,
            "latest": None if last is None else {
                "date": str(last.date), "visit": last.visit, "occasion": last.occasion,
                "stance": str(last.stance), "excerpts": list(last.excerpts)},
            "status": str(a.status),
            "claimed": str(claims[rid].rating) if rid in claims else None,
            "schedule": schedules.get(rid, "no-actions"),
            "inspection": ds.cycle_of(rec),
            "reasons": list(a.reasons),
        })
    return rows


def schedule_shown(row: dict[str, Any]) -> str:
    """The schedule as the status table shows it: a dash where there is no action."""
    value = str(row.get("schedule") or "no-actions")
    return "—" if value == "no-actions" else value


def by_inspection(rows: list[dict[str, Any]]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """Status rows grouped by inspection cycle, in the order each cycle first appears."""
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row.get("inspection"), []).append(row)
    return list(groups.items())


def status_tables(rows: list[dict[str, Any]],
                  as_of: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """The terminal's status tables: each inspection cycle's title and its rows."""
    groups = by_inspection(rows)
    return [(f"Recommendations at {as_of}" if len(groups) == 1 else
             f"{cycle}: recommendations at {as_of}", group) for cycle, group in groups]


def status_summary(rows: list[dict[str, Any]]) -> str:
    """The lines under the status tables: each status counted, then ratings and schedules."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    summary = "  ".join(f"{k}: {v}" for k, v in counts.items())
    claimed = Counter(str(r.get("claimed") or "unrated") for r in rows)
    planned = Counter(str(r.get("schedule") or "no-actions") for r in rows)
    if set(claimed) != {"unrated"} or set(planned) != {"no-actions"}:
        summary += ("\nclaimed: " + "  ".join(f"{k}: {v}" for k, v in claimed.items())
                    + "\nschedule: " + "  ".join(f"{k}: {v}" for k, v in planned.items()))
    return summary


def gap_rows(gaps: list[Gap]) -> list[dict[str, Any]]:
    """One row per gap."""
    return [g.row() for g in gaps]


def problem_rows(problems: tuple[Problem, ...]) -> list[dict[str, Any]]:
    """One row per problem."""
    return [{"file": p.location.file, "line": p.location.line, "col": p.location.col,
             "severity": str(p.severity), "code": p.code, "subject": p.subject,
             "message": p.message} for p in problems]


def count_by(rows: list[dict[str, Any]], key: str) -> Counter[str]:
    """How many rows have each value of key."""
    return Counter(str(row[key]) for row in rows)


def export(ds: Dataset) -> dict[str, Any]:
    """The whole validated dataset as one JSON-ready object."""
    def dump(model: Any) -> dict[str, Any]:
        return model.model_dump(mode="json")  # type: ignore[no-any-return]

    evidence = []
    for ex_id, ex in ds.excerpts.items():
        evidence.append({"id": ex_id, "document": ds.excerpt_document.get(ex_id),
                         **{k: v for k, v in dump(ex).items() if k != "id"},
                         # Scripts read the ids here, and each link's effective stance below.
                         "recommendations": ex.rec_ids,
                         "links": [{"recommendation": r, "stance": str(s)} for r, s in ex.links]})
    first = next(iter(ds.inspections.values()), None)
    return {
        "authority": ds.authority,
        # The one-inspection form, kept for scripts written before cycles: the first cycle.
        "inspection": None if first is None else {"visit": first.visit,
                                                  "published": dump(first)["published"]},
        "inspections": [dump(c) for c in ds.inspections.values()],
        "recommendations": [{**dump(r), "inspection": ds.cycle_of(r)}
                            for r in ds.recommendations.values()],
        "themes": [dump(t) for t in ds.themes.values()],
        "visits": [dump(v) for v in ds.visits.values()],
        "documents": [dump(d) for d in ds.documents.values()],
        "evidence": evidence,
    }

