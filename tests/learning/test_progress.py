"""Progress in SQLite: attempts per learner, mastery per capacity, most missed, and FSRS spaced repetition."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tutor.learning.progress import FILE_NAME, Mastery, Missed, Progress
from tutor.learning.quiz.bank import Question, grade

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def question(qid: str, capacity: str = "C1") -> Question:
    return Question(qid, "truefalse", "?", capacity, 1, "x", options=("Vrai", "Faux"), correct=(0,))


def answer(progress: Progress, qid: str, right: bool, now: datetime, learner: str = "Léa", capacity: str = "C1"):
    q = question(qid, capacity)
    return progress.record(learner, q, grade(q, right), now)


@pytest.fixture
def progress(tmp_path):
    with Progress.open(tmp_path / "data") as store:
        yield store


def test_file_lives_in_the_data_directory_and_learners_are_kept(tmp_path):
    with Progress.open(tmp_path) as store:
        answer(store, "C1-001", True, T0)
        answer(store, "C1-001", True, T0, learner="  Tom   Martin ")
        answer(store, "C1-002", True, T0, learner="léa")  # same learner: names ignore case
    assert (tmp_path / FILE_NAME).is_file()
    with Progress.open(tmp_path) as store:
        assert store.learners() == ["Léa", "Tom Martin"]
        assert len(store.history("Léa")) == 2
    with pytest.raises(ValueError, match="nom d'apprenant vide"), Progress.open(tmp_path) as store:
        store.learner_id("  ")


def test_mastery_and_most_missed(progress):
    answer(progress, "C1-001", False, T0)
    answer(progress, "C1-001", False, T0 + timedelta(minutes=5))
    answer(progress, "C1-002", True, T0)
    answer(progress, "C5-001", False, T0, capacity="C5")
    answer(progress, "C5-002", True, T0, capacity="C5")
    answer(progress, "C5-002", True, T0, capacity="C5", learner="Tom")
    assert progress.mastery("Léa") == {"C1": Mastery(3, 1, 1 / 3), "C5": Mastery(2, 1, 0.5)}
    assert progress.most_missed("Léa", 5) == [Missed("C1-001", "C1", 2, 2), Missed("C5-001", "C5", 1, 1)]
    assert progress.most_missed("Léa", 1) == [Missed("C1-001", "C1", 2, 2)]
    assert progress.mastery("Personne") == {} and progress.due("Personne", T0) == []


def test_missed_questions_come_back_first_and_known_ones_later(progress):
    missed_due = answer(progress, "C1-001", False, T0)
    known_due = answer(progress, "C1-002", True, T0)
    assert missed_due - T0 <= timedelta(minutes=10)  # FSRS learning step after "Again"
    assert known_due > missed_due
    assert progress.due("Léa", T0) == []
    assert progress.due("Léa", T0 + timedelta(hours=1)) == ["C1-001", "C1-002"]
    # Once learned (several good answers a while apart), a question leaves the due list for days.
    now = T0
    for _ in range(4):
        now = answer(progress, "C1-002", True, now) + timedelta(seconds=1)
    assert progress.due("Léa", now - timedelta(seconds=2)) == ["C1-001"]
    later = answer(progress, "C1-002", True, now)
    assert later - now >= timedelta(days=1)


def test_partial_answers_count_as_hard_and_naive_times_as_utc(progress):
    q = Question("C1-009", "multiple", "?", "C1", 1, "x", options=("a", "b", "c", "d"), correct=(0, 1))
    due = progress.record("Léa", q, grade(q, [0]), datetime(2026, 3, 2, 8, 0))
    assert due.tzinfo is UTC and due > T0
    assert progress.history("Léa") == [("C1-009", False, 0.5, T0)]
