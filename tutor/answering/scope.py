"""Is a question about the trade at all? A logistic regression on its query embedding and its words.

The similarity of the best passage does not separate "temps de cuisson d'un gigot" from a machining question
well enough (a cooking question lands on the cutting-fluid sheet at 0.86), and a 1.5B model asked "is this
about machining?" says yes to almost anything. A linear model trained on written questions of both kinds
(`corpus/scope/`, never the eval set) does better: it sees the whole question, not its best passage.
The classifier itself is `tutor.answering.classifier`'s.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from tutor.answering.classifier import Lazy, TextClassifier, cached, held_out_probabilities

log = logging.getLogger(__name__)

INSIDE_FILE = "domaine.yaml"
OUTSIDE_FILE = "hors_domaine.yaml"
FORMAT = 3  # the cached object's layout: a new one retrains
UNSURE = 0.5  # below this probability of being about the trade, the question's vocabulary is looked at too
FOREIGN_WORDS = 0.25  # share of words the corpus never uses that makes an unsure question out of scope

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

    classifier: TextClassifier
    threshold: float

    def probability(self, vector: np.ndarray, question: str) -> float:
        return float(self.classifier.probabilities(vector[None, :], [question])[0, 1])


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


def train(
    vectors: np.ndarray, texts: Sequence[str], labels: np.ndarray, *, recall: float = 0.99, folds: int = 5
) -> tuple[TextClassifier, float]:
    """Fit on everything; choose the threshold so that `recall` of in-domain questions pass in cross-validation.

    Cross-validated probabilities, not the fit's own, set the threshold: on its own training data the model is
    overconfident, and the threshold would let out-of-domain questions through.
    """
    held_out = held_out_probabilities(vectors, texts, labels, folds)[:, 1]
    threshold = float(np.quantile(held_out[labels == 1], 1.0 - recall))
    return TextClassifier().fit(vectors, list(texts), labels), threshold


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
        unknown_share: Callable[[str], float] | None = None,
    ) -> None:
        self.embed_query, self.unknown_share = embed_query, unknown_share
        self.embedder_name, self.scope_dir, self.cache_dir, self.recall = embedder_name, scope_dir, cache_dir, recall
        self._model = Lazy(self._load_or_train)

    def model(self) -> ScopeModel | None:
        """The trained filter (from the cache when it is current), or None without training data."""
        return self._model.get()

    def _load_or_train(self) -> ScopeModel | None:
        questions = load_questions(self.scope_dir)
        if questions is None:
            return None
        inside, outside = questions
        stamp = stamp_of(self.embedder_name, inside, outside, self.recall)

        def fit() -> ScopeModel:
            log.info("training the scope filter on %d + %d questions", len(inside), len(outside))
            texts = inside + outside
            labels = np.concatenate([np.ones(len(inside)), np.zeros(len(outside))])
            return ScopeModel(*train(self._embed(texts), texts, labels, recall=self.recall))

        return cached(self.cache_dir / "scope.pickle", stamp, fit)

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
        if model is None:
            return True
        probability = model.probability(self.embed_query(question), question)
        if probability < model.threshold:
            return False
        # Unsure, and a quarter of its words are foreign to the corpus: a trap written with trade words
        # (« fraiser le bord d'une tarte »). Both limits are round values, checked on the eval sets (note, issue 15).
        unsure = probability < UNSURE and self.unknown_share is not None
        return not (unsure and self.unknown_share(question) >= FOREIGN_WORDS)
