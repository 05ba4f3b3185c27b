"""The package's layout stays as docs/architecture.md describes it, and imports go one way."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "ofsted_trace"
STAGES = ("model", "fs", "cache", "load", "check", "judge", "edit", "render", "cli")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_at_most_a_handful_of_modules_sit_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "errors.py"]


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_in_one_line_what_it_owns(stage: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
    assert doc, f"{stage}/__init__.py has no docstring"
    assert "\n" not in doc.strip(), doc


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text()
    assert text.count("\n") <= 300, f"{path.name} has {text.count(chr(10))} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= 60, f"{path.name}: {node.name} has {length} lines"


def test_architecture_names_only_modules_that_exist() -> None:
    text = (REPO / "docs" / "architecture.md").read_text()
    named = set(re.findall(r"`((?:src/ofsted_trace/)?[a-z_]+(?:/[a-z_]+)*(?:\.py|/))`", text))
    assert len(named) > 30, "the architecture page should name the modules it describes"
    for name in named:
        path = REPO / name if name.startswith(("src/", "tests/", "docs/")) else PACKAGE / name
        assert path.exists(), f"docs/architecture.md names {name}, which does not exist"


def test_every_stage_and_module_is_described() -> None:
    text = (REPO / "docs" / "architecture.md").read_text()
    for path in modules():
        rel = path.relative_to(PACKAGE).as_posix()
        if path.name in ("__init__.py", "__main__.py") or "/gaps/" in rel or "/rules/" in rel:
            continue  # one module per rule or gap kind: the page describes the registries
        assert f"`{rel}`" in text, f"docs/architecture.md does not say what {rel} is for"


def test_the_import_contracts_hold() -> None:
    done = subprocess.run([str(LINT_IMPORTS)], cwd=REPO, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


def test_an_upward_import_breaks_the_contracts(tmp_path: Path) -> None:
    shutil.copytree(REPO / "src", tmp_path / "src")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    dates = tmp_path / "src" / "ofsted_trace" / "model" / "dates.py"
    dates.write_text(dates.read_text() + "\nfrom ofsted_trace.judge import assess  # upward\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    done = subprocess.run([str(LINT_IMPORTS)], cwd=tmp_path, capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode != 0
    assert "ofsted_trace.model.dates -> ofsted_trace.judge.assess" in done.stdout
