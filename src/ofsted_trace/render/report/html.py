"""The board report as one self-contained HTML file: inline CSS and SVG, no fetches, printable."""

from __future__ import annotations

import re
from html import escape

from ofsted_trace.judge.compare import Changes
from ofsted_trace.render import diff_md
from ofsted_trace.render.report import shown
from ofsted_trace.render.report.build import PROPOSED, SECTIONS, STATUS_MEANING, WEIGHT, slug
from ofsted_trace.render.report.markdown import counts
from ofsted_trace.render.report.parts import GapItem, Quote, RecSection, Report
from ofsted_trace.render.safe import plain
from ofsted_trace.render.views import item_name

COLOUR = {"evidenced": "#1a7f37", "progressing": "#b08800", "concern": "#cf222e",
          "self-reported": "#8250df", "no-evidence": "#24292f",
          "progress": "#1a7f37", "mixed": "#b08800", "red": "#cf222e", "amber": "#bc4c00",
          "green": "#1a7f37", "blue": "#0969da", "unrated": "#6e7781", "late": "#cf222e",
          "on-track": "#1a7f37", "done": "#0969da", "no-actions": "#6e7781"}
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+")
CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1f2328;
max-width:70rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem;border-bottom:2px solid #d0d7de}h2{border-bottom:1px solid #d0d7de;
margin-top:2.5rem}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}blockquote{margin:0;padding:0 1rem;border-left:4px solid #d0d7de;
color:#57606a}.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;color:#fff;
font-size:.8rem;white-space:nowrap}.cite{color:#57606a;font-size:.85rem}
.matrix td{text-align:center;white-space:nowrap}.matrix td:first-child{text-align:left}
ul.timeline{list-style:none;padding-left:1rem}ul.timeline li{margin:.4rem 0}
code{font-size:.85rem;background:#f6f8fa;padding:0 .2rem}a{color:#0969da}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}
h2{break-before:page}h3,tr,li{break-inside:avoid}nav{display:none}
.badge{color:#000!important;background:none!important;border:1px solid #000}}
"""


def _e(text: object) -> str:
    # Controls are shown as visible escapes first: a browser would render some of them.
    return escape(plain(str(text)), quote=True)


def _code(command: str) -> str:
    return f"<code>{_e(command)}</code>"


def badge(value: str, word: str | None = None) -> str:
    """A status or stance as a coloured label; the colour never carries the meaning alone."""
    return (f'<span class="badge" style="background:{COLOUR[value]}">'
            f"{_e(word or value)}</span>")


def link(text: str, anchor: str) -> str:
    """A link to a section of this document."""
    return f'<a href="#{_e(anchor)}">{_e(text)}</a>' if anchor else _e(text)


def table(headers: list[str], rows: list[list[str]], cls: str = "") -> str:
    """An HTML table; cells must already be escaped."""
    attr = f' class="{cls}"' if cls else ""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows)
    return f"<table{attr}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def _h2(r: Report, index: int) -> str:
    name = SECTIONS[index]
    return f'<h2 id="{_e(r.anchors[name])}">{_e(name)}</h2>'


def _chart(counts: tuple[tuple[str, int], ...]) -> str:
    """The status counts as an inline SVG bar chart: the HTML stand-in for mermaid's pie."""
    most = max((n for _, n in counts), default=0) or 1
    bars = []
    for i, (name, n) in enumerate(counts):
        y = 8 + i * 28
        width = round(300 * n / most)
        bars.append(f'<text x="0" y="{y + 15}">{_e(name)}</text>'
                    f'<rect x="110" y="{y}" width="{width}" height="20" '
                    f'fill="{COLOUR[name]}"/><text x="{116 + width}" y="{y + 15}">{n}</text>')
    height = 16 + 28 * len(counts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="460" height="{height}" '
            f'font-size="13" aria-label="Recommendations by status">'
            f'<title>Recommendations by status</title>{"".join(bars)}</svg>')


def _quote(q: Quote) -> str:
    source = " (secondary source)" if q.secondary else ""
    note = f'<br><span class="cite">Note: {_e(q.note)}</span>' if q.note else ""
    return (f"<li>{badge(q.stance)} “{_e(q.text)}”<br><span class=\"cite\">— "
            f"{_e(q.source or q.document)}, {_e(q.date)}; {_e(q.voice)}{source}; "
            f"<code>{_e(q.excerpt)}</code></span>{note}</li>")


def _summary(r: Report) -> list[str]:
    counts = table(["status", "recommendations", "meaning"],
                   [[badge(s), str(n), _e(STATUS_MEANING[s])] for s, n in r.status_counts])
    glance = table(["recommendation", "title", "status", "council's rating", "schedule",
                    "latest independent finding", "independent", "council"],
                   [[link(s.id, s.anchor), _e(s.title), badge(s.status),
                     badge(s.claimed, r.word(s.claimed)), badge(s.schedule, r.word(s.schedule)),
                     _e(s.latest), str(s.independent), str(s.council)]
                    for s in r.recommendations], "recommendations")
    return [_h2(r, 0), f"<p>{_e(r.intro)}</p>", counts, _chart(r.status_counts),
            "<p>Three statuses side by side: what the evidence says, what the council rates, "
            "and whether the actions are on time.</p>", side_by_side(r),
            '<h3 id="recommendations-at-a-glance">Recommendations at a glance</h3>', glance]


def side_by_side(r: Report) -> str:
    """The counts of the three statuses, each under its heading."""
    groups = counts(r)
    cells = "".join(
        f"<td><b>{_e(heading)}</b><br>" + "<br>".join(
            f"{badge(k, r.word(k))} {n}" for k, n in got) + "</td>" for heading, got in groups)
    return f'<table class="statuses"><tbody><tr>{cells}</tr></tbody></table>'


def plan_html(s: RecSection, r: Report) -> str:
    """The council's rating and schedule of a recommendation, then its actions."""
    rated = f" ({_e(s.claimed_detail)})" if s.claimed_detail else ""
    out = (f"<p>Council's rating: {badge(s.claimed, r.word(s.claimed))}{rated}. Schedule: "
           f"{badge(s.schedule, r.word(s.schedule))}.</p>")
    if s.actions:
        items = "".join(
            f"<li><code>{_e(a.id)}</code> {_e(a.status)}: {_e(a.text)} ("
            f"{_e(a.owner) + ', ' if a.owner else ''}due {_e(a.due)}"
            f"{'; <b>late</b>' if a.late else ''}{f'; moved {a.moved}×' if a.moved else ''})"
            "</li>" for a in s.actions)
        out += f"<p>Actions:</p><ul>{items}</ul>"
    return out


def _gap_row(g: GapItem) -> list[str]:
    return [_e(g.kind), _e(g.severity), link(g.subject, g.anchor), _e(g.message)]


def _gaps(r: Report) -> list[str]:
    if not r.gaps:
        return [_h2(r, 1), "<p>No gaps.</p>"]
    items = "".join(f"<li>{link(g.subject, g.anchor)}: {_e(g.message)}</li>\n"
                    for g in r.headline)
    return [_h2(r, 1), f"<p>{len(r.gaps)} gaps; {len(r.headline)} of them are serious:</p>",
            f"<ul>\n{items}</ul>", "<h3>All gaps, most serious kind first</h3>",
            table(["kind", "severity", "subject", "finding"], [_gap_row(g) for g in r.gaps])]


def _matrix(r: Report) -> list[str]:
    rows = []
    for s in r.recommendations:
        cells = r.matrix[s.id]
        row = [link(s.id, s.anchor), _e(s.title)]
        for col in r.columns:
            c = cells.get(col.key)
            row.append(f'<span style="color:{COLOUR[c.stance]}">●</span> {_e(c.stance)} '
                       f"{_e(c.weight)}" if c else "·")
        rows.append([*row, badge(s.status, r.word(s.status)), badge(s.claimed, r.word(s.claimed)),
                     badge(s.schedule, r.word(s.schedule))])
    heads = ["title", *(f"{_e(c.label)}<br>{_e(c.date)}" for c in r.columns), "evidence",
             "rating", "schedule"]
    weights = "; ".join(f"<b>{code}</b> {_e(meaning)}" for code, meaning in WEIGHT.values())
    return [_h2(r, 2), "<p>What each visit found on each recommendation (columns in date "
            "order).</p>", table(["recommendation", *heads], rows, "matrix"),
            f"<p>Legend: the stance found at that visit; · nothing. The letter after it names "
            f"the best source at that visit: {weights}.</p>"]


def _recommendations(r: Report) -> list[str]:
    out = [_h2(r, 3)]
    for s in r.recommendations:
        out += [f'<section><h3 id="{_e(s.anchor)}">{_e(s.heading)}</h3>',
                f"<blockquote><p>{_e(s.text)}</p></blockquote>",
                f"<p>{item_name(s.number)}, to the {_e(s.addressed_to)}. Themes: "
                f"{_e(', '.join(s.themes)) or 'none'}.<br>Status: {badge(s.status)}. Latest "
                f"independent finding: {_e(s.latest)}. Excerpts: {s.independent} independent, "
                f"{s.council} from the council.</p>"]
        out.append(plan_html(s, r))
        if s.reasons:
            out.append("<p>Why:</p><ul>" + "".join(f"<li>{_e(reason)}</li>"
                                                  for reason in s.reasons) + "</ul>")
        if not s.timeline:
            out.append("<p><strong>No evidence.</strong></p>")
        if s.cut is not None:
            out.append(f"<p>{shown.note(s.cut, 'recommendation', s.id, _code, _e)}</p>")
        for occasion in s.timeline:
            quotes = "\n".join(_quote(q) for q in occasion.quotes)
            out.append(f'<h4>{_e(occasion.heading)}</h4>\n<ul class="timeline">\n{quotes}\n</ul>')
        out.append("</section>")
    return out


def _rest(r: Report) -> list[str]:
    themes = table(["theme", "title", "part of", "recommendations", "direct excerpts"],
                   [[_e(t.id), _e(t.title), _e(t.parent) or "—",
                     ", ".join(f"{link(rid, a)} ({_e(st)})" for rid, a, st in t.recommendations)
                     or "none", str(t.direct)] for t in r.themes])
    emerging = "\n".join(_quote(q) for q in r.emerging)
    sources = table(["id", "title", "publisher", "date", "source", "excerpts", "url"],
                    [[f"<code>{_e(s.id)}</code>", _e(s.title), _e(s.publisher), _e(s.date),
                      "primary" if s.primary else "secondary", str(s.excerpts),
                      f'<a href="{_e(s.url)}">link</a>' if _SAFE_URL.fullmatch(s.url)
                      else _e(s.url)]
                     for s in r.sources])
    visits = table(["id", "title", "kind", "dates", "focus", "judgement"],
                   [[f"<code>{_e(v.id)}</code>", _e(v.title), _e(v.kind), _e(v.date),
                     _e(v.focus), _e(v.judgement)] for v in r.visits])
    proposed = _proposed(r)
    return [_h2(r, 4), themes, _h2(r, 5),
            "<p>Independent findings that fit no recommendation: new concerns to watch.</p>",
            *([f"<p>{shown.note(r.emerging_cut, 'emerging', '', _code, _e)}</p>"]
              if r.emerging_cut is not None else []),
            f'<ul class="timeline">\n{emerging}\n</ul>' if r.emerging else "<p>None.</p>",
            *proposed, _h2(r, 6), sources, _h2(r, 7), visits]


def _proposed(r: Report) -> list[str]:
    """Proposals apart from the evidence: a section only when there are any."""
    if not r.proposed:
        return []
    items = [_quote(p.quote).replace("</li>", '<br><span class="cite">For: '
             f"{_e(', '.join(p.recommendations) or 'no recommendation')}</span></li>")
             for p in r.proposed]
    return [f'<h2 id="{slug(PROPOSED)}">{PROPOSED}</h2>',
            "<p>Passages <code>trace suggest</code> proposed; none counts as evidence until "
            "<code>trace accept</code> makes it so.</p>",
            *([f"<p>{shown.note(r.proposed_cut, 'proposed', '', _code, _e)}</p>"]
              if r.proposed_cut is not None else []),
            '<ul class="timeline">\n' + "\n".join(items) + "\n</ul>"]


def _since(changes: Changes) -> list[str]:
    anchor = slug(diff_md.TITLE)
    out = [f'<h2 id="{anchor}">{_e(diff_md.TITLE)}</h2>',
           f"<p>{diff_md.intro(changes, _e)}</p>"]
    if changes.empty:
        return [*out, "<p>Nothing has changed: no status, gap, excerpt, document or visit.</p>"]
    for block in diff_md.blocks(changes, _e):
        out.append(f"<h3>{_e(block.heading)}</h3>")
        if block.intro:
            out.append(f"<p>{block.intro}</p>")
        out.append("<ul>" + "".join(f"<li>{line}</li>" for line in block.bullets) + "</ul>")
    return out


def format(r: Report, since: Changes | None = None) -> str:
    """The whole report as one HTML document; with since, what changed goes after the summary."""
    items = [(n, r.anchors[n]) for n in SECTIONS]
    if r.proposed:
        items.insert(6, (PROPOSED, slug(PROPOSED)))
    if since is not None:
        items.insert(1, (diff_md.TITLE, slug(diff_md.TITLE)))
    toc = "".join(f'<li><a href="#{_e(a)}">{_e(n)}</a></li>' for n, a in items)
    changed = _since(since) if since is not None else []
    body = [f"<h1>{_e(r.title)}</h1>", f"<nav><h2>Contents</h2><ul>{toc}</ul></nav>",
            *_summary(r), *changed, *_gaps(r), *_matrix(r), *_recommendations(r), *_rest(r)]
    head = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            # No script, style or image may come from elsewhere: the file must work offline.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">\n"
            f"<title>{_e(r.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>")
    # One join: at 100,000 excerpts the page is ~20 MB, and each + would copy it whole.
    return "\n".join([head, *body, "</body>\n</html>\n"])
