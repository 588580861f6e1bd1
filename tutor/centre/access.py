"""Who may see and change what, decided in one place for the web app's pages and its HTTP API alike.

Without accounts (one person on 127.0.0.1) everything is open and a learner's name is typed, as before.
With accounts, a trainee sees and changes only their own progress, quizzes and interview transcripts, and
documents are managed by trainers; a trainer may look at any trainee.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.centre.accounts import AccountError, Accounts, Role


@dataclass(frozen=True)
class Viewer:
    """The person behind a request: no login in the single-user local mode."""

    login: str | None = None
    role: Role | None = None

    @property
    def local(self) -> bool:
        return self.login is None

    @property
    def trainer(self) -> bool:
        return self.role == "formateur"


LOCAL = Viewer()


def viewer_of(accounts: Accounts, login: str | None) -> Viewer:
    """The viewer for a logged-in name (gradio's `request.username`); an unknown or removed login gets
    nothing: an account deleted while its session is open loses its rights at once."""
    if not login:
        return LOCAL
    account = accounts.get(login)
    if account is None:
        raise AccountError("compte inconnu ou supprimé : reconnectez-vous")
    return Viewer(account.login, account.role)


def learner_for(viewer: Viewer, typed: str | None) -> str:
    """Whose progress a request reads or writes: a trainee is always themself, whatever was typed."""
    typed = " ".join((typed or "").split())
    if viewer.local:
        return typed
    if viewer.trainer:
        return typed or viewer.login or ""
    return viewer.login or ""


def require_trainer(viewer: Viewer, what: str) -> None:
    """Refuse, in one French line, what only a trainer may do (documents, groups, the class dashboard)."""
    if not viewer.local and not viewer.trainer:
        raise AccountError(f"réservé aux formateurs : {what}")


def require_account_trainer(viewer: Viewer, what: str) -> None:
    """Refuse unless a trainer is logged in: groups and dashboards exist only with accounts."""
    if viewer.local:
        raise AccountError(f"{what} : créez d'abord des comptes (tutor users add LOGIN --role formateur)")
    require_trainer(viewer, what)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def needs_login(accounts: Accounts, host: str) -> bool:
    """The web app asks for a login once accounts exist; off this PC it must, so it refuses to open without any."""
    if accounts.exist():
        return True
    if host in LOCAL_HOSTS:
        return False
    raise AccountError(
        "écouter sur le réseau exige des comptes : créez d'abord un formateur (tutor users add LOGIN --role formateur)"
    )
