"""`trace init`: a skeleton that passes `trace check --strict`, explains itself and has schemas."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema

from ofsted_trace.load import schema, yamlio
from tests.conftest import Run
from tests.test_schema import files


def test_init_writes_a_dataset_that_passes_strict_check(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = run("init", str(target), "--authority", "Exampleton: a # hostile name")
    assert result.exit_code == 0, result.output
    assert f"next: trace check --data {target.as_posix()}" in result.stdout
    check = run("check", "--strict", "--data", str(target))
    assert check.exit_code == 0, check.output
    data = yamlio.read_file(target / "recommendations.yaml")
    assert data["authority"] == "Exampleton: a # hostile name"


def test_every_yaml_file_points_at_its_schema_and_validates(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert run("init", str(target), "--authority", "Exampleton").exit_code == 0
    found = files(target)
    assert {p.name for _, p in found} == {"recommendations.yaml", "themes.yaml", "visits.yaml",
                                          "documents.yaml", "config.yaml", "report-2024.yaml",
                                          "actions.yaml", "ratings.yaml"}
    for name, path in found:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        pointed = (path.parent / first.split("=", 1)[1]).resolve()
        assert pointed == (target / schema.SCHEMA_DIR / name).resolve() and pointed.is_file()
        jsonschema.validate(yamlio.read_file(path), schema.schemas()[name])


def test_every_field_has_a_comment(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "new"
    run("init", str(target), "--authority", "Exampleton")
    # Self-explanatory keys, and list headings explained at the top of the file.
    plain = {"title", "publisher", "focus", "themes", "visits", "documents", "excerpts",
             "inspection", "inspections", "recommendations", "judgements", "actions",
             "ratings"}
    for _, path in files(target):
        for line in path.read_text().splitlines():
            match = re.match(r"^\s*(?:- )?([a-z_]+):", line)
            if match and match.group(1) not in plain:
                assert "#" in line, f"{path.name}: {line}"


def test_init_refuses_a_non_empty_directory(run: Run, minimal: Path) -> None:
    before = sorted(p.name for p in minimal.iterdir())
    result = run("init", str(minimal), "--authority", "X")
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert sorted(p.name for p in minimal.iterdir()) == before


def test_init_refuses_a_blank_authority(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "new"
    for blank in ("", "   "):
        result = run("init", str(target), "--authority", blank)
        assert result.exit_code == 2, result.output
        assert "--authority" in result.output
        assert not target.exists()
