"""The reusable GitHub Action and the council examples: parsed, and their steps run for real."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO
from tests.gitrepo import Repo

ACTION = REPO / "action.yml"
EXAMPLES = REPO / "examples" / "council"
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the steps run in bash")


def action() -> dict[str, Any]:
    loaded = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def expand(value: str, context: dict[str, str]) -> str:
    """Evaluate ${{ a || b }} as GitHub does for the names the action uses: first non-empty."""
    def one(match: re.Match[str]) -> str:
        names = [n.strip() for n in match.group(1).split("||")]
        unknown = [n for n in names if n not in context]
        assert not unknown, f"action.yml uses {unknown}, which this test does not know"
        return next((context[n] for n in names if context[n]), "")
    return _EXPR.sub(one, value)


def run_step(step: dict[str, Any], repo: Repo, context: dict[str, str],
             summary: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           **{k: expand(str(v), context) for k, v in (step.get("env") or {}).items()}}
    env.pop("OFSTED_TRACE_DATA", None)
    assert step["shell"] == "bash"
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo.path, env=env,
                          capture_output=True, text=True, check=False)


def test_the_action_is_composite_with_documented_inputs() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert set(spec["inputs"]) == {"data", "base", "python-version"}
    assert all("description" in i for i in spec["inputs"].values())
    steps = spec["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    # It installs the release the council pins: the action's own checkout of this project.
    install = steps[1]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert 'pip install --quiet "$ACTION_PATH"' in install["run"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["trace"] == "ofsted_trace.__main__:main"


def test_its_steps_check_annotate_and_summarise_a_council_repository(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "council")
    repo.commit("first data")
    base = repo.git("rev-parse", "HEAD").strip()
    repo.edit("evidence/letter.yaml", "stance: concern\n    recommendations: [R2]",
              "stance: progress\n    recommendations: [R2]")
    repo.commit("R2 now progress")
    context = {"inputs.data": "data", "inputs.base": "", "inputs.python-version": "3.12",
               "github.action_path": str(REPO), "github.event.pull_request.base.sha": base,
               "github.event.before": ""}
    summary = tmp_path / "summary.md"
    check, report = action()["runs"]["steps"][2:]
    done = run_step(check, repo, context, summary)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_step(report, repo, context, summary)
    assert done.returncode == 0, done.stdout + done.stderr
    text = summary.read_text(encoding="utf-8")
    assert "no-evidence" in text or "open-concern" in text  # the gaps' headings
    assert "R2" in text and base[:7] in text  # the diff since the base names what moved

    repo.edit("evidence/letter.yaml", "stance: progress\n    recommendations: [R2]",
              "stance: worried\n    recommendations: [R2]")
    bad = run_step(check, repo, context, summary)
    assert bad.returncode == 1
    assert "::error file=data/evidence/letter.yaml,line=15" in bad.stdout


def test_the_examples_use_the_hook_and_the_action_as_they_exist() -> None:
    hooks = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    config = yaml.safe_load((EXAMPLES / ".pre-commit-config.yaml").read_text())
    [entry] = config["repos"]
    assert {h["id"] for h in entry["hooks"]} <= hooks
    workflow = yaml.safe_load((EXAMPLES / ".github/workflows/trace.yml").read_text())
    steps = workflow["jobs"]["data"]["steps"]
    uses = [s for s in steps if "ofsted-trace@" in s.get("uses", "")]
    assert len(uses) == 1 and set(uses[0]["with"]) <= set(action()["inputs"])
    assert steps[0]["with"]["fetch-depth"] == 0  # the diff needs the base commit
