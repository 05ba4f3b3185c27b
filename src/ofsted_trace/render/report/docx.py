"""The report and the front sheet as Word documents: the only module that imports python-docx.

Committee papers go to councils' committee systems as Word. Headings are Word's own heading
styles and every table a real table, so the committee system can index and restyle them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ofsted_trace.judge.compare import Changes
from ofsted_trace.render import diff_md
from ofsted_trace.render.report import shown
from ofsted_trace.render.report.build import SECTIONS, WEIGHT
from ofsted_trace.render.report.front import FrontSheet
from ofsted_trace.render.report.front_format import TITLE, sections
from ofsted_trace.render.report.parts import Report
from ofsted_trace.render.safe import plain


def _t(text: object) -> str:
    # Word's XML cannot hold control characters; they are shown as visible escapes instead.
    return plain(str(text), newlines=False)


def _plain(text: str) -> str:
    return text  # shown.note's markup: Word's text has none


def _new() -> Any:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    return doc


def _table(doc: Any, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = _t(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = _t(value)


def _bytes(doc: Any) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def front(f: FrontSheet) -> bytes:
    """The front sheet as a .docx: a title, the counts as tables, then each section."""
    doc = _new()
    doc.add_heading(_t(f"{f.authority}: {TITLE.lower()} at {f.as_of}"), 0)
    doc.add_heading("Statuses", 1)
    for heading, got in f.counts:
        _table(doc, [heading, "n"], [(name, n) for name, n in got])
    for heading, lines in sections(f):
        doc.add_heading(_t(heading), 1)
        for line in lines:
            doc.add_paragraph(_t(line), style=None if heading == "Judgement trajectory"
                              else "List Bullet")
    return _bytes(doc)


def _summary(doc: Any, r: Report) -> None:
    doc.add_heading(SECTIONS[0], 1)
    doc.add_paragraph(_t(r.intro))
    for heading, got in (("Evidence", r.status_counts), ("Council's rating", r.claimed_counts),
                         ("Schedule", r.schedule_counts)):
        _table(doc, [heading, "recommendations"], [(r.word(k), n) for k, n in got])
    doc.add_heading("Recommendations at a glance", 2)
    _table(doc, ["recommendation", "title", "status", "council's rating", "schedule",
                 "latest independent finding"],
           [(s.id, s.title, r.word(s.status), r.word(s.claimed), r.word(s.schedule), s.latest)
            for s in r.recommendations])


def _recommendations(doc: Any, r: Report) -> None:
    doc.add_heading(SECTIONS[3], 1)
    for s in r.recommendations:
        doc.add_heading(_t(s.heading), 2)
        doc.add_paragraph(_t(s.text), style="Intense Quote")
        detail = f" ({s.claimed_detail})" if s.claimed_detail else ""
        doc.add_paragraph(_t(f"Evidence: {r.word(s.status)}. Council's rating: "
                             f"{r.word(s.claimed)}{detail}. Schedule: {r.word(s.schedule)}. "
                             f"Latest independent finding: {s.latest}."))
        for a in s.actions:
            owner = f"{a.owner}, " if a.owner else ""
            doc.add_paragraph(_t(f"{a.id} ({a.status}): {a.text}; {owner}due {a.due}"
                                 f"{'; late' if a.late else ''}"), style="List Bullet")
        if s.cut is not None:
            doc.add_paragraph(_t(shown.note(s.cut, "recommendation", s.id, _plain, _plain)))
        for occasion in s.timeline:
            doc.add_heading(_t(occasion.heading), 3)
            for q in occasion.quotes:
                doc.add_paragraph(_t(f"[{q.stance}] “{q.text}” — {q.source or q.document}, "
                                     f"{q.date}; {q.voice}; {q.excerpt}"))


def report(r: Report, since: Changes | None = None) -> bytes:
    """The whole report as a .docx, section by section as the markdown report has them."""
    doc = _new()
    doc.add_heading(_t(r.title), 0)
    _summary(doc, r)
    if since is not None:
        doc.add_heading(diff_md.TITLE, 1)
        doc.add_paragraph(_t(diff_md.intro(since, _t)))
        for block in diff_md.blocks(since, _t):
            doc.add_heading(_t(block.heading), 2)
            for bullet in block.bullets:
                doc.add_paragraph(_t(bullet), style="List Bullet")
    doc.add_heading(SECTIONS[1], 1)
    _table(doc, ["kind", "severity", "subject", "finding"],
           [(g.kind, g.severity, g.subject, g.message) for g in r.gaps])
    doc.add_heading(SECTIONS[2], 1)
    _table(doc, ["recommendation", "title", *(c.label for c in r.columns), "evidence", "rating",
                 "schedule"],
           [(s.id, s.title, *((f"{c.stance} {c.weight}" if (c := r.matrix[s.id].get(col.key))
                               else "·") for col in r.columns),
             r.word(s.status), r.word(s.claimed), r.word(s.schedule))
            for s in r.recommendations])
    doc.add_paragraph(_t("Letters: " + "; ".join(f"{code} {m}" for code, m in WEIGHT.values())))
    _recommendations(doc, r)
    doc.add_heading(SECTIONS[4], 1)
    _table(doc, ["theme", "title", "recommendations", "direct excerpts"],
           [(t.id, t.title, ", ".join(rid for rid, _, _ in t.recommendations), t.direct)
            for t in r.themes])
    doc.add_heading(SECTIONS[5], 1)
    if r.emerging_cut is not None:
        doc.add_paragraph(_t(shown.note(r.emerging_cut, "emerging", "", _plain, _plain)))
    for q in r.emerging:
        doc.add_paragraph(_t(f"“{q.text}” — {q.source or q.document}, {q.date}; {q.excerpt}"),
                          style="List Bullet")
    doc.add_heading(SECTIONS[6], 1)
    _table(doc, ["id", "title", "publisher", "date", "excerpts"],
           [(s.id, s.title, s.publisher, s.date, s.excerpts) for s in r.sources])
    doc.add_heading(SECTIONS[7], 1)
    _table(doc, ["id", "title", "kind", "dates", "judgement"],
           [(v.id, v.title, v.kind, v.date, v.judgement) for v in r.visits])
    return _bytes(doc)
