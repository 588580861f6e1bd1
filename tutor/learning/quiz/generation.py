"""Quiz questions written by the language model from a corpus passage, then checked, never trusted.

Each item comes back as JSON constrained by a schema; it is kept only if it has one correct option among
four distinct ones, if its quoted excerpt is really in the passage and supports the correct option, and if it
does not repeat a bank question. Rejections are counted by reason so the trainer (and the bench) can see them.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tutor.answering.llm import ChatModel, LLMUnavailable, Message, complete
from tutor.documents import Chunk
from tutor.knowledge.lexical import FrenchAnalyzer
from tutor.learning.quiz.bank import Grade, Question, QuizSource, expected_text, flatten, fold
from tutor.prompts import load_prompt

ITEM_SCHEMA = {
    "type": "object",
    "properties": {
        # no maxLength: llama.cpp turns it into a grammar that slows generation several times over on CPU;
        # max_tokens bounds the output instead
        "stem": {"type": "string"},
        "options": {"type": "array", "items": {"type": "string"}, "minItems": 4, "maxItems": 4},
        "answer": {"type": "integer", "minimum": 0, "maximum": 3},
        "explanation": {"type": "string"},
        "excerpt": {"type": "string"},
    },
    "required": ["stem", "options", "answer", "explanation", "excerpt"],
}

_ANALYZER = FrenchAnalyzer()


@dataclass
class Generation:
    """What one generation run kept and why it dropped the rest."""

    kept: list[Question] = field(default_factory=list)
    rejected: Counter = field(default_factory=Counter)
    log: list[str] = field(default_factory=list)

    @property
    def tried(self) -> int:
        return len(self.kept) + sum(self.rejected.values())


class Rejected(ValueError):
    """An item failed a check; the message is the French reason, the code its counter key."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _terms(text: str) -> set[str]:
    return set(_ANALYZER.tokens(text))


def validate(
    raw: str, chunk: Chunk, capacity: str, difficulty: int, bank_stems: Sequence[set[str]], number: int
) -> Question:
    """Turn the model's JSON into a `Question`, or raise `Rejected` with the reason."""
    try:
        item = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise Rejected("json", "réponse qui n'est pas du JSON valide") from exc
    if not isinstance(item, dict):
        raise Rejected("schema", "objet JSON attendu")
    stem, options, answer = item.get("stem"), item.get("options"), item.get("answer")
    explanation, excerpt = item.get("explanation"), item.get("excerpt")
    if not all(isinstance(v, str) and v.strip() for v in (stem, explanation, excerpt)):
        raise Rejected("schema", "énoncé, explication ou extrait manquant")
    if not isinstance(options, list) or len(options) != 4 or not all(isinstance(o, str) and o.strip() for o in options):
        raise Rejected("schema", "il faut exactement 4 options non vides")
    if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < 4:
        raise Rejected("schema", "numéro de la bonne réponse hors de 0 à 3")
    options = [" ".join(o.split()) for o in options]
    if len({fold(o) for o in options}) != 4:
        raise Rejected("distractors", "options en double")
    if len(stem) < 15 or len(stem) > 400 or any(len(o) > 200 for o in options):
        raise Rejected("schema", "énoncé ou option de longueur anormale")
    passage = fold(flatten(chunk.text))
    quoted = fold(flatten(excerpt)).strip(" .«»\"'")
    if len(quoted) < 12 or quoted not in passage:
        raise Rejected("excerpt", "l'extrait cité n'est pas dans le passage")
    correct_terms = _terms(options[answer])
    support = _terms(excerpt) | _terms(stem)
    if correct_terms and len(correct_terms & support) / len(correct_terms) < 0.5:
        raise Rejected("support", "la bonne réponse n'est pas appuyée par l'extrait")
    stem_terms = _terms(stem)
    for other in bank_stems:
        union = stem_terms | other
        if union and len(stem_terms & other) / len(union) >= 0.6:
            raise Rejected("duplicate", "doublon d'une question de la banque")
    return Question(
        id=f"{capacity}-M{number:03d}",
        kind="single",
        stem=" ".join(stem.split()),
        capacity=capacity,
        difficulty=difficulty,
        explanation=" ".join(explanation.split()),
        tags=("généré",),
        source=QuizSource(chunk.doc_id, chunk.section, chunk.page, " ".join(excerpt.split())),
        options=tuple(options),
        correct=(answer,),
        origin="modèle",
    )


def passages_for(chunks: Sequence[Chunk], capacity: str, rng: random.Random) -> list[Chunk]:
    """Sheet passages of this capacity with enough text to ask about, shuffled."""
    pool = [c for c in chunks if capacity in c.capacities and c.kind in ("fiche", "referentiel") and len(c.text) >= 200]
    rng.shuffle(pool)
    return pool


def generate(
    chat: ChatModel,
    chunks: Sequence[Chunk],
    capacity: str,
    count: int,
    *,
    difficulty: int = 2,
    bank: Sequence[Question] = (),
    rng: random.Random | None = None,
    max_tries: int | None = None,
    on_item: Callable[[Generation], None] | None = None,
) -> Generation:
    """Ask for up to `count` valid questions, trying at most `max_tries` passages (default 2 × count)."""
    rng = rng or random.Random()
    result = Generation()
    bank_stems = [_terms(q.stem) for q in bank if q.capacity == capacity]
    prompt = load_prompt("quiz_generate")
    for chunk in passages_for(chunks, capacity, rng)[: max_tries or 2 * count]:
        if len(result.kept) >= count:
            break
        text = prompt.render(capacity=capacity, passage=chunk.text[:1500], difficulty=difficulty)
        try:
            raw = complete(chat, [Message("user", text)], max_tokens=320, temperature=0.3, schema=ITEM_SCHEMA)
            question = validate(raw, chunk, capacity, difficulty, bank_stems, len(result.kept) + 1)
        except Rejected as exc:
            result.rejected[exc.code] += 1
            result.log.append(f"{chunk.doc_id} — {chunk.section} : rejetée ({exc})")
        except LLMUnavailable as exc:
            result.rejected["unavailable"] += 1
            result.log.append(str(exc))
            break
        else:
            result.kept.append(question)
            bank_stems.append(_terms(question.stem))
            result.log.append(f"{chunk.doc_id} — {chunk.section} : gardée")
        if on_item:
            on_item(result)
    return result


RUBRIC_SCHEMA = {
    "type": "object",
    "properties": {"equivalent": {"type": "boolean"}, "reason": {"type": "string"}},
    "required": ["equivalent", "reason"],
}


def rubric_grade(chat: ChatModel, question: Question, response: str) -> Grade | None:
    """A second look at a short answer the exact match refused: the model may accept a real synonym.

    None when the model is unavailable or answers nonsense: the strict grade then stands.
    """
    if question.kind != "short" or not response.strip():
        return None
    expected = " ou ".join(question.accepted)
    prompt = load_prompt("quiz_rubric").render(
        stem=question.stem, expected=expected, explanation=question.explanation, response=response.strip()[:300]
    )
    try:
        raw = complete(chat, [Message("user", prompt)], max_tokens=120, schema=RUBRIC_SCHEMA)
        verdict = json.loads(raw)
    except (LLMUnavailable, json.JSONDecodeError):
        return None
    if not isinstance(verdict, dict) or verdict.get("equivalent") is not True:
        return None
    reason = " ".join(str(verdict.get("reason", "")).split())[:300]
    feedback = f"Bonne réponse (jugée équivalente par le modèle : {reason}). {question.explanation}".strip()
    return Grade(True, 1.0, feedback, expected_text(question))
