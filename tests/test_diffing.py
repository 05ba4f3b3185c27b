"""trace diff: exact changes across a small git history, read without touching the tree."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from ofsted_trace.judge import compare
from ofsted_trace.load import gitio
from tests.conftest import Golden, Run
from tests.gitrepo import Repo

NEW_DOCUMENT = """
  - id: letter2
    title: Second focused visit letter
    publisher: Ofsted
    date: 2019-08-20
    primary: true
    path: sources/letter2.txt
    reports: [fv2]
"""
NEW_VISIT = """
  - id: fv2
    kind: focused-visit
    title: Second focused visit
    start: 2019-08-01
    end: 2019-08-02
    focus: Private fostering
"""
NEW_EVIDENCE = """document: letter2
excerpts:
  - id: letter2-001
    quote: Privately fostered children are now visited on time.
    visit: fv2
    voice: ofsted
    stance: progress
    recommendations: [R4]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """board-1: the minimal dataset; HEAD: a re-tag, a removal and a new letter; then edits."""
    r = Repo(tmp_path / "repo")
    r.commit("minimal dataset", tag="board-1")
    # letter-002 (R2's only Ofsted finding) changes stance: R2 concern -> evidenced.
    r.edit("evidence/letter.yaml", "stance: concern\n    recommendations: [R2]",
           "stance: mixed\n    recommendations: [R2]")
    r.edit("evidence/council.yaml", """  - id: council-001
    quote: Children now take part in planning meetings and chair their own reviews.
    voice: council
    stance: progress
    recommendations: [R3]
""", "")
    r.commit("re-tag letter-002, drop council-001")
    r.edit("documents.yaml", "documents:\n", "documents:" + NEW_DOCUMENT)
    r.edit("visits.yaml", "visits:\n", "visits:" + NEW_VISIT)
    r.write("evidence/letter2.yaml", NEW_EVIDENCE)
    r.write("sources/letter2.txt", "Privately fostered children are now visited on time.\n")
    r.commit("second focused visit")
    return r


def snap(repo: Repo, rev: str | None) -> compare.Snapshot:
    checked = compare.checked_at(repo.data, rev)
    assert not checked.errors, checked.errors
    return compare.snapshot(rev or "working tree", checked.dataset, date(2019, 9, 30), (12, 0))


def test_status_gaps_excerpts_and_new_records(repo: Repo) -> None:
    changes = compare.compare(snap(repo, "board-1"), snap(repo, "HEAD"), date(2019, 9, 30))
    assert [(c.rec_id, c.before, c.after) for c in changes.statuses] == [
        ("R2", "concern", "progressing"),
        ("R3", "self-reported", "no-evidence"),
        ("R4", "no-evidence", "evidenced"),
    ]
    assert [(g.kind, g.subject) for g in changes.gaps_opened] == [
        ("no-evidence", "R3")]
    assert [(g.kind, g.subject) for g in changes.gaps_closed] == [
        ("no-evidence", "R4"), ("self-reported-only", "R3")]
    assert [(c.excerpt_id, c.document, c.change,
             [(f.field, f.before, f.after) for f in c.fields]) for c in changes.excerpts] == [
        ("letter-002", "letter", "retagged", [("stance", "concern", "mixed")]),
        ("letter2-001", "letter2", "added", []),
        ("council-001", "council", "removed", []),
    ]
    assert [(r.kind, r.record_id, r.date) for r in changes.new] == [
        ("document", "letter2", "2019-08-20"), ("visit", "fv2", "2019-08-01")]


def test_retag_names_every_changed_field(repo: Repo) -> None:
    repo.edit("evidence/letter.yaml", """voice: ofsted
    stance: concern
    recommendations: []""", """voice: ofsted-paraphrase
    stance: concern
    recommendations: [R1, R4]
    themes: [T2]""")
    changes = compare.compare(snap(repo, "HEAD"), snap(repo, None), date(2019, 9, 30))
    [change] = changes.excerpts
    assert change.excerpt_id == "letter-003"
    assert [(f.field, f.before, f.after) for f in change.fields] == [
        ("voice", "ofsted", "ofsted-paraphrase"), ("recommendations", "none", "R1, R4"),
        ("themes", "none", "T2")]


def test_same_revision_has_no_changes(repo: Repo) -> None:
    changes = compare.compare(snap(repo, "HEAD~2"), snap(repo, "board-1"), date(2019, 9, 30))
    assert changes.empty


def digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_cli_default_compares_head_with_working_tree(run: Run, repo: Repo) -> None:
    repo.edit("evidence/letter.yaml", "stance: mixed", "stance: progress")
    before = digest(repo.path)
    result = run("diff", "--data", str(repo.data), "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["before"], out["after"], out["as_of"]) == ("HEAD", "working tree", "2019-09-30")
    assert out["statuses"] == [{"id": "R2", "number": 2, "title": "Management oversight",
                                "before": "progressing", "after": "evidenced"}]
    assert out["excerpts"] == [{"id": "letter-002", "document": "letter", "change": "retagged",
                                "fields": {"stance": {"before": "mixed", "after": "progress"}}}]
    assert out["new"] == []
    assert digest(repo.path) == before, "diff must never touch the working tree"


def test_cli_two_revisions_markdown(run: Run, repo: Repo, golden: Golden) -> None:
    result = run("diff", "board-1", "HEAD", "--data", str(repo.data), "--format", "markdown")
    assert result.exit_code == 0, result.output
    golden("diff-board-1-head.md", result.stdout)


def test_cli_table(run: Run, repo: Repo) -> None:
    result = run("diff", "board-1", "HEAD~1", "--data", str(repo.data))
    assert result.exit_code == 0, result.output
    assert "Changes from board-1 to HEAD~1 at 2019-09-30" in result.stdout
    words = [line.split() for line in result.stdout.splitlines()]
    assert ["R2", "Management", "oversight", "concern", "progressing"] in words
    assert ["removed", "council-001", "council"] in words
    assert "letter2" not in result.stdout


def test_cli_as_of_judges_both_sides_on_that_day(run: Run, repo: Repo) -> None:
    result = run("diff", "board-1", "HEAD", "--data", str(repo.data), "--format", "json",
                 "--as-of", "2019-08-31")
    out = json.loads(result.stdout)
    assert out["as_of"] == "2019-08-31"
    # The council's document (2019-09) is not yet published, so council-001 is not evidence.
    assert [s["id"] for s in out["statuses"]] == ["R2", "R4"]


def test_unknown_revision_is_a_usage_error(run: Run, repo: Repo) -> None:
    result = run("diff", "board-9", "--data", str(repo.data))
    assert result.exit_code == 2
    assert result.stderr == "trace: unknown revision 'board-9'\n"


def test_option_like_revision_is_refused(run: Run, repo: Repo) -> None:
    result = run("diff", "--data", str(repo.data), "--", "--output=x")
    assert result.exit_code == 2
    assert result.stderr == "trace: unknown revision '--output=x'\n"


def test_outside_a_repository_is_a_usage_error(run: Run, minimal: Path) -> None:
    result = run("diff", "--data", str(minimal))
    assert result.exit_code == 2
    assert result.stderr == f"trace: {minimal} is not inside a git repository\n"


def test_missing_directory_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("diff", "--data", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "not found" in result.stderr


def test_revision_without_the_dataset(run: Run, repo: Repo) -> None:
    (repo.path / "README").write_text("x\n")
    repo.git("checkout", "-q", "--orphan", "empty")
    repo.git("rm", "-rq", "--cached", "data")
    repo.git("add", "README")
    repo.git("commit", "-q", "-m", "no data")
    repo.git("checkout", "-q", "-f", "main")
    result = run("diff", "empty", "--data", str(repo.data))
    assert result.exit_code == 2
    assert "has no dataset under 'data/'" in result.stderr


def test_invalid_side_exits_3_and_points_at_the_revision(run: Run, repo: Repo) -> None:
    repo.edit("evidence/letter.yaml", "stance: mixed", "stance: maybe")
    repo.commit("break it", tag="broken")
    result = run("diff", "broken", "board-1", "--data", str(repo.data))
    assert result.exit_code == 3
    assert "broken:data/evidence/letter.yaml:" in result.stderr
    assert "the dataset at broken has 1 error(s)" in result.stderr


def test_dataset_in_a_subdirectory_and_symlinks_skipped(run: Run, tmp_path: Path) -> None:
    r = Repo(tmp_path / "repo")
    nested = r.path / "councils" / "x"
    nested.mkdir(parents=True)
    r.data.rename(nested / "data")
    (nested / "data" / "sources" / "link.txt").symlink_to("/etc/passwd")
    r.commit("nested")
    files = gitio.files(gitio.locate(nested / "data"), "HEAD")
    assert "sources/letter.txt" in files
    assert "sources/link.txt" not in files
    assert files["evidence/letter.yaml"] == (nested / "data/evidence/letter.yaml").read_bytes()
    result = run("diff", "--data", str(nested / "data"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["statuses"] == []


def test_report_since_adds_the_section_after_the_summary(run: Run, repo: Repo) -> None:
    result = run("report", "--since", "board-1", "--data", str(repo.data))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "- [Since the last board report](#since-the-last-board-report)" in out
    assert out.index("## Summary") < out.index("## Since the last board report") < out.index(
        "## Gaps")
    assert "Recommendation 2, Management oversight (R2), moved from concern to progressing." in out


def test_report_since_html(run: Run, repo: Repo) -> None:
    out = run("report", "--since", "board-1", "--format", "html", "--data",
              str(repo.data)).stdout
    assert '<h2 id="since-the-last-board-report">Since the last board report</h2>' in out
    assert "<li>Recommendation 2, Management oversight (R2), moved from concern to " \
        "progressing.</li>" in out


def test_report_since_unknown_revision(run: Run, repo: Repo) -> None:
    result = run("report", "--since", "board-9", "--data", str(repo.data))
    assert result.exit_code == 2
    assert "board-9" in result.stderr


def test_changed_words_and_fields_are_reported(run: Run, repo: Repo) -> None:
    # The issue-13 attack: a quote loses its "not" in the letter and the excerpt alike, a note
    # changes, and a document's primary flag flips; no status moves, yet all of it is change.
    for rel in ("evidence/letter.yaml", "sources/letter.txt"):
        path = repo.data / rel
        path.write_text(path.read_text().replace("is not yet consistently", "is yet consistently"))
    repo.edit("evidence/letter.yaml", "note: Fits no recommendation.", "note: Fits none.")
    repo.edit("documents.yaml", "    date: 2018-01\n", "    date: 2018-02\n")
    repo.edit("visits.yaml", "focus: The front door", "focus: The MASH")
    changes = compare.compare(snap(repo, "HEAD"), snap(repo, None), date(2019, 9, 30))
    assert not changes.empty
    edited = {c.excerpt_id: [(f.field, f.after) for f in c.fields] for c in changes.excerpts}
    [(field, after)] = edited["letter-002"]
    assert field == "quote" and "is yet consistently" in after
    assert edited["letter-003"] == [("note", "Fits none.")]
    records = {(r.kind, r.record_id): [(f.field, f.before, f.after) for f in r.fields]
               for r in changes.changed}
    assert records[("document", "article")] == [("date", "2018-01", "2018-02")]
    assert records[("document", "letter")][0][0] == "source text"
    assert records[("visit", "mv1")] == [("focus", "The front door", "The MASH")]
    for fmt in ("table", "markdown", "json"):
        shown = run("diff", "--data", str(repo.data), "--format", fmt).stdout
        assert "Nothing has changed" not in shown and "No changes." not in shown
        assert "The MASH" in shown and "is yet consistently" in shown, fmt
    board = run("report", "--since", "HEAD", "--data", str(repo.data)).stdout
    assert "The MASH" in board and "source text changed" in board
