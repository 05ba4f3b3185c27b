"""A progress bar for long loads, on stderr, only when a person is watching a terminal."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

# Work shorter than this shows nothing: a bar that flashes is noise.
DELAY = 1.0


def wanted(stream: IO[str]) -> bool:
    """A bar only on a terminal, and never in CI or when TERM is dumb."""
    return (stream.isatty() and not os.environ.get("CI")
            and os.environ.get("TERM", "") != "dumb")


@contextmanager
def bar(label: str, stream: IO[str] | None = None,
        delay: float = DELAY) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a (done, total) callback that draws a bar after `delay` seconds; None if unwanted."""
    out = sys.stderr if stream is None else stream
    if not wanted(out):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    start = time.monotonic()
    progress = Progress(console=Console(file=out), transient=True)
    task = progress.add_task(label, total=None)
    shown = False

    def update(done: int, total: int) -> None:
        nonlocal shown
        if not shown and time.monotonic() - start >= delay:
            progress.start()
            shown = True
        progress.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if shown:
            progress.stop()
