"""PDFs as documents: text under sources/, the PDF's hash kept, no quote broken by a page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from ofsted_trace.load import pdftext
from tests.conftest import Run
from tests.ofstedkit import pdf, sif_pages


def report_pdf(tmp_path: Path) -> Path:
    pages = [[line.replace("’", "'").replace("–", "-").replace("•", "-") for line in page]
             for page in sif_pages("numbered")]
    return pdf(tmp_path / "exampleton-2017.pdf", pages)


def test_pages_come_out_in_order(tmp_path: Path) -> None:
    pages = pdftext.pages(report_pdf(tmp_path))
    assert len(pages) == 5
    assert pages[2].splitlines()[1] == "Recommendations"
    assert pages[2].splitlines()[-1] == "3"


def test_import_report_reads_a_pdf_across_its_page_breaks(run: Run, minimal: Path,
                                                          tmp_path: Path) -> None:
    path = report_pdf(tmp_path)
    result = run("import-report", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["items"]
    assert items[1] == {"number": 2, "addressed_to": "council",
                        "text": "Ensure that management oversight of plans is child-focused "
                                "and effective, and that plans are reviewed."}
    result = run("import-report", str(path), "--write", "--data", str(minimal))
    assert result.exit_code == 0, result.output
    docs = yaml.safe_load((minimal / "documents.yaml").read_text(encoding="utf-8"))["documents"]
    doc = docs[-1]
    text = (minimal / "sources/exampleton-2017.txt").read_bytes()
    assert doc["path"] == "sources/exampleton-2017.txt"
    assert doc["pdf_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc["text_sha256"] == hashlib.sha256(text).hexdigest()
    assert r"\d{1,3}" in doc["furniture"]
    assert not list(minimal.rglob("*.pdf"))  # the PDF itself stays out of the dataset
    # A quote across the page break is found, with the header and page number left out.
    quote = "Ensure that management oversight of plans is child- focused and effective"
    added = run("add-excerpt", doc["id"], "--quote", quote, "--voice", "ofsted", "--stance",
                "concern", "--visit", "sif-2017", "--rec", "R02", "--data", str(minimal))
    assert added.exit_code == 0, added.output
    changed = quote.replace("effective", "efficient")
    refused = run("add-excerpt", doc["id"], "--quote", changed, "--voice", "ofsted", "--stance",
                  "concern", "--data", str(minimal))
    assert refused.exit_code == 1 and "not in document" in refused.stderr
    assert run("check", "--data", str(minimal)).exit_code == 0


def test_add_document_takes_a_pdf(run: Run, minimal: Path, tmp_path: Path) -> None:
    path = report_pdf(tmp_path)
    result = run("add-document", str(path), "--id", "report", "--title", "Report",
                 "--publisher", "Ofsted", "--date", "2017-07-07", "--primary",
                 "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert "extracted from exampleton-2017.pdf" in result.stdout
    assert (minimal / "sources/exampleton-2017.txt").read_text().startswith("London Borough")
    assert "pdf_sha256: " in (minimal / "documents.yaml").read_text()


def test_a_damaged_pdf_is_refused_with_nothing_written(run: Run, minimal: Path,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    before = (minimal / "documents.yaml").read_bytes()
    result = run("add-document", str(path), "--id", "b", "--title", "t", "--publisher", "p",
                 "--date", "2020", "--primary", "--data", str(minimal))
    assert result.exit_code == 1, result.output
    assert "not a readable PDF" in result.stderr
    assert (minimal / "documents.yaml").read_bytes() == before
