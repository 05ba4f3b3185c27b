"""GitHub workflow annotations: one command per problem, every special character escaped."""

from __future__ import annotations

from pathlib import Path

from ofsted_trace.model.problems import Location, Problem, Severity
from ofsted_trace.render import github
from tests.conftest import Run


def test_error_and_warning_commands() -> None:
    problems = (
        Problem("unknown-key", Severity.ERROR, "unknown key 'x'", Location("data/a.yaml", 7, 3)),
        Problem("no-excerpts", Severity.WARNING, "no excerpts yet", Location("data/b.yaml")),
    )
    assert github.format(problems) == (
        "::error file=data/a.yaml,line=7,col=3,title=unknown-key::unknown key 'x'\n"
        "::warning file=data/b.yaml,title=no-excerpts::no excerpts yet\n")


def test_missing_column_defaults_to_one() -> None:
    p = Problem("x", Severity.ERROR, "m", Location("f.yaml", 2))
    assert github.format((p,)) == "::error file=f.yaml,line=2,col=1,title=x::m\n"


def test_message_escapes_percent_and_newlines_but_not_punctuation() -> None:
    p = Problem("c", Severity.ERROR, "50% done\r\nnext: a, b", Location("f.yaml", 1, 1))
    line = github.format((p,))
    assert line == "::error file=f.yaml,line=1,col=1,title=c::50%25 done%0D%0Anext: a, b\n"
    assert line.count("\n") == 1


def test_properties_escape_commas_colons_percent_and_newlines() -> None:
    p = Problem("a:b,c", Severity.ERROR, "m", Location("C:/d,e%f\ng.yaml", 3, 4))
    assert github.format((p,)) == (
        "::error file=C%3A/d%2Ce%25f%0Ag.yaml,line=3,col=4,title=a%3Ab%2Cc::m\n")


def test_hostile_message_cannot_start_a_new_command() -> None:
    p = Problem("c", Severity.ERROR, "x\n::add-mask::secret", Location("f.yaml", 1, 1))
    out = github.format((p,))
    assert out.splitlines() == ["::error file=f.yaml,line=1,col=1,title=c::x%0A::add-mask::secret"]


def test_cli_check_format_github_names_the_line(run: Run, minimal: Path) -> None:
    path = minimal / "evidence" / "letter.yaml"
    path.write_text(path.read_text().replace("stance: concern", "stance: worried", 1))
    result = run("check", "--format", "github", "--data", str(minimal))
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(f"::error file={path.as_posix()},line=15,col=13,title=bad-choice::")
    assert "stance 'worried' is not allowed" in line


def test_cli_check_format_github_prints_nothing_when_clean(run: Run, minimal: Path) -> None:
    result = run("check", "--strict", "--format", "github", "--data", str(minimal))
    assert result.exit_code == 0
    assert result.stdout == ""
