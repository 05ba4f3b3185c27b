"""Trace Ofsted recommendations to verbatim evidence."""

__version__ = "0.1.0"


def main() -> None:
    """The `trace` console script: the command line, imported only when it runs."""
    # A large dataset is parsed in spawned worker processes, and a spawned process imports
    # the script that started it; with the command line imported here, not at the script's
    # top, each worker imports this package alone rather than typer and every command.
    from ofsted_trace.cli import main as run

    run()
