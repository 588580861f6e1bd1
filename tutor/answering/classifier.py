"""A small text classifier on a question's embedding and its words, and its cache on disk.

The scope filter (is it about the trade?) and the question router (which answer shape?) both learn from a few
hundred written questions. scikit-learn lives only here.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np

log = logging.getLogger(__name__)
T = TypeVar("T")


class TextClassifier:
    """Scaled e5 vectors (meaning) beside character n-grams (the words themselves), in one logistic regression.

    The vectors alone confuse questions of the same shape ("c'est quoi la différence entre...") across
    subjects; the n-grams alone miss paraphrases. Their weight (0.05) and C (10) were chosen by cross-validation
    on the scope filter's training questions only.
    """

    def __init__(self, vector_weight: float = 0.05, c: float = 10.0) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        self.vector_weight = vector_weight
        self.scaler = StandardScaler()
        self.ngrams = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, strip_accents="unicode"
        )
        self.model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)

    @property
    def classes(self) -> list:
        return list(self.model.classes_)

    def fit(self, vectors: np.ndarray, texts: Sequence[str], labels: np.ndarray) -> TextClassifier:
        self.scaler.fit(vectors)
        self.ngrams.fit(texts)
        self.model.fit(self._features(vectors, texts), labels)
        return self

    def probabilities(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """One row per question, one column per class (in `classes` order)."""
        return self.model.predict_proba(self._features(vectors, texts))

    def _features(self, vectors: np.ndarray, texts: Sequence[str]):
        import scipy.sparse as sparse

        scaled = sparse.csr_matrix(self.scaler.transform(vectors) * self.vector_weight)
        return sparse.hstack([scaled, self.ngrams.transform(list(texts))]).tocsr()


def held_out_probabilities(vectors: np.ndarray, texts: Sequence[str], labels: np.ndarray, folds: int = 5) -> np.ndarray:
    """Cross-validated probabilities: a model is overconfident on its own training questions, so thresholds
    and accuracy figures come from these."""
    from sklearn.model_selection import StratifiedKFold

    classes = sorted(set(labels.tolist()))
    held_out = np.zeros((len(labels), len(classes)))
    for fit_rows, test_rows in StratifiedKFold(n_splits=folds, shuffle=True, random_state=0).split(vectors, labels):
        part = TextClassifier().fit(vectors[fit_rows], [texts[i] for i in fit_rows], labels[fit_rows])
        columns = [classes.index(c) for c in part.classes]
        held_out[np.ix_(test_rows, columns)] = part.probabilities(vectors[test_rows], [texts[i] for i in test_rows])
    return held_out


class Lazy(Generic[T]):
    """A model built on first use (from its cache or trained), once, whichever thread asks first; built again
    while it comes out None (no training data yet)."""

    def __init__(self, build: Callable[[], T | None]) -> None:
        self._build, self._value, self._lock = build, None, threading.Lock()

    def get(self) -> T | None:
        with self._lock:
            if self._value is None:
                self._value = self._build()
            return self._value


def cached(path: Path, stamp: str, fit: Callable[[], T]) -> T:
    """The object saved at `path` under `stamp`, or `fit()` saved there: a stale or unreadable cache is rebuilt."""
    if path.exists():
        with contextlib.suppress(Exception):
            saved_stamp, saved = pickle.loads(path.read_bytes())
            if saved_stamp == stamp:
                return saved
    value = fit()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_bytes(pickle.dumps((stamp, value)))
    partial.replace(path)
    return value
