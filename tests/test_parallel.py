"""The load's worker processes: they parse evidence files and make documents' normal texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ofsted_trace.check import pipeline, textmatch
from ofsted_trace.load import loader, normal, parallel, yamlio
from ofsted_trace.model.problems import Problem


def _quote_not_found(data: Path) -> None:
    """Break one quote, so the check must search the clean text and report a closest passage."""
    path = data / "evidence" / "report-2024.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("quote: ") + len("quote: ")
    path.write_text(text[:at] + "Inspectors never wrote these words at all; " + text[at:],
                    encoding="utf-8")


def _checked(data: Path) -> tuple[Problem, ...]:
    return pipeline.check(data, store=None).problems


def _workers(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "WINDOW", window)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setenv("OFSTED_TRACE_CACHE", "off")


@pytest.mark.parametrize("window", [1, 3, 100])
def test_workers_check_as_the_serial_load_does(barnet: Path, monkeypatch: pytest.MonkeyPatch,
                                               window: int) -> None:
    # Bundled quotes run across PDF page breaks, so the clean texts are used too.
    _quote_not_found(barnet)
    monkeypatch.setenv("OFSTED_TRACE_CACHE", "off")
    serial = _checked(barnet)
    assert any(p.code == "quote-not-found" for p in serial)
    _workers(monkeypatch, window)
    assert _checked(barnet) == serial


def test_the_main_process_normalises_no_document_when_workers_do(
        barnet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    real = textmatch.normalise

    def counted(text: str) -> str:
        made.append(len(text))
        return real(text)

    monkeypatch.setattr(textmatch, "normalise", counted)
    monkeypatch.setenv("OFSTED_TRACE_CACHE", "off")
    _checked(barnet)
    serial = [n for n in made if n > 5_000]
    assert len(serial) >= 6, "serially, this process normalises every report itself"
    made.clear()
    _workers(monkeypatch, 2)
    _checked(barnet)
    # Left here: only the action plan's source, which the actions check reads after the load.
    assert len([n for n in made if n > 5_000]) == 1


def test_a_file_naming_its_document_unguessably_is_still_checked(
        barnet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The workers guess each file's document from its first lines; a quoted id defeats the
    # guess, and the check then makes the text itself, to the same answer.
    path = barnet / "evidence" / "report-2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ndocument: report-2024\n", "\ndocument: 'report-2024'\n", 1),
                    encoding="utf-8")
    assert "document: 'report-2024'" in path.read_text(encoding="utf-8")
    _quote_not_found(barnet)
    monkeypatch.setenv("OFSTED_TRACE_CACHE", "off")
    serial = _checked(barnet)
    _workers(monkeypatch, 2)
    assert _checked(barnet) == serial


def test_work_gives_the_parse_and_the_texts_the_check_would_make(barnet: Path) -> None:
    ds, _ = loader.load(barnet)
    furnished = [doc for doc in ds.documents.values() if doc.furniture]
    assert furnished, "the bundled reports declare their page furniture"
    for doc in furnished:
        raw = (barnet / "evidence" / "report-2024.yaml").read_bytes()
        utf8 = ds.raw_texts.utf8(doc.id)
        assert utf8 is not None
        parsed, texts = parallel.work(raw, doc.id, utf8, list(doc.furniture))
        assert parsed == yamlio.parse_bytes(raw)
        assert texts == (doc.id, textmatch.normalised_text(ds, doc.id),
                         textmatch.clean_text(ds, doc.id))
    assert parallel.work(None, "", None, []) == (None, None)


def test_a_furniture_pattern_that_is_no_regex_is_left_to_the_check() -> None:
    assert normal.prepared("d", b"Page 1\ntext", ["("]) is None
    assert normal.prepared("d", b"Page 1\ntext", []) == ("d", "Page 1 text", None)
