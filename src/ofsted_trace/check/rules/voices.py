"""Ofsted's voice in a secondary text needs quotation marks; otherwise it is a paraphrase."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ofsted_trace.check import textmatch
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Problem, warning
from ofsted_trace.model.records import Excerpt
from ofsted_trace.model.values import Voice

_OPENERS = ('"', "'")  # a quotation may also open with a single mark


def quoted(quote: str, text: str) -> bool:
    """Whether a normalised quote stands inside double quotation marks in a normalised text."""
    start = textmatch.find(quote, text)
    if start < 0:
        return True  # a missing quote is the quotes check's problem, not this one's
    before = text[:start]
    # An odd number of double marks before it means a quotation is open. Single marks double
    # as apostrophes, so only one right before the quote counts, and only as an opening mark.
    return (before.count('"') % 2 == 1 or _opens_single(before.rstrip())
            or quote.startswith(_OPENERS))


def _opens_single(before: str) -> bool:
    """Whether text ends with an opening single mark: not one that ends a word ("parents'")."""
    return before.endswith("'") and (len(before) == 1 or not (
        before[-2].isalnum() or before[-2] in ".,;:!?)]'\""))


def check(ds: Dataset) -> Iterable[Problem]:
    """Warn where words tagged as Ofsted's own are not quoted in a secondary document."""
    return check_excerpts(ds, ds.unsettled())


def check_excerpts(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> Iterator[Problem]:
    """The check for some excerpts: those of one evidence file as it loads, or all unsettled."""
    for ex, origin in excerpts:
        doc = ds.documents.get(ds.excerpt_document.get(ex.id, ""))
        if ex.voice is not Voice.OFSTED or doc is None or doc.primary:
            continue
        text = textmatch.normalised_text(ds, doc.id)
        if text is None or quoted(textmatch.normalise(ex.quote), text):
            continue
        yield warning("unquoted-ofsted", f"'{ex.id}' is tagged as Ofsted's own words, but "
                      f"'{doc.id}' is not Ofsted's text and does not put them in quotation "
                      "marks; tag it ofsted-paraphrase, or council if they are the council's",
                      origin.file, (*origin.pointer, "voice"), ex.id)
