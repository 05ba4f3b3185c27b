"""The trace-check hook, run by pre-commit itself from this repository, as a data repo would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.gitrepo import Repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture(scope="session")
def pre_commit_home(request: pytest.FixtureRequest) -> Path:
    """One cache for the whole session (and later ones), so the hook's env is built rarely."""
    return Path(request.config.cache.mkdir("pre-commit-home"))


def try_repo(repo: Repo, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `pre-commit try-repo <this worktree> trace-check --all-files` inside repo."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("OFSTED_TRACE_DATA", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO),
                           "trace-check", "--all-files", "--color", "never"],
                          cwd=repo.path, env=env, capture_output=True, text=True,
                          check=False, timeout=900)


def test_hook_passes_on_good_data_and_names_the_line_on_bad(tmp_path: Path,
                                                            pre_commit_home: Path) -> None:
    repo = Repo(tmp_path / "council")
    repo.commit("good data")
    good = try_repo(repo, pre_commit_home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "trace check (ofsted-trace dataset)" in good.stdout
    assert "Passed" in good.stdout

    repo.edit("evidence/letter.yaml", "stance: concern\n    recommendations: [R2]",
              "stance: worried\n    recommendations: [R2]")
    repo.commit("bad data")
    bad = try_repo(repo, pre_commit_home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "data/evidence/letter.yaml:15:13: error bad-choice stance 'worried'" in bad.stdout


def test_hook_skips_commits_that_touch_no_dataset_file(tmp_path: Path,
                                                       pre_commit_home: Path) -> None:
    repo = Repo(tmp_path / "council")
    repo.edit("evidence/letter.yaml", "stance: concern", "stance: worried")
    shutil.move(repo.data, repo.path / "elsewhere")
    (repo.path / "notes.md").write_text("Board notes\n")
    repo.commit("no data/ files")
    result = try_repo(repo, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout
