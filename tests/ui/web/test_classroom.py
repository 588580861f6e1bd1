"""The "Classe" tab and the trainee's assigned quizzes without a browser: refusals, then a whole round."""

from datetime import date

import pytest

from tutor.centre.access import LOCAL, Viewer
from tutor.centre.accounts import AccountError, Accounts
from tutor.learning.quiz.bank import Grade
from tutor.settings import PROJECT_ROOT
from tutor.ui.web.classroom import assign_quiz, create_group, dashboard, parse_due, save_members, trainees
from tutor.ui.web.people import assigned_choices, assigned_quiz, learner, submit_assigned, viewer

TRAINER, LEO, INES = Viewer("prof", "formateur"), Viewer("leo", "apprenant"), Viewer("ines", "apprenant")


@pytest.fixture
def tutor(make_tutor):
    tutor = make_tutor(corpus_dir=PROJECT_ROOT / "corpus")
    accounts = Accounts(tutor.settings.home, rounds=4)
    accounts.add("prof", "Formateur-2026", "formateur")
    accounts.add("leo", "Apprenti-0-26", "apprenant")
    accounts.add("ines", "Apprenti-1-26", "apprenant")
    return tutor


def test_due_dates():
    today = date(2026, 12, 7)
    assert parse_due("14/12/2026", today) == date(2026, 12, 14) == parse_due("2026-12-14", today)
    for bad, says in (("demain", "JJ/MM/AAAA"), ("01/12/2026", "déjà passée")):
        with pytest.raises(AccountError, match=says):
            parse_due(bad, today)


def test_only_a_logged_in_trainer_manages_the_class(tutor):
    for who, says in ((LEO, "réservé aux formateurs"), (LOCAL, "créez d'abord des comptes")):
        assert says in create_group(tutor, who, "TUMC")
        assert says in save_members(tutor, who, "TUMC", ["leo"])
        assert says in assign_quiz(tutor, who, "TUMC", "Quiz", ["C2"], 5, None, "31/12/2030")
        page, csv_path, html_path = dashboard(tutor, who, "TUMC")
        assert says in page and csv_path is None and html_path is None
    assert tutor.centre.groups.names() == []


def test_a_whole_round_assign_take_see(tutor):
    assert create_group(tutor, TRAINER, "TUMC") == "Groupe « TUMC » créé."
    assert trainees(tutor) == ["ines", "leo"]
    assert save_members(tutor, TRAINER, "TUMC", ["leo"]) == "Groupe « TUMC » : 1 apprenant(s)."
    said = assign_quiz(tutor, TRAINER, "TUMC", "Cotation", ["C2"], 4, None, "31/12/2030")
    assert said.startswith("Quiz « Cotation » assigné au groupe « TUMC » pour le 31/12/2030")
    assert assigned_choices(tutor, INES) == [] and assigned_choices(tutor, TRAINER) == []
    ((label, number),) = assigned_choices(tutor, LEO)
    assert label == "Cotation — pour le 31/12/2030 (C2, 4 questions, à faire)"
    quiz, message = assigned_quiz(tutor, LEO, number)
    again, _ = assigned_quiz(tutor, LEO, number)
    assert quiz is not None and [q.id for q in quiz.questions] == [q.id for q in again.questions]  # same seed
    assert all(q.capacity == "C2" for q in quiz.questions) and len(quiz.questions) == 4
    assert assigned_quiz(tutor, INES, number) == (None, "❌ Ce quiz n'est pas assigné à votre groupe.")
    grades = [Grade(i % 2 == 0, float(i % 2 == 0), "", "") for i in range(4)]
    assert submit_assigned(tutor, LEO, number, grades) == "Résultat transmis au formateur : 2/4."
    assert "fait : 2/4" in assigned_choices(tutor, LEO)[0][0]
    assert submit_assigned(tutor, INES, number, grades).startswith("❌")
    page, csv_path, html_path = dashboard(tutor, TRAINER, "TUMC")
    assert "leo 2/4" in page and csv_path.read_text(encoding="utf-8-sig").splitlines()[1].endswith(";2/4")
    assert html_path.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_requests_map_to_viewers(tutor):
    class Request:
        username = "leo"

    assert viewer(tutor, None) == LOCAL and viewer(tutor, Request()) == LEO
    assert learner(tutor, Request(), "ines") == "leo" and learner(tutor, None, " Léa ") == "Léa"


def test_a_restart_loses_nothing(tutor, make_tutor):
    create_group(tutor, TRAINER, "TUMC")
    save_members(tutor, TRAINER, "TUMC", ["leo"])
    assign_quiz(tutor, TRAINER, "TUMC", "Cotation", ["C2"], 4, None, "31/12/2030")
    ((_, number),) = assigned_choices(tutor, LEO)
    quiz, _ = assigned_quiz(tutor, LEO, number)
    for question in quiz.questions[:2]:  # two answers given, then the server restarts mid-quiz
        tutor.record_answer("leo", question, None)
    restarted = make_tutor(corpus_dir=PROJECT_ROOT / "corpus")  # a new process on the same data directory
    assert restarted.centre.accounts.get("leo") is not None
    assert restarted.centre.groups.members("TUMC") == ["leo"]
    assert [label for label, _ in assigned_choices(restarted, LEO)][0].endswith("à faire)")
    again, _ = assigned_quiz(restarted, LEO, number)
    assert [q.id for q in again.questions] == [q.id for q in quiz.questions]  # the same quiz to take again
    mastery, _ = restarted.mastery("leo")
    assert sum(m.answered for m in mastery.values()) == 2  # the answers already given are kept
