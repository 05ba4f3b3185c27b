"""Measure `trace` against the performance budgets of issue 7 and print a pass/fail table.

Every timing is a fresh process (subprocess), repeated; the median is reported. Startup
budgets are ratios against importing the stack, measured interleaved in the same run, because
the machine is noisy. Results also go to bench/out/results.json.

    python bench/run.py            # bundled data, 10k and 100k excerpts (about 10 minutes)
    python bench/run.py --quick    # bundled data and 10k only
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # bench/ is a folder of scripts, not a package

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
PY = sys.executable
_SCRIPT = Path(PY).parent / "trace"
TRACE = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "ofsted_trace"]
STACK = [PY, "-c", "import typer, pydantic, ruamel.yaml, rich.table, networkx"]
COMMANDS = ("check", "gaps", "status")
_VERDICT = {True: "PASS", False: "FAIL", None: "info"}


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run cmd once, output discarded; its wall time in seconds and peak RSS in bytes."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})}, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode >= 2:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


class Results:
    """Rows of the table: budget, measured median, ratio and whether it passed."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []

    def add(self, budget: str, measured: str, ratio: float | None, limit: float,
            passed: bool | None) -> None:
        """Record one budget's outcome and print it at once; passed=None is for reference."""
        row = {"budget": budget, "measured": measured,
               "ratio": None if ratio is None else round(ratio, 3), "limit": limit,
               "pass": passed}
        self.rows.append(row)
        shown = "" if ratio is None else f"{ratio:.2f}"
        print(f"{budget:<48} {measured:>22} {shown:>7} {_VERDICT[passed]:>5}",
              flush=True)


def startup(results: Results, repeat: int) -> None:
    """Budgets 1 and 2: help, version and cold gaps against the stack import, interleaved."""
    cache = OUT / "cache-bundled"
    env = {"OFSTED_TRACE_CACHE": str(cache)}
    runs: dict[str, list[float]] = {k: [] for k in ("stack", "help", "version", "gaps-cold",
                                                    "gaps-warm")}
    for _ in range(repeat):
        runs["stack"].append(timed(STACK)[0])
        runs["help"].append(timed([*TRACE, "--help"])[0])
        runs["version"].append(timed([*TRACE, "--version"])[0])
        shutil.rmtree(cache, ignore_errors=True)
        runs["gaps-cold"].append(timed([*TRACE, "gaps"], env)[0])
        runs["gaps-warm"].append(timed([*TRACE, "gaps"], env)[0])
    med = {k: statistics.median(v) for k, v in runs.items()}
    stack = med["stack"]
    results.add("stack import (reference)", f"{stack * 1000:.0f} ms", None, 0, True)
    for name, limit in (("help", 0.5), ("version", 0.5), ("gaps-cold", 1.25),
                        ("gaps-warm", 1.25)):
        ratio = med[name] / stack
        label = {"help": "trace --help", "version": "trace --version",
                 "gaps-cold": "trace gaps, bundled, empty cache",
                 "gaps-warm": "trace gaps, bundled, cache warm"}[name]
        results.add(f"{label} <= {limit}x stack", f"{med[name] * 1000:.0f} ms", ratio, limit,
                    ratio <= limit)


def touch_evidence(data: Path, n: int) -> None:
    """Edit one evidence file as an officer would: a new stance on its first excerpt.

    A real value changes (not just a comment), so assessments and gaps change too and no
    cache can answer from an earlier run.
    """
    path = sorted((data / "evidence").glob("*.yaml"))[0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    stance: "))
    lines[at] = f"    stance: {('progress', 'mixed', 'concern')[n % 3]}\n"
    path.write_text("".join(lines), encoding="utf-8")


def scale(results: Results, excerpts: int, repeat: int, strict: bool) -> dict[str, float]:
    """Budget 3 at one size: cold, unchanged and one-file-changed runs of each command."""
    label = f"{excerpts // 1000}k"
    data = OUT / f"data-{label}"
    cache = OUT / f"cache-{label}"
    print(f"-- generating {excerpts:,} excerpts in {data.relative_to(REPO)}", flush=True)
    generate(data, excerpts)
    env = {"OFSTED_TRACE_CACHE": str(cache)}
    colds: dict[str, float] = {}
    peak = 0
    edits = 0
    for command in COMMANDS:
        cmd = [*TRACE, command, "--data", str(data)]
        cold, warm, changed = [], [], []
        for _ in range(repeat):
            shutil.rmtree(cache, ignore_errors=True)
            seconds, rss = timed(cmd, env)
            cold.append(seconds)
            peak = max(peak, rss)
            seconds, rss = timed(cmd, env)
            warm.append(seconds)
            peak = max(peak, rss)
            edits += 1
            touch_evidence(data, edits)
            seconds, rss = timed(cmd, env)
            changed.append(seconds)
            peak = max(peak, rss)
        colds[command] = statistics.median(cold)
        for name, values, limit in (("cold", cold, 10.0), ("unchanged", warm, 1.5),
                                    ("one file changed", changed, 2.0)):
            med = statistics.median(values)
            results.add(f"{label} trace {command}, {name} <= {limit:g} s", f"{med:.2f} s",
                        med / limit, limit, (med <= limit) if strict else None)
    results.add(f"{label} peak memory <= 1 GB", f"{peak / 2**20:.0f} MB", peak / 2**30, 1.0,
                peak <= 2**30)
    return colds


def main() -> None:
    """Run every budget and write bench/out/results.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="bundled data and 10k only")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    results = Results()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, {platform.platform()}")
    print(f"{'budget':<48} {'median':>22} {'ratio':>7} {'':>5}")
    startup(results, repeat=11)
    small = scale(results, 10_000, repeat=5, strict=False)
    if not args.quick:
        big = scale(results, 100_000, repeat=3, strict=True)
        for command in COMMANDS:
            ratio = big[command] / small[command]
            results.add(f"{command}: cold 100k <= 12x cold 10k",
                        f"{big[command]:.2f}/{small[command]:.2f} s", ratio, 12.0, ratio <= 12)
    (OUT / "results.json").write_text(json.dumps({
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "platform": platform.platform(), "rows": results.rows}, indent=2) + "\n",
        encoding="utf-8")
    failed = [r for r in results.rows if r["pass"] is False]
    print(f"{len(results.rows) - len(failed)} of {len(results.rows)} budgets met")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
