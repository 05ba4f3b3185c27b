"""BM25 ranking of passages against queries: the only module that imports bm25s or a stemmer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain
from typing import NamedTuple

# bm25s: BM25 on sparse matrices, maintained, and needing only numpy; rank-bm25 has had no
# release since 2022. snowballstemmer (pure Python) lets "assessments" find "assessment".
import bm25s
import numpy as np
import snowballstemmer

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(bm25s.stopwords.STOPWORDS_EN)
_STEM = snowballstemmer.stemmer("english")
_BATCH_CELLS = 2_000_000  # queries by passages scored at once in best(): 8 MB of float32


class _Stems(dict[str, str | None]):
    """Each word's stem, or None for a word BM25 leaves out, worked out on first sight."""

    def __missing__(self, word: str) -> str | None:
        # The pure-Python stemmer takes ~0.1 ms a word; a dataset's vocabulary is a few
        # thousand words, while `suggest` stems every linked quote (millions of words at
        # 100,000 excerpts), so each word is stemmed once.
        stem = None if len(word) < 2 or word in _STOP else str(_STEM.stemWord(word))
        self[word] = stem
        return stem


_STEMS = _Stems()


def terms(text: str) -> list[str]:
    """The words BM25 compares: lower case, stop words dropped, each stemmed."""
    # map() looks each word up in C; only a word never seen before calls __missing__.
    return [s for s in map(_STEMS.__getitem__, _WORD.findall(text.lower())) if s is not None]


def top(rows: Sequence[Sequence[float]], k: int, columns: int) -> list[list[int]]:
    """For each column, the indexes of the k rows highest in it, the earlier row on a tie."""
    if not rows:
        return [[] for _ in range(columns)]
    # One stable sort of every column in numpy (1,000 recommendations by each passage for
    # `suggest`), not a Python sort per column: sorting the negated scores stably keeps a tie
    # in row order.
    order = np.argsort(-np.array(rows, dtype=np.float64).reshape(len(rows), columns), axis=0,
                       kind="stable")
    best: list[list[int]] = order[:k].T.tolist()
    return best


class Ranker:
    """A corpus of passages indexed once; each query gets a score for every passage."""

    def __init__(self, corpus: list[str]) -> None:
        self.size = len(corpus)
        self._bm25 = bm25s.BM25()
        self._index: _Postings | None = None
        self._vocabulary: list[str] = []
        # Each query's token ids, by its text: `suggest` asks best() for every quote linked
        # to each recommendation, and a quote linked to three is read once, not three times.
        self._ids: dict[str, list[int]] = {}
        if corpus:
            # An empty passage still needs a token, or bm25s would drop its row.
            tokens = [terms(text) or ["\0"] for text in corpus]
            self._bm25.index(tokens, show_progress=False)
            self._vocabulary = sorted({t for passage in tokens for t in passage})

    def scores(self, query: str) -> list[float]:
        """The query's BM25 score against each passage, in corpus order."""
        words = terms(query)
        if not words or not self.size:
            return [0.0] * self.size
        return [float(s) for s in self._bm25.get_scores(words)]

    def best(self, queries: Sequence[str]) -> list[float]:
        """Each passage's best score against any of the queries (0 when there are none)."""
        if not self.size:
            return []
        out = np.zeros(self.size, dtype=np.float32)
        batch: list[list[int]] = []
        known = self._ids
        for query in queries:
            ids = known.get(query)
            if ids is None:
                ids = known[query] = self._bm25.get_tokens_ids(terms(query))
            if ids:  # a query with no word of the corpus scores 0 everywhere
                batch.append(ids)
            if len(batch) * self.size >= _BATCH_CELLS:
                self._fold(out, batch)
                batch = []
        self._fold(out, batch)
        return out.tolist()

    def _fold(self, out: np.ndarray, batch: list[list[int]]) -> None:
        """Raise out to each query's scores: a query is a list of token ids."""
        if not batch:
            return
        postings = self._postings()
        ids = np.fromiter(chain.from_iterable(batch), dtype=np.int64)
        query = np.repeat(np.arange(len(batch)), [len(q) for q in batch])
        first, count = postings.start[ids], postings.length[ids]
        # Where each token's postings sit, token after token in the queries' order.
        at = np.repeat(first - (np.cumsum(count) - count), count) + np.arange(count.sum())
        sums = np.zeros((len(batch), self.size), dtype=np.float32)
        # bm25s scores a query by adding its tokens' scores one token after another in
        # float32; add.at adds the same numbers in the same order (leaving out the zeros,
        # which change nothing), so every score is bit for bit the one get_scores gives.
        # On the flat index: numpy's add.at has a fast path for one index array (~8x faster
        # here than a pair of them), and it adds in the same order all the same.
        flat = np.repeat(query, count) * self.size + postings.passage[at]
        np.add.at(sums.reshape(-1), flat, postings.score[at])
        np.maximum(out, sums.max(axis=0), out=out)

    def _postings(self) -> _Postings:
        """Each token's non-zero scores, by passage: read from bm25s once per token."""
        if self._index is None:
            # Once per token of the corpus (a few thousand), not once per query and token:
            # `suggest` asks for the best of every quote linked to each recommendation.
            size = len(self._bm25.vocab_dict)
            first, count = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64)
            passages: list[np.ndarray] = []
            scores: list[np.ndarray] = []
            done = 0
            for token in self._bm25.get_tokens_ids(self._vocabulary):
                row = self._bm25.get_scores_from_ids([token])
                where = np.flatnonzero(row)
                first[token], count[token] = done, len(where)
                passages.append(where)
                scores.append(row[where].astype(np.float32, copy=False))
                done += len(where)
            self._index = _Postings(first, count, np.concatenate(passages),
                                    np.concatenate(scores))
        return self._index


class _Postings(NamedTuple):
    """Every token's non-zero scores: its run in passage and score, from start for length."""

    start: np.ndarray
    length: np.ndarray
    passage: np.ndarray
    score: np.ndarray
