"""What the report quotes of a long list: the latest findings, with the whole list counted.

A board reads the report; it does not search it. Under one recommendation the report quotes at
most PER_RECOMMENDATION findings, and of the emerging findings and the proposals at most
PER_LIST each; it counts the whole list by stance and by voice, says how many it leaves out,
and names the commands that list every one (`trace show`, `trace export`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from ofsted_trace.judge.assess import Assessment, Finding
from ofsted_trace.model.values import Stance
from ofsted_trace.render.report.parts import Cut
from ofsted_trace.render.views import VOICE_LABEL

PER_RECOMMENDATION = 20  # about two printed pages under one recommendation
PER_LIST = 50  # the emerging findings, and the proposals: a few pages each
T = TypeVar("T")

# For each list: what its items are called, which of them are quoted, and the commands that
# list every one, with what the second gives.
_WORDS = {
    "recommendation": ("excerpts", "the findings that decided the status, then the latest "
                       "independent findings, then the council's latest claims",
                       ("trace show {subject}", "trace export --format csv"),
                       ", one row per excerpt and recommendation"),
    "emerging": ("findings", "the latest", ("trace gaps --kind unlinked-finding --format csv",
                                            "trace export --format csv"),
                 " (the rows with no recommendation)"),
    "proposed": ("proposals", "the first, in the order of the evidence files",
                 ("trace review DOC", "trace export --format json"),
                 ", each marked proposed"),
}


def _cut(total: int, shown: int, stances: Iterable[str], voices: Iterable[str]) -> Cut:
    """The whole list counted by stance and by voice, in the vocabularies' order."""
    by_stance, by_voice = Counter(stances), Counter(voices)
    return Cut(total, shown, tuple((str(k), by_stance[k]) for k in Stance if by_stance[k]),
               tuple((label, by_voice[k]) for k, label in VOICE_LABEL.items() if by_voice[k]))


def timeline(a: Assessment) -> tuple[list[Finding], Cut | None]:
    """The findings a recommendation's timeline quotes, oldest first, and what it leaves out.

    Beyond PER_RECOMMENDATION: those that decided the status, then the latest independent
    findings, then the council's latest claims.
    """
    found = a.findings
    if len(found) <= PER_RECOMMENDATION:
        return list(found), None
    decided = set(a.latest.excerpts) if a.latest is not None else set()
    # a.findings is oldest first, so a larger index is a later finding.
    ranked = sorted(range(len(found)), key=lambda i: (found[i].excerpt.id not in decided,
                                                      not found[i].independent, -i))
    kept = sorted(ranked[:PER_RECOMMENDATION])
    return [found[i] for i in kept], _cut(len(found), len(kept),
                                          (a.stances[f.excerpt.id] for f in found),
                                          (f.excerpt.voice for f in found))


def latest(found: list[Finding]) -> tuple[list[Finding], Cut | None]:
    """Of findings oldest first, the latest PER_LIST (still oldest first), and what is left out."""
    if len(found) <= PER_LIST:
        return found, None
    return found[-PER_LIST:], _cut(len(found), PER_LIST, (f.excerpt.stance for f in found),
                                   (f.excerpt.voice for f in found))


def first(items: list[T], stance: Callable[[T], str],
          voice: Callable[[T], str]) -> tuple[list[T], Cut | None]:
    """The first PER_LIST items, and what is left out, counted by stance and voice."""
    if len(items) <= PER_LIST:
        return items, None
    return items[:PER_LIST], _cut(len(items), PER_LIST, map(stance, items), map(voice, items))


def note(cut: Cut, kind: str, subject: str, code: Callable[[str], str],
         esc: Callable[[str], str]) -> str:
    """The whole list counted, which are shown, how many are not and where they all are.

    kind: recommendation, emerging or proposed; subject: the recommendation's id. code marks
    a command up, esc escapes text, each as the renderer's format needs.
    """
    noun, which, (lists, has), tail = _WORDS[kind]
    stances = ", ".join(f"{n:,} {stance}" for stance, n in cut.stances)
    voices = ", ".join(f"{label} {n:,}" for label, n in cut.voices)
    # Joined with spaces: an escaper may collapse the spaces at either end of its text.
    return " ".join([esc(f"{cut.total:,} {noun} in all; by stance: {stances}; by voice: "
                         f"{voices}. Shown here: {which} ({cut.shown} of them). "
                         f"{cut.hidden:,} more are not shown:"),
                     code(lists.format(subject=subject)), esc("lists every one, and"),
                     code(has), esc(f"has them all{tail}.")])
