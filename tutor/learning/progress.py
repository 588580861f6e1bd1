"""A trainee's progress, per learner name, in SQLite in the data directory: attempts, mastery, spaced repetition.

Scheduling uses FSRS (the py-fsrs package, imported here only): a missed question is due again within minutes, a
known one after days, so "due" questions open the next quiz. Times are passed in explicitly, for tests and replays.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from fsrs import Card, Rating, Scheduler

from tutor.learning.quiz.bank import Grade, Question

FILE_NAME = "progress.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS learners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    learner INTEGER NOT NULL REFERENCES learners(id),
    question TEXT NOT NULL,
    capacity TEXT NOT NULL,
    correct INTEGER NOT NULL,
    score REAL NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_learner ON attempts (learner, question);
CREATE TABLE IF NOT EXISTS cards (
    learner INTEGER NOT NULL REFERENCES learners(id),
    question TEXT NOT NULL,
    card TEXT NOT NULL,
    due TEXT NOT NULL,
    last_correct INTEGER NOT NULL,
    PRIMARY KEY (learner, question)
);
"""


class Mastery(NamedTuple):
    answered: int
    correct: int
    share: float  # correct / answered


class Missed(NamedTuple):
    question: str
    capacity: str
    missed: int
    answered: int


def _utc(now: datetime) -> datetime:
    """FSRS wants aware UTC datetimes; a naive one is taken as UTC."""
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def rating(grade: Grade) -> Rating:
    if grade.correct:
        return Rating.Good
    return Rating.Hard if grade.score >= 0.5 else Rating.Again


class Progress:
    """One SQLite file; use as a context manager, or call close()."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.executescript(SCHEMA)
        self._scheduler = Scheduler(enable_fuzzing=False)  # the same answers give the same dates

    @classmethod
    def open(cls, home: Path) -> Progress:
        return cls(Path(home) / FILE_NAME)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def learners(self) -> list[str]:
        return [name for (name,) in self._db.execute("SELECT name FROM learners ORDER BY name COLLATE NOCASE")]

    def learner_id(self, name: str, create: bool = True) -> int | None:
        name = " ".join(name.split())
        if not name:
            raise ValueError("nom d'apprenant vide")
        row = self._db.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()
        if row or not create:
            return row[0] if row else None
        with self._db:
            return self._db.execute("INSERT INTO learners (name) VALUES (?)", (name,)).lastrowid

    def record(self, learner: str, question: Question, grade: Grade, now: datetime) -> datetime:
        """Store one attempt and reschedule the question; returns when it is due again."""
        now = _utc(now)
        learner_id = self.learner_id(learner)
        row = self._db.execute(
            "SELECT card FROM cards WHERE learner = ? AND question = ?", (learner_id, question.id)
        ).fetchone()
        card = Card.from_json(row[0]) if row else Card(card_id=1, due=now)
        card, _ = self._scheduler.review_card(card, rating(grade), now)
        with self._db:
            self._db.execute(
                "INSERT INTO attempts (learner, question, capacity, correct, score, at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    learner_id,
                    question.id,
                    question.capacity,
                    int(grade.correct),
                    grade.score,
                    now.isoformat(timespec="microseconds"),
                ),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO cards (learner, question, card, due, last_correct) VALUES (?, ?, ?, ?, ?)",
                (
                    learner_id,
                    question.id,
                    card.to_json(),
                    _utc(card.due).isoformat(timespec="microseconds"),
                    int(grade.correct),
                ),
            )
        return _utc(card.due)

    def mastery(self, learner: str) -> dict[str, Mastery]:
        """Per capacity: questions answered, answered right, and the share right (all attempts count)."""
        learner_id = self.learner_id(learner, create=False)
        rows = self._db.execute(
            "SELECT capacity, COUNT(*), SUM(correct) FROM attempts WHERE learner = ? GROUP BY capacity ORDER BY capacity",
            (learner_id,),
        )
        return {capacity: Mastery(n, right, right / n) for capacity, n, right in rows}

    def most_missed(self, learner: str, k: int = 5) -> list[Missed]:
        learner_id = self.learner_id(learner, create=False)
        rows = self._db.execute(
            "SELECT question, capacity, SUM(1 - correct) AS missed, COUNT(*) FROM attempts WHERE learner = ? "
            "GROUP BY question HAVING missed > 0 ORDER BY missed DESC, COUNT(*) DESC, question LIMIT ?",
            (learner_id, k),
        )
        return [Missed(*row) for row in rows]

    def due(self, learner: str, now: datetime) -> list[str]:
        """Question ids due at `now`: the ones last missed first, then the most overdue."""
        learner_id = self.learner_id(learner, create=False)
        rows = self._db.execute(
            "SELECT question FROM cards WHERE learner = ? AND due <= ? ORDER BY last_correct, due, question",
            (learner_id, _utc(now).isoformat(timespec="microseconds")),
        )
        return [question for (question,) in rows]

    def history(self, learner: str) -> list[tuple[str, bool, float, datetime]]:
        """(question id, correct, score, when), oldest first."""
        learner_id = self.learner_id(learner, create=False)
        rows = self._db.execute(
            "SELECT question, correct, score, at FROM attempts WHERE learner = ? ORDER BY at, id", (learner_id,)
        )
        return [(q, bool(c), s, datetime.fromisoformat(at)) for q, c, s, at in rows]
