"""The loader validates each file, salvages good records, and explains what is wrong."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from ofsted_trace.check import pipeline
from ofsted_trace.load import loader, parallel


def problems(root: Path) -> list[tuple[str, str, int, str]]:
    return [(p.code, p.location.file.removeprefix(f"{root}/"), p.location.line, p.message)
            for p in pipeline.check(root).problems]


def test_loads_every_record_in_file_order(minimal: Path) -> None:
    ds, reader = loader.load(minimal)
    assert reader.problems == []
    assert list(ds.recommendations) == ["R1", "R2", "R3", "R4", "B101"]
    assert ds.authority == "Exampleshire County Council"
    assert ds.excerpt_document["letter-002"] == "letter"
    assert ds.origins["council-002"].file == "evidence/council.yaml"
    assert ds.origins["council-002"].pointer == ("excerpts", 1)


def test_one_bad_record_loses_only_itself(minimal: Path) -> None:
    ev = minimal / "evidence" / "council.yaml"
    ev.write_text(ev.read_text().replace("    voice: council\n", "    voice: mayor\n", 1))
    ds, reader = loader.load(minimal)
    assert "council-001" not in ds.excerpts
    assert "council-002" in ds.excerpts
    assert [p.code for p in reader.problems] == ["bad-choice"]


def test_unknown_key_lists_allowed_keys(minimal: Path) -> None:
    path = minimal / "themes.yaml"
    path.write_text(path.read_text().replace("  - id: T3\n", "  - id: T3\n    colour: red\n"))
    [(code, file, line, message)] = problems(minimal)
    assert (code, file, line) == ("unknown-key", "themes.yaml", 10)
    assert message == "unknown key 'colour'; allowed keys: id, title, parent"


def test_numeric_theme_ids_are_text(minimal: Path) -> None:
    for name in ("themes.yaml", "recommendations.yaml"):
        path = minimal / name
        path.write_text(path.read_text().replace("T2", "2"))
    ds, reader = loader.load(minimal)
    assert reader.problems == []
    assert "2" in ds.themes
    assert ds.recommendations["R2"].themes == ["2"]


def test_duplicate_id_names_the_first_place(minimal: Path) -> None:
    path = minimal / "visits.yaml"
    path.write_text(path.read_text().replace("  - id: mv1", "  - id: T1"))
    found = [p for p in problems(minimal) if p[0] == "duplicate-id"]
    assert found == [("duplicate-id", "visits.yaml", 9,
                      "id 'T1' is already used by a theme in themes.yaml")]


def test_evidence_for_an_unknown_document(minimal: Path) -> None:
    path = minimal / "evidence" / "council.yaml"
    path.write_text(path.read_text().replace("document: council", "document: counsel"))
    assert ("unknown-reference", "evidence/council.yaml", 1,
            "document 'counsel' is not in documents.yaml") in problems(minimal)


def test_excerpts_must_be_a_list(minimal: Path) -> None:
    (minimal / "evidence" / "council.yaml").write_text("document: council\nexcerpts: nope\n")
    assert ("bad-value", "evidence/council.yaml", 2) in [p[:3] for p in problems(minimal)]


def test_excerpts_that_set_the_same_fields_share_one_set_and_copies_stay_apart() -> None:
    from ofsted_trace.load.reader import shared_fields_sets
    from ofsted_trace.model.records import Excerpt

    made = [Excerpt.model_validate({"id": f"e{i}", "quote": "Leaders know their services.",
                                    "voice": "council", "stance": "progress"})
            for i in range(3)]
    shared_fields_sets(made)
    assert made[0].model_fields_set is made[2].model_fields_set
    assert made[0].model_fields_set == {"id", "quote", "voice", "stance"}
    # A copy that sets one more field must not make its siblings look as if they set it.
    copy = made[0].model_copy(update={"note": "checked"})
    assert copy.model_fields_set == {"id", "quote", "voice", "stance", "note"}
    assert made[1].model_fields_set == {"id", "quote", "voice", "stance"}
    assert made[0].model_dump(exclude_unset=True) == {
        "id": "e0", "quote": "Leaders know their services.", "voice": "council",
        "stance": "progress"}


def test_workers_parse_as_the_serial_load_does_and_stop_when_it_fails(
        minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers start before the listing files load; a load that fails on the way leaves none.
    serial, _ = loader.load(minimal)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    ds, reader = loader.load(minimal)
    assert ds.excerpts == serial.excerpts and not reader.problems

    def broken(*args: object) -> None:
        assert multiprocessing.active_children(), "the workers have started"
        raise RuntimeError("a listing file could not be loaded")

    monkeypatch.setattr(loader, "_listings", broken)
    with pytest.raises(RuntimeError, match="listing"):
        loader.load(minimal)
    assert multiprocessing.active_children() == []
