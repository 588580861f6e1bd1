"""THE BANK TEST: the curated questions in corpus/quiz/C1.yaml ... C7.yaml (issue 6).

Separate from test_quiz.py on purpose: it checks content written by hand, and fails until the bank is complete.
"""

from __future__ import annotations

from tutor.documents import CAPACITIES
from tutor.learning.quiz.bank import check_sources, load_bank
from tutor.settings import PROJECT_ROOT

ROOT = PROJECT_ROOT
BANK = ROOT / "corpus" / "quiz"


def test_bank_loads_strictly_with_unique_ids():
    bank = load_bank(BANK)
    assert len({q.id for q in bank}) == len(bank)
    assert {q.origin for q in bank} == {"banque"}


def test_bank_has_at_least_20_questions_per_capacity():
    bank = load_bank(BANK)
    counts = {c: sum(q.capacity == c for q in bank) for c in CAPACITIES}
    assert all(count >= 20 for count in counts.values()), counts


def test_bank_sources_exist_and_contain_their_excerpts():
    """Every source.document exists and its excerpt is in it (whitespace, ** and ` markers, apostrophes folded)."""
    assert check_sources(load_bank(BANK), ROOT) == []
