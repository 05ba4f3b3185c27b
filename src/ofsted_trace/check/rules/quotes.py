"""Every quote must appear verbatim in its document's text."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.check import textmatch
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Problem, error

_SHOWN = 160  # characters of the closest passage shown in a message


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a problem, with the closest passage, for each quote not found in its text."""
    for ex, origin in ds.unsettled():
        doc_id = ds.excerpt_document.get(ex.id, "")
        text = textmatch.normalised_text(ds, doc_id)
        if text is None:
            continue  # the document's own problem is already reported
        # The texts are normalised, so a quote found as written would also be found normalised
        # (it can hold no odd quote mark, dash spacing or double space); most quotes stop here.
        if ex.quote in text:
            continue
        quote = textmatch.normalise(ex.quote)
        if quote in text:
            continue
        # A quote that runs across a page break of a PDF extraction: the same words, in the
        # text with only its declared furniture lines left out.
        clean = textmatch.clean_text(ds, doc_id)
        if clean is not None and quote in clean:
            continue
        near = textmatch.closest(quote, text)
        passage = near.passage if len(near.passage) <= _SHOWN else near.passage[:_SHOWN] + "…"
        yield error("quote-not-found", f"quote of '{ex.id}' is not in document '{doc_id}'; "
                    f"closest passage ({near.score:.0f}% alike): \"{passage}\"",
                    origin.file, (*origin.pointer, "quote"), ex.id)
