"""The question router with the real embedding model, trained on corpus/routage/ and judged on the blind sets'
own labels (written by authors who never saw the router's training questions)."""

from __future__ import annotations

import pytest

from tutor.answering.routing import Router
from tutor.knowledge.evaluation import blind_sets, load_blind
from tutor.settings import PROJECT_ROOT, load_settings
from tutor.shop.numeric import answer_numeric

pytestmark = [pytest.mark.model, pytest.mark.slow]

EVALS = PROJECT_ROOT / "evals"


@pytest.fixture(scope="module")
def router(real_embedder, tmp_path_factory) -> Router:
    settings = load_settings()
    return Router(
        real_embedder.embed_query,
        real_embedder.name,
        settings.corpus_dir / "routage",
        tmp_path_factory.mktemp("c"),
        computes=lambda question: answer_numeric(question) is not None,  # as the tutor wires it
    )


def test_blind_questions_are_routed_to_their_authors_type(router):
    questions = [q for name in blind_sets(EVALS) for q in load_blind(EVALS, name)]
    routed = {q.id: router(q.question).kind for q in questions}
    accuracy = sum(routed[q.id] == q.kind for q in questions) / len(questions)
    troubleshooting = [q for q in questions if q.kind == "depannage"]
    recall = sum(routed[q.id] == "depannage" for q in troubleshooting) / len(troubleshooting)
    assert accuracy >= 0.65, accuracy  # « connaissance » and « procédure » overlap; the shapes differ little
    assert recall >= 0.9, recall  # a symptom must get the troubleshooting shape
