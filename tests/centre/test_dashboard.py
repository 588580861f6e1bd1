import csv
import io
from datetime import UTC, date, datetime

import pytest

from tutor.centre.accounts import Accounts
from tutor.centre.dashboard import class_view, heat_colour, to_csv, to_html
from tutor.centre.groups import Groups
from tutor.learning.progress import Progress
from tutor.learning.quiz.bank import Question, grade

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def question(qid: str, capacity: str) -> Question:
    return Question(qid, "truefalse", "?", capacity, 1, "x", options=("Vrai", "Faux"), correct=(0,))


@pytest.fixture
def group(tmp_path):
    accounts, groups = Accounts(tmp_path, rounds=4), Groups(tmp_path)
    for number, login in enumerate(("leo", "ines", "sam")):
        accounts.add(login, f"Apprenti-{number}-26", "apprenant")
    groups.create("TUMC")
    for login in ("leo", "ines", "sam"):
        groups.add_member("TUMC", login)
    with Progress.open(tmp_path) as progress:
        for login, answers in {"leo": [("q1", "C2", True), ("q2", "C3", False)], "ines": [("q2", "C3", False)]}.items():
            for qid, capacity, right in answers:
                q = question(qid, capacity)
                progress.record(login, q, grade(q, "Vrai" if right else "Faux"), T0)
    quiz = groups.assign("TUMC", "Cotation", ("C2",), 5, date(2026, 12, 14), "prof", seed=3)
    groups.submit(quiz.id, "leo", 4, 5)
    interviews = tmp_path / "interviews" / "sam"
    interviews.mkdir(parents=True)
    (interviews / "2026-12-07T09-00-00.json").write_text("{}")
    return tmp_path, groups


def test_class_view_gathers_mastery_misses_interviews_and_quizzes(group):
    home, groups = group
    view = class_view(home, groups, "TUMC")
    rows = {row.login: row for row in view.trainees}
    assert rows["leo"].mastery["C2"].share == 1.0 and rows["leo"].mastery["C3"].share == 0.0
    assert rows["ines"].last_activity == T0 and rows["sam"].mastery == {}
    assert rows["sam"].interviews == 1 and rows["sam"].last_activity is not None
    assert [(m.question, m.missed, m.trainees) for m in view.missed] == [("q2", 2, 2)]
    ((assignment, submissions),) = view.assignments
    assert assignment.title == "Cotation" and [(s.login, s.correct) for s in submissions] == [("leo", 4)]


def test_csv_and_printable_page(group):
    home, groups = group
    view = class_view(home, groups, "TUMC")
    table = list(csv.reader(io.StringIO(to_csv(view)), delimiter=";"))
    assert table[0][:3] == ["identifiant", "C1", "C2"] and table[0][-1] == "Cotation (14/12)"
    leo = next(r for r in table if r[0] == "leo")
    assert leo[2] == "100 %" and leo[3] == "0 %" and leo[-1] == "4/5"
    assert next(r for r in table if r[0] == "ines")[-1] == "non fait"
    page = to_html(view, {"C2": "Cotation"})
    assert "heatmap" in page and "q2 (C3) : manquée 2 fois par 2 apprenant(s)" in page and "leo 4/5" in page
    assert heat_colour(None) == "#eeeeee" and heat_colour(1.0) != heat_colour(0.0)
