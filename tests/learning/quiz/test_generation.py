"""Generated quiz items are validated, not trusted: a fake model returns good and bad ones."""

import json
import random

from tutor.answering.llm import FakeChatModel, LLMUnavailable
from tutor.documents import Chunk
from tutor.learning.quiz.bank import Question
from tutor.learning.quiz.generation import ITEM_SCHEMA, generate

TEXT = (
    "La correction de rayon décale la trajectoire de la valeur du rayon rangée dans le correcteur D. "
    "G41 place l'outil à gauche de la trajectoire, G42 à droite, et G40 annule la correction. "
    "Lancer G41 sur un arc provoque une alarme : l'approche se fait sur une droite au moins aussi longue que le rayon."
)


def chunk(n: int) -> Chunk:
    return Chunk(
        f"c{n}", f"corpus/fiches/g41-{n}.md", TEXT, "Correction de rayon", "fiche", "h", "L'essentiel", None, ("C4",)
    )


def item(**changes) -> str:
    base = {
        "stem": "Quel code annule la correction de rayon d'outil ?",
        "options": ["G40", "G41", "G42", "G43"],
        "answer": 0,
        "explanation": "G40 annule la correction de rayon.",
        "excerpt": "G42 à droite, et G40 annule la correction.",
    }
    base.update(changes)
    return json.dumps(base, ensure_ascii=False)


def run(*replies: str, bank=(), count=10):
    chat = FakeChatModel().enqueue(*replies)
    chunks = [chunk(n) for n in range(len(replies))]
    return chat, generate(chat, chunks, "C4", count, bank=bank, rng=random.Random(1), max_tries=len(replies))


def test_a_good_item_is_kept_with_its_source():
    chat, result = run(item())
    assert [q.origin for q in result.kept] == ["modèle"] and not result.rejected
    question = result.kept[0]
    assert question.correct == (0,) and question.options[0] == "G40" and question.capacity == "C4"
    assert question.source.excerpt == "G42 à droite, et G40 annule la correction." and question.source.document
    assert chat.schemas == [ITEM_SCHEMA]
    assert "Passage (seule source autorisée)" in chat.history[0][0].content


def test_bad_items_are_rejected_and_counted():
    _, result = run(
        "pas du json",
        item(options=["G40", "G41", "G42"]),
        item(options=["G40", "g40", "G42", "G43"]),
        item(answer=7),
        item(excerpt="G40 arrête la broche et met l'arrosage."),
        item(answer=3),  # G43 is not what the excerpt supports
        item(stem=""),
    )
    assert result.kept == []
    assert result.rejected == {"json": 1, "schema": 3, "distractors": 1, "excerpt": 1, "support": 1}
    assert result.tried == 7 and all("rejetée" in line for line in result.log)


def test_duplicate_of_a_bank_question_is_rejected():
    bank = [Question("C4-001", "single", "Quel code annule la correction de rayon d'outil ?", "C4", 1, "…")]
    _, result = run(item(), bank=bank)
    assert result.rejected == {"duplicate": 1}


def test_generation_stops_at_the_count_and_when_the_model_is_gone():
    _, result = run(item(), item(stem="Quel code G annule la compensation du rayon de la fraise ?"), count=1)
    assert len(result.kept) == 1 and result.tried == 1
    chat = FakeChatModel(error=LLMUnavailable("Serveur Ollama injoignable."))
    result = generate(chat, [chunk(1), chunk(2)], "C4", 2, rng=random.Random(1))
    assert result.rejected == {"unavailable": 1} and result.log == ["Serveur Ollama injoignable."]


SHORT = Question(
    "C4-020", "short", "Quel code annule la correction de rayon ?", "C4", 1, "G40 annule G41/G42.", accepted=("G40",)
)


def test_rubric_accepts_a_real_synonym_and_keeps_strict_otherwise():
    from tutor.learning.quiz.generation import RUBRIC_SCHEMA, rubric_grade

    chat = FakeChatModel().enqueue('{"equivalent": true, "reason": "G 40 et G40 désignent le même code."}')
    grade = rubric_grade(chat, SHORT, "le code G quarante")
    assert grade.correct and "jugée équivalente par le modèle" in grade.feedback and chat.schemas == [RUBRIC_SCHEMA]
    assert "le code G quarante" in chat.history[0][0].content and "G40" in chat.history[0][0].content
    assert rubric_grade(FakeChatModel().enqueue('{"equivalent": false, "reason": "non"}'), SHORT, "G41") is None
    assert rubric_grade(FakeChatModel().enqueue("oui"), SHORT, "G41") is None
    assert rubric_grade(FakeChatModel(error=LLMUnavailable("x")), SHORT, "G41") is None
    assert rubric_grade(FakeChatModel(), SHORT, "  ") is None


def test_facade_uses_the_rubric_only_after_a_refusal(make_tutor):
    chat = FakeChatModel().enqueue('{"equivalent": true, "reason": "même code"}')
    tutor = make_tutor(chat=chat)
    assert tutor.record_answer("", SHORT, "G40").correct and chat.history == []
    assert tutor.record_answer("", SHORT, "le G quarante").correct and len(chat.history) == 1
