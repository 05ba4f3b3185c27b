"""An edit of one evidence file is checked alone, and answered exactly as a whole check would be."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ofsted_trace.check import delta
from ofsted_trace.load import loader
from tests.conftest import Run

LETTER = "evidence/letter-2021.yaml"
Edit = Callable[[str], str]


def _once(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, f"the bundled letter no longer holds {old!r}"
        return text.replace(old, new, 1)
    return edit


# Each edit of the 2021 letter's evidence file, and whether it can be checked alone.
EDITS: dict[str, tuple[Edit, bool]] = {
    "a stance": (_once("    stance: progress\n", "    stance: concern\n"), True),
    "a comment": (lambda text: text + "# reviewed at the board\n", True),
    "a link's own stance": (_once("recommendations: [R01]\n",
                                  "recommendations: [{id: R01, stance: concern}]\n"), True),
    "a personal detail in a note": (_once('    themes: ["1a"]\n', '    themes: ["1a"]\n'
                                          '    note: "ask jo.bloggs@barnet.gov.uk"\n'), True),
    "no visit": (_once("    visit: fv-2021\n", ""), True),
    "a visit after the document": (_once("visit: fv-2021\n", "visit: ilacs-2024\n"), True),
    "an unknown visit": (_once("visit: fv-2021\n", "visit: fv-2022\n"), False),
    "an unknown recommendation": (_once("[R06, R08]", "[R06, R88]"), False),
    "a quote": (_once("committed and\n", "committed and very\n"), False),
    "an excerpt gone": (lambda text: text[:text.rindex("  - id: ")], False),
    "a broken file": (_once("excerpts:\n", "excerpts: [\n"), False),
    "a repeat marked": (_once("    stance: mixed\n", "    stance: mixed\n"
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


def edited(data: Path, rel: str, edit: Edit) -> None:
    path = data / rel
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


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
