"""The "Quiz" and "Progression" tabs without a browser: pure formatting, then the real callbacks in order."""

from datetime import datetime
from pathlib import Path

import gradio as gr
import pandas as pd
import pytest

from tutor.learning.progress import Mastery, Missed
from tutor.learning.quiz.bank import TRUE_FALSE, Grade, Question, Quiz, QuizSource, grade
from tutor.settings import PROJECT_ROOT
from tutor.shop.calc import fr_number
from tutor.ui.web.progress import build_progress_tab, mastery_frame, mastery_markdown, missed_markdown, progress_view
from tutor.ui.web.quiz import (
    MAX_PAIRS,
    Session,
    answer_question,
    build_quiz_tab,
    capacity_choices,
    feedback_markdown,
    matching_choices,
    next_question,
    question_view,
    response_for,
    scores_markdown,
    source_markdown,
)
from tutor.ui.web.quiz_export import (
    EXPORT_FORMATS,
    REVIEW_HEADERS,
    apply_review,
    export_name,
    export_review,
    review_rows,
)

SOURCE = QuizSource("corpus/fiches/coupe.md", "L'essentiel", None, "N = 1000 × Vc / (π × D) *arrondi*")
BASE = {"difficulty": 1, "explanation": "Vc est une vitesse linéaire.", "source": SOURCE}
SINGLE = Question("C1-001", "single", "Unité de Vc <à l'atelier> ?", "C1", options=("m/min", "tr/min", "mm"),
                  correct=(0,), **BASE)  # fmt: skip
TRUEFALSE = Question("C1-002", "truefalse", "G41 s'active sur un arc.", "C1", options=TRUE_FALSE, correct=(1,), **BASE)
MULTIPLE = Question("C2-001", "multiple", "Instruments de contrôle ?", "C2", options=("Pied à coulisse", "Foret",
                    "Micromètre", "Fraise"), correct=(0, 2), **BASE)  # fmt: skip
SHORT = Question("C1-003", "short", "Document de poste ?", "C1", accepted=("contrat de phase", "le contrat"), **BASE)
NUMERIC = Question("C1-004", "numeric", "N pour Ø50 à 200 m/min ?", "C1", value=1273.0, tolerance=5.0,
                   unit="tr/min", **BASE)  # fmt: skip
MATCHING = Question("C1-005", "matching", "Associez les groupes ISO.", "C1",
                    pairs=(("P", "aciers"), ("M", "inox"), ("K", "fontes")), **BASE)  # fmt: skip
ALL = (SINGLE, TRUEFALSE, MULTIPLE, SHORT, NUMERIC, MATCHING)
TITLES = {"C1": "Préparer le contrat de phase", "C2": "Contrôler"}


def right_widgets(question: Question) -> tuple:
    """What a trainee who knows the answer puts in the widgets: (choice, checked, text, matches)."""
    match question.kind:
        case "single" | "truefalse":
            return question.correct[0], [], "", [None] * MAX_PAIRS
        case "multiple":
            return None, list(question.correct), "", [None] * MAX_PAIRS
        case "short":
            return None, [], question.accepted[0], [None] * MAX_PAIRS
        case "numeric":
            return None, [], f"{fr_number(question.value or 0, 1)} {question.unit}", [None] * MAX_PAIRS
        case _:
            rights = [right for _, right in question.pairs]
            return None, [], "", rights + [None] * (MAX_PAIRS - len(rights))


# ---------------------------------------------------------------- rendering and responses


def test_question_view_picks_the_widget_per_kind():
    views = {q.kind: question_view(q, 2, 6, TITLES) for q in ALL}
    assert views["single"].widget == "radio" and views["single"].choices == ("A. m/min", "B. tr/min", "C. mm")
    assert views["truefalse"].widget == "radio" and views["truefalse"].choices == ("Vrai", "Faux")
    assert views["multiple"].widget == "checkbox" and views["multiple"].choices[2] == "C. Micromètre"
    assert views["short"].widget == "text" and views["short"].label == "Votre réponse (quelques mots)"
    assert views["numeric"].widget == "text" and "en tr/min" in views["numeric"].label
    matching = views["matching"]
    assert matching.widget == "matching" and matching.lefts == ("P", "M", "K")
    assert sorted(matching.choices) == ["aciers", "fontes", "inox"] and matching.choices != ("aciers", "inox", "fontes")
    assert matching.choices == matching_choices(MATCHING)  # the same order on every screen
    single = views["single"]
    assert single.header.startswith("**Question 2 / 6** · C1 — Préparer le contrat de phase · difficulté 1")
    assert single.stem == "Unité de Vc &lt;à l'atelier&gt; ?"


@pytest.mark.parametrize("question", ALL, ids=lambda q: q.kind)
def test_right_widgets_grade_as_correct(question):
    response = response_for(question, *right_widgets(question))
    assert response is not None and grade(question, response).correct


def test_response_shapes_per_kind():
    assert response_for(SINGLE, 1) == 1 and response_for(SINGLE, "C. mm") == 2 and response_for(SINGLE) is None
    assert response_for(TRUEFALSE, "Faux") == 1 and response_for(TRUEFALSE, 0) == 0
    assert response_for(MULTIPLE, checked=["A. Pied à coulisse", 2]) == [0, 2]
    assert response_for(MULTIPLE, checked=[]) is None
    assert response_for(SHORT, text="  Le contrat ") == "Le contrat" and response_for(SHORT, text="  ") is None
    assert response_for(NUMERIC, text="1 275,5 tr/min") == "1 275,5 tr/min"
    assert grade(NUMERIC, response_for(NUMERIC, text="1300")).correct is False
    assert response_for(MATCHING, matches=["inox", "aciers", "fontes", None, None, None]) == [
        "inox",
        "aciers",
        "fontes",
    ]
    assert grade(MATCHING, ["inox", "aciers", "fontes"]).score == 0.3333
    assert response_for(MATCHING, matches=["aciers", None, "fontes"]) is None  # every row must be chosen


# ---------------------------------------------------------------- feedback and score


def test_feedback_says_verdict_expected_explanation_and_source_once():
    wrong = feedback_markdown(SINGLE, grade(SINGLE, 1))
    assert wrong.startswith("❌ Réponse incorrecte. Réponse attendue : A. m/min.")
    assert wrong.count("Réponse attendue") == 1 and wrong.count("Vc est une vitesse linéaire.") == 1
    assert "**Source** : corpus/fiches/coupe.md — L'essentiel" in wrong
    assert "> « N = 1000 × Vc / (π × D) \\*arrondi\\* »" in wrong
    right = feedback_markdown(SHORT, grade(SHORT, "contrat de phase"))
    assert right.startswith("✅ Bonne réponse.") and "**Réponse attendue** : contrat de phase" in right
    partial = feedback_markdown(MULTIPLE, grade(MULTIPLE, [0]))
    assert partial.startswith("🟠 Réponse en partie juste (50 %)")
    unreadable = feedback_markdown(SINGLE, grade(SINGLE, "Z"))
    assert "Réponse illisible" in unreadable and "**Explication** : Vc est une vitesse linéaire." in unreadable
    assert source_markdown(QuizSource("a.pdf", "", 12, "")) == "**Source** : a.pdf — p. 12"
    assert source_markdown(None) == ""


def test_scores_table_per_capacity():
    quiz = Quiz((SINGLE, MULTIPLE, NUMERIC))
    grades = [Grade(True, 1.0, "", ""), Grade(False, 0.5, "", ""), Grade(False, 0.0, "", "")]
    text = scores_markdown(quiz, grades, TITLES)
    assert text.startswith("### Résultat : 1,5 / 3 (50 %)")
    assert "| C1 — Préparer le contrat de phase | 1 | 2 | 50 % |" in text
    assert "| C2 — Contrôler | 0,5 | 1 | 50 % |" in text
    assert scores_markdown(quiz, []) == ""


# ---------------------------------------------------------------- trainer review


def test_review_round_trip_with_an_edit_and_a_drop():
    rows = review_rows([SINGLE, MULTIPLE, NUMERIC])
    assert rows[0] == ["C1-001", "C1", "choix unique", "banque", SINGLE.stem, SINGLE.explanation, "oui"]
    assert len(rows[0]) == len(REVIEW_HEADERS)
    rows[0][4] = "Unité usuelle de la vitesse de coupe Vc ?"
    rows[1][6] = "Non"
    rows[2][5] = "  "  # an emptied cell keeps the original text
    rows.append(["C9-999", "C9", "?", "?", "inventée", "", "oui"])  # a row added in the browser is ignored
    reviewed = apply_review([SINGLE, MULTIPLE, NUMERIC], rows)
    assert [q.id for q in reviewed] == ["C1-001", "C1-004"]
    assert reviewed[0].stem == "Unité usuelle de la vitesse de coupe Vc ?" and reviewed[0].options == SINGLE.options
    assert reviewed[1] == NUMERIC
    as_frame = pd.DataFrame(rows, columns=REVIEW_HEADERS)  # gr.Dataframe's default type
    assert apply_review([SINGLE, MULTIPLE, NUMERIC], as_frame) == reviewed
    assert apply_review([SINGLE], None) == []


def test_export_name_is_safe():
    name = export_name([NUMERIC, MULTIPLE, SINGLE], "gift", datetime(2026, 3, 4, 5, 6, 7))
    assert name == "quiz-C1-C2-20260304-050607.gift"


# ---------------------------------------------------------------- progress


def test_progress_frame_and_tables():
    mastery = {"C2": Mastery(4, 1, 0.25), "C1": Mastery(3, 3, 1.0)}
    frame = mastery_frame(mastery)
    assert list(frame.columns) == ["capacité", "maîtrise %"]
    assert frame.values.tolist() == [["C1", 100.0], ["C2", 25.0]]
    table = mastery_markdown(mastery, TITLES)
    assert table.splitlines()[2] == "| C1 — Préparer le contrat de phase | 3 | 3 | 100 % |"
    assert "| C2 — Contrôler | 4 | 1 | 25 % |" in table
    missed = missed_markdown([Missed("C1-001", "C1", 2, 3), Missed("C1-calc-x", "C1", 1, 1)], {"C1-001": "A *b*"})
    assert "| C1-001 | C1 | A \\*b\\* | 2 | 3 |" in missed and "| C1-calc-x | C1 |  | 1 | 1 |" in missed
    assert missed_markdown([]) == "Aucune question manquée."


# ---------------------------------------------------------------- with a tutor


@pytest.fixture
def tutor(make_tutor):
    return make_tutor(corpus_dir=PROJECT_ROOT / "corpus")


def test_session_functions_in_order(tutor):
    session = Session(Quiz((SINGLE, NUMERIC)), "Bob")
    session, message = answer_question(tutor, session, None)
    assert message == "⚠️ Choisissez une réponse." and not session.grades
    assert next_question(session) == session  # not answered yet: stays
    session, message = answer_question(tutor, session, 0)
    assert message.startswith("✅") and session.answered
    assert answer_question(tutor, session, 1) == (session, "")  # graded once only
    session = next_question(session)
    session, message = answer_question(tutor, session, "1000 tr/min")
    assert message.startswith("❌") and session.finished
    mastery, _ = tutor.mastery("bob")
    assert mastery["C1"] == Mastery(2, 1, 0.5)


def test_both_tabs_build_without_a_model(tutor):
    assert capacity_choices(tutor.capacity_titles())[0] == ("C1 — Préparer la mise en œuvre du contrat de phase", "C1")
    with gr.Blocks() as demo:
        build_quiz_tab(tutor)
        build_progress_tab(tutor)
    ids = {block.elem_id: block for block in demo.blocks.values() if block.elem_id}
    for elem_id in ("quiz-capacities", "quiz-create", "quiz-validate", "quiz-next", "quiz-review-table",
                    "quiz-download", "progress-learner", "progress-plot"):  # fmt: skip
        assert elem_id in ids
    model = ids["quiz-use-model"]
    assert model.value is False and model.interactive is False and "Aucun modèle" in model.info


def callbacks(demo) -> dict:
    return {fn.name: fn.fn for fn in demo.fns.values()}


def test_callbacks_drive_a_whole_quiz(tutor):
    with gr.Blocks() as demo:
        build_quiz_tab(tutor)
        build_progress_tab(tutor)
    fns = callbacks(demo)
    start, check, advance, export, display = (fns[n] for n in ("start", "check", "advance", "export", "display"))

    refused = start([], 5, "Toutes", "", False, None, None)  # no assigned quiz, no login
    assert refused[0] is None and refused[1] == "Choisissez au moins une capacité."

    out = start(["C1", "C3"], 5, "Toutes", "Alice", False, None, None)
    session, notes, rows = out[0], out[1], out[3]
    assert len(session.quiz.questions) == 5 and "Sans modèle de langage" in notes and "Alice" in notes
    assert [row[0] for row in rows] == [q.id for q in session.quiz.questions]
    assert out[4].startswith("**Question 1 / 5**")

    for position in range(5):
        choice, checked, typed, matches = right_widgets(session.question)
        state, feedback, scores, validate, following = check(session, choice, checked, typed, None, *matches)
        assert feedback.startswith("✅"), feedback
        assert validate["interactive"] is False
        session = state
        if position < 4:
            assert scores == "" and following["interactive"] is True
            session, header = advance(session)[:2]
            assert header.startswith(f"**Question {position + 2} / 5**")
    assert scores.startswith("### Résultat : 5 / 5 (100 %)") and following["interactive"] is False

    rows[0][6] = "non"
    path, report = export(session, rows, "Moodle XML")
    assert path.endswith(".xml") and report.startswith("4 question(s) exportée(s), 1 écartée(s)")
    assert session.quiz.questions[0].id not in Path(path).read_text(encoding="utf-8")
    assert path.startswith(str(tutor.settings.home / "exports"))

    plot, table, missed = display("alice", None)
    assert plot.value["columns"] == ["capacité", "maîtrise %"]
    assert {c for c, _ in plot.value["data"]} <= {"C1", "C3"} and {s for _, s in plot.value["data"]} == {100.0}
    lines = table.splitlines()[2:]
    assert lines and all(line.endswith("| 100 % |") for line in lines)
    assert sum(int(line.split("|")[2]) for line in lines) == 5 and missed == "Aucune question manquée."


def test_export_and_progress_refusals(tutor):
    assert export_review(tutor, None, [], "GIFT") == (None, "Créez d'abord un quiz.")
    session = Session(Quiz((SINGLE,)))
    assert export_review(tutor, session.quiz, [["C1-001", "", "", "", "", "", "non"]], "GIFT")[0] is None
    path, _ = export_review(tutor, session.quiz, review_rows([SINGLE]), "GIFT", datetime(2026, 1, 2, 3, 4, 5))
    assert path is not None and path.name == "quiz-C1-20260102-030405.gift" and "::C1-001::" in path.read_text()
    assert set(EXPORT_FORMATS.values()) == {"gift", "xml", "md", "csv", "json"}
    assert progress_view(tutor, " ") == (None, "Indiquez le nom de l'apprenant.", "")
    assert progress_view(tutor, "Personne")[1] == "Aucune réponse enregistrée pour « Personne »."
