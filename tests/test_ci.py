"""The workflow and the pre-commit manifest stay valid: every `trace` command they run exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from ofsted_trace.cli.entry import app
from tests.conftest import REPO, Run
from tests.gitrepo import Repo

WORKFLOW = REPO / ".github" / "workflows" / "trace.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
README = REPO / "README.md"
_SHELL_END = {">", ">>", "|", "&&", "||", ";", "2>&1"}


def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def trace_commands() -> list[str]:
    """Every `trace ...` line the workflow's steps and the hook manifest run."""
    lines = [line.strip() for job in workflow()["jobs"].values() for step in job["steps"]
             for line in str(step.get("run", "")).splitlines()]
    lines += [hook["entry"] for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))]
    return [line for line in lines if line.startswith("trace ")]


def test_workflow_triggers_on_data_pushes_and_pull_requests() -> None:
    # PyYAML reads the bare key `on` as True.
    on = workflow()[True]
    for event in ("push", "pull_request"):
        assert "data/**" in on[event]["paths"]
    jobs = workflow()["jobs"]
    runs = "\n".join(str(s.get("run", "")) for s in jobs["data"]["steps"])
    assert "trace check --strict" in runs
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs
    assert "trace gaps --format markdown" in runs and "trace diff " in runs
    assert any("make test" in str(s.get("run", "")) for s in jobs["tests"]["steps"])


def test_hook_manifest_runs_check_only_on_dataset_files() -> None:
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "trace-check"
    assert hook["entry"] == "trace check --strict"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("data/recommendations.yaml", "data/evidence/x.yml", "data/sources/a.txt"):
        assert files.search(path), path
    for path in ("src/ofsted_trace/cli.py", "README.md", "data/notes.md", "other/x.yaml"):
        assert not files.search(path), path


def commands() -> dict[str, Any]:
    """The CLI's subcommands by name, as click sees them."""
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("line", trace_commands())
def test_every_trace_command_exists_and_runs(run: Run, line: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    words = shlex.split(line)[1:]
    words = words[:next((i for i, w in enumerate(words) if w in _SHELL_END), len(words))]
    command = commands().get(words[0])
    assert command is not None, f"`trace {words[0]}` does not exist"
    options = {opt for p in command.params for opt in p.opts}
    for word in words[1:]:
        if word.startswith("--"):
            assert word.split("=")[0] in options, f"`trace {words[0]}` has no option {word}"
    assert run(words[0], "--help").exit_code == 0
    # Run it for real, as CI would, in a repository holding a valid dataset; $BASE is a commit.
    repo = Repo(tmp_path / "repo")
    repo.commit("data")
    monkeypatch.chdir(repo.path)
    result = run(*[("HEAD" if w.startswith("$") else w) for w in words])
    assert result.exit_code == 0, result.output


def test_every_command_documents_its_exit_codes(run: Run) -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for name in commands():
        assert "Exit codes:" in run(name, "--help").stdout, name
        assert f"`trace {name}`" in section, f"README's exit codes omit trace {name}"
