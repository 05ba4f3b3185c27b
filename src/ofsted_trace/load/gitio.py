"""Read a dataset as it stood at a git revision, without touching the working tree."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ofsted_trace.errors import UsageError

NO_GIT = "git is not installed, or not on PATH"
# Regular files only: a symlink's blob is its target, which could point anywhere.
_FILE_MODES = frozenset({"100644", "100755"})


@dataclass(frozen=True)
class Place:
    """Where a dataset directory sits: its repository's top level and its path inside it."""

    top: Path
    prefix: str  # posix, with a trailing slash, or "" for the top level


def _fail(message: str, where: str) -> UsageError:
    """A git failure the user can act on; where is kept for the reader of this code only."""
    del where
    return UsageError(message)


def _git(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run git with an argument list; raise UsageError with git's first line on failure."""
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], input=data, capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise _fail(NO_GIT, str(cwd)) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _fail(lines[0] if lines else f"git {args[0]} failed", str(cwd))
    return done.stdout


def locate(data: Path) -> Place:
    """Find the repository holding the dataset directory; fail if it is not in one."""
    if not data.is_dir():
        raise _fail(f"dataset directory {data} not found; pass --data DIR or set "
                    "OFSTED_TRACE_DATA", str(data))
    try:
        out = _git(data, "rev-parse", "--show-toplevel", "--show-prefix")
    except UsageError as exc:
        if "not a git repository" not in str(exc):
            raise  # git's own word is clearer, e.g. "detected dubious ownership"
        raise _fail(f"{data} is not inside a git repository", str(data)) from None
    top, _, prefix = out.decode("utf-8").partition("\n")
    return Place(Path(top), prefix.strip())


def resolve(place: Place, rev: str) -> str:
    """The commit a revision names (tag, branch, HEAD~3, sha); fail if there is none."""
    if rev.startswith("-"):  # never let a revision be read as an option
        raise _fail(f"unknown revision '{rev}'", str(place.top))
    try:
        return _git(place.top, "rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{rev}^{{commit}}").decode("ascii").strip()
    except UsageError:
        raise _fail(f"unknown revision '{rev}'", str(place.top)) from None


def listing(place: Place, commit: str) -> dict[str, str]:
    """Every regular file under the dataset directory at commit: its blob id, by path inside it."""
    out = _git(place.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--",
               place.prefix or ".")
    wanted: dict[str, str] = {}
    for entry in filter(None, out.split(b"\0")):
        meta, _, raw = entry.partition(b"\t")
        mode, kind, oid = meta.decode("ascii").split()
        path = raw.decode("utf-8", "surrogateescape")
        rel = path.removeprefix(place.prefix)
        if kind == "blob" and mode in _FILE_MODES and _safe(rel):
            wanted[rel] = oid
    if not wanted:
        raise _fail(f"revision {commit[:12]} has no dataset under '{place.prefix or '.'}'",
                    str(place.top))
    return wanted


def blobs(place: Place, commit: str, wanted: dict[str, str]) -> dict[str, bytes]:
    """The bytes of the files wanted (path to blob id, from listing), all in one git call."""
    batch = _git(place.top, "cat-file", "--batch",
                 data="".join(f"{oid}\n" for oid in wanted.values()).encode("ascii"))
    out, pos = {}, 0
    for rel, oid in wanted.items():
        header_end = batch.index(b"\n", pos)
        header = batch[pos:header_end].split()
        if len(header) != 3:  # "<oid> missing": a damaged or shallow repository
            raise _fail(f"the repository has no object {oid[:12]} for {place.prefix}{rel} at "
                        f"revision {commit[:12]}; it is damaged or incomplete (try "
                        "`git fsck`, or fetch it again)", str(place.top))
        size = int(header[2])
        out[rel] = batch[header_end + 1:header_end + 1 + size]
        pos = header_end + 1 + size + 1  # content is followed by one newline
    return out


def files(place: Place, commit: str) -> dict[str, bytes]:
    """Every regular file under the dataset directory at commit, keyed by path inside it."""
    return blobs(place, commit, listing(place, commit))


def _safe(rel: str) -> bool:
    """A path that stays inside the directory it is written to."""
    return all(part not in ("", ".", "..") for part in rel.split("/"))


def materialise(place: Place, commit: str, dest: Path,
                held: dict[str, str] | None = None) -> dict[str, str]:
    """Write the dataset as it was at commit into dest, a private directory; what it holds.

    held: what dest holds from an earlier call (path to blob id, as returned then). Only the
    files whose blob differs are read from git and written, and files that commit lacks are
    removed, with the folders they leave empty: dest ends as a fresh copy would be.
    """
    held = held or {}
    wanted = listing(place, commit)
    fresh = blobs(place, commit, {rel: oid for rel, oid in wanted.items()
                                  if held.get(rel) != oid})
    for rel in held.keys() - wanted.keys():
        (dest / rel).unlink()
        _prune(dest, (dest / rel).parent)
    for rel, data in fresh.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return wanted


def _prune(dest: Path, folder: Path) -> None:
    """Remove folder and each parent below dest while it is empty."""
    while folder != dest and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def blob(place: Place, rev: str, rel: str) -> bytes | None:
    """One file under the dataset directory as it was at rev, or None if it was not there."""
    try:
        return _git(place.top, "show", f"{resolve(place, rev)}:{place.prefix}{rel}")
    except UsageError:
        return None
