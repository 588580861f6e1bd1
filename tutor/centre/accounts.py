"""Accounts of a training centre: a login, a role (`formateur` or `apprenant`), a bcrypt hash.

bcrypt is imported here only. Repeated wrong passwords lock the login for a while that doubles with each new
failure (from 3 failures: 2 s, 4 s, 8 s... up to 5 minutes), which makes guessing slow without locking a
trainee out of a class for long. Messages are French and fit on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import bcrypt

from tutor.centre.database import connect, database_path

Role = Literal["formateur", "apprenant"]
ROLES: tuple[Role, ...] = ("formateur", "apprenant")
LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
MIN_PASSWORD = 10
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
FREE_FAILURES = 3
MAX_LOCK = timedelta(minutes=5)
COMMON = frozenset(
    """motdepasse motdepasse1 azertyuiop azerty1234 1234567890 0123456789 password123 passw0rd123 qwertyuiop
    soleil1234 bonjour123 usinage123 usinage2024 usinage2025 usinage2026 tourneur123 fraiseur123 azertyuiop1""".split()
)


class AccountError(ValueError):
    """A refused request; the message is French, one line, and can be shown as is."""


@dataclass(frozen=True)
class Account:
    login: str
    role: Role
    created: datetime
    last_login: datetime | None = None

    @property
    def is_trainer(self) -> bool:
        return self.role == "formateur"


@dataclass(frozen=True)
class Verdict:
    """The outcome of a login attempt: the account, or why not and for how long the login is locked."""

    account: Account | None
    message: str = ""
    wait_seconds: float = 0.0


def password_problem(login: str, password: str) -> str | None:
    """Why a password is too weak, in French; None when it is acceptable."""
    if len(password) < MIN_PASSWORD:
        return f"mot de passe trop court : {MIN_PASSWORD} caractères au moins"
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        return "mot de passe trop long : 64 caractères au plus"
    kinds = sum(bool(re.search(pattern, password)) for pattern in (r"[a-zà-ÿ]", r"[A-ZÀ-Ý]", r"\d", r"[^\wÀ-ÿ]|_"))
    if kinds < 2:
        return "mot de passe trop simple : mélangez lettres et chiffres (ou majuscules, ou signes)"
    if password.lower() in COMMON or login.lower() in password.lower():
        return "mot de passe trop facile à deviner (mot courant ou identifiant dedans)"
    if len(set(password)) < 5:
        return "mot de passe trop répétitif : 5 caractères différents au moins"
    return None


class Accounts:
    """The accounts table of `<home>/centre.sqlite`. `rounds` is bcrypt's cost (12 here; tests use 4)."""

    def __init__(self, home: Path, *, rounds: int = 12) -> None:
        self.home = home
        self.rounds = rounds

    def add(self, login: str, password: str, role: str) -> Account:
        login = login.strip().lower()
        if not LOGIN.fullmatch(login):
            raise AccountError(
                f"identifiant « {login} » refusé : 2 à 32 caractères, minuscules, chiffres, point, tiret ou souligné"
            )
        if role not in ROLES:
            raise AccountError(f"rôle « {role} » inconnu : formateur ou apprenant")
        problem = password_problem(login, password)
        if problem:
            raise AccountError(problem)
        now = _now()
        digest = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(self.rounds))
        with connect(self.home) as db:
            if db.execute("SELECT 1 FROM accounts WHERE login = ?", (login,)).fetchone():
                raise AccountError(f"l'identifiant « {login} » existe déjà")
            db.execute(
                "INSERT INTO accounts (login, role, hash, created) VALUES (?, ?, ?, ?)",
                (login, role, digest, now.isoformat()),
            )
        return Account(login, role, now)  # type: ignore[arg-type]

    def passwd(self, login: str, password: str) -> None:
        account = self.get(login)
        if account is None:
            raise AccountError(f"aucun compte « {login} »")
        problem = password_problem(account.login, password)
        if problem:
            raise AccountError(problem)
        digest = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(self.rounds))
        with connect(self.home) as db:
            db.execute(
                "UPDATE accounts SET hash = ?, failures = 0, locked_until = NULL WHERE login = ?",
                (digest, account.login),
            )

    def remove(self, login: str) -> bool:
        with connect(self.home) as db:
            return db.execute("DELETE FROM accounts WHERE login = ?", (login.strip(),)).rowcount > 0

    def get(self, login: str) -> Account | None:
        with connect(self.home) as db:
            row = db.execute(
                "SELECT login, role, created, last_login FROM accounts WHERE login = ?", (login.strip(),)
            ).fetchone()
        return _account(row) if row else None

    def all(self) -> list[Account]:
        with connect(self.home) as db:
            rows = db.execute("SELECT login, role, created, last_login FROM accounts ORDER BY role, login").fetchall()
        return [_account(row) for row in rows]

    def exist(self) -> bool:
        """True once a first account is made: the web app then asks everyone to log in."""
        if not database_path(self.home).exists():
            return False
        with connect(self.home) as db:
            return db.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None

    def verify(self, login: str, password: str, now: datetime | None = None) -> Verdict:
        """Check a login attempt; failures are counted and lock the login for a growing while."""
        now = now or _now()
        login = login.strip().lower()
        with connect(self.home) as db:
            row = db.execute(
                "SELECT login, role, created, last_login, hash, failures, locked_until FROM accounts WHERE login = ?",
                (login,),
            ).fetchone()
            if row is None:
                bcrypt.checkpw(b"x", bcrypt.hashpw(b"y", bcrypt.gensalt(self.rounds)))  # same time as a known login
                return Verdict(None, "identifiant ou mot de passe incorrect")
            failures, locked = row[5], row[6]
            if locked and datetime.fromisoformat(locked) > now:
                wait = (datetime.fromisoformat(locked) - now).total_seconds()
                return Verdict(None, f"trop d'essais : réessayez dans {wait:.0f} s", wait)
            if bcrypt.checkpw(password.encode("utf-8")[:MAX_PASSWORD_BYTES], row[4]):
                db.execute(
                    "UPDATE accounts SET failures = 0, locked_until = NULL, last_login = ? WHERE login = ?",
                    (now.isoformat(), row[0]),
                )
                return Verdict(_account((*row[:3], now.isoformat())))
            failures += 1
            lock = None
            if failures >= FREE_FAILURES:
                lock = min(timedelta(seconds=2 ** (failures - FREE_FAILURES + 1)), MAX_LOCK)
            db.execute(
                "UPDATE accounts SET failures = ?, locked_until = ? WHERE login = ?",
                (failures, (now + lock).isoformat() if lock else None, row[0]),
            )
        if lock:
            return Verdict(
                None,
                f"identifiant ou mot de passe incorrect ; trop d'essais : réessayez dans {lock.total_seconds():.0f} s",
                lock.total_seconds(),
            )
        return Verdict(None, "identifiant ou mot de passe incorrect")


def _account(row: tuple) -> Account:
    return Account(row[0], row[1], datetime.fromisoformat(row[2]), datetime.fromisoformat(row[3]) if row[3] else None)


def _now() -> datetime:
    return datetime.now(UTC)
