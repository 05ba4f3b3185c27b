"""Page furniture of a PDF extraction: a quote may run across it, and no changed word passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ofsted_trace.check.textmatch import normalise, without_furniture
from tests.conftest import Run

PAGE = ("Leaders ensure that the voices of children are heard in every future policy\n"
        " \n 7 \nInspection of Exampleshire children’s services \n"
        "developments. Co-production is a strength.\n")
FURNITURE = '    furniture: ["\\\\d{1,3}", "Inspection of Exampleshire children’s services"]\n'
QUOTE = "the voices of children are heard in every future policy developments."


def with_report(root: Path, furniture: str = FURNITURE, quote: str = QUOTE) -> None:
    (root / "sources" / "report.txt").write_text(PAGE, encoding="utf-8")
    docs = root / "documents.yaml"
    docs.write_text(docs.read_text(encoding="utf-8") + (
        "  - id: report\n    title: Inspection report\n    publisher: Ofsted\n"
        "    date: 2019-07\n    primary: true\n    path: sources/report.txt\n"
        + furniture), encoding="utf-8")
    (root / "evidence" / "report.yaml").write_text(
        "document: report\nexcerpts:\n  - id: report-001\n"
        f"    quote: {json.dumps(quote, ensure_ascii=False)}\n    visit: fv\n    voice: ofsted\n"
        "    stance: progress\n    recommendations: [R3]\n", encoding="utf-8")


def codes(run: Run, root: Path) -> list[str]:
    result = run("check", "--format", "json", "--data", str(root))
    return [p["code"] for p in json.loads(result.stdout)]


def test_the_lines_left_out_are_whole_furniture_lines_only() -> None:
    clean = without_furniture(PAGE, [r"\d{1,3}", "Inspection of Exampleshire children’s services"])
    assert normalise(QUOTE) in normalise(clean)
    assert "7" not in clean.split() and "Co-production" in clean


def test_a_quote_across_a_page_break_is_found(run: Run, minimal: Path) -> None:
    with_report(minimal)
    assert codes(run, minimal) == []


def test_without_declared_furniture_it_is_not(run: Run, minimal: Path) -> None:
    with_report(minimal, furniture="")
    assert codes(run, minimal) == ["quote-not-found"]


@pytest.mark.parametrize("changed", [
    QUOTE.replace("every", "any"),
    QUOTE.replace("policy developments", "policy 7 developments"),
    QUOTE.replace("heard", "not heard"),
])
def test_a_changed_word_across_the_break_still_fails(run: Run, minimal: Path,
                                                     changed: str) -> None:
    with_report(minimal, quote=changed)
    assert codes(run, minimal) == ["quote-not-found"]


def test_add_excerpt_takes_a_quote_across_the_break(run: Run, minimal: Path) -> None:
    with_report(minimal)
    result = run("add-excerpt", "report", "--quote", "heard in every future policy developments.",
                 "--stance", "progress", "--voice", "ofsted", "--visit", "fv",
                 "--data", str(minimal))
    assert result.exit_code == 0, result.output


def test_a_furniture_pattern_must_compile(run: Run, minimal: Path) -> None:
    with_report(minimal, furniture='    furniture: ["[unclosed"]\n')
    assert "bad-value" in codes(run, minimal)
