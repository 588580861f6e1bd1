"""Groups of trainees and the quizzes a trainer assigns to them, with a due date and each trainee's result.

An assignment stores how to rebuild its quiz (capacities, number of questions, difficulty, seed) rather than
the questions: the same seed gives every trainee of the group the same quiz, built from the bank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tutor.centre.accounts import AccountError
from tutor.centre.database import connect


@dataclass(frozen=True)
class Assignment:
    id: int
    group: str
    title: str
    capacities: tuple[str, ...]
    questions: int
    difficulty: int | None
    seed: int
    due: date
    created_by: str


@dataclass(frozen=True)
class Submission:
    assignment: int
    login: str
    correct: int
    total: int
    finished: datetime


class Groups:
    """Groups, members, assignments and submissions in `<home>/centre.sqlite`."""

    def __init__(self, home: Path) -> None:
        self.home = home

    def create(self, name: str) -> None:
        name = " ".join(name.split())
        if not name or len(name) > 60:
            raise AccountError("nom de groupe vide ou trop long (60 caractères au plus)")
        with connect(self.home) as db:
            if db.execute("SELECT 1 FROM groups WHERE name = ?", (name,)).fetchone():
                raise AccountError(f"le groupe « {name} » existe déjà")
            db.execute("INSERT INTO groups (name, created) VALUES (?, ?)", (name, _now().isoformat()))

    def delete(self, name: str) -> bool:
        with connect(self.home) as db:
            return db.execute("DELETE FROM groups WHERE name = ?", (name,)).rowcount > 0

    def names(self) -> list[str]:
        with connect(self.home) as db:
            return [row[0] for row in db.execute("SELECT name FROM groups ORDER BY name")]

    def add_member(self, group: str, login: str) -> None:
        with connect(self.home) as db:
            if not db.execute("SELECT 1 FROM groups WHERE name = ?", (group,)).fetchone():
                raise AccountError(f"aucun groupe « {group} »")
            row = db.execute("SELECT login, role FROM accounts WHERE login = ?", (login.strip(),)).fetchone()
            if row is None:
                raise AccountError(f"aucun compte « {login} »")
            if row[1] != "apprenant":
                raise AccountError(f"« {row[0]} » n'est pas un compte apprenant")
            db.execute("INSERT OR IGNORE INTO members (grp, login) VALUES (?, ?)", (group, row[0]))

    def remove_member(self, group: str, login: str) -> bool:
        with connect(self.home) as db:
            return db.execute("DELETE FROM members WHERE grp = ? AND login = ?", (group, login)).rowcount > 0

    def members(self, group: str) -> list[str]:
        with connect(self.home) as db:
            rows = db.execute("SELECT login FROM members WHERE grp = ? ORDER BY login", (group,))
            return [row[0] for row in rows]

    def groups_of(self, login: str) -> list[str]:
        with connect(self.home) as db:
            rows = db.execute("SELECT grp FROM members WHERE login = ? ORDER BY grp", (login,))
            return [row[0] for row in rows]

    def assign(
        self,
        group: str,
        title: str,
        capacities: tuple[str, ...],
        questions: int,
        due: date,
        created_by: str,
        *,
        difficulty: int | None = None,
        seed: int,
    ) -> Assignment:
        title = " ".join(title.split())
        if not title:
            raise AccountError("donnez un titre au quiz")
        if not capacities:
            raise AccountError("choisissez au moins une capacité")
        if not 1 <= questions <= 50:
            raise AccountError("de 1 à 50 questions")
        with connect(self.home) as db:
            if not db.execute("SELECT 1 FROM groups WHERE name = ?", (group,)).fetchone():
                raise AccountError(f"aucun groupe « {group} »")
            cursor = db.execute(
                "INSERT INTO assignments (grp, title, capacities, questions, difficulty, seed, due, created_by, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (group, title, ",".join(capacities), questions, difficulty, seed, due.isoformat(), created_by,
                 _now().isoformat()),
            )  # fmt: skip
            number = int(cursor.lastrowid or 0)
        return Assignment(number, group, title, capacities, questions, difficulty, seed, due, created_by)

    def assignments(self, group: str | None = None, *, login: str | None = None) -> list[Assignment]:
        """A group's assignments, or those of every group `login` belongs to; soonest due first."""
        query = "SELECT id, grp, title, capacities, questions, difficulty, seed, due, created_by FROM assignments"
        if login is not None:
            rows_sql, args = query + " WHERE grp IN (SELECT grp FROM members WHERE login = ?)", (login,)
        elif group is not None:
            rows_sql, args = query + " WHERE grp = ?", (group,)
        else:
            rows_sql, args = query, ()
        with connect(self.home) as db:
            rows = db.execute(rows_sql + " ORDER BY due, id", args).fetchall()
        return [
            Assignment(r[0], r[1], r[2], tuple(r[3].split(",")), r[4], r[5], r[6], date.fromisoformat(r[7]), r[8])
            for r in rows
        ]

    def assignment(self, number: int) -> Assignment | None:
        return next((a for a in self.assignments() if a.id == number), None)

    def submit(self, number: int, login: str, correct: int, total: int) -> Submission:
        """Record a trainee's result; only a member of the assignment's group may submit (the last try counts)."""
        finished = _now()
        with connect(self.home) as db:
            row = db.execute(
                "SELECT 1 FROM assignments a JOIN members m ON m.grp = a.grp WHERE a.id = ? AND m.login = ?",
                (number, login),
            ).fetchone()
            if row is None:
                raise AccountError("ce quiz n'est pas assigné à votre groupe")
            db.execute(
                "INSERT OR REPLACE INTO submissions (assignment, login, correct, total, finished) VALUES (?, ?, ?, ?, ?)",
                (number, login, correct, total, finished.isoformat()),
            )
        return Submission(number, login, correct, total, finished)

    def submissions(self, number: int) -> list[Submission]:
        with connect(self.home) as db:
            rows = db.execute(
                "SELECT assignment, login, correct, total, finished FROM submissions WHERE assignment = ? ORDER BY login",
                (number,),
            ).fetchall()
        return [Submission(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4])) for r in rows]


def _now() -> datetime:
    return datetime.now(UTC)
