"""The cache never serves a stale answer: results always follow the files, whatever happens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ofsted_trace
from ofsted_trace.cache import keys
from ofsted_trace.cache import store as cache
from ofsted_trace.check import pipeline
from ofsted_trace.load import parallel
from tests.conftest import Run


def problems(run: Run, data: Path) -> list[tuple[str, str, int]]:
    result = run("check", "--format", "json", "--data", str(data))
    return [(p["code"], p["file"].removeprefix(f"{data.as_posix()}/"), p["line"])
            for p in json.loads(result.stdout)]


def gaps(run: Run, data: Path) -> list[dict[str, object]]:
    result = run("gaps", "--format", "json", "--data", str(data))
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def entries(directory: Path) -> list[Path]:
    """The store's entries: not its .gitignore, nor the table of kept excerpts (a database of
    its own, tested in test_judge_delta.py)."""
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.name != ".gitignore"
                  and not p.name.startswith("excerpts-"))


def test_warm_run_is_served_from_cache_and_matches_cold(run: Run, minimal: Path,
                                                        private_cache: Path) -> None:
    cold = gaps(run, minimal)
    assert entries(private_cache), "a clean run fills the cache"
    written = {p: p.stat().st_mtime_ns for p in entries(private_cache)}
    assert gaps(run, minimal) == cold
    assert {p: p.stat().st_mtime_ns for p in entries(private_cache)} == written


def test_edit_is_seen_with_its_exact_line(run: Run, minimal: Path) -> None:
    assert problems(run, minimal) == []
    letter = minimal / "evidence" / "letter.yaml"
    original = letter.read_text(encoding="utf-8")
    letter.write_text(original.replace("analyse risk well", "analyse risk badly"),
                      encoding="utf-8")
    assert problems(run, minimal) == [("quote-not-found", "evidence/letter.yaml", 4)]
    letter.write_text(original, encoding="utf-8")
    assert problems(run, minimal) == []


def test_changed_document_text_is_seen_in_a_cached_evidence_file(run: Run, minimal: Path) -> None:
    assert problems(run, minimal) == []
    text = minimal / "sources" / "letter.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("analyse risk", "weigh risk"),
                    encoding="utf-8")
    # The evidence file is unchanged and comes from the cache; its line is still exact.
    assert problems(run, minimal) == [("quote-not-found", "evidence/letter.yaml", 4)]


def test_rename_moves_every_location(run: Run, minimal: Path) -> None:
    before = gaps(run, minimal)
    (minimal / "evidence" / "letter.yaml").rename(minimal / "evidence" / "renamed.yaml")
    after = gaps(run, minimal)
    moved = [g["file"] for g in after if str(g["subject"]).startswith("letter-")]
    assert moved and all(str(f).endswith("evidence/renamed.yaml") for f in moved)
    assert len(after) == len(before)


def test_delete_and_add_files_are_seen(run: Run, minimal: Path) -> None:
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


def test_new_version_does_not_read_old_entries(run: Run, minimal: Path, private_cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cold = gaps(run, minimal)
    old = set(entries(private_cache))
    old_key = keys.key("file", "x")
    monkeypatch.setattr(ofsted_trace, "__version__", "99.0.0")
    assert keys.key("file", "x") != old_key
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
def test_corrupt_entries_are_ignored_and_rebuilt(run: Run, minimal: Path, private_cache: Path,
                                                 how: str) -> None:
    cold_gaps, cold_problems = gaps(run, minimal), problems(run, minimal)
    _corrupt_all(private_cache, how)
    assert gaps(run, minimal) == cold_gaps
    assert problems(run, minimal) == cold_problems
    for path in entries(private_cache):
        assert cache.Cache(private_cache).get(path.name) is not None


def test_cache_beside_dataset_by_default(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OFSTED_TRACE_CACHE")
    pipeline.check(minimal)
    assert entries(minimal.parent / cache.DIR_NAME)
    assert not (minimal / cache.DIR_NAME).exists(), "the dataset itself is never written"


def test_cache_can_be_turned_off(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFSTED_TRACE_CACHE", "off")
    assert pipeline.check(minimal).problems == ()
    assert not (minimal.parent / cache.DIR_NAME).exists()


def test_unwritable_cache_is_only_a_miss(minimal: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert pipeline.check(minimal, store=cache.Cache(blocker / "cache")).problems == ()


# --- the whole-output cache (results.py) ---

def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every full check the CLI makes; a whole-output hit makes none."""
    calls: list[Path] = []
    real = pipeline.check

    def counted(root: Path, *args: object, **kwargs: object) -> pipeline.Checked:
        calls.append(root)
        return real(root, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check", counted)
    return calls


def test_unchanged_run_is_answered_whole(run: Run, minimal: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    first = run("gaps", "--data", str(minimal))
    again = run("gaps", "--data", str(minimal))
    assert (again.stdout, again.exit_code) == (first.stdout, first.exit_code)
    assert len(calls) == 1


@pytest.mark.parametrize("options", [("--format", "json"), ("--kind", "stale"),
                                     ("--fail-on", "any"), ("--as-of", "2020-01-01")])
def test_each_option_has_its_own_answer(run: Run, minimal: Path, options: tuple[str, str]) -> None:
    plain = run("gaps", "--data", str(minimal))
    other = run("gaps", "--data", str(minimal), *options)
    fresh = run("gaps", "--data", str(minimal), *options, env={"OFSTED_TRACE_CACHE": "off"})
    assert (other.stdout, other.exit_code) == (fresh.stdout, fresh.exit_code)
    assert (other.stdout, other.exit_code) != (plain.stdout, plain.exit_code)


def test_terminal_width_is_part_of_the_key(run: Run, minimal: Path) -> None:
    wide = run("status", "--data", str(minimal), env={"COLUMNS": "160"})
    narrow = run("status", "--data", str(minimal), env={"COLUMNS": "60"})
    assert max(map(len, narrow.stdout.splitlines())) <= 60 < max(map(len, wide.stdout.splitlines()))


def test_any_new_file_or_code_change_misses(run: Run, minimal: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    run("check", "--data", str(minimal))
    (minimal / "notes.txt").write_text("not read by the loader, still hashed", encoding="utf-8")
    run("check", "--data", str(minimal))
    monkeypatch.setattr(keys, "source", lambda: "other code")
    run("check", "--data", str(minimal))
    assert len(calls) == 3


def test_answer_is_not_stored_when_a_file_changes_during_the_run(
        run: Run, minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.check

    def editing(root: Path, *args: object, **kwargs: object) -> pipeline.Checked:
        checked = real(root, *args, **kwargs)  # type: ignore[arg-type]
        letter = minimal / "evidence" / "letter.yaml"
        letter.write_text(letter.read_text(encoding="utf-8").replace("risk well", "risk badly"),
                          encoding="utf-8")
        return checked

    monkeypatch.setattr(pipeline, "check", editing)
    assert problems(run, minimal) == []
    monkeypatch.setattr(pipeline, "check", real)
    assert problems(run, minimal) == [("quote-not-found", "evidence/letter.yaml", 4)]


def test_a_hit_imports_nothing_heavy(minimal: Path, tmp_path: Path) -> None:
    # main() ends with os._exit, so the script calls it with that exit stubbed out.
    script = ("import os, sys\nfrom ofsted_trace.cli.entry import main\n"
              f"sys.argv = ['trace', 'gaps', '--data', {str(minimal)!r}]\n"
              "os._exit = sys.exit\ntry:\n    main()\n"
              "except SystemExit:\n    pass\n"
              "heavy = [m for m in ('ofsted_trace.model.records', 'rich.table', 'networkx', "
              "'yaml') if m in sys.modules]\nprint('HEAVY', heavy, file=sys.stderr)\n")
    env = {**os.environ, "OFSTED_TRACE_CACHE": str(tmp_path / "sub-cache")}
    outs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env=env, check=False) for _ in range(2)]
    assert outs[0].stdout == outs[1].stdout and "gaps at" in outs[0].stdout
    # This typer imports pydantic itself to coerce options; our models, rich and PyYAML are
    # left alone on a hit. Gaps never need networkx: the analyses follow the records' own
    # references, and only `show` and `graph` build the graph. Off a terminal, the table is
    # laid out without rich (render/terminal/plain.py).
    assert "HEAVY ['ofsted_trace.model.records', 'yaml']" in outs[0].stderr
    assert "HEAVY []" in outs[1].stderr


def test_parallel_parse_keeps_exact_lines(run: Run, minimal: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    letter = minimal / "evidence" / "letter.yaml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("visit: fv\n", "visit: [fv\n", 1),
                      encoding="utf-8")
    serial = problems(run, minimal)
    assert serial and serial[0][1:] == ("evidence/letter.yaml", 6)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    monkeypatch.setenv("OFSTED_TRACE_CACHE", "off")
    assert problems(run, minimal) == serial


def test_settled_files_are_checked_again_when_the_config_changes(run: Run, minimal: Path,
                                                                 private_cache: Path) -> None:
    assert problems(run, minimal) == []
    assert problems(run, minimal) == [], "second run: every evidence file is settled"
    (minimal / "config.yaml").write_text("case_id_patterns: ['Management']\n", encoding="utf-8")
    found = problems(run, minimal)
    assert ("personal-data", "evidence/council.yaml", 9) in found


def test_settled_files_are_checked_again_when_their_text_changes(run: Run, minimal: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    assert problems(run, minimal) == []
    text = minimal / "sources" / "council.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("now strong", "strong"),
                    encoding="utf-8")
    # Only the changed document's file is checked again, and it is found wanting.
    assert problems(run, minimal) == [("quote-not-found", "evidence/council.yaml", 9)]


def test_settled_files_are_checked_again_when_their_document_record_changes(
        run: Run, minimal: Path) -> None:
    assert problems(run, minimal) == []
    documents = minimal / "documents.yaml"
    text = documents.read_text(encoding="utf-8")
    assert "primary: true" in text
    # The letter's Ofsted words are no longer in Ofsted's own text: the voice check must look
    # at its (settled, unchanged) evidence file again.
    documents.write_text(text.replace("primary: true", "primary: false", 1), encoding="utf-8")
    assert any(code == "unquoted-ofsted" for code, _, _ in problems(run, minimal))


def test_cache_directory_ignores_itself_in_git(tmp_path: Path) -> None:
    store = cache.Cache(tmp_path / "c")
    store.put("ab" * 20, b"payload")
    assert (tmp_path / "c" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert store.get("ab" * 20) == b"payload"


def test_a_miss_loads_the_bytes_its_key_was_made_from(minimal: Path) -> None:
    # The whole-output cache hands over the bytes it hashed; the loader must use those, not
    # whatever is on disk by then, or an answer could be stored under the wrong key.
    letter = minimal / "evidence" / "letter.yaml"
    on_disk = letter.read_bytes()
    hashed = on_disk.replace(b"stance: concern", b"stance: mixed")
    read = {str(letter.resolve()): (hashed, keys.digest(hashed))}
    ds = pipeline.check(minimal, store=cache.Cache(None), read=read).dataset
    assert ds.excerpts["letter-003"].stance == "mixed"
    assert read == {}, "taken, not copied"
    assert pipeline.check(minimal, store=cache.Cache(None)).dataset.excerpts[
        "letter-003"].stance == "concern"


def test_a_huge_unrelated_file_is_never_read(run: Run, minimal: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from ofsted_trace.cache import output
    from ofsted_trace.fs import regular

    huge = minimal / "notes" / "video.bin"
    huge.parent.mkdir()
    with huge.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: only its size is real
    contents = output.fingerprint(minimal.resolve()).contents
    assert str(huge.resolve()) not in contents, "the fingerprint read the huge file"
    real_read = regular.read
    sizes: list[int] = []

    def counted(path: Path | str, limit: int) -> bytes:
        data = real_read(path, limit)
        sizes.append(len(data))
        return data

    monkeypatch.setattr(regular, "read", counted)
    calls = _counting(monkeypatch)
    first = run("gaps", "--data", str(minimal))
    again = run("gaps", "--data", str(minimal))
    assert (again.stdout, again.exit_code) == (first.stdout, first.exit_code)
    assert len(calls) == 1, "still answered from the cache"
    assert max(sizes) < 1024 * 1024
    with huge.open("r+b") as grown:
        grown.truncate(301 * 1024 * 1024)
    run("gaps", "--data", str(minimal))
    assert len(calls) == 2, "a change of size is a change"


def test_unchanged_files_are_not_read_again_but_an_edit_always_is(
        run: Run, minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ofsted_trace.cache import output

    # Remember every hash at once (the racy-clean margin only delays remembering).
    monkeypatch.setattr(output, "_RACY_NS", -10**18)
    root = minimal.resolve()
    whole, _, contents, memo, _ = output.fingerprint(root)
    assert contents and set(memo) == {str(Path(p).relative_to(root)) for p in contents}
    again, _, unread, _, _ = output.fingerprint(root, memo=memo)
    assert again == whole and unread == {}, "an unchanged file was read again"
    # The same size and the old modification time: only ctime tells, and it is enough.
    letter = root / "evidence" / "letter.yaml"
    before = letter.stat()
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("analyse risk well", "analyse risk bell"), encoding="utf-8")
    os.utime(letter, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert letter.stat().st_size == before.st_size
    edited, _, read, _, _ = output.fingerprint(root, memo=memo)
    assert edited != whole and list(read) == [str(letter)]
    # And through the command line, with the cache on, the edit is what is checked.
    assert problems(run, minimal) == [("quote-not-found", "evidence/letter.yaml", 4)]


def test_an_empty_directory_made_since_is_not_answered_from_the_cache(run: Run,
                                                                      minimal: Path) -> None:
    first = run("check", "--data", str(minimal))
    assert first.exit_code == 0, first.stdout
    (minimal / "evidence" / "empty.yaml").mkdir()  # no file in it, yet the loader reads it
    again = run("check", "--data", str(minimal))
    assert again.stdout == run("check", "--data", str(minimal),
                               env={"OFSTED_TRACE_CACHE": "off"}).stdout
    assert "unreadable" in again.stdout and again.exit_code == 1
