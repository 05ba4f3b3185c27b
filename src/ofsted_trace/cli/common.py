"""What every command shares: the typer app, common options, output and the error boundary."""

from __future__ import annotations

import functools
import gc
import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup

from ofsted_trace import __version__
from ofsted_trace.cli import shared

# fail is re-exported: every command fails through it.
from ofsted_trace.cli.shared import DEBUG_ENV, KEPT
from ofsted_trace.cli.shared import fail as fail
from ofsted_trace.errors import Exit, TraceError

if TYPE_CHECKING:
    from ofsted_trace.cache.store import Cache, Contents
    from ofsted_trace.check.pipeline import Checked
    from ofsted_trace.judge.gaps.base import Context

EPILOG = ("Exit codes: 0 success; 1 problems or --fail-on gaps found; 2 usage error (a bad "
          "option, unknown id or revision); 3 the dataset has errors (run `trace check`); "
          "5 an internal error (a bug: rerun with --debug for the traceback).")
P = ParamSpec("P")
R = TypeVar("R")


class Boundary(TyperGroup):
    """The one error boundary: every failure becomes one line on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; map TraceError to its code, and anything unexpected to 5."""
        try:
            return super().invoke(ctx)
        except TraceError as exc:
            typer.echo(shared.reported(exc), err=True)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt, BrokenPipeError):
            raise  # typer's own control flow and usage errors, and the reader going away
        except Exception as exc:
            if ctx.params.get("debug") or os.environ.get(DEBUG_ENV):
                raise
            typer.echo(shared.internal(exc), err=True)
            raise typer.Exit(Exit.INTERNAL) from None


app = typer.Typer(help="Trace Ofsted recommendations to verbatim evidence, and report the gaps.",
                  epilog=EPILOG, no_args_is_help=True, add_completion=False, cls=Boundary,
                  rich_markup_mode=None, pretty_exceptions_enable=False)


def _dataset(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """The dataset directory --data means (shared.dataset), by where its value came from."""
    # By name: typer may carry its own copy of click, with its own ParameterSource class.
    source = getattr(ctx.get_parameter_source(param.name or "data"), "name", None)
    return shared.dataset(value, typed=source == "COMMANDLINE", named=source == "ENVIRONMENT")


DataOpt = Annotated[Path, typer.Option(
    "--data", envvar=shared.DATA_ENV, show_envvar=True, callback=_dataset,
    help="Dataset directory. Default: ./data, else the nearest one up from here.")]
InspectionOpt = Annotated[str | None, typer.Option(
    "--inspection", metavar="ID",
    help="Only this inspection cycle's items. Default: every cycle, grouped.")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD",
    help="Judge the evidence as it stood on this day. Default: the newest document's date.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trace (ofsted-trace) {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option(
        "--debug", help=f"Show the traceback of an internal error (or set {DEBUG_ENV}=1).")] =
    False,
) -> None:
    """Trace Ofsted recommendations to verbatim evidence, and report the gaps."""
    KEPT.clear()
    _STORES.clear()


# Each dataset's cache, opened once per command, so a refused one is warned about once.
_STORES: dict[Path, Cache] = {}


def store_for(data: Path) -> Cache:
    """The dataset's cache; a directory that cannot be trusted is unused, with one warning."""
    from ofsted_trace.cache.store import Cache

    if data not in _STORES:
        _STORES[data] = Cache.beside(data)
        if _STORES[data].refused:
            from ofsted_trace.render.safe import plain

            typer.echo(f"trace: warning: {plain(_STORES[data].refused or '')}", err=True)
    return _STORES[data]


def ids(given: list[str] | None) -> list[str]:
    """Ids from a repeatable option, each of which may be a comma-separated list."""
    return list(dict.fromkeys(i.strip() for value in given or [] for i in value.split(",")
                              if i.strip()))


def out(text: str, output: Path | None = None) -> None:
    """Write text to stdout, or atomically to output."""
    if output is None:
        shared.write(text)
        return
    from ofsted_trace.fs.atomic import write_output

    try:
        write_output(output, text.encode("utf-8"))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"wrote {output}", err=True)


def out_bytes(data: bytes, output: Path | None, kind: str) -> None:
    """Write a binary file (xlsx, docx) atomically to output; a terminal is no place for it."""
    if output is None:
        fail(f"{kind} is a binary file: give -o FILE")
    from ofsted_trace.fs.atomic import write_atomic

    try:
        write_atomic(output, data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"wrote {output}", err=True)


def out_pieces(pieces: Iterable[str], output: Path | None = None) -> None:
    """Write text given in pieces to stdout, or atomically to output, never holding it whole."""
    if output is None:
        for piece in pieces:
            out(piece)
        return
    from ofsted_trace.fs.atomic import write_output

    buf = io.BytesIO()  # UTF-8 bytes: a string of non-ASCII text takes two bytes a character
    for piece in pieces:
        buf.write(piece.encode("utf-8"))
    try:
        write_output(output, buf.getbuffer())
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"wrote {output}", err=True)


def paused_gc(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command with the cyclic garbage collector paused, as read.py's _answer does.

    Loading builds millions of objects and almost no cycles: the collector would scan them
    again and again (~30 s of a 100,000-excerpt diff, which loads three times).
    """
    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        gc.disable()
        try:
            return command(*args, **kwargs)
        finally:
            gc.freeze()  # as in _answer: out of the collector's sight once it is back on
            gc.enable()

    return run


def store_or_none(data: Path) -> Cache | None:
    """The dataset's cache (store_for), or None when there is no dataset directory."""
    return store_for(data) if data.is_dir() else None


def checked(data: Path, read: Contents | None = None) -> Checked:
    """Load and check the dataset (NoDataset, exit 2, when there is none).

    read: files the whole-output cache has already read and hashed for its key.
    """
    return shared.checked(data, store_or_none(data), read)


def valid(data: Path, read: Contents | None = None) -> Checked:
    """Load the dataset, refusing to go on when it has errors."""
    return shared.valid(data, store_or_none(data), read)


def analysed(data: Path, as_of: str | None, stale_after: str = "12m",
             read: Contents | None = None, inspection: str | None = None) -> Context:
    """Load a valid dataset and build what the analyses read, at --as-of (exit 2 or 3 if not).

    inspection: keep only that cycle's items (--inspection); exit 2 if there is no such cycle.
    """
    return shared.analysed(data, store_or_none(data), as_of, stale_after, read, inspection)
