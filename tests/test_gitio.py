"""Git access: where the dataset sits, which commit a revision names, and its files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ofsted_trace.errors import Exit, TraceError
from ofsted_trace.load import gitio
from tests.gitrepo import Repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    r = Repo(tmp_path / "repo")
    r.commit("one", tag="board-1")
    return r


def message(exc: pytest.ExceptionInfo[TraceError]) -> str:
    assert exc.value.exit_code is Exit.USAGE, "a git failure is the user's to fix: exit 2"
    return str(exc.value)


def test_locate_finds_top_and_prefix(repo: Repo) -> None:
    place = gitio.locate(repo.data / "evidence")
    assert place.top.resolve() == repo.path.resolve()
    assert place.prefix == "data/evidence/"


def test_resolve_tags_branches_and_ancestors(repo: Repo) -> None:
    repo.edit("themes.yaml", "title: Practice", "title: Social work practice")
    repo.commit("two")
    place = gitio.locate(repo.data)
    head = repo.git("rev-parse", "HEAD").strip()
    first = repo.git("rev-parse", "board-1").strip()
    assert gitio.resolve(place, "main") == head
    assert gitio.resolve(place, "HEAD~1") == first
    assert gitio.resolve(place, "board-1") == first
    assert gitio.resolve(place, first[:8]) == first


@pytest.mark.parametrize("rev", ["nope", "HEAD~5", "-h", "--all", "board-1:data"])
def test_unknown_revision(repo: Repo, rev: str) -> None:
    with pytest.raises(TraceError) as exc:
        gitio.resolve(gitio.locate(repo.data), rev)
    assert message(exc) == f"unknown revision '{rev}'"


def test_files_are_the_committed_bytes_not_the_working_tree(repo: Repo) -> None:
    committed = (repo.data / "themes.yaml").read_bytes()
    repo.edit("themes.yaml", "title: Practice", "title: Edited, not committed")
    (repo.data / "evidence" / "extra.yaml").write_text("document: letter\n")
    got = gitio.files(gitio.locate(repo.data), "HEAD")
    assert got["themes.yaml"] == committed
    assert "evidence/extra.yaml" not in got
    expected = {str(p.relative_to(repo.data)) for p in repo.data.rglob("*") if p.is_file()}
    assert set(got) == expected - {"evidence/extra.yaml"}


def test_materialise_writes_a_private_copy(repo: Repo, tmp_path: Path) -> None:
    dest = tmp_path / "copy"
    gitio.materialise(gitio.locate(repo.data), "HEAD", dest)
    assert (dest / "evidence" / "letter.yaml").read_bytes() == (
        repo.data / "evidence" / "letter.yaml").read_bytes()


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(TraceError) as exc:
        gitio.locate(tmp_path)
    assert message(exc) == f"{tmp_path} is not inside a git repository"


def test_no_git_on_path(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(TraceError) as exc:
        gitio.locate(repo.data)
    assert message(exc) == "git is not installed, or not on PATH"


def test_safe_paths() -> None:
    assert gitio._safe("evidence/a.yaml")
    for bad in ("", "/etc/passwd", "../x", "a/../../x", "a/./b"):
        assert not gitio._safe(bad), bad


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under root, by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None
            for p in root.rglob("*")}


def test_materialise_over_another_revision_writes_only_what_differs(repo: Repo,
                                                                    tmp_path: Path) -> None:
    repo.write("notes/old/a.txt", "gone in the next commit\n")
    repo.commit("two")
    repo.git("rm", "-q", "-r", "data/notes")
    repo.edit("themes.yaml", "title: Practice", "title: Practice, edited")
    repo.write("evidence/extra.yaml", "document: letter\nexcerpts: []\n")
    repo.commit("three")
    place = gitio.locate(repo.data)
    dest = tmp_path / "dest"
    held = gitio.materialise(place, "HEAD~1", dest)
    assert held == gitio.listing(place, "HEAD~1")
    kept = dest / "visits.yaml"
    os.utime(kept, ns=(0, 0))  # so a rewrite would show
    held = gitio.materialise(place, "HEAD", dest, held)
    fresh = tmp_path / "fresh"
    gitio.materialise(place, "HEAD", fresh)
    assert tree(dest) == tree(fresh)  # notes/ and notes/old/ are gone with their file
    assert held == gitio.listing(place, "HEAD")
    assert kept.stat().st_mtime_ns == 0
