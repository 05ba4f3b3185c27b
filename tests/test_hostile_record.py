"""One hostile record, with a child's details in every text field, through every command and format.

Every command must run on it without a traceback and print nothing a terminal would obey; the
check must flag every field; every output that can redact (report, graph, export) must hide
every detail when asked to, even where a detail stands in an id or a gap message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.gitrepo import Repo

# Each a form the issue-13 attack found missed, with what must never be printed redacted.
QUOTE = ("Inspectors found that Child A, DOB 12/03/2009, of NW9  4EW, mobile 0044 7700 900123, "
         "waits too long for a health assessment.")
EDITS = {
    "recommendations.yaml": [
        ("authority: Exampleshire County Council",
         "authority: Exampleshire County Council +44-7700-900123"),
        ("title: Assessments", 'title: "Assessments for Child A, DOB: 03-Apr-2012 \\e[2J"')],
    "themes.yaml": [("title: Leadership", "title: \"Leadership at NW9\\u00a04EW\"")],
    "visits.yaml": [("focus: Children in need", "focus: Children in need, jo.bloggs@example.org"),
                    ("date_basis: The article gives only the month.",
                     "date_basis: 'The article; born 3 April, 2012'")],
    "documents.yaml": [("publisher: Example News", "publisher: Example News 07700.900.123"),
                       ("title: Our improvement journey",
                        "title: Our improvement journey, NHS 943.476.5919")],
    "evidence/letter.yaml": [
        ("- id: letter-003", "- id: letter-born-2012-04-03"),
        ("quote: Inspectors found that too many children wait for a health assessment.",
         f"quote: {QUOTE}"),
        ("note: Fits no recommendation.", "note: \"date-of-birth 03/04/2012\\u2066\"")],
    "sources/letter.txt": [
        ("Inspectors found that too many children wait for a health assessment.", QUOTE)],
}
SECRETS = ("12/03/2009", "4EW", "900123", "2012", "jo.bloggs", "5919")
FIELDS = 10  # texts holding a detail: authority, 2 titles, focus, basis, publisher, title, id,
# quote, note
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
EXCERPT = "letter-born-2012-04-03"


def make_hostile(root: Path) -> Path:
    """Write the hostile record's details into every kind of record of a minimal dataset."""
    for rel, pairs in EDITS.items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, (rel, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A git repository whose HEAD is the minimal dataset and whose working tree is hostile."""
    repo = Repo(tmp_path / "repo")
    repo.commit("minimal", tag="board")
    make_hostile(repo.data)
    return repo


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert result.exit_code == 0, (args, result.output)
    assert "Traceback" not in result.output
    bad = UNSAFE.search(result.stdout)
    assert bad is None, (args, bad and bad.group())
    return str(result.stdout)


def test_check_flags_every_field_without_repeating_a_detail(run: Run, repo: Repo) -> None:
    data = str(repo.data)
    for fmt in ("text", "json", "github"):
        ok(run, "check", "--data", data, "--format", fmt)
        assert run("check", "--strict", "--data", data, "--format", fmt).exit_code == 1
    problems = json.loads(ok(run, "check", "--data", data, "--format", "json"))
    flagged = [p for p in problems if p["code"] == "personal-data"]
    assert len(flagged) >= FIELDS, [p["message"] for p in flagged]
    assert all(p["severity"] == "warning" for p in problems)
    for secret in ("12/03/2009", "900123", "jo.bloggs", "943.476"):
        assert secret not in json.dumps(flagged, ensure_ascii=False)


@pytest.mark.parametrize("args", [
    ("status",), ("status", "--format", "json"), ("status", "--format", "markdown"),
    ("status", "--format", "csv"), ("gaps",), ("gaps", "--format", "json"),
    ("gaps", "--format", "markdown"), ("gaps", "--format", "csv"), ("show", "R1"),
    ("show", EXCERPT), ("show", "T2"), ("show", "fv"), ("show", "council"), ("matrix",),
    ("diff",), ("diff", "--format", "markdown"), ("diff", "--format", "json"),
    ("report",), ("report", "--format", "html"), ("report", "--since", "board"),
    ("graph",), ("graph", "--format", "dot"), ("graph", "--format", "graphml"),
    ("graph", "--format", "json"), ("export",), ("export", "--format", "csv"),
    ("explain", "R1"), ("explain", "R2", "--format", "json"), ("suggest", "letter"),
    ("suggest", "letter", "--format", "json"), ("unmined", "letter"),
    ("unmined", "letter", "--format", "json"),
])
def test_every_command_and_format_runs_safely(run: Run, repo: Repo, args: tuple[str, ...]) -> None:
    ok(run, *args, "--data", str(repo.data))


@pytest.mark.parametrize("args", [
    ("report",), ("report", "--format", "html"), ("report", "--since", "board"),
    ("report", "--since", "board", "--format", "html"),
    ("graph",), ("graph", "--format", "dot"), ("graph", "--format", "graphml"),
    ("graph", "--format", "json"), ("export",), ("export", "--format", "csv"),
])
def test_every_redacting_output_hides_every_detail(run: Run, repo: Repo,
                                                   args: tuple[str, ...]) -> None:
    shown = ok(run, *args, "--data", str(repo.data))
    assert any(secret in shown for secret in SECRETS), "the unredacted output shows them"
    hidden = ok(run, *args, "--redact", "--data", str(repo.data))
    for secret in SECRETS:
        assert secret not in hidden, (secret, args)
    assert "removed" in hidden
