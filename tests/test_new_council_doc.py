"""docs/new-council.md is run as written: its files are saved and its commands must succeed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

DOC = REPO / "docs" / "new-council.md"
FENCE = re.compile(r"^```(\w+)(?: (\S+))?\n(.*?)^```$", re.M | re.S)


def blocks() -> list[tuple[str, str | None, str]]:
    """Each fenced block of the walkthrough: its language, its file name if any, its body."""
    return [(m.group(1), m.group(2), m.group(3)) for m in FENCE.finditer(DOC.read_text())]


def test_walkthrough_runs_from_report_to_gaps(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("OFSTED_TRACE_DATA", None)
    exports: list[str] = []
    ran: list[str] = []
    outputs = []
    for lang, name, body in blocks():
        if name is not None:
            (tmp_path / name).write_text(body, encoding="utf-8")
        elif lang == "sh":
            exports += [line for line in body.splitlines() if line.startswith("export ")]
            script = "set -euo pipefail\n" + "\n".join(exports) + "\n" + body
            result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env,
                                    capture_output=True, text=True, check=False)
            assert result.returncode == 0, f"{body}\n{result.stdout}\n{result.stderr}"
            ran += [line for line in body.splitlines() if line.startswith("trace ")]
            outputs.append(result.stdout)
    commands = {line.split()[1] for line in ran}
    assert {"init", "check", "add-document", "add-excerpt", "link", "set", "status",
            "gaps"} <= commands
    assert "no problems" in outputs[-1]
    assert "open-concern" in outputs[-1] and "R2" in outputs[-1]
    evidence = (tmp_path / "exampleton/evidence/mv1-letter.yaml").read_text()
    assert "  - id: mv1-letter-002\n" in evidence and "stance: concern" in evidence
