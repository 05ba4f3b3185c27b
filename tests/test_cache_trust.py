"""A cache can never change an answer: forged entries, foreign directories and links are refused."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
import yaml

from ofsted_trace.cache import keys
from ofsted_trace.cache import store as cache
from ofsted_trace.load import reader
from ofsted_trace.model.records import EvidenceFile
from tests.conftest import Run
from tests.gitrepo import Repo
from tests.test_fixtures import digest

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners and links")


def _forge(directory: Path, data: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Store, as an attacker with their own secret would, the clean file's records under the
    key of the edited file's bytes."""
    letter = data / "evidence" / "letter.yaml"
    clean = letter.read_text(encoding="utf-8")
    letter.write_text(clean.replace("analyse risk well", "analyse risk badly"), encoding="utf-8")
    model = EvidenceFile.model_validate(yaml.safe_load(clean))
    name = reader.entry_name("EvidenceFile", keys.digest(letter.read_bytes()))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setenv("LOCALAPPDATA", str(home))
    cache.Cache(directory).put(name, reader.packed(model, {}))


def test_forged_entry_committed_in_a_repo_is_ignored(run: Run, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OFSTED_TRACE_CACHE")
    repo = Repo(tmp_path / "repo")
    committed = repo.path / cache.DIR_NAME
    victim = os.environ["XDG_CACHE_HOME"]
    _forge(committed, repo.data, tmp_path / "attacker", monkeypatch)
    repo.git("add", "-f", cache.DIR_NAME)
    repo.commit("only a cache entry")
    monkeypatch.setenv("XDG_CACHE_HOME", victim)
    monkeypatch.setenv("LOCALAPPDATA", victim)
    result = run("check", "--strict", "--data", str(repo.data))
    assert result.exit_code == 1, result.output
    assert "quote-not-found" in result.stdout
    assert "git tracks" in result.stderr and result.stderr.count("warning") == 1


def test_an_entry_made_with_another_secret_is_never_recalled(
        run: Run, minimal: Path, private_cache: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    victim = os.environ["XDG_CACHE_HOME"]
    _forge(private_cache, minimal, tmp_path / "attacker", monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", victim)
    monkeypatch.setenv("LOCALAPPDATA", victim)
    result = run("check", "--strict", "--data", str(minimal))
    assert result.exit_code == 1 and "quote-not-found" in result.stdout, result.output


def test_the_secret_is_private_and_kept(minimal: Path, private_cache: Path) -> None:
    cache.Cache(private_cache).put("ab" * 20, b"x")
    secret = Path(os.environ["XDG_CACHE_HOME"]) / "ofsted-trace" / "secret"
    assert len(secret.read_bytes()) >= 32
    if sys.platform != "win32":
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert cache.Cache(private_cache).get("ab" * 20) == b"x"


@posix_only
def test_a_dangling_gitignore_link_creates_nothing(run: Run, minimal: Path,
                                                   private_cache: Path, tmp_path: Path) -> None:
    private_cache.mkdir()
    target = tmp_path / "planted"
    (private_cache / ".gitignore").symlink_to(target)
    assert run("gaps", "--data", str(minimal)).exit_code == 0
    assert not os.path.lexists(target)


@posix_only
def test_cache_dir_linked_into_the_dataset_is_refused(run: Run, minimal: Path,
                                                      private_cache: Path) -> None:
    private_cache.symlink_to(minimal, target_is_directory=True)
    before = digest(minimal)
    result = run("gaps", "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert digest(minimal) == before, "the dataset was written"
    assert "symbolic link" in result.stderr and result.stderr.count("\n") == 1


@posix_only
def test_entry_folders_that_are_links_are_not_written_through(run: Run, minimal: Path,
                                                              private_cache: Path,
                                                              tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    private_cache.mkdir()
    for i in range(256):
        (private_cache / f"{i:02x}").symlink_to(elsewhere, target_is_directory=True)
    assert run("gaps", "--data", str(minimal)).exit_code == 0
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="only root can give a folder to another user")
def test_cache_dir_of_another_user_is_refused(run: Run, minimal: Path,
                                              private_cache: Path) -> None:
    private_cache.mkdir()
    os.chown(private_cache, 12345, 12345)
    result = run("gaps", "--data", str(minimal))
    assert result.exit_code == 0, result.output
    assert list(private_cache.iterdir()) == []
    assert "another user" in result.stderr
