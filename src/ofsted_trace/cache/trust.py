"""Whether a cache may be believed: the user's own secret, and a directory only they could fill."""

from __future__ import annotations

import functools
import os
import stat
import sys
from pathlib import Path

_SECRET_BYTES = 32


def secret_path() -> Path:
    """Where this user's secret lives: their own cache directory, outside any repository."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ofsted-trace" / "secret"


def secret() -> bytes | None:
    """This user's secret that signs every cache entry, made on first use; None: no cache."""
    return _secret(str(secret_path()))


@functools.lru_cache(maxsize=8)
def _secret(where: str) -> bytes | None:
    path = Path(where)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_EXCL never follows a link, so a planted link cannot choose where the secret goes.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o600)
    except FileExistsError:
        return _read_secret(path)
    except OSError:
        return None
    import secrets  # here: only a user's very first run makes the secret

    made = secrets.token_bytes(_SECRET_BYTES)
    with os.fdopen(fd, "wb") as handle:
        handle.write(made)
    return made


def _read_secret(path: Path) -> bytes | None:
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or not _own(info):
            return None  # a link or someone else's file: its secret is not ours
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if len(raw) >= _SECRET_BYTES else None


def _own(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def refusal(directory: Path, dataset: Path) -> str | None:
    """Why a cache directory must not be used, or None when it may be.

    A link could send writes anywhere (into the dataset itself); another user's directory, or
    one git tracks, holds entries someone else wrote.
    """
    try:
        info = os.lstat(directory)
    except FileNotFoundError:
        return _inside(directory.parent, dataset)
    except OSError:
        return None  # unreadable: every read and write will simply miss
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not _own(info):
        return "it belongs to another user"
    return _inside(directory, dataset) or _tracked(directory)


def _inside(directory: Path, dataset: Path) -> str | None:
    try:
        inside = directory.resolve().is_relative_to(dataset.resolve())
    except OSError:
        return None
    return "it is inside the dataset directory" if inside else None


def _tracked(directory: Path) -> str | None:
    """Whether git tracks any file in the directory (someone committed a cache)."""
    if not any((place / ".git").exists() for place in (directory, *directory.parents)):
        return None
    import subprocess  # here: only a cache inside a repository asks git (~5 ms to import)

    try:
        done = subprocess.run(["git", "-C", str(directory), "ls-files", "-z", "--", "."],
                              capture_output=True, check=False)
    except OSError:
        return None  # no git: nothing can have been checked out by it either
    return "git tracks files in it" if done.returncode == 0 and done.stdout else None
