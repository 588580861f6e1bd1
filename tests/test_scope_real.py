"""The scope filter with the real embedding model, trained on corpus/scope/ and judged on the eval set, which
it never saw: the held-out figures the closing note reports."""

from __future__ import annotations

import pytest

from tutor.embeddings import SentenceTransformerEmbedder
from tutor.evaluation import load_out_of_scope, load_questions
from tutor.scope import ScopeFilter
from tutor.settings import PROJECT_ROOT, load_settings

pytestmark = [pytest.mark.model, pytest.mark.slow]

EVALS = PROJECT_ROOT / "evals"


@pytest.fixture(scope="module")
def scope(real_embedder: SentenceTransformerEmbedder) -> ScopeFilter:
    settings = load_settings()
    return ScopeFilter(
        real_embedder.embed_query, real_embedder.name, settings.corpus_dir / "scope", settings.home / "cache"
    )


def test_eval_questions_about_the_trade_pass(scope):
    questions = load_questions(EVALS)
    refused = [q.id for q in questions if not scope(q.question)]
    assert len(refused) <= len(questions) * 0.02, refused


def test_eval_out_of_scope_questions_are_refused(scope):
    questions = load_out_of_scope(EVALS)
    passed = [q.question for q in questions if scope(q.question)]
    assert len(passed) <= len(questions) * 0.1, passed
