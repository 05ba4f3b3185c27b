"""Shared fixtures: dataset copies, the CLI runner, and golden files with an update switch."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from ofsted_trace.cli import shared
from ofsted_trace.cli.entry import app

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent
BARNET = REPO / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files from the current output.")


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own empty cache, never one beside the fixtures in the source tree."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("OFSTED_TRACE_CACHE", str(cache))
    # The per-user secret that signs cache entries lives here, never in the user's home.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "user-cache"))
    return cache


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A private copy of the small valid dataset, safe to edit."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "minimal", target)
    return target


@pytest.fixture
def barnet(tmp_path: Path) -> Path:
    """A private copy of the bundled Barnet dataset."""
    target = tmp_path / "data"
    shutil.copytree(BARNET, target)
    return target


class Run:
    """Runs the CLI in-process and keeps stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> Result:
        return self.runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100",
                                                        **(env or {})})


@pytest.fixture
def run() -> Run:
    """Invoke `trace` with arguments; returns typer's Result."""
    return Run()


# Compares text with a golden file (name, text); --update-golden rewrites it.
Golden = Callable[[str, str], None]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare text with tests/golden/NAME; --update-golden rewrites it instead."""
    update = request.config.getoption("--update-golden")

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {name} is missing; run pytest --update-golden")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden {name}"

    return compare


# Hypothesis: a few hundred examples in `make test`, many more with HYPOTHESIS_PROFILE=fuzz.
settings.register_profile("default", max_examples=15, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each run that could have judged only a change did so, in turn."""
    seen: list[bool] = []
    real = shared.rejudged

    def spy(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(found is not None)
        return found

    monkeypatch.setattr(shared, "rejudged", spy)
    yield seen
