"""The "since the last board report" section: what changed, in sentences a board paper can use."""

from __future__ import annotations

from ofsted_trace.analyses.base import Gap
from ofsted_trace.diffing import WORKING_TREE, Changes, ExcerptChange, StatusChange
from ofsted_trace.render.markdown import esc

TITLE = "Since the last board report"
# Statuses as a board paper would write them.
WORDS = {"no-evidence": "no evidence", "self-reported": "self-reported only"}


def _side(label: str) -> str:
    return "the working tree" if label == WORKING_TREE else esc(label)


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 gap', '2 gaps': a number with its noun."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _word(status: str | None) -> str:
    return esc(WORDS.get(str(status), str(status)))


def _status(c: StatusChange) -> str:
    name = f"Recommendation {c.number}, {esc(c.title)} ({esc(c.rec_id)})"
    if c.before is None:
        return f"{name}, is new; its status is {_word(c.after)}."
    if c.after is None:
        return f"{name}, was removed; its status was {_word(c.before)}."
    return f"{name}, moved from {_word(c.before)} to {_word(c.after)}."


def _gap(verb: str, g: Gap) -> str:
    return f"{verb}: {esc(g.message)} ({esc(g.kind)}, {esc(g.severity)})"


def _excerpt(c: ExcerptChange) -> str:
    name = f"{esc(c.excerpt_id)} (document {esc(c.document)})"
    if c.change != "retagged":
        return f"{c.change.capitalize()}: {name}."
    moved = "; ".join(f"{esc(f.field)} changed from {esc(f.before)} to {esc(f.after)}"
                      for f in c.fields)
    return f"Re-tagged: {name}: {moved}."


def _bullets(lines: list[str]) -> str:
    return "".join(f"- {line}\n" for line in lines)


def format(changes: Changes) -> str:
    """The section as markdown, starting with its own level-2 heading."""
    out = [f"## {TITLE}\n\nChanges from {_side(changes.before)} to {_side(changes.after)}, "
           f"with every status judged as at {changes.as_of.isoformat()}.\n"]
    if changes.empty:
        out.append("Nothing has changed: no status, gap, excerpt, document or visit.\n")
        return "\n".join(out)
    if changes.statuses:
        out.append("### Recommendation status\n\n"
                   f"{count(len(changes.statuses), 'recommendation')} changed status.\n\n"
                   + _bullets([_status(c) for c in changes.statuses]))
    opened, closed = changes.gaps_opened, changes.gaps_closed
    if opened or closed:
        out.append("### Gaps\n\n"
                   f"{count(len(opened), 'gap')} opened and {len(closed)} closed.\n\n"
                   + _bullets([_gap("Opened", g) for g in opened]
                              + [_gap("Closed, no longer the case", g) for g in closed]))
    if changes.excerpts:
        kinds = [c.change for c in changes.excerpts]
        out.append("### Evidence\n\n"
                   f"{count(kinds.count('added'), 'excerpt was', 'excerpts were')} added, "
                   f"{kinds.count('removed')} removed and {kinds.count('retagged')} "
                   "re-tagged.\n\n" + _bullets([_excerpt(c) for c in changes.excerpts]))
    if changes.new:
        out.append("### New documents and visits\n\n" + _bullets([
            f"New {r.kind}: {esc(r.title)} ({esc(r.record_id)})"
            + (f", dated {r.date}." if r.date else ", date not known.")
            for r in changes.new]))
    return "\n".join(out)
