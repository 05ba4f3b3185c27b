"""Source pinning: check warns when a text changes; reanchor says what became of each quote."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.gitrepo import Repo

LETTER = "sources/letter.txt"


def pin(data: Path) -> None:
    """Record the letter's text hash, as add-document does for a new document."""
    digest = hashlib.sha256((data / LETTER).read_bytes()).hexdigest()
    docs = data / "documents.yaml"
    text = docs.read_text(encoding="utf-8")
    marker = "    path: sources/letter.txt\n"
    assert marker in text
    docs.write_text(text.replace(marker, f"{marker}    text_sha256: {digest}\n"),
                    encoding="utf-8")


def rewrite(data: Path, old: str, new: str) -> None:
    path = data / LETTER
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_check_warns_once_the_text_changes(run: Run, minimal: Path) -> None:
    pin(minimal)
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0
    rewrite(minimal, "Dear Director", "Dear Director of Children's Services")
    result = run("check", "--data", str(minimal))
    assert "warning text-changed the text of document 'letter'" in result.stdout
    assert "trace reanchor letter" in result.stdout


def test_reanchor_sorts_each_quote_and_pins_only_when_all_are_found(run: Run,
                                                                   minimal: Path) -> None:
    pin(minimal)
    rewrite(minimal, "wait for a health assessment", "wait for a health check")
    rewrite(minimal, "Assessments are now timely and analyse risk well.",
            "Partners agree. Assessments are now timely and analyse risk well.")
    result = run("reanchor", "letter", "--data", str(minimal))
    assert result.exit_code == 1, result.output
    states = {line.split()[1]: line.split()[0] for line in result.stdout.splitlines()}
    assert states == {"letter-001": "unchanged", "letter-002": "unchanged",
                      "letter-003": "changed"}
    assert "wait for a health check" in result.stdout
    assert "nothing written" in result.stderr
    before = (minimal / "documents.yaml").read_bytes()
    rewrite(minimal, "wait for a health check", "wait for a health assessment")
    fixed = run("reanchor", "letter", "--data", str(minimal))
    assert fixed.exit_code == 0, fixed.output
    assert "pinned the new text of letter" in fixed.stdout
    after = (minimal / "documents.yaml").read_bytes()
    assert after != before and len(after) == len(before)  # only the hash's 64 digits
    assert run("check", "--strict", "--data", str(minimal)).exit_code == 0
    assert "already pins" in run("reanchor", "letter", "--data", str(minimal)).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_with_the_committed_text_a_quote_with_new_words_around_it_has_moved(
        run: Run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "council")
    pin(repo.data)
    repo.commit("pinned")
    rewrite(repo.data, "10 and 11 June 2019.", "10 and 11 June 2019, held remotely.")
    result = run("reanchor", "letter", "--data", str(repo.data))
    assert result.exit_code == 0, result.output
    states = {line.split()[1]: line.split()[0] for line in result.stdout.splitlines()
              if line.startswith(("unchanged", "moved"))}
    assert states == {"letter-001": "moved", "letter-002": "unchanged",
                      "letter-003": "unchanged"}


def test_a_quote_no_longer_there_is_gone(run: Run, minimal: Path) -> None:
    rewrite(minimal, "Inspectors found that too many children wait for a health assessment.",
            "")
    result = run("reanchor", "letter", "--data", str(minimal))
    assert result.exit_code == 1
    assert any(line.startswith("gone") and "letter-003" in line
               for line in result.stdout.splitlines())
    assert run("reanchor", "nope", "--data", str(minimal)).exit_code == 2
