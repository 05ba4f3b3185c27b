"""The cache never serves a stale answer: results always follow the files, whatever happens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ofsted_trace
from ofsted_trace import cache, engine


def problems(run, data: Path) -> list[tuple[str, str, int]]:
    result = run("check", "--format", "json", "--data", str(data))
    return [(p["code"], p["file"].removeprefix(f"{data.as_posix()}/"), p["line"])
            for p in json.loads(result.stdout)]


def gaps(run, data: Path) -> list[dict[str, object]]:
    result = run("gaps", "--format", "json", "--data", str(data))
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def entries(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file())


def test_warm_run_is_served_from_cache_and_matches_cold(run, minimal: Path,
                                                        private_cache: Path) -> None:
    cold = gaps(run, minimal)
    assert entries(private_cache), "a clean run fills the cache"
    written = {p: p.stat().st_mtime_ns for p in entries(private_cache)}
    assert gaps(run, minimal) == cold
    assert {p: p.stat().st_mtime_ns for p in entries(private_cache)} == written


def test_edit_is_seen_with_its_exact_line(run, minimal: Path) -> None:
    assert problems(run, minimal) == []
    letter = minimal / "evidence" / "letter.yaml"
    original = letter.read_text(encoding="utf-8")
    letter.write_text(original.replace("analyse risk well", "analyse risk badly"),
                      encoding="utf-8")
    assert problems(run, minimal) == [("quote-not-found", "evidence/letter.yaml", 4)]
    letter.write_text(original, encoding="utf-8")
    assert problems(run, minimal) == []


def test_changed_document_text_is_seen_in_a_cached_evidence_file(run, minimal: Path) -> None:
    assert problems(run, minimal) == []
    text = minimal / "sources" / "letter.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("analyse risk", "weigh risk"),
                    encoding="utf-8")
    # The evidence file is unchanged and comes from the cache; its line is still exact.
    assert problems(run, minimal) == [("quote-not-found", "evidence/letter.yaml", 4)]


def test_rename_moves_every_location(run, minimal: Path) -> None:
    before = gaps(run, minimal)
    (minimal / "evidence" / "letter.yaml").rename(minimal / "evidence" / "renamed.yaml")
    after = gaps(run, minimal)
    moved = [g["file"] for g in after if str(g["subject"]).startswith("letter-")]
    assert moved and all(str(f).endswith("evidence/renamed.yaml") for f in moved)
    assert len(after) == len(before)


def test_delete_and_add_files_are_seen(run, minimal: Path) -> None:
    gaps(run, minimal)
    letter = minimal / "evidence" / "letter.yaml"
    saved = letter.read_bytes()
    letter.unlink()
    assert ("no-excerpts", "documents.yaml", 2) in problems(run, minimal)
    letter.write_bytes(saved)
    assert problems(run, minimal) == []
    (minimal / "evidence" / "copy.yaml").write_bytes(saved)
    found = problems(run, minimal)
    assert ("duplicate-id", "evidence/letter.yaml", 3) in found


def test_new_version_does_not_read_old_entries(run, minimal: Path, private_cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cold = gaps(run, minimal)
    old = set(entries(private_cache))
    old_key = cache.key("file", "x")
    monkeypatch.setattr(ofsted_trace, "__version__", "99.0.0")
    assert cache.key("file", "x") != old_key
    assert gaps(run, minimal) == cold
    assert set(entries(private_cache)) > old, "the new version wrote entries of its own"


def _corrupt_all(directory: Path, how: str) -> None:
    store = cache.Cache(directory)
    for path in entries(directory):
        raw = path.read_bytes()
        if how == "truncate":
            path.write_bytes(raw[:len(raw) // 2])
        elif how == "garbage":
            path.write_bytes(b"\x00\xffnot a cache entry" * 10)
        elif how == "empty":
            path.write_bytes(b"")
        else:  # a well-formed entry whose content has the wrong shape
            store.put(path.name, b'{"document": 5, "excerpts": "no"}' if how == "shape"
                      else b"[1, 2, 3]")


@pytest.mark.parametrize("how", ["truncate", "garbage", "empty", "shape", "json-list"])
def test_corrupt_entries_are_ignored_and_rebuilt(run, minimal: Path, private_cache: Path,
                                                 how: str) -> None:
    cold_gaps, cold_problems = gaps(run, minimal), problems(run, minimal)
    _corrupt_all(private_cache, how)
    assert gaps(run, minimal) == cold_gaps
    assert problems(run, minimal) == cold_problems
    for path in entries(private_cache):
        assert cache.Cache(private_cache).get(path.name) is not None


def test_cache_beside_dataset_by_default(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OFSTED_TRACE_CACHE")
    engine.check(minimal)
    assert entries(minimal.parent / cache.DIR_NAME)
    assert not (minimal / cache.DIR_NAME).exists(), "the dataset itself is never written"


def test_cache_can_be_turned_off(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFSTED_TRACE_CACHE", "off")
    assert engine.check(minimal).problems == ()
    assert not (minimal.parent / cache.DIR_NAME).exists()


def test_unwritable_cache_is_only_a_miss(minimal: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert engine.check(minimal, store=cache.Cache(blocker / "cache")).problems == ()
