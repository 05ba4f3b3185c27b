"""Resolver: a dataset's relative paths, with links followed and escapes refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ofsted_trace.fs.paths import Resolver


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "letter.txt").write_text("x")
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (root / "sources" / "out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "sources" / "in.txt").symlink_to(root / "sources" / "letter.txt")
    (root / "outdir").symlink_to(tmp_path / "elsewhere")
    (root / "alias").symlink_to(root / "sources")
    return root


@pytest.mark.parametrize(("rel", "expected"), [
    ("sources/letter.txt", "sources/letter.txt"),
    ("sources\\letter.txt", "sources/letter.txt"),
    ("sources/in.txt", "sources/letter.txt"),
    ("alias/letter.txt", "sources/letter.txt"),
    ("sources/missing.txt", "sources/missing.txt"),
    ("sources/..", ""),
    ("sources/out.txt", None),
    ("outdir/x.txt", None),
    ("../secret.txt", None),
    ("sources/../../secret.txt", None),
    ("sources/../..", None),
    ("/etc/passwd", None),
    ("C:/Windows/win.ini", None),
])
def test_under(tree: Path, rel: str, expected: str | None) -> None:
    found = Resolver(tree).under(rel)
    assert found == (None if expected is None else (tree.resolve() / expected).resolve())


def test_a_directory_is_resolved_once_per_resolver(tree: Path) -> None:
    paths = Resolver(tree)
    assert paths.under("sources/letter.txt") is not None
    # Swapping the folder for a link out is seen by a new resolver (each run makes its own).
    (tree / "sources" / "letter.txt").unlink()
    (tree / "sources" / "in.txt").unlink()
    (tree / "sources" / "out.txt").unlink()
    (tree / "sources").rmdir()
    (tree / "sources").symlink_to(tree.parent / "elsewhere")
    assert Resolver(tree).under("sources/letter.txt") is None
