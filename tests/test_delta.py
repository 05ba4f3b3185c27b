"""An edit of one evidence file is checked alone, and answered exactly as a whole check would be."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ofsted_trace.check import delta
from ofsted_trace.fs import regular
from ofsted_trace.load import loader
from tests.conftest import Run
from tests.judgekit import Edit, edited, once

LETTER = "evidence/letter-2021.yaml"
# Each edit of the 2021 letter's evidence file, and whether it can be checked alone.
EDITS: dict[str, tuple[Edit, bool]] = {
    "a stance": (once("    stance: progress\n", "    stance: concern\n"), True),
    "a comment": (lambda text: text + "# reviewed at the board\n", True),
    "a link's own stance": (once("recommendations: [R01]\n",
                                  "recommendations: [{id: R01, stance: concern}]\n"), True),
    "a personal detail in a note": (once('    themes: ["1a"]\n', '    themes: ["1a"]\n'
                                          '    note: "ask jo.bloggs@barnet.gov.uk"\n'), True),
    "no visit": (once("    visit: fv-2021\n", ""), True),
    "a visit after the document": (once("visit: fv-2021\n", "visit: ilacs-2024\n"), True),
    "an unknown visit": (once("visit: fv-2021\n", "visit: fv-2022\n"), False),
    "an unknown recommendation": (once("[R06, R08]", "[R06, R88]"), False),
    "a quote": (once("committed and\n", "committed and very\n"), False),
    "an excerpt gone": (lambda text: text[:text.rindex("  - id: ")], False),
    "a broken file": (once("excerpts:\n", "excerpts: [\n"), False),
    "a repeat marked": (once("    stance: mixed\n", "    stance: mixed\n"
                              "    same_as: letter-2021-001\n"), False),
}


def problems(run: Run, data: Path, **env: str) -> list[dict[str, object]]:
    """`trace check`'s problems, as its json output lists them."""
    result = run("check", "--format", "json", "--data", str(data), env=env)
    assert result.exit_code in (0, 1), result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Each whole load of a dataset, as it happens."""
    seen: list[str] = []
    real = loader.load

    def spy(root: Path, *args: object, **kwargs: object) -> object:
        seen.append(str(root))
        return real(root, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load", spy)
    yield seen


@pytest.mark.parametrize("name", EDITS)
def test_an_edit_is_answered_as_a_whole_check_would(run: Run, barnet: Path, loads: list[str],
                                                    name: str) -> None:
    edit, alone = EDITS[name]
    problems(run, barnet)
    assert len(loads) == 1
    edited(barnet, LETTER, edit)
    found = problems(run, barnet)
    assert found == problems(run, barnet, OFSTED_TRACE_CACHE="off")
    whole = len(loads) == 3
    assert whole != alone, f"{name}: checked {'whole' if whole else 'alone'}"


def test_each_edit_in_turn_is_checked_alone(run: Run, barnet: Path, loads: list[str]) -> None:
    problems(run, barnet)
    for name in ("a stance", "no visit", "a personal detail in a note"):
        edited(barnet, LETTER, EDITS[name][0])
        assert problems(run, barnet) == problems(run, barnet, OFSTED_TRACE_CACHE="off")
    assert len(loads) == 1 + 3, "only the cold checks loaded the whole dataset again"
    codes = {p["code"] for p in problems(run, barnet)}
    assert {"no-visit", "personal-data"} <= codes


def test_a_repeat_found_before_is_placed_on_the_files_new_lines(
        run: Run, barnet: Path, loads: list[str]) -> None:
    letter = (barnet / LETTER).read_text(encoding="utf-8")
    quote = letter[letter.index("    quote: >-\n"):letter.index("    visit: fv-2021\n")]
    (barnet / "evidence" / "again.yaml").write_text(
        "document: letter-2021\nexcerpts:\n  - id: again-001\n" + quote
        + "    visit: fv-2021\n    voice: ofsted\n    stance: progress\n"
        "    recommendations: [R01]\n", encoding="utf-8")
    before = problems(run, barnet)
    assert [(p["code"], p["file"], p["line"]) for p in before] == [
        ("repeated-finding", f"{barnet.as_posix()}/{LETTER}", 5)]
    edited(barnet, LETTER, lambda text: "# checked\n# twice\n" + text)
    after = problems(run, barnet)
    assert len(loads) == 1, "the edit was checked alone"
    assert [p["line"] for p in after] == [7]
    assert after == problems(run, barnet, OFSTED_TRACE_CACHE="off")


def test_an_edit_of_any_other_file_checks_the_whole(run: Run, barnet: Path,
                                                   loads: list[str]) -> None:
    problems(run, barnet)
    edited(barnet, "recommendations.yaml", lambda text: text + "# the board's copy\n")
    problems(run, barnet)
    (barnet / "evidence" / "new.yaml").write_text("document: letter-2021\nexcerpts: []\n",
                                                  encoding="utf-8")
    assert problems(run, barnet) == problems(run, barnet, OFSTED_TRACE_CACHE="off")
    assert len(loads) == 4


def test_the_signature_holds_what_other_files_read() -> None:
    from ofsted_trace.model.records import Excerpt

    fields = {"id": "x-1", "quote": "Leaders know their services well.", "voice": "ofsted",
              "stance": "progress"}
    one = Excerpt.model_validate(fields)
    same = Excerpt.model_validate({**fields, "stance": "concern", "note": "checked",
                                   "visit": "v1", "recommendations": [{"id": "R1",
                                                                       "stance": "mixed"}]})
    assert delta.signature("d", [one]) == delta.signature("d", [same])
    for changed in ({"id": "x-2"}, {"voice": "council"}, {"same_as": "x-0"},
                    {"quote": "Leaders know their services."}):
        other = Excerpt.model_validate({**fields, **changed})
        assert delta.signature("d", [one]) != delta.signature("d", [other]), changed
    assert delta.signature("d", [one]) != delta.signature("e", [one])
    assert delta.signature("d", [one, same]) != delta.signature("d", [same])


# What the fingerprint's per-file hashes (cache/output.py Print.files) cannot show: a file
# swapped for a link out of the dataset with the same bytes, and files too large to hash.
# Each is seen by a whole check; one edit of an evidence file beside it must not hide it.
JOURNEY_TEXT = "sources/2019-barnet-improvement-journey.txt"
posix_only = pytest.mark.skipif(os.name != "posix", reason="symbolic links")


def _stance_edited(data: Path) -> None:
    edited(data, LETTER, once("    stance: progress\n", "    stance: concern\n"))


def _both(run: Run, data: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    return problems(run, data), problems(run, data, OFSTED_TRACE_CACHE="off")


@posix_only
def test_an_evidence_file_made_a_link_out_of_the_dataset_is_refused(
        run: Run, barnet: Path, tmp_path: Path) -> None:
    problems(run, barnet)
    outside = tmp_path / "outside.yaml"
    journey = barnet / "evidence" / "journey-2019.yaml"
    shutil.copyfile(journey, outside)
    journey.unlink()
    journey.symlink_to(outside)  # the same bytes, so the same hash
    _stance_edited(barnet)
    cached, whole = _both(run, barnet)
    assert [p["code"] for p in whole] == ["outside-dataset"]
    assert cached == whole


@posix_only
@pytest.mark.parametrize("linked_first", [False, True])
def test_a_text_made_or_unmade_a_link_out_of_the_dataset_is_judged_anew(
        run: Run, barnet: Path, tmp_path: Path, linked_first: bool) -> None:
    text = barnet / JOURNEY_TEXT
    outside = tmp_path / "journey.txt"
    shutil.copyfile(text, outside)
    if linked_first:
        text.unlink()
        text.symlink_to(outside)
    problems(run, barnet)
    text.unlink()
    if linked_first:
        shutil.copyfile(outside, text)
    else:
        text.symlink_to(outside)
    _stance_edited(barnet)
    cached, whole = _both(run, barnet)
    assert [p["code"] for p in whole] == ([] if linked_first else ["document-path"])
    assert cached == whole


def test_a_document_whose_text_is_an_evidence_file_sees_that_files_edits(
        run: Run, barnet: Path) -> None:
    letter = (barnet / LETTER).read_bytes()
    with (barnet / "documents.yaml").open("a", encoding="utf-8") as docs:
        docs.write("\n  - id: meta\n    title: The letter's evidence file\n    publisher: Barnet\n"
                   f"    date: 2022-01\n    primary: false\n    path: {LETTER}\n"
                   f"    text_sha256: {hashlib.sha256(letter).hexdigest()}\n")
    (barnet / "evidence" / "meta.yaml").write_text(
        "document: meta\nexcerpts:\n  - id: meta-001\n    quote: Excerpts from Ofsted's "
        "focused-visit letter of 2 August 2021\n    voice: council\n    stance: progress\n",
        encoding="utf-8")
    assert problems(run, barnet) == []
    edited(barnet, LETTER, once("of 2 August 2021", "of 3 August 2021"))  # a comment
    cached, whole = _both(run, barnet)
    assert {p["code"] for p in whole} == {"text-changed", "quote-not-found"}
    assert cached == whole


def test_a_file_too_large_to_hash_added_beside_an_edit_is_seen(run: Run, barnet: Path) -> None:
    problems(run, barnet)
    with (barnet / "evidence" / "huge.yaml").open("wb") as huge:
        huge.truncate(regular.MAX_READ + 1)  # sparse: never read, only its size is known
    _stance_edited(barnet)
    cached, whole = _both(run, barnet)
    assert [p["code"] for p in whole] == ["file-too-large"]
    assert cached == whole


def test_a_text_too_large_to_hash_that_grows_is_judged_at_its_new_size(
        run: Run, barnet: Path) -> None:
    text = barnet / JOURNEY_TEXT
    os.truncate(text, regular.MAX_READ + 1)
    problems(run, barnet)
    os.truncate(text, regular.MAX_READ + 2)
    _stance_edited(barnet)
    cached, whole = _both(run, barnet)
    assert [p["code"] for p in whole] == ["file-too-large"]
    assert cached == whole


def test_an_empty_directory_named_as_an_evidence_file_is_seen(run: Run, barnet: Path) -> None:
    problems(run, barnet)
    (barnet / "evidence" / "empty.yaml").mkdir()  # holds no file, so no hash shows it
    _stance_edited(barnet)
    cached, whole = _both(run, barnet)
    assert [p["code"] for p in whole] == ["unreadable"]
    assert cached == whole


def test_another_format_of_the_same_files_is_the_last_runs_answer(
        run: Run, barnet: Path, loads: list[str]) -> None:
    problems(run, barnet)
    edited(barnet, LETTER, EDITS["no visit"][0])
    found = problems(run, barnet)
    github = run("check", "--format", "github", "--strict", "--data", str(barnet))
    assert len(loads) == 1, "neither the edit nor the second format loaded every file"
    assert github.exit_code == 1 and github.stdout.count("::warning ") == len(found) == 1
    cold = run("check", "--format", "github", "--strict", "--data", str(barnet),
               env={"OFSTED_TRACE_CACHE": "off"})
    assert (github.stdout, github.exit_code) == (cold.stdout, cold.exit_code)
