"""One lock per dataset, so edits to its files are serialised (filelock: Windows and POSIX)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock


def path_for(root: Path) -> Path:
    """The dataset's lock file: in the temporary directory, so the dataset gains no file.

    Named by a hash of the dataset's real path, so every way of naming it finds one lock.
    """
    real = os.path.realpath(root)
    name = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
    return Path(tempfile.gettempdir()) / f"ofsted-trace-{name}.lock"


@contextmanager
def held(root: Path) -> Iterator[None]:
    """Hold the dataset's lock (waiting for another edit to finish) while the body runs."""
    # thread_local=False and no singleton: the lock belongs to this edit, not to a thread.
    with FileLock(str(path_for(root)), thread_local=False, is_singleton=False):
        yield
