"""The action plan and the council's ratings: references, verbatim text, dates and owners."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ofsted_trace.check import pii, textmatch
from ofsted_trace.check.rules.privacy import case_id_patterns
from ofsted_trace.check.rules.references import Suggest, ref
from ofsted_trace.model.actions import Action
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.labels import DEFAULTS
from ofsted_trace.model.problems import Pointer, Problem, error, warning

# Words that make an owner a role ("Head of MASH"), not a person ("Jo Bloggs").
_ROLE_WORDS = frozenset((
    "head", "director", "manager", "lead", "leader", "officer", "service", "services", "team",
    "board", "chair", "principal", "social", "worker", "workers", "assistant", "deputy",
    "executive", "chief", "commissioner", "coordinator", "co-ordinator", "partnership", "panel",
    "group", "adviser", "advisor", "practitioner", "senior", "strategic", "operational",
    "quality", "assurance", "safeguarding", "children", "childrens", "children's", "care",
    "family", "families", "mash", "iro", "lado", "virtual", "school", "schools", "health",
    "police", "council", "cabinet", "member", "portfolio", "holder", "of", "and", "for", "the",
    "interim", "acting", "designated", "named", "nurse", "clinical", "early", "help", "leaving",
    "hub", "hubs", "corporate", "parenting", "performance", "insight", "strategy",
    "improvement", "practice", "development", "workforce", "hr", "legal", "fostering",
    "adoption", "assessment", "intervention", "planning", "duty", "disabled", "disability",
    "edge", "ofsted",
))
_TITLE = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|cllr|councillor)\.?\s+\w", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$")


def looks_like_a_name(owner: str) -> bool:
    """True when an owner reads as a person's name rather than a role."""
    for part in re.split(r"[,;/(]|\band\b", owner):
        words = part.strip(" )").split()
        if not words:
            continue
        if _TITLE.match(part.strip()):
            return True
        if 2 <= len(words) <= 3 and all(_NAME_WORD.match(w) for w in words) \
                and not any(w.lower().strip(".") in _ROLE_WORDS for w in words):
            return True
    return False


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a problem for each broken reference, misquoted action, or personal detail."""
    patterns, _ = case_id_patterns(ds)  # a bad pattern is reported by the privacy check
    for action in ds.actions.values():
        origin = ds.origins[action.id]
        yield from _references(ds, action, origin.file, origin.pointer)
        yield from _verbatim(ds, action, origin.file, origin.pointer)
        yield from _dates(action, origin.file, origin.pointer)
        yield from _personal(action, patterns, origin.file, origin.pointer)
    for rating, origin in zip(ds.ratings, ds.rating_origins, strict=True):
        yield from ref(Suggest(ds), ds.recommendations, "recommendation", rating.recommendation,
                       origin.file, (*origin.pointer, "recommendation"))
        for match in pii.find(rating.note or "", patterns):
            yield _pii(match, "note of a rating", origin.file, (*origin.pointer, "note"), "")
    for key in ds.config.labels:
        if key not in DEFAULTS:
            yield error("unknown-label", f"labels: '{key}' is not a status, rating or "
                        f"schedule; use one of {', '.join(DEFAULTS)}", "config.yaml",
                        ("labels", key))


def _references(ds: Dataset, action: Action, file: str, at: Pointer) -> Iterable[Problem]:
    for i, rec_id in enumerate(action.recommendations):
        yield from ref(Suggest(ds), ds.recommendations, "recommendation", rec_id, file,
                       (*at, "recommendations", i))
    for i, theme in enumerate(action.themes):
        yield from ref(Suggest(ds), ds.themes, "theme", theme, file, (*at, "themes", i))
    if action.source is not None:
        yield from ref(Suggest(ds), ds.documents, "document", action.source, file, (*at, "source"))
    if not action.recommendations and not action.themes:
        yield warning("action-serves-nothing", f"action '{action.id}' names no recommendation "
                      "and no theme", file, at, action.id)


def _verbatim(ds: Dataset, action: Action, file: str, at: Pointer) -> Iterable[Problem]:
    """An action quoted from a plan must be found in its text, as an excerpt's quote is."""
    if action.source is None or action.source not in ds.raw_texts:
        return
    text = textmatch.normalised_text(ds, action.source) or ""
    wanted = textmatch.normalise(action.text)
    if wanted in text:
        return
    near = textmatch.closest(wanted, text)
    yield error("action-not-in-source", f"the text of action '{action.id}' is not in document "
                f"'{action.source}'; closest passage ({near.score:.0f}% alike): "
                f"\"{near.passage[:200]}\"", file, (*at, "text"), action.id)


def _dates(action: Action, file: str, at: Pointer) -> Iterable[Problem]:
    if action.date_uncertain and not action.date_basis:
        yield warning("date-basis", f"action '{action.id}' has an uncertain due date and no "
                      "date_basis; say what it rests on", file, (*at, "due"), action.id)
    for i, (before, after) in enumerate(zip(action.history, action.history[1:], strict=False)):
        if after.date.earliest < before.date.earliest:
            yield warning("history-order", f"action '{action.id}': history entry {i + 2} "
                          f"({after.date}) is dated before the one above it ({before.date}); "
                          "keep entries oldest first", file, (*at, "history", i + 1, "date"),
                          action.id)


def _personal(action: Action, patterns: list[re.Pattern[str]], file: str,
              at: Pointer) -> Iterable[Problem]:
    """Owners are roles: a name, or any detail pii.py recognises, gets a warning."""
    if action.owner is not None:
        if looks_like_a_name(action.owner):
            yield warning("personal-data", f"owner of '{action.id}' looks like a person's name "
                          f"('{pii.masked(action.owner)}'); give a role, such as 'Head of "
                          "MASH'", file, (*at, "owner"), action.id)
        for match in pii.find(action.owner, patterns):
            yield _pii(match, f"owner of '{action.id}'", file, (*at, "owner"), action.id)
    texts: list[tuple[str | None, Pointer]] = [(action.note, ("note",))]
    texts += [(e.note, ("history", i, "note")) for i, e in enumerate(action.history)]
    for text, where in texts:
        for match in pii.find(text or "", patterns):
            yield _pii(match, f"a note of '{action.id}'", file, (*at, *where), action.id)


def _pii(match: pii.Match, what: str, file: str, at: Pointer, subject: str) -> Problem:
    return warning("personal-data", f"{what} looks like it holds a {match.kind.replace('-', ' ')}"
                   f" ('{pii.masked(match.text)}'); remove it", file, at, subject)
