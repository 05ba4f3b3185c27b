"""The parse floor: one process reads every file of a dataset, YAML parsed by PyYAML's C loader.

Every .yaml file is parsed with yaml.CSafeLoader and every other file (the document texts) is
read and decoded, in one process and nothing else: PyYAML's C loader as it comes, the
reference the cold budgets are multiples of (bench/run.py). The strict loader builds plain
values from libyaml's nodes itself (load/yamlio/strict.py), so it parses in less than this.

    python bench/floor.py DATA_DIR
"""

from __future__ import annotations

import os
import sys

import yaml


def main() -> None:
    """Parse or read every file under the directory named on the command line."""
    files = 0
    for top, dirs, names in os.walk(sys.argv[1]):
        dirs.sort()
        for name in sorted(names):
            with open(os.path.join(top, name), "rb") as handle:
                raw = handle.read()
            if name.endswith((".yaml", ".yml")):
                yaml.load(raw, Loader=yaml.CSafeLoader)
            else:
                raw.decode("utf-8")
            files += 1
    print(files)


if __name__ == "__main__":
    main()
