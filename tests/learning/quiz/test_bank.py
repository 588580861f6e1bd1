"""The question model: strict bank loading, grading, assembling a quiz, and the real bank in corpus/quiz/."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from tutor.learning.quiz.bank import (
    NO_MODEL_NOTE,
    Question,
    QuizError,
    QuizSource,
    assemble,
    check_sources,
    fold,
    grade,
    load_bank,
    parse_item,
)
from tutor.settings import PROJECT_ROOT

ROOT = PROJECT_ROOT
SOURCE = {"document": "corpus/fiches/conditions-de-coupe.md", "section": "L'essentiel", "excerpt": "Vf = f × N"}


def item(**fields) -> dict:
    base = {"id": "C1-001", "type": "single", "stem": "Quelle formule donne Vf en tournage ?",
            "options": ["Vf = f × N", "Vf = fz × N", "Vf = Vc × f"], "answer": 0,
            "explanation": "En tournage, l'avance est par tour.", "difficulty": 1, "tags": ["avance"],
            "source": SOURCE}  # fmt: skip
    return {**base, **fields}


def write_bank(tmp_path: Path, items: list[dict], name: str = "C1.yaml") -> Path:
    (tmp_path / name).write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    return tmp_path


def without(entry: dict, *keys: str) -> dict:
    return {k: v for k, v in entry.items() if k not in keys}


def test_load_bank_reads_every_kind(tmp_path):
    items = [
        item(),
        item(id="C1-002", type="multiple", answer=[0, 2]),
        without(item(id="C1-003", type="truefalse", answer=False), "options"),
        without(item(id="C1-004", type="short", answer="G40", accepted=["g 40"]), "options"),
        without(item(id="C1-005", type="numeric", answer=1273, tolerance=5, unit="tr/min"), "options"),
        without(
            item(id="C1-006", type="matching", pairs=[["G40", "annule"], ["G41", "gauche"], ["G42", "droite"]]),
            "options",
            "answer",
        ),  # fmt: skip
    ]
    questions = load_bank(write_bank(tmp_path, items))
    assert [q.kind for q in questions] == ["single", "multiple", "truefalse", "short", "numeric", "matching"]
    single, multiple, truefalse, short, numeric, matching = questions
    assert single.correct == (0,) and single.capacity == "C1" and single.origin == "banque"
    assert multiple.correct == (0, 2)
    assert truefalse.options == ("Vrai", "Faux") and truefalse.correct == (1,)
    assert short.accepted == ("G40", "g 40")
    assert (numeric.value, numeric.tolerance, numeric.unit) == (1273.0, 5.0, "tr/min")
    assert matching.pairs[0] == ("G40", "annule")
    assert single.source == QuizSource(SOURCE["document"], "L'essentiel", None, "Vf = f × N")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "X-1"}, "identifiant « X-1 » invalide"),
        ({"type": "essay"}, "type « essay » inconnu"),
        ({"answer": 3}, "indice invalide"),
        ({"options": ["a", "b"]}, "de 3 à 5 textes"),
        ({"options": ["a", "A", "b"]}, "options en double"),
        ({"difficulty": 4}, "difficulté invalide"),
        ({"colour": "red"}, "clé inconnue : colour"),
        ({"accepted": ["x"]}, "clé non prévue pour le type single : accepted"),
        ({"source": {"document": "x.md"}}, "source : excerpt"),
        ({"explanation": " "}, "explanation : texte non vide"),
    ],
)
def test_load_bank_rejects_bad_items_naming_file_and_id(tmp_path, fields, message):
    with pytest.raises(QuizError) as error:
        load_bank(write_bank(tmp_path, [item(**fields)]))
    text = str(error.value)
    assert text.startswith("C1.yaml : question ") and message in text and "\n" not in text


def test_short_answer_parsed_by_yaml_as_boolean_is_refused():
    entry = without(item(type="short", answer=False), "options")
    with pytest.raises(QuizError, match="mettre entre guillemets"):
        parse_item(entry)


def test_duplicate_ids_and_wrong_file_are_refused(tmp_path):
    write_bank(tmp_path, [item()])
    write_bank(tmp_path, [item(id="C1-001")], "C2.yaml")
    with pytest.raises(QuizError, match="C2.yaml : question C1-001 : capacité C1 dans le fichier de C2"):
        load_bank(tmp_path)
    write_bank(tmp_path, [item()], "extra.yaml")
    (tmp_path / "C2.yaml").unlink()
    with pytest.raises(QuizError, match="identifiant déjà utilisé dans C1.yaml"):
        load_bank(tmp_path)


def test_invalid_yaml_is_one_french_line(tmp_path):
    (tmp_path / "C1.yaml").write_text("- id: [oops\n", encoding="utf-8")
    with pytest.raises(QuizError, match="^C1.yaml : YAML invalide"):
        load_bank(tmp_path)


def make(kind: str, **fields) -> Question:
    base = dict(id="C1-001", kind=kind, stem="?", capacity="C1", difficulty=1, explanation="Parce que.")
    return Question(**{**base, **fields})


def test_grade_single_accepts_index_letter_or_text():
    question = make("single", options=("Vf = f × N", "Vf = fz × N", "Vf = Vc × f"), correct=(0,))
    for response in (0, "A", "a", "vf = F × n"):
        assert grade(question, response).correct
    wrong = grade(question, 1)
    assert not wrong.correct and wrong.score == 0
    assert wrong.expected == "A. Vf = f × N"
    assert wrong.feedback == "Réponse incorrecte. Réponse attendue : A. Vf = f × N. Parce que."
    assert grade(question, "Z").feedback.startswith("Réponse illisible")


def test_grade_multiple_gives_partial_credit_and_nothing_for_ticking_all():
    question = make("multiple", options=("a", "b", "c", "d"), correct=(0, 2))
    assert grade(question, [0, 2]).correct
    assert grade(question, "A, C").score == 1.0
    half = grade(question, [0])
    assert not half.correct and half.score == 0.5 and half.feedback.startswith("Réponse en partie juste (50 %)")
    assert grade(question, [0, 1, 2, 3]).score == 0.0


def test_grade_truefalse_in_french():
    question = make("truefalse", options=("Vrai", "Faux"), correct=(1,))
    assert grade(question, "faux").correct and grade(question, False).correct and grade(question, "F").correct
    assert not grade(question, "Vrai").correct
    assert grade(question, "vrai").expected == "Faux"


def test_grade_short_answer_folds_case_accents_spaces_and_punctuation():
    question = make("short", accepted=("G40", "annulation de correction"))
    assert grade(question, " g 40. ").correct
    assert grade(question, "Annulation de corrêction !").correct
    assert not grade(question, "G41").correct
    assert fold("Équerre à 90°") == "equerrea90"
    assert fold("−0,06 mm") == fold("-0.06mm") == "-0.06mm" != fold("+0,06 mm")


def test_grade_numeric_with_comma_unit_and_tolerance():
    question = make("numeric", value=1273.24, tolerance=5, unit="tr/min")
    for response in (1273, "1 273", "1270,5 tr/min", "1278tr/min", "1 275 TR/MN", "1273 rpm"):
        assert grade(question, response).correct, response
    assert not grade(question, "1279").correct
    wrong_unit = grade(question, "1273 m/min")
    assert not wrong_unit.correct and "Unité « m/min » non reconnue ; unité attendue : tr/min" in wrong_unit.feedback
    assert grade(question, "beaucoup").feedback.startswith("Réponse illisible : « beaucoup » n'est pas un nombre")
    assert grade(question, 0).expected == "1 273 tr/min (± 5 tr/min)"
    microns = make("numeric", value=-13, tolerance=0, unit="µm")
    assert grade(microns, "−13 µm").correct and grade(microns, "-13um").correct and not grade(microns, "13").correct


def test_grade_matching_scores_the_share_of_pairs():
    question = make("matching", pairs=(("G40", "annule"), ("G41", "gauche"), ("G42", "droite"), ("G43", "longueur")))
    assert grade(question, ["annule", "gauche", "droite", "longueur"]).correct
    partial = grade(question, {"g40": "annule", "G41": "droite", "G42": "gauche", "G43": "Longueur"})
    assert partial.score == 0.5 and not partial.correct
    assert grade(question, ["annule"]).feedback.startswith("Réponse illisible : 4 associations attendues")


def pool(capacity: str, count: int, origin: str = "banque", difficulty: int = 1) -> list[Question]:
    return [make("truefalse", id=f"{capacity}-{origin[0]}{i:03d}", capacity=capacity, options=("Vrai", "Faux"),
                 correct=(0,), origin=origin, difficulty=difficulty) for i in range(count)]  # fmt: skip


def test_assemble_balances_capacities_and_mixes_sources():
    bank = pool("C1", 10) + pool("C2", 10) + pool("C3", 2)
    generated = pool("C1", 10, "calcul")
    quiz = assemble(bank, generated, ["C1", "C2", "C3"], 10, rng=random.Random(0))
    counts = {c: sum(q.capacity == c for q in quiz.questions) for c in ("C1", "C2", "C3")}
    assert counts == {"C1": 4, "C2": 4, "C3": 2}
    origins = {q.origin for q in quiz.questions if q.capacity == "C1"}
    assert origins == {"banque", "calcul"}
    assert quiz.notes == (NO_MODEL_NOTE,)
    assert len({q.id for q in quiz.questions}) == 10


def test_assemble_puts_due_questions_first_and_prefers_the_difficulty():
    bank = pool("C1", 5, difficulty=1) + pool("C1", 5, "calcul", difficulty=3)
    due = ["C1-c003", "unknown", "C1-b001"]
    quiz = assemble(bank, [], ["C1"], 4, difficulty=3, rng=random.Random(1), order_first=due)
    assert [q.id for q in quiz.questions[:2]] == ["C1-c003", "C1-b001"]
    assert all(q.difficulty == 3 for q in quiz.questions[2:])


def test_assemble_says_when_too_few_questions_and_keeps_model_items_quiet():
    model = pool("C4", 1, "modèle")
    quiz = assemble(pool("C4", 2), model, ["c4"], 5, rng=random.Random(2))
    assert len(quiz.questions) == 3
    assert quiz.notes == ("Seulement 3 questions disponibles (5 demandées).",)
    grades = [grade(q, "vrai") for q in quiz.questions]
    assert quiz.scores(grades) == {"C4": (3.0, 3)}


def test_check_sources_finds_missing_documents_and_excerpts():
    good = make("single", options=("a", "b", "c"), correct=(0,), source=QuizSource(SOURCE["document"], "", None,
                "La vitesse d'avance Vf (mm/min) se déduit"))  # fmt: skip
    missing = make("single", id="C1-002", options=("a", "b", "c"), correct=(0,),
                   source=QuizSource("corpus/fiches/nope.md", "", None, "x"))  # fmt: skip
    absent = make("single", id="C1-003", options=("a", "b", "c"), correct=(0,),
                  source=QuizSource(SOURCE["document"], "", None, "une phrase qui n'y est pas"))  # fmt: skip
    assert check_sources([good, missing, absent], ROOT) == [
        "C1-002 : document introuvable : corpus/fiches/nope.md",
        f"C1-003 : extrait absent de {SOURCE['document']} : « une phrase qui n'y est pas »",
    ]
