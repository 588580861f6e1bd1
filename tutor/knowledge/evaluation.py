"""The retrieval eval sets (`evals/`) and their metrics: hit@k and MRR.

A question is found at rank r when the r-th passage comes from one of its expected documents and
contains every one of its fact patterns (case-insensitive, accents folded). The blind set
(`evals/blind/`) was written by an author who never read the corpus, so its questions name no
document: any passage holding every fact pattern counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from tutor.documents import CAPACITIES, Chunk
from tutor.knowledge.lexical import fold

AREAS = (*CAPACITIES, "VAE", "GCODE")


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    lang: str
    area: str
    capacity: str
    sources: tuple[str, ...]  # paths under corpus/, as written in the eval files; empty: any document
    facts: tuple[str, ...]
    file: str = ""
    voice: str = ""  # blind set: apprenant | technicien | formateur
    kind: str = ""  # blind set: connaissance | procedure | depannage | gcode | calcul | comparaison | certification
    answer: str = ""  # blind set: the author's short reference answer


@dataclass(frozen=True)
class OutOfScope:
    id: str
    question: str
    lang: str


def load_questions(evals_dir: Path) -> list[EvalQuestion]:
    questions = []
    for path in sorted((evals_dir / "questions").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            questions.append(
                EvalQuestion(
                    id=str(item["id"]),
                    question=str(item["question"]),
                    lang=str(item.get("lang", "fr")),
                    area=str(item.get("area", item.get("capacity", ""))),
                    capacity=str(item.get("capacity", "")),
                    sources=tuple(str(s) for s in item["sources"]),
                    facts=tuple(str(f) for f in item.get("facts") or ()),
                    file=path.name,
                )
            )
    return questions


def blind_sets(evals_dir: Path) -> list[str]:
    """The blind sets' folders (`blind`, `blind-2`...): each written once, after the work before it."""
    return sorted(p.parent.name for p in evals_dir.glob("blind*/questions.yaml"))


def load_blind(evals_dir: Path, name: str = "blind") -> list[EvalQuestion]:
    path = evals_dir / name / "questions.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
    return [
        EvalQuestion(
            id=str(item["id"]),
            question=str(item["question"]),
            lang=str(item.get("lang", "fr")),
            area=str(item.get("capacity", "")),
            capacity=str(item.get("capacity", "")),
            sources=(),
            facts=tuple(str(f) for f in item.get("facts") or ()),
            file=path.name,
            voice=str(item.get("voice", "")),
            kind=str(item.get("kind", "")),
            answer=str(item.get("answer", "")),
        )
        for item in items or []
    ]


def load_out_of_scope(evals_dir: Path) -> list[OutOfScope]:
    path = evals_dir / "out_of_scope.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
    return [OutOfScope(str(i["id"]), str(i["question"]), str(i.get("lang", "fr"))) for i in items or []]


def facts_match(facts: Sequence[str], text: str) -> bool:
    folded = fold(text)
    return all(re.search(fold(pattern), folded, re.IGNORECASE) for pattern in facts)


def is_hit(question: EvalQuestion, chunk: Chunk, source_of: Callable[[str], str]) -> bool:
    """`source_of` maps a chunk's doc_id to the corpus-relative path used in the eval files."""
    expected = not question.sources or source_of(chunk.doc_id) in question.sources
    return expected and facts_match(question.facts, chunk.text)


@dataclass(frozen=True)
class Scores:
    n: int
    hit1: float
    hit5: float
    mrr: float
    misses: tuple[str, ...] = ()


def score(
    questions: Sequence[EvalQuestion],
    retrieve: Callable[[str], Sequence[Chunk]],
    source_of: Callable[[str], str],
    k: int = 5,
) -> Scores:
    hit1 = hit5 = 0
    reciprocal = 0.0
    misses = []
    for question in questions:
        ranked = list(retrieve(question.question))[:k]
        rank = next((i for i, chunk in enumerate(ranked, start=1) if is_hit(question, chunk, source_of)), None)
        if rank is None:
            misses.append(question.id)
            continue
        hit1 += rank == 1
        hit5 += 1
        reciprocal += 1.0 / rank
    n = len(questions) or 1
    return Scores(n=len(questions), hit1=hit1 / n, hit5=hit5 / n, mrr=reciprocal / n, misses=tuple(misses))
