"""Broken datasets that cannot be stored as fixture files: made in tmp_path, checked exactly.

Each case asserts what fixtures/invalid cases assert: the problem code, its file and line, the
exit code of `trace check`, no traceback, and that no file of the dataset was modified.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ofsted_trace.load import yamlio
from tests.conftest import REPO, Run
from tests.test_fixtures import digest

SRC = REPO / "src" / "ofsted_trace"


def expect(run: Run, root: Path, code: str, file: str, line: int, exit_code: int = 1,
           args: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """Run check on root and assert the exact problem, exit code, and an untouched dataset."""
    before = digest(root)
    result = run("check", "--format", "json", "--data", str(root), *args)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == exit_code, result.output
    problems = json.loads(result.stdout)
    found = [(p["code"], p["file"], p["line"]) for p in problems]
    assert (code, f"{root.as_posix()}/{file}", line) in found, found
    assert digest(root) == before, "check must never modify the dataset"
    return problems  # type: ignore[no-any-return]


def passes(run: Run, root: Path) -> None:
    """A strict check passes and leaves the files alone."""
    before = digest(root)
    result = run("check", "--strict", "--data", str(root))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert digest(root) == before


# --- encodings and line endings ------------------------------------------------------------

def test_windows_line_endings_simply_work(run: Run, minimal: Path) -> None:
    for path in [*minimal.rglob("*.yaml"), *minimal.rglob("*.txt")]:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    passes(run, minimal)


def test_byte_order_mark_simply_works(run: Run, minimal: Path) -> None:
    for path in [*minimal.rglob("*.yaml"), *minimal.rglob("*.txt")]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    passes(run, minimal)


def test_crlf_problem_lines_are_still_right(run: Run, minimal: Path) -> None:
    path = minimal / "evidence" / "letter.yaml"
    text = path.read_text().replace("stance: concern", "stance: good", 1)
    path.write_bytes(text.replace("\n", "\r\n").encode())
    expect(run, minimal, "bad-choice", "evidence/letter.yaml", 15)


def test_non_utf8_bytes_are_located(run: Run, minimal: Path) -> None:
    path = minimal / "evidence" / "council.yaml"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"Children", b"Caf\xe9 children")  # Latin-1, not UTF-8
    path.write_bytes(b"\n".join(lines))
    problems = expect(run, minimal, "not-utf8", "evidence/council.yaml", 4)
    assert any("0xe9" in str(p["message"]) for p in problems)


def test_non_utf8_document_text(run: Run, minimal: Path) -> None:
    (minimal / "sources" / "council.txt").write_bytes(b"Our improvement journey\n\x93quoted\x94\n")
    expect(run, minimal, "not-utf8", "documents.yaml", 23)


def test_control_character_in_yaml_is_located(run: Run, minimal: Path) -> None:
    path = minimal / "themes.yaml"
    path.write_text(path.read_text().replace("title: Leadership", "title: Lead\x1b[31mership"))
    expect(run, minimal, "control-character", "themes.yaml", 8)


def test_nul_byte(run: Run, minimal: Path) -> None:
    path = minimal / "themes.yaml"
    path.write_bytes(path.read_bytes().replace(b"Partnerships", b"Partner\x00ships"))
    expect(run, minimal, "control-character", "themes.yaml", 10)


# --- size and depth --------------------------------------------------------------------------

def test_fifty_megabyte_file_is_refused_by_size(run: Run, minimal: Path) -> None:
    path = minimal / "evidence" / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size is what is judged, not the bytes
    problems = expect(run, minimal, "file-too-large", "evidence/huge.yaml", 0)
    assert any("52,428,800 bytes" in str(p["message"]) for p in problems)


def test_fifty_megabyte_document_text_is_refused_by_size(run: Run, minimal: Path) -> None:
    with (minimal / "sources" / "council.txt").open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)
    expect(run, minimal, "file-too-large", "documents.yaml", 23)


@pytest.mark.parametrize("opener", ["[", "{"])
def test_hundred_thousand_nested_brackets(run: Run, minimal: Path, opener: str) -> None:
    closer = {"[": "]", "{": "}"}[opener]
    (minimal / "themes.yaml").write_text("themes:\n  - " + opener * 100_000 + closer * 100_000)
    expect(run, minimal, "too-deep", "themes.yaml", 2)


def test_hundred_thousand_nested_block_sequences(run: Run, minimal: Path) -> None:
    (minimal / "themes.yaml").write_text("themes:\n" + "- " * 100_000 + "x\n")
    expect(run, minimal, "too-deep", "themes.yaml", 2)


def test_deep_nesting_by_indentation(run: Run, minimal: Path) -> None:
    text = "themes:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(5_000))
    (minimal / "themes.yaml").write_text(text)
    problems = expect(run, minimal, "too-deep", "themes.yaml", 1000)
    assert len(problems) == 1


def test_very_long_line(run: Run, minimal: Path) -> None:
    path = minimal / "evidence" / "council.yaml"
    long_quote = " ".join(["word"] * 200_000)  # one 1 MB line
    path.write_text(path.read_text().replace(
        "Management oversight is now strong across all teams.", long_quote))
    expect(run, minimal, "quote-not-found", "evidence/council.yaml", 9)


def test_very_long_word_in_document_and_quote_matches(run: Run, minimal: Path) -> None:
    word = "x" * 500_000
    (minimal / "sources" / "council.txt").write_text(
        (minimal / "sources" / "council.txt").read_text() + f"\nA {word} word.\n")
    path = minimal / "evidence" / "council.yaml"
    path.write_text(path.read_text().replace("quote: Management oversight is now strong across "
                                             "all teams.", f"quote: A {word} word."))
    passes(run, minimal)


# --- links and paths ---------------------------------------------------------------------------

def test_document_symlink_pointing_outside(run: Run, minimal: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Our improvement journey\n")
    text = minimal / "sources" / "council.txt"
    text.unlink()
    text.symlink_to(secret)
    expect(run, minimal, "document-path", "documents.yaml", 23)


def test_document_symlink_inside_is_fine(run: Run, minimal: Path) -> None:
    text = minimal / "sources" / "council.txt"
    text.rename(minimal / "sources" / "real.txt")
    text.symlink_to("real.txt")
    passes(run, minimal)


def test_evidence_file_symlink_pointing_outside(run: Run, minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((minimal / "evidence" / "council.yaml").read_text())
    (minimal / "evidence" / "council.yaml").unlink()
    (minimal / "evidence" / "council.yaml").symlink_to(outside)
    expect(run, minimal, "outside-dataset", "evidence/council.yaml", 0)


def test_listing_symlink_to_system_file(run: Run, minimal: Path) -> None:
    (minimal / "themes.yaml").unlink()
    (minimal / "themes.yaml").symlink_to("/etc/passwd")
    expect(run, minimal, "outside-dataset", "themes.yaml", 0)


def test_parent_directory_path(run: Run, minimal: Path) -> None:
    path = minimal / "documents.yaml"
    path.write_text(path.read_text().replace("sources/council.txt", "../../etc/passwd"))
    expect(run, minimal, "document-path", "documents.yaml", 23)


def test_evidence_entry_that_is_a_directory(run: Run, minimal: Path) -> None:
    (minimal / "evidence" / "folder.yaml").mkdir()
    expect(run, minimal, "unreadable", "evidence/folder.yaml", 0)


# --- quotes ------------------------------------------------------------------------------------

def test_quote_found_only_after_normalisation_is_accepted(run: Run, minimal: Path) -> None:
    (minimal / "sources" / "council.txt").write_text(
        "Our improvement journey\n\nChildren now take part in planning meetings\u2014and "
        "\u201cchair\u201d their\n   own reviews\u2026\n\nManagement oversight is now strong "
        "across all teams.\n")
    path = minimal / "evidence" / "council.yaml"
    path.write_text(path.read_text().replace(
        "quote: Children now take part in planning meetings and chair their own reviews.",
        "quote: 'Children now take part in planning meetings - and \"chair\" their own "
        "reviews...'"))
    passes(run, minimal)


def test_normalisation_forgives_nothing_but_spacing_quotes_and_dashes(run: Run,
                                                                      minimal: Path) -> None:
    path = minimal / "evidence" / "council.yaml"
    path.write_text(path.read_text().replace("chair their own reviews", "chair their own Reviews"))
    expect(run, minimal, "quote-not-found", "evidence/council.yaml", 4)


# --- the safe loader ---------------------------------------------------------------------------

@pytest.mark.parametrize("payload", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.check_call [[touch, '{marker}']]",
    "!!python/name:os.system",
])
def test_python_tags_execute_nothing(run: Run, minimal: Path, tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "pwned"
    path = minimal / "themes.yaml"
    path.write_text(path.read_text().replace("title: Practice",
                                             "title: " + payload.format(marker=marker)))
    expect(run, minimal, "yaml-tag", "themes.yaml", 3)
    assert not marker.exists(), "a YAML tag ran code"


def test_only_the_safe_loader_is_used_anywhere() -> None:
    source = "\n".join(p.read_text() for p in SRC.rglob("*.py"))
    assert not re.search(r"unsafe_load|full_load|FullLoader|UnsafeLoader|yaml\.Loader\b"
                         r"|yaml\.UnsafeLoader|typ=['\"]unsafe", source)
    # Every yaml.load/compose call names a safe loader: ours (`loader` is one of our two,
    # chosen in yamlio.parse) or libyaml's own.
    for call in re.findall(r"yaml\.(?:load|compose|load_all)\([^)]*\)", source):
        assert re.search(r"Loader=(_Loader|loader|yaml\.CSafeLoader)\b", call), call
    assert issubclass(yamlio.Loader, __import__("yaml").CSafeLoader)
    assert issubclass(yamlio.NoAliases, yamlio.Loader)


def test_alias_bomb_is_refused_before_it_grows() -> None:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
    with pytest.raises(yamlio.YamlFault) as fault:
        yamlio.parse("\n".join(levels))  # 9**30 strings if expanded: it must not be
    assert fault.value.code == "yaml-alias"


def test_commands_never_write_into_the_dataset(run: Run, barnet: Path) -> None:
    before = digest(barnet)
    stats = {p: p.stat().st_mtime_ns for p in barnet.rglob("*")}
    for args in (("check", "--strict"), ("status",), ("gaps",), ("export",)):
        result = run(*args, "--data", str(barnet))
        assert result.exit_code == 0, result.output
    assert digest(barnet) == before
    # No file or folder added (no cache, no lock), none touched.
    assert {p: p.stat().st_mtime_ns for p in barnet.rglob("*")} == stats


def test_long_misquote_against_a_long_document(run: Run, minimal: Path) -> None:
    (minimal / "sources" / "council.txt").write_text(
        "Children now take part in planning meetings and chair their own reviews.\n"
        "Management oversight is now strong across all teams.\n" + "lorem ipsum " * 80_000)
    path = minimal / "evidence" / "council.yaml"
    path.write_text(path.read_text().replace(
        "Management oversight is now strong across all teams.", "quis nostrud " * 5_000))
    expect(run, minimal, "quote-not-found", "evidence/council.yaml", 9)
