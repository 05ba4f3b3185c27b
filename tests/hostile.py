"""The hostile dataset: every form of dangerous text, in titles, quotes and notes.

fixtures/hostile is written by this module (`python -m tests.hostile`) and a test proves the
committed files still match it. The dataset is valid: its hostile quotes sit verbatim in its
documents, so every renderer has hostile text to show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent / "fixtures" / "hostile"

RICH = "[bold red]ALERT[/] [link=https://evil.example]click[/link]"
ANSI = ("\x1b[2J\x1b[31mRED\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 "
        "\x9b31mC1 bell\x07 back\x08space del\x7f")
HTML = "<script>alert(1)</script> <img src=x onerror=alert(1)> &amp; <b>bold</b>"
MARKDOWN = "| a | b | `tick` ``` # heading > quote [x](javascript:alert(1)) **bold** _it_ <!--"
MERMAID = 'A"]; click A call alert(1); %%{init: {"theme":"dark"}}%% --> B[end] end graph TD'
LONG = "Pneumono" + "ultramicroscopic" * 250
RTL = "\u202eevil\u202c \u2067isolate\u2069 \u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd"
NEWLINES = "line one\nline two\r\nover\rwrite"
FORMULAS = ('=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A2)",
            "=cmd|' /C calc'!A0")
# Every form, for assertions that each renderer shows them all safely.
FORMS = {"rich": RICH, "ansi": ANSI, "html": HTML, "markdown": MARKDOWN, "mermaid": MERMAID,
         "long": LONG, "rtl": RTL, "newlines": NEWLINES}

# Quotes: each appears verbatim in its document's text.
QUOTES = {
    "letter-001": f"Assessments are now timely {RICH} and analyse risk well {HTML}.",
    "letter-002": f"Management oversight is not yet consistently effective {ANSI} {RTL}.",
    "letter-003": f"{FORMULAS[0]} Inspectors found {MARKDOWN} {MERMAID}.",
    "article-001": f"+beginning to make a difference {LONG}",
    "article-002": f"-Managers were overseeing cases more closely {RICH}.",
    "council-001": f"@Children now take part {HTML} {MARKDOWN}.",
    "council-002": f"{FORMULAS[4]} Management oversight is now strong {ANSI}.",
}
NOTES = {
    "letter-001": f"{FORMULAS[3]} {NEWLINES} {RICH}",
    "letter-003": f"{FORMULAS[2]} {HTML} {MERMAID}",
    "article-002": f"{ANSI} {RTL} {MARKDOWN}",
}
TITLES = {
    "R1": f"{FORMULAS[0]} {RICH}", "R2": f"{FORMULAS[1]} {HTML}", "R3": f"{FORMULAS[2]} {MARKDOWN}",
    "R4": f"{FORMULAS[3]} {ANSI}", "B101": f"{MERMAID} {RTL} {NEWLINES}",
    "T1": HTML, "T1a": RICH, "T2": MARKDOWN, "T3": f"{ANSI} {LONG}",
    "insp": MERMAID, "mv1": RICH, "fv": HTML,
    "letter": f"{RICH} {HTML}", "article": ANSI, "council": f"{FORMULAS[4]} {RTL}",
}


def q(text: str) -> str:
    """A YAML double-quoted scalar with every control and bidi character as an escape."""
    out = json.dumps(text, ensure_ascii=False)
    return re.sub(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m[0]):04x}", out)


def files() -> dict[str, str]:
    """Every file of the hostile dataset, by path."""
    t = {k: q(v) for k, v in TITLES.items()}
    out = {
        "recommendations.yaml": f"""authority: {q(RICH + " County Council")}
inspection:
  visit: insp
  published: 2017-07
recommendations:
  - {{id: R1, number: 1, addressed_to: council, title: {t["R1"]}, text: {q(HTML)}, themes: [T1a]}}
  - {{id: R2, number: 2, addressed_to: council, title: {t["R2"]}, text: {q(ANSI)}, themes: [T2]}}
  - {{id: R3, number: 3, addressed_to: council, title: {t["R3"]}, text: {q(RTL)}, themes: [T2]}}
  - {{id: R4, number: 4, addressed_to: council, title: {t["R4"]}, text: {q(LONG)}, themes: [T2]}}
  - id: B101
    number: 101
    addressed_to: safeguarding-board
    title: {t["B101"]}
    text: {q(MERMAID)}
    themes: []
""",
        "themes.yaml": f"""themes:
  - {{id: T1, title: {t["T1"]}}}
  - {{id: T1a, parent: T1, title: {t["T1a"]}}}
  - {{id: T2, title: {t["T2"]}}}
  - {{id: T3, title: {t["T3"]}}}
""",
        "visits.yaml": f"""visits:
  - id: insp
    kind: inspection
    title: {t["insp"]}
    start: 2017-04-24
    end: 2017-05-18
    focus: {q(HTML)}
    judgement: {q(RICH)}
  - id: mv1
    kind: monitoring-visit
    title: {t["mv1"]}
    start: 2017-11
    date_uncertain: true
    date_basis: {q(ANSI)}
  - {{id: fv, kind: focused-visit, title: {t["fv"]}, start: 2019-06-10, end: 2019-06-11}}
""",
        "documents.yaml": f"""documents:
  - {{id: letter, title: {t["letter"]}, publisher: Ofsted, date: 2019-07-01, primary: true,
     path: sources/letter.txt, reports: [fv], url: {q("javascript:alert(1)")}}}
  - {{id: article, title: {t["article"]}, publisher: {q(MARKDOWN)}, date: 2018-01,
     date_uncertain: true, date_basis: {q(RTL)}, primary: false, path: sources/article.txt,
     reports: [mv1]}}
  - {{id: council, title: {t["council"]}, publisher: {q(MERMAID)}, date: 2019-09,
     primary: false, path: sources/council.txt}}
""",
    }
    links = {"letter-001": ("fv", "ofsted", "progress", "[R1]"),
             "letter-002": ("fv", "ofsted", "concern", "[R2]"),
             "letter-003": ("fv", "ofsted", "concern", "[]"),
             "article-001": ("mv1", "ofsted", "progress", "[B101]"),
             "article-002": ("mv1", "ofsted-paraphrase", "progress", "[R2]"),
             "council-001": (None, "council", "progress", "[R3]"),
             "council-002": (None, "council", "progress", "[R2]")}
    for doc in ("letter", "article", "council"):
        lines = [f"document: {doc}", "excerpts:"]
        for ex_id, (visit, voice, stance, recs) in links.items():
            if not ex_id.startswith(doc):
                continue
            lines += [f"  - id: {ex_id}", f"    quote: {q(QUOTES[ex_id])}"]
            lines += [f"    visit: {visit}"] if visit else []
            lines += [f"    voice: {voice}", f"    stance: {stance}",
                      f"    recommendations: {recs}"]
            lines += [f"    note: {q(NOTES[ex_id])}"] if ex_id in NOTES else []
        out[f"evidence/{doc}.yaml"] = "\n".join(lines) + "\n"
        # Ofsted's words in a secondary text stand inside quotation marks, as the checks ask.
        body = "\n\n".join(f'Inspectors said "{v}".' if voice_of(links, k) == "ofsted"
                             and doc == "article" else v
                             for k, v in QUOTES.items() if k.startswith(doc))
        out[f"sources/{doc}.txt"] = f"{TITLES[doc]}\n\n{body}\n"
    return out


def voice_of(links: dict[str, tuple[str | None, str, str, str]], ex_id: str) -> str:
    """The voice an excerpt is tagged with."""
    return links[ex_id][1]


def write(root: Path = HERE) -> None:
    """Write the dataset under root."""
    for rel, text in files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    write()
