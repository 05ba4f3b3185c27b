"""The front sheet as markdown, and as one printable A4 page of HTML."""

from __future__ import annotations

from html import escape

from ofsted_trace.render.markdown import esc, table
from ofsted_trace.render.report.front import FrontSheet
from ofsted_trace.render.safe import plain

TITLE = "Front sheet"
# One A4 page: tight margins, small type, the three counts side by side.
CSS = """
@page{size:A4;margin:12mm 14mm}
body{font:9.5pt/1.35 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1f2328;
margin:0 auto;max-width:182mm}
h1{font-size:15pt;margin:0 0 2mm;border-bottom:1.5pt solid #1f2328}
h2{font-size:10.5pt;margin:4mm 0 1mm}
p,ul{margin:1mm 0}ul{padding-left:5mm}li{margin:.6mm 0}
.trajectory{font-size:11pt;font-weight:600}
.counts{display:flex;gap:4mm;align-items:flex-start}.counts table{border-collapse:collapse;flex:1}
.counts td,.counts th{border:.5pt solid #8c959f;padding:.6mm 1.5mm;text-align:left}
.counts th{background:#eaeef2}.n{text-align:right!important;width:8mm}
.muted{color:#57606a}
"""


def sections(f: FrontSheet) -> list[tuple[str, list[str]]]:
    """The front sheet's sections as (heading, lines of plain text), in order."""
    out = [("Judgement trajectory", [" → ".join(f.trajectory) or "No judged inspection yet."]),
           ("Gaps the board must hear", list(f.must_hear) or ["None."]),
           ("Overdue actions", ([f.overdue_note] if f.overdue_note else ["None."])
            + list(f.overdue))]
    if f.since:
        out.append((f"Changed since {f.since}", list(f.changed)))
    return out


def markdown(f: FrontSheet) -> str:
    """The front sheet as markdown."""
    out = [f"# {esc(f.authority)}: {TITLE.lower()} at {esc(f.as_of)}", "",
           f"{f.items} recommendations and points, each with three statuses side by side.", ""]
    heads = [h for heading, _ in f.counts for h in (esc(heading), "n")]
    rows = []
    depth = max(len(got) for _, got in f.counts)
    for i in range(depth):
        rows.append([c for _, got in f.counts for c in
                     ((esc(got[i][0]), str(got[i][1])) if i < len(got) else ("", ""))])
    out += ["## Statuses", "", table(heads, rows)]
    for heading, lines in sections(f):
        out += [f"## {esc(heading)}", ""]
        out += [esc(lines[0])] if heading == "Judgement trajectory" else \
            [f"- {esc(line)}" for line in lines]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _e(text: object) -> str:
    return escape(plain(str(text)), quote=True)


def html(f: FrontSheet) -> str:
    """The front sheet as one self-contained HTML page that prints on one A4 sheet."""
    counts = "".join(
        f"<table><thead><tr><th>{_e(heading)}</th><th class=\"n\">n</th></tr></thead><tbody>"
        + "".join(f"<tr><td>{_e(name)}</td><td class=\"n\">{n}</td></tr>" for name, n in got)
        + "</tbody></table>" for heading, got in f.counts)
    body = [f"<h1>{_e(f.authority)}: {TITLE.lower()} at {_e(f.as_of)}</h1>",
            f'<p class="muted">{f.items} recommendations and points, each with three statuses '
            "side by side: what Ofsted's words show, what the council rates, and whether the "
            "actions are on time.</p>",
            f'<div class="counts">{counts}</div>']
    for heading, lines in sections(f):
        body.append(f"<h2>{_e(heading)}</h2>")
        if heading == "Judgement trajectory":
            body.append(f'<p class="trajectory">{_e(lines[0])}</p>')
        else:
            body.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>")
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">\n"
            f"<title>{_e(f.authority)}: {TITLE.lower()}</title>\n<style>{CSS}</style>\n"
            "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")
