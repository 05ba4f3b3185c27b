"""Independent findings: each placed at its visit, and each repeat marked as one."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator, Sequence

from ofsted_trace.check import textmatch
from ofsted_trace.check.rules.references import Suggest, ref
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Problem, error, warning
from ofsted_trace.model.records import Excerpt
from ofsted_trace.model.values import Voice

# A sentence ends at . ! or ? before a space; quotes are compared sentence by sentence.
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# Shorter runs ("Good progress.") recur by chance; a repeat worth flagging is longer.
_MIN_WORDS = 6


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield broken same_as links and unmarked repeats: what one excerpt makes of another."""
    for ex in ds.excerpts.values():
        if ex.same_as is not None:
            yield from _same_as(ds, ex)
    yield from _repeats(ds)


def check_excerpts(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> Iterator[Problem]:
    """The excerpts' own part: each independent finding is placed at a visit, or says why not."""
    for ex, origin in excerpts:
        if ex.voice is not Voice.COUNCIL and ex.visit is None and not ex.date_basis:
            yield warning("no-visit", f"'{ex.id}' is an independent finding but names no visit; "
                          "add visit:, or say in date_basis why it cannot be placed (it then "
                          "ranks below every finding placed at a visit)", origin.file,
                          origin.pointer, ex.id)


def root(ds: Dataset, ex: Excerpt) -> str:
    """The excerpt a chain of same_as links ends at (itself when it is not a repeat)."""
    seen = {ex.id}
    current = ex
    while current.same_as is not None and current.same_as in ds.excerpts:
        if current.same_as in seen:
            return ex.id  # a cycle is reported by the check; judge the excerpt on its own
        seen.add(current.same_as)
        current = ds.excerpts[current.same_as]
    return current.id


def _same_as(ds: Dataset, ex: Excerpt) -> Iterable[Problem]:
    origin = ds.origins[ex.id]
    where = (*origin.pointer, "same_as")
    target = ex.same_as or ""
    if target == ex.id:
        yield error("same-as-itself", f"'{ex.id}' cannot be a repeat of itself", origin.file,
                    where, ex.id)
        return
    if target not in ds.excerpts:
        yield from ref(Suggest(ds), ds.excerpts, "excerpt", target, origin.file, where)
        return
    if root(ds, ex) == ex.id:
        yield error("same-as-cycle", f"'{ex.id}' is a repeat of a repeat of itself; point "
                    "every copy at the one best-sourced wording", origin.file, where, ex.id)


def _repeats(ds: Dataset) -> Iterable[Problem]:
    """Two independent excerpts sharing a whole sentence, equal or one inside the other."""
    # Keyed by each sentence's hash, not the sentence: 200,000 sentences at 100k excerpts
    # would hold ~40 MB. A group is only a candidate; sharing is confirmed on the words.
    first: dict[int, Excerpt] = {}
    groups: dict[int, list[Excerpt]] = {}
    keys = ds.sentence_keys
    for ex in ds.excerpts.values():
        if ex.voice is Voice.COUNCIL:
            continue
        for key in keys[ex.id] if ex.id in keys else sentence_keys(ds, [ex])[0]:
            if key not in first:
                first[key] = ex
            elif first[key] is not ex:
                groups.setdefault(key, [first[key]]).append(ex)
    normal: dict[str, str] = {}  # each quote in a group normalised once

    def norm(ex: Excerpt) -> str:
        if ex.id not in normal:
            normal[ex.id] = textmatch.normalise(ex.quote)
        return normal[ex.id]

    reported: set[tuple[str, str]] = set()
    for group in groups.values():
        for i, one in enumerate(group):
            for two in group[i + 1:]:
                pair = (one.id, two.id)
                if pair in reported or _marked(ds, one, two):
                    continue
                a, b = norm(one), norm(two)
                if (a in b or b in a) and set(_sentences(a)) & set(_sentences(b)):
                    reported.add(pair)
                    origin = ds.origins[two.id]
                    yield warning("repeated-finding", f"'{two.id}' repeats '{one.id}'; "
                                  f"mark the copy with same_as: {one.id} (or the other way "
                                  "round) so the finding counts once", origin.file,
                                  origin.pointer, two.id)


def sentence_keys(ds: Dataset, excerpts: Sequence[Excerpt]) -> list[tuple[int, ...]]:
    """The hash of each whole sentence of each excerpt's quote, remembered on ds.

    The loader's pass over each evidence file works them out as it arrives (check/pipeline.py),
    while the next files parse; the repeats check then only reads them.
    """
    out = []
    for ex in excerpts:
        found = ds.sentence_keys[ex.id] = tuple(
            _key(s) for s in _sentences(textmatch.normalise(ex.quote)))
        out.append(found)
    return out


def _key(sentence: str) -> int:
    """A sentence's key, the same in every process (hash() is not), so the cache can keep it.

    Two sentences sharing a key only become a candidate pair, confirmed on their words.
    """
    raw = sentence.encode()
    return zlib.crc32(raw) | len(raw) << 32


def _sentences(normalised: str) -> list[str]:
    # Normalised text has single spaces and no space at either end, nor has any sentence the
    # split leaves: its words are one more than its spaces (no list of them made).
    return [s for s in _SENTENCE.split(normalised.lower()) if s.count(" ") >= _MIN_WORDS - 1]


def _marked(ds: Dataset, first: Excerpt, second: Excerpt) -> bool:
    return root(ds, first) == root(ds, second)
