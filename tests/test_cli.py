"""The command line through typer's runner: outputs, JSON contracts and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ofsted_trace import __version__
from tests.conftest import Run


def test_version_and_help(run: Run) -> None:
    assert run("--version").stdout.strip() == f"trace (ofsted-trace) {__version__}"
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "status", "gaps", "show", "export"):
        assert command in result.stdout
    assert "Exit codes" in result.stdout


def test_check_clean_dataset(run: Run, minimal: Path) -> None:
    result = run("check", "--data", str(minimal))
    assert (result.exit_code, result.stdout) == (0, f"{minimal}: no problems\n")


def test_check_text_format_is_path_line_col(run: Run, minimal: Path) -> None:
    ev = minimal / "evidence" / "council.yaml"
    ev.write_text(ev.read_text().replace("stance: progress\n    recommendations: [R3]",
                                         "stance: good\n    recommendations: [R3]"))
    result = run("check", "--data", str(minimal))
    assert result.exit_code == 1
    assert (f"{minimal}/evidence/council.yaml:6:13: error bad-choice stance 'good' is not "
            "allowed; use one of 'progress', 'mixed' or 'concern'") in result.stdout
    assert result.stdout.endswith("1 error, 0 warnings\n")


def test_check_reports_every_problem_at_once(run: Run, minimal: Path) -> None:
    ev = minimal / "evidence" / "council.yaml"
    ev.write_text(ev.read_text().replace("[R3]", "[R9]").replace("[R2]", "[R8]"))
    (minimal / "visits.yaml").write_text(
        (minimal / "visits.yaml").read_text().replace("end: 2019-06-11", "end: 2019-06-01"))
    rows = json.loads(run("check", "--format", "json", "--data", str(minimal)).stdout)
    assert [(r["code"], r["line"]) for r in rows] == [
        ("unknown-reference", 7), ("unknown-reference", 12), ("date-order", 21)]


def test_warnings_fail_only_with_strict(run: Run, minimal: Path) -> None:
    (minimal / "evidence" / "council.yaml").unlink()
    assert run("check", "--data", str(minimal)).exit_code == 0
    result = run("check", "--strict", "--data", str(minimal))
    assert result.exit_code == 1
    assert "warning no-excerpts" in result.stdout


def test_github_annotations(run: Run, minimal: Path) -> None:
    ev = minimal / "evidence" / "council.yaml"
    ev.write_text(ev.read_text().replace("[R3]", "[R9]"))
    out = run("check", "--format", "github", "--data", str(minimal)).stdout
    assert out.startswith(f"::error file={minimal}/evidence/council.yaml,line=7,col=23,"
                          "title=unknown-reference::unknown recommendation 'R9'")


def test_data_from_environment(run: Run, minimal: Path) -> None:
    result = run("check", env={"OFSTED_TRACE_DATA": str(minimal)})
    assert result.exit_code == 0


@pytest.mark.parametrize("args", [
    ("check", "--format", "xml"),
    ("gaps", "--kind", "nonsense"),
    ("gaps", "--as-of", "yesterday"),
    ("gaps", "--stale-after", "soon"),
    ("show", "NOPE"),
    ("frobnicate",),
])
def test_usage_errors_exit_2(run: Run, minimal: Path, args: tuple[str, ...]) -> None:
    result = run(*args, "--data", str(minimal))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_missing_dataset_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("gaps", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "dataset directory not found" in result.stderr


def test_commands_refuse_an_invalid_dataset_with_exit_3(run: Run, minimal: Path) -> None:
    (minimal / "themes.yaml").write_text("themes: [")
    for command in ("status", "gaps", "show", "export"):
        args = (command, "R1") if command == "show" else (command,)
        result = run(*args, "--data", str(minimal))
        assert result.exit_code == 3, command
        assert "yaml-syntax" in result.stderr


def test_status_json_contract(run: Run, minimal: Path) -> None:
    rows = json.loads(run("status", "--format", "json", "--data", str(minimal)).stdout)
    assert [(r["id"], r["status"]) for r in rows] == [
        ("R1", "evidenced"), ("R2", "concern"), ("R3", "self-reported"), ("R4", "no-evidence"),
        ("B101", "evidenced")]
    assert rows[1]["latest"] == {"date": "2019-06-11", "visit": "fv", "occasion": "fv",
                                 "stance": "concern", "excerpts": ["letter-002"]}


def test_gaps_json_contract_and_filters(run: Run, minimal: Path) -> None:
    rows = json.loads(run("gaps", "--format", "json", "--data", str(minimal)).stdout)
    assert all({"kind", "subject", "message", "severity"} <= set(r) for r in rows)
    assert len(rows) == 9
    only = json.loads(run("gaps", "--format", "json", "--kind", "stale,no-theme",
                          "--data", str(minimal)).stdout)
    assert [(r["kind"], r["subject"]) for r in only] == [("stale", "B101"), ("no-theme", "B101")]


def test_fail_on(run: Run, minimal: Path) -> None:
    assert run("gaps", "--data", str(minimal)).exit_code == 0
    assert run("gaps", "--fail-on", "any", "--data", str(minimal)).exit_code == 1
    assert run("gaps", "--fail-on", "contested", "--data", str(minimal)).exit_code == 1
    ok = run("gaps", "--fail-on", "no-theme", "--kind", "stale", "--data", str(minimal))
    assert ok.exit_code == 0


def test_as_of_changes_the_answer(run: Run, minimal: Path) -> None:
    rows = json.loads(run("status", "--format", "json", "--as-of", "2018-06-01",
                          "--data", str(minimal)).stdout)
    assert rows[1]["status"] == "evidenced"


def test_show_recommendation_timeline(run: Run, minimal: Path) -> None:
    out = run("show", "R2", "--data", str(minimal)).stdout
    assert "status: concern" in out
    order = [out.index(s) for s in ("First monitoring visit", "Focused visit (11 June 2019)",
                                    "No visit: Our improvement journey")]
    assert order == sorted(order)
    assert "paraphrase of Ofsted (secondary source)" in out
    assert "Ofsted's words; letter-002" in out


def test_show_any_node_with_links(run: Run, minimal: Path) -> None:
    out = run("show", "fv", "--data", str(minimal)).stdout
    assert "focused-visit" in out
    assert "finding-of" in out and "letter-001" in out


def test_show_suggests_close_ids(run: Run, minimal: Path) -> None:
    result = run("show", "letter-01", "--data", str(minimal))
    assert result.exit_code == 2
    assert "did you mean" in result.stderr


def test_export_json_keys(run: Run, minimal: Path) -> None:
    data = json.loads(run("export", "--data", str(minimal)).stdout)
    assert {"recommendations", "themes", "visits", "documents", "evidence"} <= set(data)
    ev = data["evidence"][0]
    assert {"id", "document", "quote", "recommendations", "themes", "visit", "voice",
            "stance"} <= set(ev)
    assert data["documents"][0]["path"] == "sources/letter.txt"


def test_export_csv_to_file(run: Run, minimal: Path, tmp_path: Path) -> None:
    target = tmp_path / "links.csv"
    result = run("export", "--format", "csv", "-o", str(target), "--data", str(minimal))
    assert result.exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfexcerpt,recommendation,")
    assert raw.count(b"\r\n") == 1 + 7  # header + one row per link (letter-003 has none)


def test_gaps_table_limits_rows_per_kind_but_other_formats_are_complete(run: Run,
                                                                        barnet: Path) -> None:
    full = run("gaps", "--data", str(barnet), "--limit", "0")
    cut = run("gaps", "--data", str(barnet), "--limit", "2")
    assert "… and 13 more (use --limit 0, or --format csv/json)" in cut.stdout
    assert "more (use --limit 0" not in full.stdout
    # By default two lists are cut at 20: the 35 unlinked findings and the 55 overdue actions.
    default = run("gaps", "--data", str(barnet)).stdout
    assert default == run("gaps", "--data", str(barnet), "--limit", "20").stdout
    assert default.count("more (use --limit 0") == 2
    assert "… and 15 more (use --limit 0" in default and "… and 35 more" in default
    rows = run("gaps", "--data", str(barnet), "--format", "json", "--limit", "2").stdout
    assert rows.count('"kind"') == int(full.stdout.split()[0])


@pytest.mark.parametrize(("code", "status", "stderr"), [
    (None, 0, ""), (0, 0, ""), (3, 3, ""), ("Error: boom", 1, "Error: boom\n")])
def test_leave_maps_exit_codes(monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str], code: object, status: int,
                               stderr: str) -> None:
    import os

    from ofsted_trace.cli import process

    def exit_(value: int) -> None:
        raise SystemExit(value)

    monkeypatch.setattr(os, "_exit", exit_)
    with pytest.raises(SystemExit) as left:
        process.leave(code)
    assert left.value.code == status
    assert capsys.readouterr().err == stderr


def test_main_exits_with_the_command_code_and_no_traceback(barnet: Path) -> None:
    import subprocess
    import sys

    base = [sys.executable, "-m", "ofsted_trace"]
    done = subprocess.run([*base, "gaps", "--data", str(barnet), "--fail-on", "any"],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (1, "")
    assert "gaps at" in done.stdout
    done = subprocess.run([*base, "gaps", "--data", str(barnet / "nowhere")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    # A reader that stops early (`| head`) breaks the pipe (the export is ~140 KB, more than
    # a pipe holds); still no traceback.
    proc = subprocess.Popen([*base, "export", "--data", str(barnet)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(5)
    proc.stdout.close()
    assert "Traceback" not in proc.stderr.read().decode()
    proc.wait()


def test_did_you_mean_puts_the_closest_id_first(run: Run, barnet: Path) -> None:
    for command in ("show", "explain"):
        result = run(command, "R4", "--data", str(barnet))
        assert result.exit_code == 2
        assert "did you mean R04, R14" in result.stderr, result.stderr
