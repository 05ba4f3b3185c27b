"""Measure `trace` against its performance budgets and print a pass/fail table.

Every timing is a fresh process, and every ratio is taken against a reference measured in the
same run, interleaved, because the machine is noisy: the stack import (`python -c "import
typer, pydantic, ruamel.yaml, rich.table, networkx"`) for start-up, and the parse floor
(bench/floor.py: one process parsing every YAML file of the dataset with PyYAML's C loader
and reading every text) for the cold runs at scale. The datasets are bench/generate.py's, in
the shape of real evidence. Results also go to bench/out/results.json.

    python bench/run.py            # bundled data, 10k and 100k excerpts (about 20 minutes)
    python bench/run.py --quick    # bundled data and 10k only
"""

from __future__ import annotations

import argparse
import compileall
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
OFF = {"OFSTED_TRACE_CACHE": "off"}
MB = 2**20
_VERDICT = {True: "PASS", False: "FAIL", None: "info"}


def timed(cmd: list[str], env: dict[str, str] | None = None, ok: int = 1) -> tuple[float, int]:
    """Run cmd once, output discarded; its wall time in seconds and peak RSS in bytes.

    The peak is the largest of the process and every worker it waited for (RUSAGE_CHILDREN
    of this one process tree).
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})}, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code > ok:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {code}\n{err}")
    if proc.stderr:
        proc.stderr.close()
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


class Results:
    """Rows of the table: budget, measured median, ratio and whether it passed."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []

    def add(self, budget: str, measured: str, ratio: float | None, limit: float,
            passed: bool | None) -> None:
        """Record one budget's outcome and print it at once; passed=None is for reference."""
        self.rows.append({"budget": budget, "measured": measured,
                          "ratio": None if ratio is None else round(ratio, 3), "limit": limit,
                          "pass": passed})
        shown = "" if ratio is None else f"{ratio:.2f}"
        print(f"{budget:<58} {measured:>20} {shown:>6} {_VERDICT[passed]:>5}", flush=True)

    def ratio(self, budget: str, seconds: float, reference: float, limit: float) -> None:
        """A budget that is a multiple of a reference measured in the same run."""
        self.add(f"{budget} <= {limit:g}x", f"{seconds:.2f} s", seconds / reference, limit,
                 seconds <= limit * reference)

    def seconds(self, budget: str, seconds: float, limit: float) -> None:
        """A budget in seconds."""
        self.add(f"{budget} <= {limit:g} s", f"{seconds:.2f} s", seconds / limit, limit,
                 seconds <= limit)

    def memory(self, budget: str, peak: int, limit_mb: int) -> None:
        """A budget on peak resident memory."""
        self.add(f"{budget} <= {limit_mb} MB", f"{peak / MB:.0f} MB", peak / (limit_mb * MB),
                 limit_mb, peak <= limit_mb * MB)


def startup(results: Results, repeat: int) -> None:
    """On the bundled data: --help and a cold `gaps` against the stack import, interleaved."""
    runs: dict[str, list[float]] = {"stack": [], "help": [], "gaps": []}
    for _ in range(repeat):
        runs["stack"].append(timed(STACK)[0])
        runs["help"].append(timed([*TRACE, "--help"])[0])
        runs["gaps"].append(timed([*TRACE, "gaps"], OFF)[0])
    med = {k: statistics.median(v) for k, v in runs.items()}
    results.add("stack import (reference)", f"{med['stack'] * 1000:.0f} ms", None, 0, None)
    results.ratio("trace --help, against the stack import", med["help"], med["stack"], 0.3)
    results.ratio("bundled trace gaps, every cache off, against the stack import",
                  med["gaps"], med["stack"], 1.0)


def compiled() -> None:
    """Compile the package's bytecode, as installing it does, before anything is timed.

    The stack's bytecode was compiled when it was installed; an editable install of this
    project under PYTHONDONTWRITEBYTECODE would compile every module it imports on every run.
    """
    compileall.compile_dir(REPO / "src", quiet=1)


def touch_evidence(data: Path, n: int) -> None:
    """Edit one evidence file as an officer would: a new stance on its first excerpt.

    A real value changes (not just a comment), so assessments and gaps change too. The three
    stances come round again, so a last line numbers the edit: no run can be answered from
    the output of an earlier one with the same bytes.
    """
    path = sorted((data / "evidence").glob("*.yaml"))[0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    stance: "))
    lines[at] = f"    stance: {('progress', 'mixed', 'concern')[n % 3]}\n"
    lines = [line for line in lines if not line.startswith("# bench edit ")]
    path.write_text("".join(lines) + f"# bench edit {n}\n", encoding="utf-8")


def cold(data: Path, repeat: int) -> dict[str, float]:
    """Median cold times of the parse floor and of check, gaps and status, interleaved."""
    runs: dict[str, list[float]] = {"floor": [], **{c: [] for c in COMMANDS}}
    for _ in range(repeat):
        runs["floor"].append(timed([PY, str(BENCH / "floor.py"), str(data)])[0])
        for command in COMMANDS:
            runs[command].append(timed([*TRACE, command, "--data", str(data)], OFF)[0])
    return {k: statistics.median(v) for k, v in runs.items()}


def cached(results: Results, data: Path, label: str, repeat: int) -> int:
    """Unchanged and one-file-changed runs with the caches on; the peak memory seen."""
    env = {"OFSTED_TRACE_CACHE": str(OUT / f"cache-{label}")}
    limits = {"check": 0.5, "gaps": 1.0, "status": 1.0}
    peak, edits = 0, 0
    for command in COMMANDS:
        cmd = [*TRACE, command, "--data", str(data)]
        shutil.rmtree(env["OFSTED_TRACE_CACHE"], ignore_errors=True)
        peak = max(peak, timed(cmd, env)[1])
        warm, changed = [], []
        for _ in range(repeat):
            seconds, rss = timed(cmd, env)
            warm.append(seconds)
            peak = max(peak, rss)
            edits += 1
            touch_evidence(data, edits)
            seconds, rss = timed(cmd, env)
            changed.append(seconds)
            peak = max(peak, rss)
        results.seconds(f"{label} trace {command}, nothing changed", statistics.median(warm),
                        0.3)
        results.seconds(f"{label} trace {command}, one evidence file changed",
                        statistics.median(changed), limits[command])
    return peak


def others(results: Results, data: Path, label: str) -> None:
    """Every other command once, cold, against twice a cold check run just before it, and 1 GB.

    Each command has its own check beside it: the machine's speed drifts by a fifth over the
    minutes the cached runs take, so a check timed before them is no fair reference.
    """
    rec = "R0001"
    out = OUT / "artefacts"
    out.mkdir(exist_ok=True)
    runs = {
        "show": ["show", rec], "explain": ["explain", rec], "report (markdown)": ["report"],
        "report --format html": ["report", "--format", "html"],
        "report --summary": ["report", "--summary"], "matrix": ["matrix"], "graph": ["graph"],
        "export (json)": ["export"], "export --format csv": ["export", "--format", "csv"],
        "export --format xlsx": ["export", "--format", "xlsx", "-o", str(out / "x.xlsx")],
    }
    check = [*TRACE, "check", "--data", str(data)]
    for name, args in runs.items():
        beside = timed(check, OFF)[0]
        seconds, rss = timed([*TRACE, *args, "--data", str(data)], OFF)
        results.ratio(f"{label} trace {name}, against cold check", seconds, beside, 2.0)
        results.memory(f"{label} trace {name}, peak memory", rss, 1024)
    _commit(data)
    beside = timed(check, OFF)[0]
    seconds, rss = _diff(data)
    results.ratio(f"{label} trace diff HEAD~1 HEAD, against cold check", seconds, beside, 2.0)
    results.memory(f"{label} trace diff, peak memory", rss, 1024)
    beside = timed(check, OFF)[0]
    seconds, rss = _suggest(data)
    results.ratio(f"{label} trace suggest on one new document, against cold check", seconds,
                  beside, 2.0)
    results.memory(f"{label} trace suggest, peak memory", rss, 1024)


def _git(data: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(data), "-c", "user.name=bench", "-c",
                    "user.email=bench@example.invalid", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _commit(data: Path) -> None:
    """Commit the dataset as it is: the diff's first commit."""
    _git(data, "init", "-q")
    _git(data, "add", "-A")
    _git(data, "commit", "-q", "-m", "before")


def _diff(data: Path) -> tuple[float, int]:
    """Change three stances of the committed dataset, commit again, and time the diff."""
    path = sorted((data / "evidence").glob("*.yaml"))[1]
    stances = ("progress", "mixed", "concern")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = [i for i, line in enumerate(lines) if line.startswith("    stance: ")][:3]
    for i in at:  # each to the next stance, so every one is a real change
        now = lines[i].split(": ", 1)[1].strip()
        lines[i] = f"    stance: {stances[(stances.index(now) + 1) % 3]}\n"
    path.write_text("".join(lines), encoding="utf-8")
    _git(data, "commit", "-q", "-am", "after")
    return timed([*TRACE, "diff", "HEAD~1", "HEAD", "--data", str(data)], OFF)


def _suggest(data: Path) -> tuple[float, int]:
    """Register one new ~100 KB text (no excerpts yet) and time the suggestions for it."""
    sources = sorted((data / "sources").glob("*.txt"))
    new = data / "sources" / "new-report.txt"
    new.write_text(sources[len(sources) // 2].read_text(encoding="utf-8"), encoding="utf-8")
    with (data / "documents.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - id: new-report\n    title: A new report\n    publisher: Ofsted\n"
                     "    date: 2024-07-01\n    primary: true\n"
                     "    path: sources/new-report.txt\n")
    return timed([*TRACE, "suggest", "new-report", "--data", str(data)], OFF)


def scale(results: Results, excerpts: int, repeat: int, full: bool) -> float:
    """The budgets at one size; the median cold check in seconds."""
    label = f"{excerpts // 1000}k"
    data = OUT / f"data-{label}"
    print(f"-- generating {excerpts:,} excerpts in {data.relative_to(REPO)}", flush=True)
    generate(data, excerpts)
    med = cold(data, repeat)
    results.add(f"{label} parse floor (reference)", f"{med['floor']:.2f} s", None, 0, None)
    if full:
        results.ratio(f"{label} cold check, every cache off, against the floor",
                      med["check"], med["floor"], 1.5)
        for command in ("gaps", "status"):
            results.ratio(f"{label} cold {command}, every cache off, against the floor",
                          med[command], med["floor"], 1.7)
        peak = max(timed([*TRACE, c, "--data", str(data)], OFF)[1] for c in COMMANDS)
        peak = max(peak, cached(results, data, label, repeat))
        results.memory(f"{label} check, gaps and status, peak memory", peak, 400)
        others(results, data, label)
    else:
        results.add(f"{label} cold check (reference)", f"{med['check']:.2f} s", None, 0, None)
    return med["check"]


def main() -> None:
    """Run every budget and write bench/out/results.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="bundled data and 10k only")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    results = Results()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, {platform.platform()}")
    print(f"{'budget':<58} {'median':>20} {'ratio':>6} {'':>5}")
    compiled()
    startup(results, repeat=11)
    small = scale(results, 10_000, repeat=5, full=False)
    if not args.quick:
        big = scale(results, 100_000, repeat=3, full=True)
        results.add("cold check, 100k / 10k <= 11x", f"{big:.2f}/{small:.2f} s", big / small,
                    11.0, big <= 11 * small)
    (OUT / "results.json").write_text(json.dumps({
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "platform": platform.platform(), "rows": results.rows}, indent=2) + "\n",
        encoding="utf-8")
    failed = [r for r in results.rows if r["pass"] is False]
    print(f"{len(results.rows) - len(failed)} of {len(results.rows)} rows met "
          f"({sum(r['pass'] is None for r in results.rows)} for reference)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
