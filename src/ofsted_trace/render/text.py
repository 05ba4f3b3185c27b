"""Plain text lines, as compilers and linters print them: path:line:col: severity CODE message."""

from __future__ import annotations

from ofsted_trace.model.problems import Problem, Severity
from ofsted_trace.render.safe import line


def format(problems: tuple[Problem, ...]) -> str:
    """One line per problem, then a summary line."""
    lines = [line(f"{p.location}: {p.severity} {p.code} {p.message}") for p in problems]
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        lines.append(f"{errors} error{'s' * (errors != 1)}, "
                     f"{warnings} warning{'s' * (warnings != 1)}")
    return "".join(f"{line}\n" for line in lines)
