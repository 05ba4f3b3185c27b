"""Every fixture dataset, found automatically: valid ones pass, invalid ones fail exactly.

An invalid case is a folder under fixtures/invalid holding expected.yaml and the files that
differ from its base dataset (fixtures/valid/<base>). expected.yaml says:
  base: minimal          # the valid dataset to start from
  remove: [files]        # optional: files of the base to delete
  code: unknown-key      # the problem code that must be reported
  file: evidence/x.yaml  # where, relative to the dataset
  line: 7                # on which line (0 when the problem has no line)
  exit: 1                # the exit code of `trace check`
  args: [--strict]       # optional: more arguments for `trace check`
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, Run

# Hidden folders (a cache left by running trace on a fixture by hand) are not datasets.
VALID = sorted(p for p in (FIXTURES / "valid").iterdir()
               if p.is_dir() and not p.name.startswith("."))
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir()
                 if p.is_dir() and not p.name.startswith("."))


def digest(root: Path) -> dict[str, str]:
    """Hash every file under root, to prove nothing was modified."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def build(case: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """Lay the case's files over a copy of its base dataset."""
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / expected.get("base", "minimal"), root)
    for rel in expected.get("remove", []):
        target = root / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.yaml":
            dest = root / path.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
    return root, expected


@pytest.mark.parametrize("dataset", VALID, ids=lambda p: p.name)
def test_valid_dataset_passes_strict_check(run: Run, dataset: Path) -> None:
    result = run("check", "--strict", "--data", str(dataset))
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_dataset_reports_exact_problem(run: Run, case: Path, tmp_path: Path) -> None:
    root, expected = build(case, tmp_path)
    before = digest(root)
    result = run("check", "--format", "json", "--data", str(root), *expected.get("args", []))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == expected["exit"], result.output
    problems = json.loads(result.stdout)
    wanted = (expected["code"], f"{root.as_posix()}/{expected['file']}", expected["line"])
    found = [(p["code"], p["file"], p["line"]) for p in problems]
    assert wanted in found, f"expected {wanted}, got {found}"
    assert digest(root) == before, "check must never modify the dataset"
