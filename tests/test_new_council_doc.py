"""docs/new-council.md is run as written: its files are saved and its commands must succeed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.ofstedkit import pdf

DOC = REPO / "docs" / "new-council.md"
FENCE = re.compile(r"^```(\w+)(?: (\S+))?\n(.*?)^```$", re.M | re.S)
HEADER = "Inspection of Exampleton local authority children's services"


def blocks() -> list[tuple[str, str | None, str]]:
    """Each fenced block of the walkthrough: its language, its file name if any, its body."""
    return [(m.group(1), m.group(2), m.group(3)) for m in FENCE.finditer(DOC.read_text())]


def save(folder: Path, name: str, body: str) -> None:
    """A named block is a file; a .pdf block is built as a PDF, a page per <page> part."""
    if name.endswith(".pdf"):
        pages = [part.strip("\n").splitlines() for part in body.split("<page>\n")]
        # Three pages under the running header at least, so it recurs as headers do.
        pdf(folder / name, pages, header=HEADER)
    else:
        (folder / name).write_text(body, encoding="utf-8")


def test_walkthrough_runs_from_report_to_gaps(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("OFSTED_TRACE_DATA", None)
    carried: list[str] = []  # `cd` and `export` lines hold for every later block
    ran: list[str] = []
    outputs = []
    for lang, name, body in blocks():
        if name is not None:
            save(tmp_path, name, body)
        elif lang == "sh":
            script = "set -euo pipefail\n" + "\n".join(carried) + "\n" + body
            result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env,
                                    capture_output=True, text=True, check=False)
            assert result.returncode == 0, f"{body}\n{result.stdout}\n{result.stderr}"
            carried += [line for line in body.splitlines() if line.startswith(("cd ", "export "))]
            ran += [line for line in body.splitlines() if line.startswith("trace ")]
            outputs.append(result.stdout)
    commands = {line.split()[1] for line in ran}
    assert {"init", "import-report", "add-theme", "add-visit", "check", "add-document",
            "add-excerpt", "link", "set", "status", "gaps"} <= commands
    assert not any(lang == "yaml" for lang, _, _ in blocks()), "no YAML typed by hand"
    assert "no problems" in outputs[-1]
    assert "open-concern" in outputs[-1] and "P2024-2" in outputs[-1]
    data = tmp_path / "exampleton"
    recs = (data / "recommendations.yaml").read_text(encoding="utf-8")
    assert ("Management oversight of plans for children in need, so that agreed actions are "
            "carried out.") in " ".join(recs.split())
    assert "overall: inadequate" in recs
    assert "pdf_sha256: " in (data / "documents.yaml").read_text(encoding="utf-8")
    evidence = (data / "evidence/mv1-letter.yaml").read_text(encoding="utf-8")
    assert "  - id: mv1-letter-002\n" in evidence and "stance: concern" in evidence
