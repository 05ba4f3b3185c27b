"""Cohen's kappa between the two readers on the stance of each link (issue 15).

Run from the repository root: python docs/review/kappa.py

A link counts when both readers judged it as belonging (a link one reader added and the other
did not see, or that either reader said does not belong, has no stance from both). Stances are
progress, mixed or concern. Kappa = (p_o - p_e) / (1 - p_e): p_o the share of links on which the
readers agree, p_e the agreement expected by chance from each reader's own share of each stance.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

INPUTS = Path(__file__).resolve().parent / "inputs"
STANCES = ("progress", "mixed", "concern")


def stances(name: str, key: str) -> dict[tuple[str, str], str]:
    """(excerpt, recommendation) -> stance, for the links a reader says belong."""
    data: dict[str, Any] = yaml.safe_load((INPUTS / name).read_text(encoding="utf-8"))
    return {(ex["id"], link[key]): link["stance"] for ex in data["excerpts"]
            for link in ex["links"] if link["belongs"]}


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Cohen's kappa, observed agreement and chance agreement for (reader A, reader B) pairs."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    a_counts, b_counts = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(a_counts[s] * b_counts[s] for s in STANCES) / (n * n)
    return (observed - chance) / (1 - chance), observed, chance


def paired(a: dict[tuple[str, str], str], b: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    return [(a[k], b[k]) for k in sorted(a.keys() & b.keys())]


def table(pairs: list[tuple[str, str]]) -> str:
    """The confusion matrix, reader A down, reader B across."""
    counts = Counter(pairs)
    rows = [" " * 10 + "".join(f"{s:>10}" for s in STANCES)]
    rows += [f"{a:>10}" + "".join(f"{counts[(a, b)]:>10}" for b in STANCES) for a in STANCES]
    return "\n".join(rows)


def main() -> None:
    existing = paired(stances("reader-a.yaml", "rec"), stances("reader-b.yaml", "rec"))
    new = paired(stances("reader-a-new.yaml", "target"), stances("reader-b-new.yaml", "target"))
    for label, pairs in (("existing excerpts", existing), ("new excerpts", new),
                         ("together", existing + new)):
        k, po, pe = kappa(pairs)
        disagree = sum(a != b for a, b in pairs)
        print(f"{label}: {len(pairs)} links both readers judged as belonging; "
              f"{disagree} stance disagreements; observed {po:.3f}, chance {pe:.3f}, "
              f"kappa {k:.3f}")
        print(table(pairs))


if __name__ == "__main__":
    main()
