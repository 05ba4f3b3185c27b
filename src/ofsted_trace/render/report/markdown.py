"""The board report as GitHub-flavoured markdown: tables, a mermaid chart and working anchors."""

from __future__ import annotations

import re

from ofsted_trace.judge.compare import Changes
from ofsted_trace.model.labels import HEADINGS
from ofsted_trace.render import diff_md
from ofsted_trace.render.markdown import esc, table
from ofsted_trace.render.report import shown
from ofsted_trace.render.report.build import PROPOSED, SECTIONS, STATUS_MEANING, WEIGHT, slug
from ofsted_trace.render.report.parts import ActionRow, Column, GapItem, Quote, RecSection, Report
from ofsted_trace.render.views import item_name

STATUS_MARK = {"evidenced": "🟢", "progressing": "🟡", "concern": "🔴", "self-reported": "🟣",
               "no-evidence": "⚫"}
STANCE_MARK = {"progress": "🟢", "mixed": "🟡", "concern": "🔴"}
RAG_MARK = {"red": "🔴", "amber": "🟠", "green": "🟢", "blue": "🔵", "unrated": "·"}
# Only plain http(s) addresses become links; anything else is shown as text. Always
# fullmatch: `$` also matches before a final newline.
_SAFE_URL = re.compile(r"https?://[^\s()<>\[\]|\"'`\\]+")


def link(text: str, anchor: str) -> str:
    """A link to a section of this document; the text is escaped."""
    return f"[{esc(text)}](#{anchor})" if anchor else esc(text)


def status(value: str) -> str:
    """A status with its coloured mark."""
    return f"{STATUS_MARK[value]} {esc(value)}"


def _url(url: str) -> str:
    return f"[link]({url})" if _SAFE_URL.fullmatch(url) else esc(url)


def _code(command: str) -> str:
    return f"`{command}`"  # commands are fixed text and record ids, which hold no backtick


def _cite(q: Quote) -> str:
    source = " (secondary source)" if q.secondary else ""
    # Short: the document's id and date; its title is in the appendix of sources.
    return f"{esc(q.source or q.document)}, {esc(q.date)}; {esc(q.voice)}{source}; `{q.excerpt}`"


def _quote(q: Quote) -> str:
    lines = [f"- {STANCE_MARK[q.stance]} **{esc(q.stance)}**: “{esc(q.text)}”  ",
             f"  — {_cite(q)}"]
    if q.note:
        lines[-1] += "  "
        lines.append(f"  *Note:* {esc(q.note)}")
    return "\n".join(lines)


def _summary(r: Report) -> list[str]:
    out = [f"## {SECTIONS[0]}", "", esc(r.intro), ""]
    out.append(table(["status", "recommendations", "meaning"],
                     [[status(s), str(n), esc(STATUS_MEANING[s])]
                      for s, n in r.status_counts]))
    pie = [f'    "{s}" : {n}' for s, n in r.status_counts if n]
    out += ["```mermaid", "pie showData", "    title Recommendations by status", *pie, "```", ""]
    out += ["Three statuses side by side: what the evidence says, what the council rates, and "
            "whether the actions are on time.", "", side_by_side(r)]
    out.append("### Recommendations at a glance")
    out.append("")
    out.append(table(["recommendation", "title", "status", "council's rating", "schedule",
                      "latest independent finding", "independent", "council"],
                     [[link(s.id, s.anchor), esc(s.title), status(s.status),
                       f"{RAG_MARK[s.claimed]} {esc(r.word(s.claimed))}", esc(r.word(s.schedule)),
                       esc(s.latest), str(s.independent), str(s.council)]
                      for s in r.recommendations]))
    return out


def counts(r: Report) -> list[tuple[str, tuple[tuple[str, int], ...]]]:
    """Each heading with its counts: evidence, the council's rating, schedule."""
    found = (r.status_counts, r.claimed_counts, r.schedule_counts)
    return [(heading, got) for (heading, _), got in zip(HEADINGS, found, strict=True)]


def side_by_side(r: Report) -> str:
    """The counts of the three statuses as one table, a heading pair per status."""
    groups = counts(r)
    head = [h for heading, _ in groups for h in (esc(heading), "n")]
    depth = max(len(got) for _, got in groups)
    rows = [[cell for _, got in groups for cell in
             ((esc(r.word(got[i][0])), str(got[i][1])) if i < len(got) else ("", ""))]
            for i in range(depth)]
    return table(head, rows)


def action_line(a: ActionRow, r: Report) -> str:
    """One action: id, status, text, owner and due date, and whether it is late or moved."""
    flags = [*(["**late**"] if a.late else []), *([f"moved {a.moved}×"] if a.moved else [])]
    owner = f"{esc(a.owner)}, " if a.owner else ""
    return (f"- `{esc(a.id)}` {esc(a.status)}: {esc(a.text)} ({owner}due {esc(a.due)}"
            f"{'; ' + ', '.join(flags) if flags else ''})")


def plan_lines(s: RecSection, r: Report) -> list[str]:
    """The council's rating and schedule of one recommendation, and its actions."""
    rated = f" ({esc(s.claimed_detail)})" if s.claimed_detail else ""
    out = [f"Council's rating: **{esc(r.word(s.claimed))}**{rated}. Schedule: "
           f"**{esc(r.word(s.schedule))}**.", ""]
    if s.actions:
        out += ["Actions:", "", *(action_line(a, r) for a in s.actions), ""]
    return out


def _gap_row(g: GapItem) -> list[str]:
    return [esc(g.kind), esc(g.severity), link(g.subject, g.anchor), esc(g.message)]


def _gaps(r: Report) -> list[str]:
    out = [f"## {SECTIONS[1]}", ""]
    if not r.gaps:
        return [*out, "No gaps.", ""]
    out += [f"{len(r.gaps)} gaps; {len(r.headline)} of them are serious:", ""]
    out += [f"- {link(g.subject, g.anchor)}: {esc(g.message)}" for g in r.headline]
    out += ["", "### All gaps, most serious kind first", ""]
    out.append(table(["kind", "severity", "subject", "finding"], [_gap_row(g) for g in r.gaps]))
    return out


def _column(c: Column) -> str:
    return f"{esc(c.label)} ({esc(c.date)})"


def _matrix(r: Report) -> list[str]:
    out = [f"## {SECTIONS[2]}", "",
           "What each visit found on each recommendation (columns in date order).", ""]
    rows = []
    for s in r.recommendations:
        cells = r.matrix[s.id]
        rows.append([link(s.id, s.anchor), esc(s.title)] + [
            f"{STANCE_MARK[c.stance]} {c.weight}" if (c := cells.get(col.key)) else "·"
            for col in r.columns] + [STATUS_MARK[s.status], RAG_MARK[s.claimed],
                                     esc(r.word(s.schedule))])
    out.append(table(["recommendation", "title", *(_column(c) for c in r.columns), "evidence",
                      "rating", "schedule"], rows))
    legend = ", ".join(f"{mark} {stance}" for stance, mark in STANCE_MARK.items())
    statuses = ", ".join(f"{STATUS_MARK[k]} {esc(r.word(k))}" for k in STATUS_MARK)
    ratings = ", ".join(f"{mark} {esc(r.word(k))}" for k, mark in RAG_MARK.items())
    out += [f"Evidence: {statuses}. Council's rating: {ratings}.", ""]
    weights = "; ".join(f"**{code}** {meaning}" for code, meaning in WEIGHT.values())
    out += [f"Legend: {legend}; · nothing. The letter after it names the best source at that "
            f"visit: {weights}.", ""]
    return out


def _recommendations(r: Report) -> list[str]:
    out = [f"## {SECTIONS[3]}", ""]
    for s in r.recommendations:
        out += [f"### {esc(s.heading)}", "", f"> {esc(s.text)}", "",
                f"{item_name(s.number)}, to the {esc(s.addressed_to)}. "
                f"Themes: {esc(', '.join(s.themes)) or 'none'}.  ",
                f"Status: **{status(s.status)}**. Latest independent finding: {esc(s.latest)}. "
                f"Excerpts: {s.independent} independent, {s.council} from the council.", ""]
        out += plan_lines(s, r)
        if s.reasons:
            out += ["Why:", "", *(f"- {esc(reason)}" for reason in s.reasons), ""]
        if not s.timeline:
            out += ["**No evidence.**", ""]
        if s.cut is not None:
            out += [shown.note(s.cut, "recommendation", s.id, _code, esc), ""]
        for occasion in s.timeline:
            out += [f"**{esc(occasion.heading)}**", ""]
            out += [_quote(q) for q in occasion.quotes]
            out.append("")
    return out


def _themes(r: Report) -> list[str]:
    rows = [[esc(t.id), esc(t.title), esc(t.parent) or "—",
             ", ".join(f"{link(rid, a)} {STATUS_MARK[st]}" for rid, a, st in t.recommendations)
             or "none", str(t.direct)] for t in r.themes]
    return [f"## {SECTIONS[4]}", "",
            table(["theme", "title", "part of", "recommendations", "direct excerpts"], rows)]


def _emerging(r: Report) -> list[str]:
    out = [f"## {SECTIONS[5]}", "",
           "Independent findings that fit no recommendation: new concerns to watch.", ""]
    if r.emerging_cut is not None:
        out += [shown.note(r.emerging_cut, "emerging", "", _code, esc), ""]
    out += [_quote(q) for q in r.emerging] or ["None."]
    return [*out, ""]


def _proposed(r: Report) -> list[str]:
    """Proposals apart from the evidence: a section only when there are any."""
    if not r.proposed:
        return []
    out = [f"## {PROPOSED}", "", "Passages `trace suggest` proposed; none counts as evidence "
           "until `trace accept` (or `trace review`) makes it so.", ""]
    if r.proposed_cut is not None:
        out += [shown.note(r.proposed_cut, "proposed", "", _code, esc), ""]
    for p in r.proposed:
        recs = ", ".join(f"`{rid}`" for rid in p.recommendations) or "no recommendation"
        out.append(f"{_quote(p.quote)}  \n  *For:* {recs}")
    return [*out, ""]


def _appendix(r: Report) -> list[str]:
    sources = [[f"`{s.id}`", esc(s.title), esc(s.publisher), esc(s.date),
                "primary" if s.primary else "secondary", str(s.excerpts), _url(s.url)]
               for s in r.sources]
    visits = [[f"`{v.id}`", esc(v.title), esc(v.kind), esc(v.date), esc(v.focus),
               esc(v.judgement)] for v in r.visits]
    return [f"## {SECTIONS[6]}", "",
            table(["id", "title", "publisher", "date", "source", "excerpts", "url"], sources),
            f"## {SECTIONS[7]}", "",
            table(["id", "title", "kind", "dates", "focus", "judgement"], visits)]


def format(r: Report, since: Changes | None = None) -> str:
    """The whole report as markdown; with since, what changed follows the summary."""
    toc = [f"- [{esc(name)}](#{r.anchors[name]})" for name in SECTIONS]
    changed = [diff_md.format(since)] if since is not None else []
    if changed:
        toc.insert(1, f"- [{diff_md.TITLE}](#{slug(diff_md.TITLE)})")
    if r.proposed:
        toc.insert(toc.index(f"- [{SECTIONS[5]}](#{r.anchors[SECTIONS[5]]})") + 1,
                   f"- [{PROPOSED}](#{slug(PROPOSED)})")
    out = [f"# {esc(r.title)}", "", "## Contents", "", *toc, "",
           *_summary(r), *changed, *_gaps(r), *_matrix(r), *_recommendations(r), *_themes(r),
           *_emerging(r), *_proposed(r), *_appendix(r)]
    # One newline at the end, trimmed from the lines rather than from the joined text: at
    # 100,000 excerpts the text is ~20 MB, and each rstrip or + would copy it whole.
    while len(out) > 1 and not out[-1].strip("\n"):
        out.pop()
    out[-1] = out[-1].rstrip("\n")
    return "\n".join([*out, ""])
