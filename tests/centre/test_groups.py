from datetime import date

import pytest

from tutor.centre.accounts import AccountError, Accounts
from tutor.centre.groups import Groups


@pytest.fixture
def centre(tmp_path):
    accounts = Accounts(tmp_path, rounds=4)
    accounts.add("prof", "Formateur-2026", "formateur")
    for number, name in enumerate(("leo", "ines", "sam")):
        accounts.add(name, f"Apprenti-{number}-26", "apprenant")
    return accounts, Groups(tmp_path)


def test_groups_members_assignments_and_submissions(centre):
    accounts, groups = centre
    groups.create("TUMC  2026")
    groups.create("Soir")
    groups.add_member("TUMC 2026", "leo")
    groups.add_member("TUMC 2026", "ines")
    groups.add_member("Soir", "sam")
    assert groups.names() == ["Soir", "TUMC 2026"]
    assert groups.members("TUMC 2026") == ["ines", "leo"]
    quiz = groups.assign("TUMC 2026", "Cotation", ("C2", "C3"), 8, date(2026, 12, 14), "prof", seed=7)
    later = groups.assign("TUMC 2026", "Tournage", ("C4",), 5, date(2026, 12, 21), "prof", seed=8)
    assert [a.id for a in groups.assignments(login="leo")] == [quiz.id, later.id]
    assert groups.assignments(login="sam") == []
    assert groups.assignment(quiz.id) == quiz
    groups.submit(quiz.id, "leo", 5, 8)
    groups.submit(quiz.id, "leo", 7, 8)  # the last try counts
    assert [(s.login, s.correct) for s in groups.submissions(quiz.id)] == [("leo", 7)]
    with pytest.raises(AccountError, match="pas assigné"):
        groups.submit(quiz.id, "sam", 8, 8)  # another group's trainee


def test_refusals(centre):
    _, groups = centre
    groups.create("A")
    with pytest.raises(AccountError, match="existe déjà"):
        groups.create("a")
    with pytest.raises(AccountError, match="pas un compte apprenant"):
        groups.add_member("A", "prof")
    with pytest.raises(AccountError, match="aucun compte"):
        groups.add_member("A", "personne")
    with pytest.raises(AccountError, match="aucun groupe"):
        groups.assign("B", "Quiz", ("C1",), 5, date(2026, 12, 14), "prof", seed=1)
    with pytest.raises(AccountError, match="capacité"):
        groups.assign("A", "Quiz", (), 5, date(2026, 12, 14), "prof", seed=1)


def test_removing_an_account_removes_its_membership(centre):
    accounts, groups = centre
    groups.create("A")
    groups.add_member("A", "leo")
    accounts.remove("leo")
    assert groups.members("A") == []
