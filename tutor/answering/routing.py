"""Which kind of question is this? It decides the shape of the answer (steps, two lists, a comparison...).

A few rules catch what is unmistakable (a pasted program, the CQPM and VAE words, « différence entre »); a
classifier on the question's embedding and words (`tutor.answering.classifier`), trained on labelled questions written for
it (`corpus/routage/questions.yaml`, never the eval sets), decides the rest. It is tested on the blind sets' own
labels, which its training questions never saw.
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

QUESTION_TYPES = ("calcul", "connaissance", "procedure", "depannage", "gcode", "comparaison", "certification")
EXAMPLES_FILE = "questions.yaml"  # in corpus/routage/
FORMAT = 1  # the cached model's layout: a new one retrains
FALLBACK = "connaissance"  # without training data, or for an empty question

# A line of an NC program: optional N number, then G/M/T codes or axis words with values (ISO, Sinumerik), or a
# Heidenhain conversational block.
_NC_LINE = re.compile(
    r"^\s*(N\d+\s*)?(([GMTSF]\d{1,3}(\.\d)?|[XYZIJKRUW]\s?-?\d*\.?\d+)\s*){2,}.*$"
    r"|^\s*\d+\s+(L|C|CC|CR|CT|TOOL CALL|CYCL|BLK FORM|BEGIN PGM|END PGM)\b",
    re.IGNORECASE,
)
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "certification",
        re.compile(
            r"\b(cqpm|vae|jury|rncp|uimm|certification|recevabilit\w*|livret|dossier de preuves?|"
            r"blocs? (de comp\w+|[123]|bc[123])|bc[123]|capacit\w+ c[1-7])\b",
            re.IGNORECASE,
        ),
    ),
    (
        "comparaison",
        re.compile(
            r"\b(diff[ée]rences? (entre|avec)|quelle diff|c'?est quoi la diff|diff entre|compar(e[rsz]?|ons|aisons?|atif|ée?s?)|versus|"
            r"difference between|what'?s the difference|\w+ vs\.? \w+|\w+ or \w+ which)\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class Route:
    kind: str  # one of QUESTION_TYPES
    confidence: float  # the classifier's probability; 1.0 for a rule
    by: str  # "programme" | "règle" | "classifieur" | "défaut"
    program: str = ""  # the pasted NC program, when the question holds one

    @property
    def is_program(self) -> bool:
        return bool(self.program)


def pasted_program(text: str) -> str:
    """The NC blocks of a question that pastes a program (two lines or more), else ""."""
    lines = [line for line in text.splitlines() if line.strip()]
    blocks = [line for line in lines if _NC_LINE.match(line) or line.strip() in ("%", "M30", "M02", "M2")]
    if len(blocks) >= 2 and len(blocks) >= 0.5 * len(lines):
        start = next(i for i, line in enumerate(lines) if line in blocks)
        return "\n".join(lines[start:])
    return ""


_CLAUSES = re.compile(
    r"\?|;|,?\s+(?:et|and)\s+(?=(?:quel|quels|quelle|quelles|comment|pourquoi|combien|que|qu'|what|how|which|why)\b)",
    re.IGNORECASE,
)


def knowledge_part(question: str) -> str:
    """The part of a mixed question that is not a computation (« quel ajustement pour un roulement, et quels
    écarts pour Ø30 k6 ? » -> « quel ajustement pour un roulement »), or "" when every part holds a number."""
    parts = [" ".join(p.split()).strip(" ,") for p in _CLAUSES.split(question)]
    wordy = [p for p in parts if len(p.split()) >= 3 and not re.search(r"\d", p)]
    return " ; ".join(wordy) if wordy and len([p for p in parts if p]) > 1 else ""


def rule_kind(question: str) -> str | None:
    for kind, pattern in _RULES:
        if pattern.search(question):
            return kind
    return None


def load_examples(folder: Path) -> dict[str, list[str]] | None:
    """Labelled training questions by type, or None when the file is absent."""
    path = folder / EXAMPLES_FILE
    if not path.exists():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or set(data) - set(QUESTION_TYPES):
        raise ValueError(f"{path} : des types parmi {', '.join(QUESTION_TYPES)} sont attendus")
    return {kind: [" ".join(q.split()) for q in data.get(kind) or [] if str(q).strip()] for kind in QUESTION_TYPES}


@dataclass(frozen=True)
class RouterModel:
    classifier: TextClassifier
    held_out_accuracy: float  # cross-validated, on the training questions


class Router:
    """Trained once per embedder and training data, cached beside the index's caches (as the scope filter)."""

    def __init__(
        self,
        embed_query: Callable[[str], np.ndarray],
        embedder_name: str,
        folder: Path,
        cache_dir: Path,
        computes: Callable[[str], bool] | None = None,
    ) -> None:
        self.embed_query, self.embedder_name, self.folder, self.cache_dir = (
            embed_query,
            embedder_name,
            folder,
            cache_dir,
        )
        # Whether the calculators compute something from the question: a « calcul » they cannot compute is a
        # question of another type that happens to hold figures (« à Vc 250 la plaquette crame »).
        self.computes = computes
        self._model = Lazy(self._load_or_train)

    def model(self) -> RouterModel | None:
        return self._model.get()

    def _load_or_train(self) -> RouterModel | None:
        examples = load_examples(self.folder)
        if not examples or not all(examples.values()):
            return None
        texts = [q for kind in QUESTION_TYPES for q in examples[kind]]
        labels = np.array([kind for kind in QUESTION_TYPES for _ in examples[kind]])
        stamp = hashlib.sha256(json.dumps([FORMAT, self.embedder_name, texts, labels.tolist()]).encode()).hexdigest()

        def fit() -> RouterModel:
            log.info("training the question router on %d questions", len(texts))
            vectors = np.vstack([self.embed_query(q) for q in texts])
            folds = min(5, min(len(examples[kind]) for kind in QUESTION_TYPES))
            accuracy = float("nan")
            if folds >= 2:
                held_out = held_out_probabilities(vectors, texts, labels, folds)
                classes = sorted(set(labels.tolist()))
                accuracy = float(np.mean(np.array(classes)[held_out.argmax(axis=1)] == labels))
            return RouterModel(TextClassifier().fit(vectors, texts, labels), accuracy)

        return cached(self.cache_dir / "router.pickle", stamp[:16], fit)

    def __call__(self, question: str) -> Route:
        program = pasted_program(question)
        if program:
            return Route("gcode", 1.0, "programme", program)
        kind = rule_kind(question)
        if kind:
            return Route(kind, 1.0, "règle")
        model = self.model()
        if model is None or not question.strip():
            return Route(FALLBACK, 0.0, "défaut")
        probabilities = model.classifier.probabilities(self.embed_query(question)[None, :], [question])[0]
        ranked = [int(i) for i in np.argsort(-probabilities, kind="stable")]
        best = ranked[0]
        calculation = str(model.classifier.classes[best]) == "calcul" and len(ranked) > 1
        if calculation and self.computes is not None and not self.computes(question):
            best = ranked[1]
        return Route(str(model.classifier.classes[best]), float(probabilities[best]), "classifieur")

    def accuracy(self, questions: Sequence[tuple[str, str]]) -> float:
        """Share of (question, expected type) pairs routed to their type."""
        return sum(self(q).kind == kind for q, kind in questions) / max(1, len(questions))
