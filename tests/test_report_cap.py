"""A long list in the board report: the latest quoted, the whole counted, the rest named."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from ofsted_trace.render.report.shown import PER_LIST, PER_RECOMMENDATION
from tests.conftest import Run

STANCES = ("progress", "mixed", "concern")
WORDING = ("improving", "variable", "weak")


def crowded(root: Path, linked: int, emerging: int) -> Path:
    """Add an Ofsted letter to a dataset: `linked` findings on R1, then `emerging` on none.

    Every finding is made at the focused visit, so all of R1's findings decide its status
    together; each sentence is its own, numbered, so none repeats another.
    """
    sentences = [f"In team number {i} the quality of practice is {WORDING[i % 3]} for children."
                 for i in range(linked + emerging)]
    (root / "sources" / "crowd.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    with (root / "documents.yaml").open("a", encoding="utf-8") as docs:
        docs.write("  - id: crowd\n    title: A crowded letter\n    publisher: Ofsted\n"
                   "    date: 2019-07-01\n    primary: true\n    path: sources/crowd.txt\n"
                   "    reports: [fv]\n")
    lines = ["document: crowd", "excerpts:"]
    for i, sentence in enumerate(sentences):
        lines += [f"  - id: crowd-{i:03d}", f"    quote: {sentence}", "    visit: fv",
                  "    voice: ofsted", f"    stance: {STANCES[i % 3]}",
                  f"    recommendations: [{'R1' if i < linked else ''}]"]
    (root / "evidence" / "crowd.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def section(text: str, start: str, end: str) -> str:
    """The text from the first line holding start to the next line holding end."""
    at = text.index(start)
    return text[at:text.index(end, at + len(start))]


@pytest.fixture
def data(minimal: Path, run: Run) -> Path:
    """The minimal data with 60 more findings on R1 (61 in all) and 70 emerging ones."""
    crowded(minimal, 60, 70)
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0
    return minimal


def test_a_recommendation_quotes_its_latest_findings_and_names_the_rest(
        run: Run, data: Path) -> None:
    done = run("report", "--data", str(data))
    assert done.exit_code == 0, done.stderr
    r1 = section(done.stdout, "### R1 ", "### R2 ")
    quoted = re.findall(r"`([a-z]+-\d+)` *$", r1, flags=re.MULTILINE)
    # All 61 decided the status together, on one day: the latest are the last by id.
    assert quoted == [f"crowd-{i:03d}" for i in range(61 - PER_RECOMMENDATION, 60)] + [
        "letter-001"]
    assert ("61 excerpts in all; by stance: 21 progress, 20 mixed, 20 concern; by voice: "
            "Ofsted's words 61.") in r1
    assert (f"{61 - PER_RECOMMENDATION} more are not shown: `trace show R1` lists every one, "
            "and `trace export --format csv` has them all") in r1
    # Only a long list is cut: R2's three excerpts are all there, with no note.
    assert "more are not shown" not in section(done.stdout, "### R2 ", "### R3 ")


def test_the_emerging_findings_are_the_latest_with_the_count_of_the_rest(
        run: Run, data: Path) -> None:
    text = run("report", "--data", str(data)).stdout
    emerging = section(text, "## Emerging findings", "## Appendix")
    quoted = re.findall(r"`([a-z]+-\d+)` *$", emerging, flags=re.MULTILINE)
    # 70 new ones and the letter's: the latest 50, oldest first, the last by id on one day.
    assert quoted == [f"crowd-{i:03d}" for i in range(130 - PER_LIST + 1, 130)] + [
        "letter-003"]
    assert (f"71 findings in all; by stance: 24 progress, 23 mixed, 24 concern; by voice: "
            f"Ofsted's words 71. Shown here: the latest ({PER_LIST} of them). "
            f"{71 - PER_LIST} more are not shown: "
            "`trace gaps --kind unlinked-finding --format csv` lists every one") in emerging


def test_html_and_word_say_the_same(run: Run, data: Path, tmp_path: Path) -> None:
    html = run("report", "--format", "html", "--data", str(data)).stdout
    r1 = section(html, 'id="r1-', "<section>")
    assert len(re.findall(r"<code>(crowd|letter)-\d+</code>", r1)) == PER_RECOMMENDATION
    assert (f"{61 - PER_RECOMMENDATION} more are not shown: <code>trace show R1</code> lists "
            "every one") in r1
    out = tmp_path / "report.docx"
    assert run("report", "--format", "docx", "-o", str(out), "--data", str(data)).exit_code == 0
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    cut = paragraphs[paragraphs.index("R1 — Assessments"):
                     paragraphs.index("R2 — Management oversight")]
    assert sum(f"{61 - PER_RECOMMENDATION} more are not shown: trace show R1 lists" in p
               for p in cut) == 1
    assert sum(p.startswith("[") for p in cut) == PER_RECOMMENDATION
