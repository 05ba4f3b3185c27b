"""An edit of one evidence file is judged again only where it reaches, and status and gaps
answer exactly as a whole judgement would."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from ofsted_trace.judge import delta
from tests.conftest import Run
from tests.judgekit import REPORT, Edit, edited, once, same_as_whole

JOURNEY = "evidence/journey-2019.yaml"
ALONE, WHOLE, ERROR = "judged alone", "judged whole", "an error"


_NOTE = '    note: "What needs to improve?; executive summary or section summary."\n'
# Each edit of the 2024 report's evidence file (the latest word on most items), and how it
# is answered.
EDITS: dict[str, tuple[Edit, str]] = {
    "a stance": (once("    stance: concern\n    recommendations: [P2024-1, R10]\n",
                       "    stance: progress\n    recommendations: [P2024-1, R10]\n"), ALONE),
    "a comment": (lambda text: text + "# reviewed at the board\n", ALONE),
    "a link's own stance": (once("recommendations: [R02, R15]\n",
                                  "recommendations: [{id: R02, stance: concern}, R15]\n"),
                            ALONE),
    "a link added": (once("[P2024-3]", "[P2024-3, R03]"), ALONE),
    "a link removed": (once("[R01, R15]", "[R15]"), ALONE),
    "every link removed, so an emerging finding": (once("recommendations: [R18]\n",
                                                        "recommendations: []\n"), ALONE),
    "a finding linked, so no longer emerging": (once("    recommendations: []\n",
                                                      "    recommendations: [R19]\n"), ALONE),
    "no visit": (once("    visit: ilacs-2024\n", ""), ALONE),
    "an earlier visit": (once("visit: ilacs-2024\n    voice: ofsted\n    stance: concern\n",
                               "visit: fv-2021\n    voice: ofsted\n    stance: concern\n"),
                         ALONE),
    "a general statement made specific": (once("    scope: general\n", ""), ALONE),
    "a theme no evidence reached": (once("    recommendations: [R18]\n",
                                          '    recommendations: [R18]\n    themes: ["7"]\n'),
                                    ALONE),
    "a proposal": (once("    recommendations: [P2024-4]\n",
                         "    recommendations: [P2024-4]\n    proposed: true\n"), ALONE),
    "a note": (once(_NOTE, '    note: "Checked against the report."\n'), ALONE),
    "a voice": (once("    voice: ofsted\n    stance: concern\n",
                      "    voice: council\n    stance: concern\n"), WHOLE),
    "an excerpt gone": (lambda text: text[:text.rindex("  - id: ")], WHOLE),
    "an unknown recommendation": (once("[P2024-3]", "[P2024-9]"), ERROR),
    "an unknown visit": (once("visit: ilacs-2024", "visit: ilacs-2029"), ERROR),
}
COMMANDS = (("status", "--format", "json"), ("gaps", "--format", "json"))


@pytest.mark.parametrize("name", EDITS)
def test_an_edit_is_answered_as_a_whole_judgement_would(run: Run, barnet: Path,
                                                        judged: list[bool], name: str) -> None:
    edit, how = EDITS[name]
    # A theme nothing reaches yet, so a whole-dataset gap is there to be closed.
    edited(barnet, "themes.yaml", lambda text: text + '  - id: "7"\n    title: Unreached\n')
    before = [same_as_whole(run, barnet, *command) for command in COMMANDS]
    judged.clear()
    edited(barnet, REPORT, edit)
    after = [same_as_whole(run, barnet, *command) for command in COMMANDS]
    # An error stops the command: the check finds it before any judging.
    assert judged == ([True, True] if how == ALONE else [False] * len(judged)), name
    assert all(code == (3 if how == ERROR else 0) for code, _, _ in after), after
    if name not in ("a comment", "a note"):
        assert after != before, f"{name}: an edit that changes nothing tests nothing"


def test_edits_in_turn_to_two_files_are_each_judged_alone(run: Run, barnet: Path,
                                                         judged: list[bool]) -> None:
    for command in COMMANDS:
        same_as_whole(run, barnet, *command)
    judged.clear()
    steps = [(REPORT, EDITS["a stance"][0]), (JOURNEY, once("stance: progress\n",
                                                             "stance: mixed\n")),
             (REPORT, EDITS["a link added"][0]), (JOURNEY, once("stance: mixed\n",
                                                                 "stance: concern\n"))]
    for rel, edit in steps:
        edited(barnet, rel, edit)
        for command in COMMANDS:
            same_as_whole(run, barnet, *command)
    assert judged == [True] * 2 * len(steps)


@pytest.mark.parametrize("options", [
    ("gaps", "--format", "json", "--inspection", "inspection-2017"),
    ("gaps", "--format", "json", "--as-of", "2021-12-31"),
    ("gaps", "--kind", "open-concern,unlinked-finding,theme-without-evidence"),
    ("gaps", "--format", "markdown", "--stale-after", "6m"),
    ("gaps", "--fail-on", "open-concern"),
    ("status", "--format", "csv", "--inspection", "inspection-2024"),
    ("status", "--as-of", "2019-06-30"),
], ids=lambda o: " ".join(o))
def test_each_commands_options_are_judged_alike(run: Run, barnet: Path, judged: list[bool],
                                               options: tuple[str, ...]) -> None:
    same_as_whole(run, barnet, *options)
    judged.clear()
    edited(barnet, REPORT, EDITS["a stance"][0])
    same_as_whole(run, barnet, *options)
    edited(barnet, REPORT, EDITS["every link removed, so an emerging finding"][0])
    same_as_whole(run, barnet, *options)
    assert judged == [True, True]


def test_an_edit_that_makes_an_error_stops_the_command_as_a_whole_check_does(
        run: Run, barnet: Path) -> None:
    for command in COMMANDS:
        same_as_whole(run, barnet, *command)
    edited(barnet, REPORT, once("    stance: progress\n", "    stance: glowing\n"))
    for command in COMMANDS:
        code, _, stderr = same_as_whole(run, barnet, *command)
        assert code == 3 and "error(s)" in stderr


def test_an_edit_of_a_listing_file_is_judged_whole(run: Run, barnet: Path,
                                                  judged: list[bool]) -> None:
    same_as_whole(run, barnet, "gaps")
    judged.clear()
    edited(barnet, "recommendations.yaml", lambda text: text + "# the board's copy\n")
    edited(barnet, REPORT, EDITS["a stance"][0])
    same_as_whole(run, barnet, "gaps")
    assert judged == [False]


def test_only_the_items_an_edit_reaches_are_judged_again(run: Run, barnet: Path,
                                                        judged: list[bool],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assessed: list[frozenset[str]] = []
    real = delta.rejudge

    def spy(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        if found is not None:
            assessed.append(frozenset(found.context.assessments))
        return found

    monkeypatch.setattr(delta, "rejudge", spy)
    same_as_whole(run, barnet, "status", "--format", "json")
    edited(barnet, REPORT, EDITS["a link added"][0])
    rows = json.loads(same_as_whole(run, barnet, "status", "--format", "json")[1])
    assert assessed == [frozenset({"P2024-3", "R03"})]
    assert len(rows) > 20


# Visits before every edited file's document (a later one is an error), or none.
_VISITS = ("sif-2017", "mv1", None)
_THEMES = ("1a", "2a", "3b", "4", "5", "6")


def _mutate(excerpt: dict[str, Any], rng: random.Random, items: list[str]) -> None:
    """One change an officer might make to an excerpt, leaving what other files see alone."""
    how = rng.randrange(8)
    links = list(excerpt.get("recommendations", []))
    if how == 0:
        excerpt["stance"] = rng.choice(["progress", "mixed", "concern"])
    elif how == 1:
        excerpt["recommendations"] = [*links, rng.choice(items)] if links else [rng.choice(items)]
    elif how == 2:
        excerpt["recommendations"] = links[1:]
    elif how == 3 and links:
        first = links[0] if isinstance(links[0], str) else links[0]["id"]
        excerpt["recommendations"] = [{"id": first, "stance": rng.choice(
            ["progress", "mixed", "concern"])}, *links[1:]]
    elif how == 4:
        visit = rng.choice(_VISITS)
        if visit is None:
            excerpt.pop("visit", None)
        else:
            excerpt["visit"] = visit
    elif how == 5:
        excerpt["scope"] = "specific" if excerpt.get("scope") == "general" else "general"
    elif how == 6:
        excerpt["themes"] = [rng.choice(_THEMES)]
    else:
        excerpt["proposed"] = not excerpt.get("proposed", False)


def test_random_edits_are_answered_as_a_whole_judgement_would(run: Run, barnet: Path,
                                                             judged: list[bool]) -> None:
    rng = random.Random(18)
    items = [r["id"] for r in yaml.safe_load(
        (barnet / "recommendations.yaml").read_text(encoding="utf-8"))["recommendations"]]
    for command in COMMANDS:
        same_as_whole(run, barnet, *command)
    judged.clear()
    for step in range(12):
        rel = rng.choice([REPORT, JOURNEY, "evidence/letter-2021.yaml", "evidence/sa-2018.yaml"])
        data = yaml.safe_load((barnet / rel).read_text(encoding="utf-8"))
        for _ in range(rng.randrange(1, 4)):
            _mutate(rng.choice(data["excerpts"]), rng, items)
        (barnet / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                  encoding="utf-8")
        for command in COMMANDS[step % 2:] + COMMANDS[:step % 2]:
            same_as_whole(run, barnet, *command)
    # Each run judged alone; an edit that brings a file back to bytes seen before is
    # answered by the whole-output cache, with no judging at all.
    assert len(judged) > 12 and all(judged), judged
