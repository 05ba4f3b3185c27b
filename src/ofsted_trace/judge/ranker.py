"""BM25 ranking of passages against queries: the only module that imports bm25s or a stemmer."""

from __future__ import annotations

import re

# bm25s: BM25 on sparse matrices, maintained, and needing only numpy; rank-bm25 has had no
# release since 2022. snowballstemmer (pure Python) lets "assessments" find "assessment".
import bm25s
import snowballstemmer

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(bm25s.stopwords.STOPWORDS_EN)
_STEM = snowballstemmer.stemmer("english")


def terms(text: str) -> list[str]:
    """The words BM25 compares: lower case, stop words dropped, each stemmed."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _STOP]
    return list(_STEM.stemWords(words))


class Ranker:
    """A corpus of passages indexed once; each query gets a score for every passage."""

    def __init__(self, corpus: list[str]) -> None:
        self.size = len(corpus)
        self._bm25 = bm25s.BM25()
        if corpus:
            # An empty passage still needs a token, or bm25s would drop its row.
            self._bm25.index([terms(text) or ["\0"] for text in corpus], show_progress=False)

    def scores(self, query: str) -> list[float]:
        """The query's BM25 score against each passage, in corpus order."""
        words = terms(query)
        if not words or not self.size:
            return [0.0] * self.size
        return [float(s) for s in self._bm25.get_scores(words)]
