"""The "since the last board report" section: what changed, in sentences a board paper can use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ofsted_trace.judge.compare import (
    WORKING_TREE,
    Changes,
    ExcerptChange,
    FieldChange,
    StatusChange,
)
from ofsted_trace.judge.gaps.base import Gap
from ofsted_trace.render.markdown import esc as md_esc
from ofsted_trace.render.views import item_name

Escape = Callable[[str], str]

TITLE = "Since the last board report"
# Statuses as a board paper would write them.
WORDS = {"no-evidence": "no evidence", "self-reported": "self-reported only"}


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 gap', '2 gaps': a number with its noun."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


@dataclass(frozen=True)
class Block:
    """One part of the section: a heading, a sentence, and the bullet points under it."""

    heading: str
    intro: str
    bullets: tuple[str, ...]


def intro(changes: Changes, esc: Escape = md_esc) -> str:
    """The sentence that opens the section: which sides, judged on which day."""
    def side(label: str) -> str:
        return "the working tree" if label == WORKING_TREE else esc(label)

    return (f"Changes from {side(changes.before)} to {side(changes.after)}, with every status "
            f"judged as at {changes.as_of.isoformat()}.")


def blocks(changes: Changes, esc: Escape = md_esc) -> list[Block]:
    """The section's parts in plain sentences, escaped for the target format."""
    def word(status: str | None) -> str:
        return esc(WORDS.get(str(status), str(status)))

    def status(c: StatusChange) -> str:
        name = f"{item_name(c.number)}, {esc(c.title)} ({esc(c.rec_id)})"
        if c.before is None:
            return f"{name}, is new; its status is {word(c.after)}."
        if c.after is None:
            return f"{name}, was removed; its status was {word(c.before)}."
        return f"{name}, moved from {word(c.before)} to {word(c.after)}."

    def gap(verb: str, g: Gap) -> str:
        return f"{verb}: {esc(g.message)} ({esc(g.kind)}, {esc(g.severity)})"

    def moved(fields: tuple[FieldChange, ...]) -> str:
        return "; ".join(f"{esc(f.field)} changed from {esc(f.before)} to {esc(f.after)}"
                         for f in fields)

    def excerpt(c: ExcerptChange) -> str:
        name = f"{esc(c.excerpt_id)} (document {esc(c.document)})"
        if not c.fields:
            return f"{c.change.capitalize()}: {name}."
        verb = "Re-tagged" if c.change == "retagged" else "Edited"
        return f"{verb}: {name}: {moved(c.fields)}."

    out = []
    if changes.statuses:
        out.append(Block("Recommendation status",
                         f"{count(len(changes.statuses), 'recommendation')} changed status.",
                         tuple(status(c) for c in changes.statuses)))
    opened, closed = changes.gaps_opened, changes.gaps_closed
    if opened or closed:
        out.append(Block("Gaps", f"{count(len(opened), 'gap')} opened and {len(closed)} closed.",
                         tuple([gap("Opened", g) for g in opened]
                               + [gap("Closed, no longer the case", g) for g in closed])))
    if changes.excerpts:
        kinds = [c.change for c in changes.excerpts]
        out.append(Block("Evidence",
                         f"{count(kinds.count('added'), 'excerpt was', 'excerpts were')} added, "
                         f"{kinds.count('removed')} removed"
                         + (f", {kinds.count('retagged')} re-tagged and "
                            f"{kinds.count('edited')} edited." if "edited" in kinds else
                            f" and {kinds.count('retagged')} re-tagged."),
                         tuple(excerpt(c) for c in changes.excerpts)))
    if changes.changed:
        out.append(Block("Changed records", "", tuple(
            f"{r.kind.capitalize()} {esc(r.record_id)}: {moved(r.fields)}."
            for r in changes.changed)))
    if changes.new:
        out.append(Block("New documents and visits", "", tuple(
            f"New {r.kind}: {esc(r.title)} ({esc(r.record_id)})"
            + (f", dated {r.date}." if r.date else ", date not known.") for r in changes.new)))
    return out


def format(changes: Changes) -> str:
    """The section as markdown, starting with its own level-2 heading."""
    out = [f"## {TITLE}\n\n{intro(changes)}\n"]
    if changes.empty:
        out.append("Nothing has changed: no status, gap, excerpt, document or visit.\n")
        return "\n".join(out)
    for block in blocks(changes):
        text = f"### {block.heading}\n\n" + (f"{block.intro}\n\n" if block.intro else "")
        out.append(text + "".join(f"- {line}\n" for line in block.bullets))
    return "\n".join(out)
