"""After one file changed, a whole check reuses what the cache kept of the others, as before.

Checking the changed file alone (check/delta.py, tests/test_delta.py) is turned off here: these
tests are about the whole check that it falls back on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from ofsted_trace.check import delta, rules
from ofsted_trace.check.rules import findings, quotes
from ofsted_trace.load import yamlio
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Problem
from ofsted_trace.model.records import Excerpt
from tests.conftest import Run

# letter-003's Ofsted finding, quoted again from the same letter under another id.
_AGAIN = """document: letter
excerpts:
  - id: again-001
    quote: Inspectors found that too many children wait for a health assessment.
    visit: fv
    voice: ofsted
    stance: concern
    recommendations: []
"""


def problems(run: Run, data: Path) -> list[tuple[str, str, int, int]]:
    result = run("check", "--format", "json", "--data", str(data))
    return [(p["code"], p["file"].removeprefix(f"{data.as_posix()}/"), p["line"], p["col"])
            for p in json.loads(result.stdout)]


def edit_council(data: Path) -> None:
    """Change one evidence file, as an officer would: a new stance."""
    council = data / "evidence" / "council.yaml"
    text = council.read_text(encoding="utf-8")
    assert "stance: progress" in text
    council.write_text(text.replace("stance: progress", "stance: mixed", 1), encoding="utf-8")


@pytest.fixture(autouse=True)
def whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check is a whole one."""
    monkeypatch.setattr(delta, "recheck", lambda *args: None)


@pytest.fixture
def repeated(minimal: Path) -> Path:
    """The minimal dataset with one Ofsted finding quoted twice, a cross-file warning."""
    (minimal / "evidence" / "again.yaml").write_text(_AGAIN, encoding="utf-8")
    return minimal


def test_a_recalled_files_records_are_located_without_composing_it(
        run: Run, repeated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = problems(run, repeated)
    assert ("repeated-finding", "evidence/letter.yaml", 17, 5) in cold
    edit_council(repeated)

    def composed(*args: object, **kwargs: object) -> tuple[int, int]:
        raise AssertionError("an unchanged file was composed again to locate a problem")

    monkeypatch.setattr(yamlio.Locator, "find", composed)
    assert problems(run, repeated) == cold


def test_sentence_keys_of_unchanged_files_are_recalled(run: Run, repeated: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cold = problems(run, repeated)
    edit_council(repeated)
    worked_out: list[str] = []
    real = findings.sentence_keys

    def spy(ds: Dataset, excerpts: Sequence[Excerpt]) -> list[tuple[int, ...]]:
        worked_out.extend(ex.id for ex in excerpts)
        return real(ds, excerpts)

    monkeypatch.setattr(findings, "sentence_keys", spy)
    assert problems(run, repeated) == cold
    assert worked_out == [], "council.yaml holds only the council's voice, never compared"


def test_sentence_keys_are_the_same_in_every_process() -> None:
    # hash() of a str differs between processes, so keys kept in the cache could not use it.
    code = ("from ofsted_trace.check.rules import findings; "
            "print(findings._key('inspectors found that too many children wait'))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(seen) == 1


def test_only_files_with_problems_of_their_own_are_checked_again(
        run: Run, repeated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = repeated / "evidence" / "article.yaml"
    text = article.read_text(encoding="utf-8")
    quote = next(line for line in text.splitlines() if "quote:" in line)
    article.write_text(text.replace(quote, f"{quote} Invented words here.", 1), encoding="utf-8")
    cold = problems(run, repeated)
    assert ("quote-not-found", "evidence/article.yaml") in {p[:2] for p in cold}
    edit_council(repeated)
    checked: set[str] = set()
    real = quotes.check_excerpts

    def spy(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> Iterator[Problem]:
        checked.update(origin.file for _, origin in excerpts)
        return real(ds, excerpts)

    monkeypatch.setitem(rules.LOCAL, "quotes", spy)  # as each file loads
    monkeypatch.setattr(quotes, "check_excerpts", spy)  # in the whole-dataset pass
    assert problems(run, repeated) == cold
    # letter.yaml and again.yaml share a repeat, found across files: their own quotes are not
    # looked for again. article.yaml's own quote failed, so it is.
    assert checked == {"evidence/council.yaml", "evidence/article.yaml"}
