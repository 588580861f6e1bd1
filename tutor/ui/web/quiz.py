"""Web app tab "Quiz": gradio wiring over the façade's quiz methods.

A quiz in progress is one frozen `Session` kept in a `gr.State`; the callbacks only call the façade and the small
pure functions below (what the tests exercise). With accounts, the learner is the logged-in trainee (see
`tutor.ui.web.people`), and a quiz assigned by a trainer sends its result back.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

# At module level: gradio resolves the `gr.Request` annotations of the callbacks from the module's names.
import gradio as gr

from tutor.documents import CAPACITIES
from tutor.learning.quiz.bank import LETTERS, Grade, Question, Quiz, QuizError, QuizSource
from tutor.shop.calc import fmt, fr_number
from tutor.shop.numeric import markdown_escape
from tutor.ui.web.people import assigned_choices, assigned_quiz, learner, submit_assigned, viewer
from tutor.ui.web.quiz_export import EXPORT_FORMATS, KIND_FR, REVIEW_HEADERS, export_review, review_rows

if TYPE_CHECKING:
    from tutor.facade import Tutor
    from tutor.learning.quiz.generation import Generation

DIFFICULTIES: dict[str, int | None] = {"Toutes": None, "1": 1, "2": 2, "3": 3}
MAX_PAIRS = 6  # the bank validates 3 to 6 pairs; one dropdown per left-hand item
MATCHING_HELP = (
    "**Associez** : pour chaque élément (à gauche, dans le libellé de la liste), choisissez l'élément "
    "correspondant dans la liste déroulante."
)
NO_MODEL = "Aucun modèle de langage disponible : le quiz utilise la banque et les exercices calculés."
Widget = Literal["radio", "checkbox", "text", "matching"]


@dataclass(frozen=True)
class Session:
    """A quiz being taken: the current question and the grades so far; progress is recorded with a name only."""

    quiz: Quiz
    learner: str = ""
    index: int = 0
    grades: tuple[Grade, ...] = ()
    assignment: int | None = None  # a quiz assigned by a trainer: the result goes back to them

    @property
    def question(self) -> Question | None:
        return self.quiz.questions[self.index] if self.index < len(self.quiz.questions) else None

    @property
    def answered(self) -> bool:
        return len(self.grades) > self.index

    @property
    def finished(self) -> bool:
        return len(self.grades) >= len(self.quiz.questions)


@dataclass(frozen=True)
class QuestionView:
    header: str  # Markdown: position, capacity, difficulty, origin
    stem: str  # Markdown
    widget: Widget
    choices: tuple[str, ...] = ()  # radio / checkbox labels; for matching, the right-hand items, shuffled
    lefts: tuple[str, ...] = ()  # matching: one dropdown each
    label: str = ""  # label of the answer widget


# ---------------------------------------------------------------- taking a quiz: pure functions


def capacity_choices(titles: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(f"{c} — {titles[c]}" if titles.get(c) else c, c) for c in CAPACITIES]


def choice_labels(question: Question) -> tuple[str, ...]:
    if question.kind == "truefalse":
        return question.options
    return tuple(f"{LETTERS[i]}. {option}" for i, option in enumerate(question.options))


def matching_choices(question: Question) -> tuple[str, ...]:
    """The right-hand items in an order fixed per question (the same on every screen), never the answer order."""
    rights = [right for _, right in question.pairs]
    shuffled = rights[:]
    random.Random(question.id).shuffle(shuffled)
    if shuffled == rights and len(rights) > 1:
        shuffled = shuffled[1:] + shuffled[:1]
    return tuple(shuffled)


def question_view(question: Question, position: int, total: int, titles: Mapping[str, str] = {}) -> QuestionView:
    capacity = f"{question.capacity} — {titles[question.capacity]}" if titles.get(question.capacity) else ""
    header = (
        f"**Question {position} / {total}** · {markdown_escape(capacity or question.capacity)} · "
        f"difficulté {question.difficulty} · {KIND_FR.get(question.kind, question.kind)} · {question.origin}"
    )
    stem = markdown_escape(question.stem)
    match question.kind:
        case "single" | "truefalse":
            return QuestionView(header, stem, "radio", choice_labels(question), label="Votre réponse")
        case "multiple":
            label = "Cochez toutes les bonnes réponses"
            return QuestionView(header, stem, "checkbox", choice_labels(question), label=label)
        case "numeric":
            unit = f" en {question.unit}" if question.unit else ""
            label = f"Votre réponse{unit} (virgule ou point décimal)"
            return QuestionView(header, stem, "text", label=label)
        case "short":
            return QuestionView(header, stem, "text", label="Votre réponse (quelques mots)")
        case _:
            lefts = tuple(left for left, _ in question.pairs)
            return QuestionView(header, stem, "matching", matching_choices(question), lefts, MATCHING_HELP)


def response_for(
    question: Question,
    choice: int | str | None = None,
    checked: Sequence[int | str] | None = None,
    text: str | None = None,
    matches: Sequence[str | None] = (),
) -> object | None:
    """What the answer widgets hold, in the shape `tutor.learning.quiz.bank.grade` reads; None when nothing was answered yet.

    Choices come as indexes (the widgets use type="index") or as their labels; matching as the right-hand items
    chosen for each pair, in the order of the pairs.
    """
    labels = choice_labels(question) if question.options else ()

    def index(value: int | str) -> int | str:
        return labels.index(value) if isinstance(value, str) and value in labels else value

    match question.kind:
        case "single" | "truefalse":
            return None if choice is None or choice == "" else index(choice)
        case "multiple":
            return [index(value) for value in checked] if checked else None
        case "short" | "numeric":
            return text.strip() if text and text.strip() else None
        case _:
            answers = [str(m or "").strip() for m in list(matches)[: len(question.pairs)]]
            return answers if len(answers) == len(question.pairs) and all(answers) else None


def missing_answer(question: Question) -> str:
    match question.kind:
        case "multiple":
            return "Cochez au moins une réponse."
        case "short" | "numeric":
            return "Écrivez votre réponse."
        case "matching":
            return "Choisissez un élément pour chaque ligne."
        case _:
            return "Choisissez une réponse."


def source_markdown(source: QuizSource | None) -> str:
    if source is None:
        return ""
    where = " — ".join(
        markdown_escape(part) for part in (source.document, source.section, f"p. {source.page}" if source.page else "")
        if part
    )  # fmt: skip
    excerpt = f"\n\n> « {markdown_escape(source.excerpt)} »" if source.excerpt else ""
    return f"**Source** : {where}{excerpt}"


def feedback_markdown(question: Question, grade: Grade) -> str:
    """The verdict with its explanation, the expected answer when the verdict does not already say it, the source."""
    icon = "✅" if grade.correct else "🟠" if grade.score > 0 else "❌"
    lines = [f"{icon} {markdown_escape(grade.feedback)}"]
    if grade.expected not in grade.feedback:
        lines.append(f"**Réponse attendue** : {markdown_escape(grade.expected)}")
    if question.explanation not in grade.feedback:
        lines.append(f"**Explication** : {markdown_escape(question.explanation)}")
    if source := source_markdown(question.source):
        lines.append(source)
    return "\n\n".join(lines)


def percent(share: float) -> str:
    return f"{fr_number(share * 100, 0)} %"


def scores_markdown(quiz: Quiz, grades: Sequence[Grade], titles: Mapping[str, str] = {}) -> str:
    """Final score, then one row per capacity (points can be partial: matching, multiple choice)."""
    scores = quiz.scores(grades)
    if not scores:
        return ""
    points, count = sum(p for p, _ in scores.values()), sum(n for _, n in scores.values())
    rows = [
        f"| {markdown_escape(f'{c} — {titles[c]}' if titles.get(c) else c)} | {fmt(p)} | {n} | {percent(p / n)} |"
        for c, (p, n) in scores.items()
    ]
    return (
        f"### Résultat : {fmt(points)} / {count} ({percent(points / count)})\n\n"
        "| Capacité | Points | Questions | Réussite |\n|---|---:|---:|---:|\n" + "\n".join(rows)
    )


def start_quiz(
    tutor: Tutor,
    capacities: Sequence[str] | None,
    count: float,
    difficulty: str,
    learner: str | None,
    use_model: bool,
    on_item: Callable[[Generation], None] | None = None,
) -> tuple[Session | None, str]:
    """A new session and the notes to show (Markdown); no session, and the reason, when the quiz cannot be made."""
    if not capacities:
        return None, "Choisissez au moins une capacité."
    try:
        quiz, _ = tutor.build_quiz(
            list(capacities),
            int(count),
            DIFFICULTIES.get(difficulty),
            use_model=use_model and tutor.answerer.chat is not None,
            learner=(learner or "").strip() or None,
            on_item=on_item,
        )
    except QuizError as exc:
        return None, f"❌ Quiz impossible : {markdown_escape(str(exc))}"
    if not quiz.questions:
        return None, "Aucune question disponible pour ces capacités."
    name = (learner or "").strip()
    record = (
        f"Progression enregistrée pour **{markdown_escape(name)}**." if name else "Sans nom : rien n'est enregistré."
    )
    notes = [markdown_escape(note) for note in quiz.notes] + [record]
    return Session(quiz, name), "\n".join(f"- {note}" for note in notes)


def answer_question(tutor: Tutor, session: Session, response: object | None) -> tuple[Session, str]:
    """Grade (and record) the current question once; asking again returns the session unchanged and no text."""
    question = session.question
    if question is None or session.answered:
        return session, ""
    if response is None:
        return session, f"⚠️ {missing_answer(question)}"
    grade = tutor.record_answer(session.learner, question, response)
    return replace(session, grades=(*session.grades, grade)), feedback_markdown(question, grade)


def next_question(session: Session) -> Session:
    return replace(session, index=session.index + 1) if session.answered and not session.finished else session


# ---------------------------------------------------------------- progress: pure functions


def build_quiz_tab(tutor: Tutor) -> None:
    titles = tutor.capacity_titles()
    has_model = tutor.answerer.chat is not None
    with gr.Tab("Quiz", id="quiz") as tab:
        gr.Markdown(
            "Entraînez-vous par capacité : une question à la fois, correction immédiate avec l'explication et la "
            "source. Donnez votre nom pour que la progression soit enregistrée (sur ce PC)."
        )
        with gr.Row():
            capacities = gr.CheckboxGroup(
                capacity_choices(titles), label="Capacités", scale=3, elem_id="quiz-capacities"
            )
            with gr.Column(scale=2):
                count = gr.Slider(3, 30, value=10, step=1, label="Nombre de questions", elem_id="quiz-count")
                difficulty = gr.Radio(
                    list(DIFFICULTIES), value="Toutes", label="Difficulté (1 facile → 3 difficile)",
                    elem_id="quiz-difficulty",
                )  # fmt: skip
                name_box = gr.Textbox(
                    label="Votre nom (facultatif)",
                    placeholder="Sans nom, la progression n'est pas enregistrée",
                    elem_id="quiz-learner",
                )
                use_model = gr.Checkbox(
                    value=has_model,
                    interactive=has_model,
                    label="Questions générées par le modèle",
                    info=None if has_model else NO_MODEL,
                    elem_id="quiz-use-model",
                )
        assigned = gr.Dropdown(
            [], value=None, label="Quiz assigné par votre formateur (sinon, le quiz choisi ci-dessus)",
            visible=False, elem_id="quiz-assigned",
        )  # fmt: skip
        create = gr.Button("Créer le quiz", variant="primary", elem_id="quiz-create")
        notes = gr.Markdown(elem_id="quiz-notes")
        state = gr.State(None)

        with gr.Column(visible=False, elem_id="quiz-area") as area:
            header = gr.Markdown(elem_id="quiz-header")
            stem = gr.Markdown(elem_id="quiz-stem")
            radio = gr.Radio([], type="index", label="Votre réponse", visible=False, elem_id="quiz-single")
            checks = gr.CheckboxGroup([], type="index", label="Réponses", visible=False, elem_id="quiz-multiple")
            text = gr.Textbox(label="Votre réponse", visible=False, elem_id="quiz-text")
            matching_help = gr.Markdown(MATCHING_HELP, visible=False, elem_id="quiz-matching-help")
            drops = [
                gr.Dropdown([], value=None, label="", visible=False, elem_id=f"quiz-match-{i}")
                for i in range(MAX_PAIRS)
            ]
            with gr.Row():
                validate = gr.Button("Valider", variant="primary", elem_id="quiz-validate")
                following = gr.Button("Question suivante", interactive=False, elem_id="quiz-next")
            feedback = gr.Markdown(elem_id="quiz-feedback")
            scores = gr.Markdown(elem_id="quiz-scores")

        with gr.Accordion("Relecture et export (formateur)", open=False, elem_id="quiz-review"):
            gr.Markdown(
                "Corrigez l'énoncé ou l'explication directement dans le tableau ; écrivez **non** dans la colonne "
                "« garder » pour écarter une question. L'export suit le tableau."
            )
            table = gr.Dataframe(
                headers=REVIEW_HEADERS,
                datatype="str",
                type="array",
                interactive=True,
                static_columns=[0, 1, 2, 3],
                wrap=True,
                elem_id="quiz-review-table",
            )
            with gr.Row():
                export_format = gr.Radio(list(EXPORT_FORMATS), value="GIFT", label="Format", elem_id="quiz-format")
                download = gr.Button("Télécharger", elem_id="quiz-download")
            export_report = gr.Markdown(elem_id="quiz-export-report")
            exported = gr.File(label="Fichier", interactive=False, elem_id="quiz-file")

        shown = [header, stem, radio, checks, text, matching_help, *drops, feedback, scores, validate, following]

        def show(session: Session) -> list:
            question = session.question
            assert question is not None
            view = question_view(question, session.index + 1, len(session.quiz.questions), titles)
            lefts = view.lefts
            return [
                view.header,
                view.stem,
                gr.update(choices=list(view.choices), value=None, label=view.label, visible=view.widget == "radio"),
                gr.update(choices=list(view.choices), value=[], label=view.label, visible=view.widget == "checkbox"),
                gr.update(value="", label=view.label, visible=view.widget == "text"),
                gr.update(visible=view.widget == "matching"),
                *(
                    gr.update(
                        choices=list(view.choices),
                        value=None,
                        label=lefts[i] if i < len(lefts) else "",
                        visible=i < len(lefts),
                    )  # fmt: skip
                    for i in range(MAX_PAIRS)
                ),
                "",
                "",
                gr.update(interactive=True),
                gr.update(interactive=False),
            ]

        def start(chosen, n, level, name, model, number, request: gr.Request, progress=gr.Progress()):
            def generated(generation: Generation) -> None:  # each model item takes seconds
                progress(None, desc=f"Questions générées : {len(generation.kept)} gardée(s) sur {generation.tried}")

            if number is not None:
                who = viewer(tutor, request)
                quiz, message = assigned_quiz(tutor, who, int(number))
                session = Session(quiz, who.login or "", assignment=int(number)) if quiz is not None else None
            else:
                name = learner(tutor, request, name)
                session, message = start_quiz(tutor, chosen, n, level, name, model, on_item=generated)
            if session is None:
                return [None, message, gr.update(visible=False), [], *(gr.update() for _ in shown)]
            rows = review_rows(session.quiz.questions)
            return [session, message, gr.update(visible=True), rows, *show(session)]

        def check(session: Session | None, choice, checked, typed, request: gr.Request, *matches):
            if session is None or session.question is None:
                return session, "Créez d'abord un quiz.", "", gr.update(), gr.update()
            response = response_for(session.question, choice, checked, typed, matches)
            session, message = answer_question(tutor, session, response)
            if not message:  # already graded: keep what is shown
                return session, gr.update(), gr.update(), gr.update(), gr.update()
            done = session.finished
            result = scores_markdown(session.quiz, session.grades, titles) if done else ""
            if done and session.assignment is not None:
                sent = submit_assigned(tutor, viewer(tutor, request), session.assignment, session.grades)
                result = f"{result}\n\n{sent}"
            return (
                session,
                message,
                result,
                gr.update(interactive=not session.answered),
                gr.update(interactive=session.answered and not done),
            )

        def advance(session: Session | None):
            if session is None or not session.answered or session.finished:
                return [session, *(gr.update() for _ in shown)]
            session = next_question(session)
            return [session, *show(session)]

        def export(session: Session | None, rows, label: str):
            path, message = export_review(tutor, session.quiz if session else None, rows, label)
            return (str(path) if path else None), message

        def opened(request: gr.Request):
            who = viewer(tutor, request)
            choices = assigned_choices(tutor, who)
            return (
                gr.update(choices=choices, value=None, visible=bool(choices)),
                gr.update(visible=who.local),  # with an account, progress is recorded under the login
            )

        tab.select(opened, None, [assigned, name_box])
        create.click(
            start, [capacities, count, difficulty, name_box, use_model, assigned], [state, notes, area, table, *shown]
        )
        validate.click(check, [state, radio, checks, text, *drops], [state, feedback, scores, validate, following])
        following.click(advance, [state], [state, *shown])
        download.click(export, [state, table, export_format], [exported, export_report])
