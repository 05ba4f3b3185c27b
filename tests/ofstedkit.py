"""Reports made for the tests: SIF and ILACS layouts as text, and as PDFs built with fpdf2."""

from __future__ import annotations

from pathlib import Path

HEADER = "Inspection of Exampleton local authority children's services"

ILACS_FRONT = [
    "Inspection of Exampleton local authority",
    "children's services",
    "Inspection dates: 8 to 19 January 2024",
    "Judgement Grade",
    "The impact of leaders on social work",
    "practice with children and families",
    "Requires improvement to be good",
    "The experiences and progress of",
    "children who need help and protection Inadequate",
    "Overall effectiveness Inadequate",
    "Too many assessments of children in need are late. Managers do not check that plans for",
    "children are carried out.",
]

SIF_FRONT = [
    "London Borough of Exampleton",
    "Inspection of services for children in need of help and",
    "protection, children looked after and care leavers",
    "Inspection date: 25 April – 18 May 2017",
    "Report published: 7 July 2017",
    "",
    "Children's services in Exampleton are inadequate",
    "1. Children who need help and protection Inadequate",
    "2. Children looked after and achieving",
    "permanence Requires improvement",
    "",
    "Executive summary",
    "Practice is weak.",
]


def pages_text(pages: list[list[str]], header: str | None = HEADER) -> str:
    """Pages as a PDF extractor gives them: a running header on top, a page number below."""
    out = []
    for number, lines in enumerate(pages, start=1):
        out += ([header] if header and number > 1 else []) + lines + [" ", f" {number} "]
    return "\n".join(out) + "\n"


def sif_pages(board: str = "numbered") -> list[list[str]]:
    """A SIF report: two council recommendations, the second across a page break, then the
    board's part with its recommendations numbered on (101, 102) or as bullets."""
    if board == "numbered":
        listed = ["101. Ensure that the board monitors the quality of frontline",
                  "practice.", "102. Evaluate multi-agency training."]
    else:
        listed = ["• Ensure that the board monitors the quality of frontline",
                  "practice.", "• Evaluate multi-agency training."]
    return [
        SIF_FRONT,
        ["Contents", "Recommendations 3", "The Local Safeguarding Children Board (LSCB) 4"],
        ["Recommendations", "1. Ensure that assessments of children in need are completed",
         "on time.", "2. Ensure that management oversight of plans is child-"],
        ["focused and effective, and that plans are", "reviewed.", "",
         "Summary for children and young people", "3. This numbered paragraph is not an item."],
        ["The Local Safeguarding Children Board (LSCB)",
         "The Local Safeguarding Children Board is inadequate", "Recommendations", *listed,
         "Inspection findings – the Local Safeguarding Children Board",
         "103. The board is not effective."],
    ]


def ilacs_pages(heading: str = "What needs to improve in this local authority?") -> list[list[str]]:
    """An ILACS report: two bullets under the heading, the second across a page break.

    Its running header is on three pages: furniture is a line that recurs, not a line seen once.
    """
    return [
        ILACS_FRONT,
        [heading, "◼ The timeliness of assessments for children in need.",
         "◼ Management oversight of plans for children in care, and the"],
        ["recording of decisions.", "The experiences and progress of children who need help",
         "and protection: inadequate", "1. Too many assessments of children in need are late."],
        ["2. Managers do not check that plans for children are carried out."],
    ]


def pdf(path: Path, pages: list[list[str]], header: str = HEADER) -> Path:
    """Write pages as a PDF (core font: plain ASCII only), each with a header and a number."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_auto_page_break(False)
    doc.set_font("helvetica", size=11)
    for number, lines in enumerate(pages, start=1):
        doc.add_page()
        for line in ([header] if number > 1 else []) + lines:
            doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        doc.set_y(-20)
        doc.cell(0, 6, str(number), align="C")
    doc.output(str(path))
    return path
