"""The `trace` command line: parse options, call the core, print, and pick the exit code."""

# Nothing is imported here, so the fast path (fast.py) runs without typer; the typer app with
# every command is entry.py's.
