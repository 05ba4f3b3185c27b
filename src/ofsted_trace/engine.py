"""The core pipeline: load, check and locate problems; build the graph for analyses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ofsted_trace import checks, loader, yamlio
from ofsted_trace.dataset import Dataset
from ofsted_trace.problems import Location, Problem, Severity, TraceError, error

# Problems about a key itself, rather than its value, point at the key.
_KEY_CODES = frozenset({"unknown-key"})


@dataclass(frozen=True)
class Checked:
    """A loaded dataset and every problem found in it, located and sorted."""

    dataset: Dataset
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Only the problems that are errors."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Only the problems that are warnings."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def check(root: Path) -> Checked:
    """Load and check the dataset at root; raise TraceError when there is no dataset at all."""
    if not root.is_dir():
        raise TraceError([error("no-dataset", "dataset directory not found; pass --data DIR "
                                "or set OFSTED_TRACE_DATA", str(root))])
    ds, reader = loader.load(root)
    problems = [*reader.problems, *checks.run_all(ds)]
    located = _locate(root, problems, reader.texts)
    return Checked(ds, tuple(sorted(located, key=Problem.sort_key)))


def _locate(root: Path, problems: list[Problem], texts: dict[str, str]) -> list[Problem]:
    """Give each problem its line and column, composing each file at most once."""
    locators: dict[str, yamlio.Locator] = {}
    out = []
    for problem in problems:
        rel = problem.location.file
        line, col = problem.location.line, problem.location.col
        if not line and rel in texts:
            locator = locators.setdefault(rel, yamlio.Locator(texts[rel]))
            line, col = locator.find(problem.pointer, key=problem.code in _KEY_CODES)
        out.append(replace(problem, location=Location(_shown(root, rel), line, col)))
    return out


def _shown(root: Path, rel: str) -> str:
    """The path as the user would type it: under the dataset directory they named."""
    return (root / rel).as_posix() if not Path(rel).is_absolute() else rel
