from datetime import UTC, datetime, timedelta

import pytest

from tutor.centre.accounts import AccountError, Accounts, password_problem
from tutor.centre.database import database_path

GOOD = "Copeau-2026x"


@pytest.fixture
def accounts(tmp_path):
    return Accounts(tmp_path, rounds=4)


def test_add_list_verify_remove(accounts, tmp_path):
    assert not accounts.exist()
    accounts.add("Marie.Dupont", GOOD, "formateur")
    accounts.add("leo", "Tournage-42", "apprenant")
    assert accounts.exist()
    assert [(a.login, a.role) for a in accounts.all()] == [("leo", "apprenant"), ("marie.dupont", "formateur")]
    verdict = accounts.verify("MARIE.DUPONT", GOOD)
    assert verdict.account is not None and verdict.account.is_trainer and verdict.account.last_login
    assert GOOD.encode() not in database_path(tmp_path).read_bytes()  # only the bcrypt hash is stored
    assert accounts.remove("leo") and not accounts.remove("leo")
    assert accounts.get("leo") is None


@pytest.mark.parametrize(
    ("login", "password", "role", "says"),
    [
        ("leo", GOOD, "apprenant", "existe déjà"),
        ("x", GOOD, "apprenant", "identifiant"),
        ("Léo Dupont", GOOD, "apprenant", "identifiant"),
        ("paul", GOOD, "admin", "rôle"),
        ("paul", "court1", "apprenant", "trop court"),
        ("paul", "abcdefghijkl", "apprenant", "trop simple"),
        ("paul", "azertyuiop1", "apprenant", "facile"),
        ("paul", "paul-2026-ok", "apprenant", "facile"),
        ("paul", "aaaa1111aaaa", "apprenant", "répétitif"),
        ("paul", "é" * 40 + "1", "apprenant", "trop long"),
    ],
)
def test_refusals_are_one_french_line(accounts, login, password, role, says):
    accounts.add("leo", "Tournage-42", "apprenant")
    with pytest.raises(AccountError) as refused:
        accounts.add(login, password, role)
    message = str(refused.value)
    assert says in message and "\n" not in message
    assert [a.login for a in accounts.all()] == ["leo"]  # nothing half-made


def test_repeated_failures_lock_for_a_growing_while(accounts):
    accounts.add("leo", "Tournage-42", "apprenant")
    now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert accounts.verify("leo", "faux", now).wait_seconds == 0
    assert accounts.verify("leo", "faux", now).wait_seconds == 0
    third = accounts.verify("leo", "faux", now)
    assert third.account is None and third.wait_seconds == 2 and "réessayez" in third.message
    locked = accounts.verify("leo", "Tournage-42", now + timedelta(seconds=1))
    assert locked.account is None and "trop d'essais" in locked.message  # even the right password waits
    assert accounts.verify("leo", "faux", now + timedelta(seconds=3)).wait_seconds == 4
    ok = accounts.verify("leo", "Tournage-42", now + timedelta(seconds=8))
    assert ok.account is not None
    assert accounts.verify("leo", "faux", now + timedelta(seconds=9)).wait_seconds == 0  # counter reset


def test_unknown_login_and_password_change(accounts):
    assert accounts.verify("personne", GOOD).message == "identifiant ou mot de passe incorrect"
    accounts.add("leo", "Tournage-42", "apprenant")
    accounts.passwd("leo", "Fraisage-43")
    assert accounts.verify("leo", "Tournage-42").account is None
    assert accounts.verify("leo", "Fraisage-43").account is not None
    with pytest.raises(AccountError, match="aucun compte"):
        accounts.passwd("personne", GOOD)


def test_password_rules_accept_a_reasonable_password():
    assert password_problem("leo", "Tournage-42") is None
    assert password_problem("leo", "tournage fraisage") is None  # a passphrase: letters and a space
