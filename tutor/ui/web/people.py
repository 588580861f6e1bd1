"""Who is behind a web request, and the quizzes a trainer assigned to them; shared by the tabs.

The rules are `tutor.centre.access`; these functions only ask them and format French lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tutor.centre.access import Viewer, learner_for, viewer_of
from tutor.centre.accounts import AccountError
from tutor.learning.quiz.bank import Grade, Quiz, QuizError
from tutor.shop.numeric import markdown_escape

if TYPE_CHECKING:
    from tutor.facade import Tutor


def viewer(tutor: Tutor, request: object | None) -> Viewer:
    """The person behind a gradio request (`request.username` once logged in; nobody in the local mode)."""
    return viewer_of(tutor.centre.accounts, getattr(request, "username", None))


def learner(tutor: Tutor, request: object | None, typed: str | None) -> str:
    """Whose progress a request reads or writes; a trainee is always themself."""
    return learner_for(viewer(tutor, request), typed)


def assigned_choices(tutor: Tutor, who: Viewer) -> list[tuple[str, int]]:
    """(label, id) of the quizzes assigned to this trainee's groups, soonest due first."""
    if who.local or who.trainer:
        return []
    choices = []
    for assignment in tutor.centre.groups.assignments(login=who.login):
        done = {s.login: s for s in tutor.centre.groups.submissions(assignment.id)}.get(who.login or "")
        state = f"fait : {done.correct}/{done.total}" if done else "à faire"
        label = (
            f"{assignment.title} — pour le {assignment.due:%d/%m/%Y} ({', '.join(assignment.capacities)}, "
            f"{assignment.questions} questions, {state})"
        )
        choices.append((label, assignment.id))
    return choices


def assigned_quiz(tutor: Tutor, who: Viewer, number: int) -> tuple[Quiz | None, str]:
    """The quiz of an assignment, the same for every trainee of the group (bank and calculated, no model)."""
    assignment = tutor.centre.groups.assignment(number)
    if assignment is None or number not in {n for _, n in assigned_choices(tutor, who)}:
        return None, "❌ Ce quiz n'est pas assigné à votre groupe."
    try:
        quiz, _ = tutor.build_quiz(
            list(assignment.capacities), assignment.questions, assignment.difficulty, use_model=False,
            seed=assignment.seed,
        )  # fmt: skip
    except QuizError as exc:
        return None, f"❌ Quiz impossible : {markdown_escape(str(exc))}"
    return quiz, f"Quiz assigné « {markdown_escape(assignment.title)} » : votre résultat sera transmis au formateur."


def submit_assigned(tutor: Tutor, who: Viewer, number: int, grades: Sequence[Grade]) -> str:
    correct = sum(1 for g in grades if g.correct)
    try:
        tutor.centre.groups.submit(number, who.login or "", correct, len(grades))
    except AccountError as exc:
        return f"❌ {exc}"
    return f"Résultat transmis au formateur : {correct}/{len(grades)}."
