"""GitHub workflow annotations, so a pull request shows each problem on its line."""

from __future__ import annotations

from ofsted_trace.model.problems import Problem
from ofsted_trace.render.safe import plain


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: %, CR and LF in the message; the log view obeys
    # ANSI escapes, so controls in data text are shown as visible escapes first.
    return plain(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format(problems: tuple[Problem, ...]) -> str:
    """One ::error or ::warning command per problem."""
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.location.file)}"]
        if p.location.line:
            props += [f"line={p.location.line}", f"col={p.location.col or 1}"]
        props.append(f"title={_escape_property(p.code)}")
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_data(p.message)}")
    return "".join(f"{line}\n" for line in lines)
