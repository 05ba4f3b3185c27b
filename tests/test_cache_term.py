"""The whole-output cache's key follows every terminal whose width the output may take."""

from __future__ import annotations

import io
import os

import pytest

from ofsted_trace.cache import output


@pytest.mark.parametrize("fd", [0, 2])
def test_the_width_of_stdin_or_stderr_is_part_of_the_key(fd: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Output to a file or pipe, with stdin or stderr a terminal: rich lays the table out at
    # that terminal's width, so a run at another width must not be answered from this one.
    def sized(columns: int) -> str:
        def size(at: int) -> os.terminal_size:
            if at != fd:
                raise OSError("not a terminal")
            return os.terminal_size((columns, 24))

        monkeypatch.setattr(os, "get_terminal_size", size)
        return output._term(io.StringIO())

    assert sized(60) != sized(160)
    assert sized(60) == sized(60)
