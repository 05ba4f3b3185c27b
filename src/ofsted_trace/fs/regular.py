"""Read a file only if it is a regular file, and only once its size is known to be in limits."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# No dataset file is ever read past this size: the largest of the loader's limits (a document
# text's). The whole-output cache keys a larger file on its size alone, without reading it.
MAX_READ = 32 * 1024 * 1024
# A FIFO with no writer blocks open(); O_NONBLOCK lets it return so fstat can refuse it.
# Windows has neither FIFOs of this kind nor the flag; O_BINARY keeps its bytes unchanged.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class NotRegular(OSError):
    """A pipe, device, socket or directory where a file's bytes were expected."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "not a regular file (a pipe, device or directory)",
                         str(path))


class TooLarge(OSError):
    """A file over the size limit, refused before its bytes were read."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"file is {size:,} bytes; the limit is {limit:,}",
                         str(path))
        self.size, self.limit = size, limit


def read(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file of at most limit bytes; NotRegular or TooLarge otherwise.

    The path is stat'ed before it is opened (opening some devices does something), and the
    open file is fstat'ed again, so a file swapped in between is judged as what was opened.
    """
    check(os.stat(path), path, limit)
    fd = os.open(path, _FLAGS)
    with os.fdopen(fd, "rb") as handle:
        check(os.fstat(fd), path, limit)
        if _FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # a regular file never blocks; reads stay whole
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew after the fstat
        raise TooLarge(path, len(data), limit)
    return data


def check(info: os.stat_result, path: Path | str, limit: int) -> None:
    """Raise NotRegular or TooLarge for what a stat says of path; return if it may be read."""
    if not stat.S_ISREG(info.st_mode):
        raise NotRegular(path)
    if info.st_size > limit:
        raise TooLarge(path, info.st_size, limit)
