"""A throwaway git repository for tests, with commits made from known content."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import FIXTURES

# Isolated from the user's git settings: no signing, no hooks, a fixed author.
_ENV = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "PATH": "/usr/local/bin:/usr/bin:/bin"}


class Repo:
    """A git repository at path whose dataset is path/data, started from the minimal fixture."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = path / "data"
        shutil.copytree(FIXTURES / "valid" / "minimal", self.data)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        """Run git in the repository and return its output."""
        return subprocess.run(["git", *args], cwd=self.path, env=_ENV, check=True,
                              capture_output=True, text=True).stdout

    def commit(self, message: str, tag: str | None = None) -> None:
        """Commit everything, optionally tagging the commit."""
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        if tag:
            self.git("tag", tag)

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace one exact piece of text in a dataset file."""
        path = self.data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        """Write a dataset file, creating its directory."""
        path = self.data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
