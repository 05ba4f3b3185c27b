"""Write files so a crash can never leave one half-written."""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path

# Tests set this to a number of seconds: the writer sleeps with the temporary file written but
# not yet renamed, so a test can kill it there and prove the original survives.
PAUSE_ENV = "OFSTED_TRACE_TEST_PAUSE_BEFORE_RENAME"

def write_atomic(path: Path, data: bytes | memoryview, guard: Callable[[], None] | None = None, *,
                 sync: bool = True) -> None:
    """Write to a temporary file beside path, fsync it, then rename it over path.

    guard runs after the temporary file is safely on disk and just before the rename; if it
    raises, the temporary file is removed and path is left alone. sync=False skips the fsyncs,
    for files that may be lost but never half-written (caches).
    """
    import tempfile  # here: a run that writes nothing (a cache hit) does without it

    path.parent.mkdir(parents=True, exist_ok=True)
    # The pid in the name lets a later writer remove temporaries that a killed one left behind.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            # mkstemp makes 0600; a new report must be readable as any new file would be.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        pause = os.environ.get(PAUSE_ENV) if sync else None  # caches are not under test
        if pause:
            time.sleep(float(pause))
        if guard is not None:
            guard()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if not sync or os.name == "nt":
        return  # Windows cannot open a directory to fsync it; its rename is already durable
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_output(path: Path, data: bytes | memoryview) -> None:
    """Write a command's output file: atomically to a regular file or a new path, in place to
    anything else.

    A rename would replace a device or a pipe (`-o /dev/null` run as root made it a regular
    file), and a link with a file; so a device or pipe is written straight into, and a link is
    followed to the file it names.
    """
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(path, "wb") as handle:
            handle.write(data)
        return
    write_atomic(Path(os.path.realpath(path)), data)


def sweep_stale(path: Path) -> list[Path]:
    """Remove temporaries of path left by writers that are no longer running; return them."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\..*\.tmp$")
    removed = []
    for candidate in path.parent.glob(f".{path.name}.*.tmp") if path.parent.is_dir() else []:
        match = pattern.match(candidate.name)
        if match is None or alive(int(match.group(1))):
            continue
        candidate.unlink(missing_ok=True)
        removed.append(candidate)
    return removed


def alive(pid: int) -> bool:
    """Whether a process is running; on Windows asked without a signal (os.kill would end it)."""
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _alive_windows(pid: int) -> bool:
    """Whether a process runs, asked without signals: os.kill would terminate it on Windows."""
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return True  # cannot tell: keep the temporary file rather than risk a live writer's
    handle = windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    try:
        windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    finally:
        windll.kernel32.CloseHandle(handle)
    return code.value == 259  # STILL_ACTIVE
