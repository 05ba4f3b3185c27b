"""The markdown board report: golden file, structure, anchors, escaping, reproducibility."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import Golden, Run
from tests.reportkit import (
    HOSTILE,
    heading_anchors,
    links,
    make_hostile,
    parse,
    table_shapes,
)

AS_OF = "2019-12-31"


def report(run: Run, root: Path, *extra: str) -> str:
    result = run("report", "--data", str(root), "--as-of", AS_OF, *extra)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_minimal_report_matches_golden_and_is_reproducible(run: Run,
                                                           minimal: Path, golden: Golden) -> None:
    text = report(run, minimal)
    golden("report-minimal.md", text)
    assert report(run, minimal) == text


def test_report_written_to_file(run: Run, minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "board.md"
    result = run("report", "--data", str(minimal), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == report(run, minimal)


def test_title_summary_and_sections(run: Run, minimal: Path) -> None:
    text = report(run, minimal)
    tokens = parse(text)
    h1 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "h1" and
          t.type == "heading_open"]
    assert h1 == ["Exampleshire County Council: Ofsted recommendations at 31 December 2019"]
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "h2" and
          t.type == "heading_open"]
    assert h2 == ["Contents", "Summary", "Gaps", "Coverage matrix", "Recommendations", "Themes",
                  "Emerging findings", "Appendix: sources", "Appendix: visits"]
    fences = [t for t in tokens if t.type == "fence"]
    assert [f.info for f in fences] == ["mermaid"]
    assert '"evidenced" : 2' in fences[0].content and '"no-evidence" : 1' in fences[0].content
    # Headline gaps come before the full table, and the first is the worst.
    gaps = text.split("## Gaps")[1].split("## Coverage matrix")[0]
    assert gaps.index("R4 (Private fostering) has no evidence") < gaps.index("### All gaps")


def test_every_internal_link_reaches_a_heading(run: Run, barnet: Path) -> None:
    tokens = parse(report(run, barnet))
    anchors = set(heading_anchors(tokens))
    internal = [h for h in links(tokens) if h.startswith("#")]
    assert len(internal) > 50
    assert {h[1:] for h in internal} <= anchors
    # Each gap about a recommendation links to that recommendation's own section.
    assert "#r07--quality-of-assessments" in internal


def test_tables_keep_their_shape(run: Run, barnet: Path) -> None:
    shapes = table_shapes(parse(report(run, barnet)))
    assert len(shapes) == 8  # with the three statuses side by side
    for rows in shapes:
        assert len(set(rows)) == 1, rows


def test_matrix_cells_show_stance_and_source(run: Run, minimal: Path) -> None:
    text = report(run, minimal)
    matrix = text.split("## Coverage matrix")[1].split("## Recommendations")[0]
    assert ("| recommendation | title | mv1 (November 2017) | fv (11 June 2019) | no visit "
            "(any date) | evidence | rating | schedule |") in matrix
    # R2: a paraphrased progress at mv1, Ofsted's own concern at fv, a council claim; then its
    # three statuses: the evidence's, the council's rating (none) and the schedule (no action).
    assert ("| [R2](#r2--management-oversight) | Management oversight | 🟢 P | 🔴 L | 🟢 C | 🔴 "
            "| · | No actions |") in matrix
    assert "| [R4](#r4--private-fostering) | Private fostering | · | · | · | ⚫ | · |" in matrix
    assert "Council's rating: 🔴 Red, 🟠 Amber" in matrix  # the legend names every mark


def test_quotes_cite_document_date_and_voice_shortly(run: Run, minimal: Path) -> None:
    text = report(run, minimal)
    # Short: the document's id; its title is in the appendix of sources.
    assert ("“Management oversight is now strong across all teams.”  \n  — council, "
            "September 2019; the council's own claim; `council-002`") in text
    assert "Ofsted's words (secondary source); `article-001`" in text
    assert "| `council` | Our improvement journey |" in text


def test_hostile_text_cannot_break_markdown(run: Run, minimal: Path) -> None:
    text = report(run, make_hostile(minimal))
    tokens = parse(text)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    for inline in (t for t in tokens if t.type == "inline"):
        assert not [c for c in inline.children or [] if c.type == "html_inline"]
    for rows in table_shapes(tokens):
        assert len(set(rows)) == 1, rows
    assert "<script" not in text and "<img" not in text
    assert not [h for h in links(tokens) if not h.startswith("#")]
    # The hostile heading neither adds a heading nor breaks the anchors that point at it.
    assert {h[1:] for h in links(tokens) if h.startswith("#")} <= set(heading_anchors(tokens))
    assert sum(t.type == "heading_open" for t in tokens) == 1 + 9 + 5 + 2
    # The mermaid chart carries only fixed labels; data never reaches it.
    fence = next(t for t in tokens if t.type == "fence")
    assert '"];' not in fence.content and "script" not in fence.content
    assert "\\[link\\](javascript:alert(1))" in text and HOSTILE not in text


def test_published_barnet_report_is_current(run: Run, barnet: Path) -> None:
    published = (Path(__file__).parent.parent / "docs" / "barnet-report.md").read_text(
        encoding="utf-8")
    result = run("report", "--data", str(barnet))
    assert result.exit_code == 0, result.output
    assert result.stdout == published, "docs/barnet-report.md is stale: run `make report`"


def test_new_report_file_gets_ordinary_permissions(run: Run, minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "new.md"
    umask = os.umask(0o022)
    try:
        result = run("report", "--data", str(minimal), "-o", str(out))
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o644


def test_url_ending_in_a_newline_is_not_made_a_link(run: Run, minimal: Path) -> None:
    docs = minimal / "documents.yaml"
    docs.write_text(docs.read_text(encoding="utf-8").replace(
        "    reports: [fv]\n", '    reports: [fv]\n    url: "https://example.org/letter\\n"\n'),
        encoding="utf-8")
    for fmt in ("markdown", "html"):
        text = report(run, minimal, "--format", fmt)
        assert "https://example.org/letter" in text
        assert "[link](https://example.org" not in text and 'href="https://example' not in text
