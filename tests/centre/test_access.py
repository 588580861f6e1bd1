import pytest

from tutor.centre.access import (
    LOCAL,
    Viewer,
    learner_for,
    require_account_trainer,
    require_trainer,
    viewer_of,
)
from tutor.centre.accounts import AccountError, Accounts


def test_viewers_from_logins(tmp_path):
    accounts = Accounts(tmp_path, rounds=4)
    accounts.add("prof", "Formateur-2026", "formateur")
    accounts.add("leo", "Apprenti-0-26", "apprenant")
    assert viewer_of(accounts, None) == LOCAL and LOCAL.local
    assert viewer_of(accounts, "prof").trainer
    assert viewer_of(accounts, "leo") == Viewer("leo", "apprenant")
    accounts.remove("leo")
    with pytest.raises(AccountError, match="reconnectez-vous"):
        viewer_of(accounts, "leo")


def test_a_trainee_is_always_themself_a_trainer_may_look_at_anyone():
    trainee, trainer = Viewer("leo", "apprenant"), Viewer("prof", "formateur")
    assert learner_for(LOCAL, "  Léa  Martin ") == "Léa Martin"
    assert learner_for(trainee, "ines") == "leo" and learner_for(trainee, "") == "leo"
    assert learner_for(trainer, "ines") == "ines" and learner_for(trainer, "") == "prof"


def test_trainer_only_actions():
    require_trainer(LOCAL, "documents")
    require_trainer(Viewer("prof", "formateur"), "documents")
    with pytest.raises(AccountError, match="réservé aux formateurs : documents"):
        require_trainer(Viewer("leo", "apprenant"), "documents")
    with pytest.raises(AccountError, match="créez d'abord des comptes"):
        require_account_trainer(LOCAL, "tableau de bord")
