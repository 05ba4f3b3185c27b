"""The gap kinds, most serious first, importable without the analyses (standard library only).

`trace gaps` validates --kind and --fail-on with these before it asks the whole-output cache,
so a cache hit imports nothing heavy; analyses/__init__.py checks its registry matches.
"""

KINDS: tuple[str, ...] = (
    "no-evidence", "claim-ahead-of-evidence", "self-reported-only", "open-concern", "contested",
    "done-not-evidenced", "divergent", "overdue", "unlinked-finding", "slipped", "stale",
    "secondary-only", "evidence-ahead-of-claim", "theme-without-evidence", "no-theme",
)
