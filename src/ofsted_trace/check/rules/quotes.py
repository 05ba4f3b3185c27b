"""Every quote must appear verbatim in its document's text, and be long enough to be evidence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ofsted_trace.check import textmatch
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Problem, error
from ofsted_trace.model.records import Excerpt

_SHOWN = 160  # characters of the closest passage shown in a message


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a problem, with the closest passage, for each quote not found in its text."""
    return check_excerpts(ds, ds.unsettled())


def check_excerpts(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> Iterator[Problem]:
    """The check for some excerpts: those of one evidence file as it loads, or all unsettled."""
    for ex, origin in excerpts:
        if textmatch.too_short(ex.quote):
            yield error("quote-too-short", f"quote of '{ex.id}' has fewer than "
                        f"{textmatch.MIN_WORDS} words; quote at least {textmatch.MIN_WORDS} "
                        "words, enough for a reader to check the finding",
                        origin.file, (*origin.pointer, "quote"), ex.id)
            continue
        doc_id = ds.excerpt_document.get(ex.id, "")
        text = textmatch.normalised_text(ds, doc_id)
        if text is None:
            continue  # the document's own problem is already reported
        # The texts are normalised, so a quote found as written would also be found normalised
        # (it can hold no odd quote mark, dash spacing or double space); most quotes stop here.
        # One with a curly mark cannot be: it skips that search of the whole text.
        if not textmatch.has_marks(ex.quote) and textmatch.find(ex.quote, text) >= 0:
            continue
        quote = textmatch.normalise(ex.quote)
        if textmatch.find(quote, text) >= 0:
            continue
        # A quote that runs across a page break of a PDF extraction: the same words, in the
        # text with only its declared furniture lines left out.
        clean = textmatch.clean_text(ds, doc_id)
        if clean is not None and textmatch.find(quote, clean) >= 0:
            continue
        yield error("quote-not-found", message(ex.id, doc_id, quote, clean or text),
                    origin.file, (*origin.pointer, "quote"), ex.id)


def message(ex_id: str, doc_id: str, quote: str, text: str) -> str:
    """Why a normalised quote is not in a normalised text, with the closest passage."""
    if quote in text:
        return (f"quote of '{ex_id}' is in document '{doc_id}' only inside a longer word; "
                "quote whole words")
    near = textmatch.closest(quote, text)
    passage = near.passage if len(near.passage) <= _SHOWN else near.passage[:_SHOWN] + "…"
    return (f"quote of '{ex_id}' is not in document '{doc_id}'; closest passage "
            f"({textmatch.alike(near.score)} alike): \"{passage}\"")
