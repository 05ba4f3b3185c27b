"""Where a dataset's relative paths really lead: symlinks followed, escapes refused."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


class Resolver:
    """Resolves paths under one dataset directory, each directory only once."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._dirs: dict[str, str] = {}

    def under(self, rel: str) -> Path | None:
        """Where rel really is, or None if it is absolute or leads out (symlinks included)."""
        pure = PurePosixPath(rel.replace("\\", "/"))
        if pure.is_absolute() or (pure.parts and pure.parts[0].endswith(":")):
            return None
        joined = os.path.join(self.root, *pure.parts)
        head, name = os.path.split(joined)
        # Path.resolve() costs an lstat per component, for each of a thousand files in one
        # folder; here the folder is resolved once and each file costs one lstat.
        if name in ("", ".", "..") or os.path.islink(joined):
            real = os.path.realpath(joined)
        else:
            real_head = self._dirs.get(head)
            if real_head is None:
                real_head = self._dirs[head] = os.path.realpath(head)
            real = os.path.join(real_head, name)
        path = Path(real)
        return path if path.is_relative_to(self.root) else None


# No file system in use allows a longer name for one part of a path (NTFS, ext4, APFS).
NAME_MAX = 255


def unusable(rel: str) -> str | None:
    """Why rel can name no file on any system (a NUL, a part too long), or None if it can."""
    if "\0" in rel:
        return "it holds a NUL character"
    longest = max((len(part.encode("utf-8", "surrogateescape"))
                   for part in rel.replace("\\", "/").split("/")), default=0)
    if longest > NAME_MAX:
        return f"one part of it is {longest} bytes long; the limit is {NAME_MAX}"
    return None


def find_dataset(name: Path, cwd: Path, *, any_dataset: bool = False) -> Path:
    """The dataset directory a relative name means from cwd, looking upwards as git does.

    At cwd and then each parent: `parent/name`, or the parent itself if its path ends in
    name; with any_dataset, also a directory holding a recommendations.yaml (the default
    `data` when one is working inside a council's dataset). Found, it is given relative to
    cwd where it can be (so problems still show short paths); else name is returned as is.
    """
    if name.is_absolute():
        return name
    for place in (cwd, *cwd.parents):
        for candidate in (place / name, place):
            ends_in_name = candidate == place and place.parts[-len(name.parts):] == name.parts
            own = candidate == place and any_dataset and (place / "recommendations.yaml").is_file()
            if (candidate != place or ends_in_name or own) and candidate.is_dir():
                return _relative(candidate, cwd)
    return name


def _relative(path: Path, cwd: Path) -> Path:
    try:
        return Path(os.path.relpath(path, cwd))
    except ValueError:  # another drive on Windows: no relative path exists
        return path
