"""Run the command line as ``python -m ofsted_trace``; also the `trace` script's entry."""


def main() -> None:
    """The command line, imported only when it runs."""
    # A large dataset is parsed in spawned worker processes, and a spawned process imports
    # the script that started it; with the command line imported here, not at the script's
    # top, each worker imports this module alone rather than typer and every command.
    from ofsted_trace.cli.entry import main as run

    run()


if __name__ == "__main__":
    main()
