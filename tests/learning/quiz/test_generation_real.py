"""One grounded generation with the real embedded model: every kept item passes the checks again."""

import random

import pytest

from tutor.facade import Tutor
from tutor.learning.quiz.bank import flatten, fold
from tutor.learning.quiz.generation import generate
from tutor.provision import LLM_FILE
from tutor.settings import load_settings

pytestmark = [pytest.mark.llm, pytest.mark.slow, pytest.mark.model]


def test_generated_items_for_one_capacity_are_valid():
    settings = load_settings()
    if not (settings.models_dir / LLM_FILE).exists():
        pytest.fail("Embedded model missing: run `make test` (it provisions it) or `tutor models`.")
    tutor = Tutor.from_settings(settings, backend="embedded")
    chunks = {c.chunk_id: c for c in tutor.store.chunks()}
    result = generate(
        tutor.answerer.chat, list(chunks.values()), "C1", 2, bank=tutor.quiz_bank(), rng=random.Random(3), max_tries=2
    )
    assert result.tried == 2 and len(result.log) == 2, result.log
    assert "unavailable" not in result.rejected, result.log
    for question in result.kept:
        assert question.origin == "modèle" and question.capacity == "C1" and len(question.options) == 4
        assert len({fold(o) for o in question.options}) == 4 and len(question.correct) == 1
        source = next(c for c in chunks.values() if c.doc_id == question.source.document)
        passages = [fold(flatten(c.text)) for c in chunks.values() if c.doc_id == source.doc_id]
        assert any(fold(flatten(question.source.excerpt)) in p for p in passages)
