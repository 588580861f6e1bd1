"""End to end with the real embedded model on the built-in corpus index (built by `make test`)."""

from __future__ import annotations

import re

import pytest

from tutor.answering.answer import Delta
from tutor.facade import Tutor
from tutor.provision import LLM_FILE
from tutor.settings import load_settings

pytestmark = [pytest.mark.llm, pytest.mark.slow, pytest.mark.model]


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    settings = load_settings(llm_max_tokens=150, llm_temperature=0.0)  # greedy: repeatable
    if not (settings.models_dir / LLM_FILE).exists():
        pytest.fail("Embedded model missing: run `make test` (it provisions it) or `tutor models`.")
    tutor = Tutor.from_settings(settings, backend="embedded")
    if tutor.stats().chunks < 100:
        pytest.fail("Built-in corpus not indexed: run `make test` (it indexes it) or `tutor ingest`.")
    return tutor


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Quel code G annule la correction de rayon d'outil ?", r"G40"),
        ("Quel code G programme une interpolation circulaire dans le sens horaire ?", r"G0?2\b"),
        ("Quelle est la formule de la vitesse de rotation N en fonction de Vc et du diamètre ?", r"1000"),
    ],
)
def test_answer_holds_the_fact_and_cites_a_passage_with_it(tutor, question, fact):
    events = list(tutor.ask_stream(question))
    answer = events[-1].answer
    assert answer.supported and answer.backend == "embedded", answer.text
    assert answer.text.startswith("> Extrait"), answer.text  # the quoted sentences come first
    assert re.search(fact, answer.text), answer.text
    assert any(re.search(fact, c.excerpt) for c in answer.citations), [c.excerpt for c in answer.citations]
    # The model wrote the fact itself too, not only the quotes (a repeated quote is dropped from the final text).
    written = "".join(e.text for e in events if isinstance(e, Delta) and e.generated)
    assert re.search(fact, written), written


@pytest.mark.parametrize(
    "question",
    [
        "Quelle est la capitale de l'Australie ?",
        "Quel smartphone acheter avec un budget de 300 euros ?",
        "Quel est le meilleur temps de cuisson pour un gigot d'agneau de 2 kg ?",  # lands near the fluids sheet
    ],
)
def test_out_of_scope_is_refused(tutor, question):
    answer = tutor.ask(question)
    assert not answer.supported and answer.citations == ()
    assert answer.text.startswith("Je ne trouve pas cela dans mes documents.")
