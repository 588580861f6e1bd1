"""Is a question about the trade at all? A logistic regression on its query embedding and its words.

The similarity of the best passage does not separate "temps de cuisson d'un gigot" from a machining question
well enough (a cooking question lands on the cutting-fluid sheet at 0.86), and a 1.5B model asked "is this
about machining?" says yes to almost anything. A linear model trained on written questions of both kinds
(`corpus/scope/`, never the eval set) does better: it sees the whole question, not its best passage.
scikit-learn lives only here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import pickle
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

log = logging.getLogger(__name__)

INSIDE_FILE = "domaine.yaml"
OUTSIDE_FILE = "hors_domaine.yaml"
FORMAT = 2  # the cached object's layout: a new one retrains

# Attempts to take over the tutor: refused before any model sees them, whatever they wrap.
_TAKEOVER = re.compile(
    r"\b(ignore[rsz]?|oublie[rsz]?|forget|disregard)\b.{0,40}\b(instructions?|consignes?|r[eè]gles?|rules?|prompt)"
    r"|\b(prompt|message) (syst[eè]me|system)\b|\bsystem prompt\b"
    r"|\b(fausse?|faux) (attestation|dipl[oô]me|certificat)",
    re.IGNORECASE,
)


def is_takeover(question: str) -> bool:
    """A request to drop the rules, reveal them, or forge a certificate."""
    return bool(_TAKEOVER.search(question))


@dataclass(frozen=True)
class ScopeModel:
    """The fitted classifier and the probability above which a question is in scope."""

    classifier: _Classifier
    threshold: float
    stamp: str  # embedder name and training data hash: a stale cache is retrained

    def probability(self, vector: np.ndarray, question: str) -> float:
        return float(self.classifier.probabilities(vector[None, :], [question])[0])


def load_questions(scope_dir: Path) -> tuple[list[str], list[str]] | None:
    """(in-domain, out-of-domain) training questions, or None when the folder does not hold both files."""
    inside, outside = scope_dir / INSIDE_FILE, scope_dir / OUTSIDE_FILE
    if not (inside.exists() and outside.exists()):
        return None
    return _strings(inside), _strings(outside)


def _strings(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
        raise ValueError(f"{path} : une liste de questions (chaînes) est attendue")
    return [" ".join(item.split()) for item in data if item.strip()]


def stamp_of(embedder_name: str, inside: Sequence[str], outside: Sequence[str], recall: float) -> str:
    digest = hashlib.sha256(json.dumps([FORMAT, embedder_name, list(inside), list(outside), recall]).encode())
    return digest.hexdigest()[:16]


class _Classifier:
    """Scaled e5 vectors (meaning) beside character n-grams (the words themselves), in one logistic regression.

    The vectors alone confuse questions of the same shape ("c'est quoi la différence entre...") across
    subjects; the n-grams alone miss paraphrases. Their weight (0.05) and C (10) were chosen by cross-validation
    on the training questions only.
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

    def fit(self, vectors: np.ndarray, texts: Sequence[str], labels: np.ndarray) -> _Classifier:
        self.scaler.fit(vectors)
        self.ngrams.fit(texts)
        self.model.fit(self._features(vectors, texts), labels)
        return self

    def probabilities(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Probability of being about the trade, one per question."""
        return self.model.predict_proba(self._features(vectors, texts))[:, 1]

    def _features(self, vectors: np.ndarray, texts: Sequence[str]):
        import scipy.sparse as sparse

        scaled = sparse.csr_matrix(self.scaler.transform(vectors) * self.vector_weight)
        return sparse.hstack([scaled, self.ngrams.transform(list(texts))]).tocsr()


def train(
    vectors: np.ndarray, texts: Sequence[str], labels: np.ndarray, *, recall: float = 0.99, folds: int = 5
) -> tuple[_Classifier, float]:
    """Fit on everything; choose the threshold so that `recall` of in-domain questions pass in cross-validation.

    Cross-validated probabilities, not the fit's own, set the threshold: on its own training data the model is
    overconfident, and the threshold would let out-of-domain questions through.
    """
    from sklearn.model_selection import StratifiedKFold

    held_out = np.zeros(len(labels))
    for fit_rows, test_rows in StratifiedKFold(n_splits=folds, shuffle=True, random_state=0).split(vectors, labels):
        part = _Classifier().fit(vectors[fit_rows], [texts[i] for i in fit_rows], labels[fit_rows])
        held_out[test_rows] = part.probabilities(vectors[test_rows], [texts[i] for i in test_rows])
    threshold = float(np.quantile(held_out[labels == 1], 1.0 - recall))
    return _Classifier().fit(vectors, list(texts), labels), threshold


class ScopeFilter:
    """Trained once per embedder and training data, cached beside the index's caches; safe to load from the
    web app's warm-up thread while a first question arrives."""

    def __init__(
        self,
        embed_query: Callable[[str], np.ndarray],
        embedder_name: str,
        scope_dir: Path,
        cache_dir: Path,
        recall: float = 0.99,
    ) -> None:
        self.embed_query = embed_query
        self.embedder_name, self.scope_dir, self.cache_dir, self.recall = embedder_name, scope_dir, cache_dir, recall
        self._model: ScopeModel | None = None
        self._lock = threading.Lock()

    def model(self) -> ScopeModel | None:
        """The trained filter (from the cache when it is current), or None without training data."""
        with self._lock:
            if self._model is None:
                self._model = self._load_or_train()
            return self._model

    def _load_or_train(self) -> ScopeModel | None:
        questions = load_questions(self.scope_dir)
        if questions is None:
            return None
        inside, outside = questions
        stamp = stamp_of(self.embedder_name, inside, outside, self.recall)
        cache = self.cache_dir / "scope.pickle"
        if cache.exists():
            with contextlib.suppress(Exception):  # an unreadable or foreign cache is simply rebuilt
                saved = pickle.loads(cache.read_bytes())
                if isinstance(saved, ScopeModel) and saved.stamp == stamp:
                    return saved
        log.info("training the scope filter on %d + %d questions", len(inside), len(outside))
        texts = inside + outside
        labels = np.concatenate([np.ones(len(inside)), np.zeros(len(outside))])
        classifier, threshold = train(self._embed(texts), texts, labels, recall=self.recall)
        model = ScopeModel(classifier, threshold, stamp)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".tmp")
        partial.write_bytes(pickle.dumps(model))
        partial.replace(cache)
        return model

    def _embed(self, questions: Sequence[str]) -> np.ndarray:
        return np.vstack([self.embed_query(q) for q in questions])

    def probability(self, question: str) -> float | None:
        model = self.model()
        return None if model is None else model.probability(self.embed_query(question), question)

    def __call__(self, question: str) -> bool:
        """True when the question is about the trade (and always when no filter can be trained)."""
        if is_takeover(question):
            return False
        model = self.model()
        return model is None or model.probability(self.embed_query(question), question) >= model.threshold
