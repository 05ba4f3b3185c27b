"""Run the command line as ``python -m ofsted_trace``."""

from ofsted_trace.cli import main

main()
