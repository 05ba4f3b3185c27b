"""Run the command line as ``python -m ofsted_trace``; also the `trace` script's entry."""

import gc
import sys


def main() -> None:
    """The command line: check, status and gaps without typer when they can, else typer's."""
    # A large dataset is parsed in spawned worker processes, and a spawned process imports
    # the script that started it; with the command line imported here, not at the script's
    # top, each worker imports this module alone rather than typer and every command.
    # Off while the modules import: they make long-lived objects, not garbage, and each pass
    # would scan them all again (~5% of `trace --help`). entry.main turns it back on.
    gc.disable()
    from ofsted_trace.cli import fast

    fast.run(sys.argv[1:])  # returns only when typer is to read these arguments
    from ofsted_trace.cli.entry import main as run

    run()


if __name__ == "__main__":
    main()
