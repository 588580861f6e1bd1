"""One short practice interview with the real embedded model: one capacity, two answers, then the feedback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tutor.facade import Tutor
from tutor.learning.dossier import PRACTICE_NOTICE, has_verdict
from tutor.learning.interview import save_transcript, to_markdown
from tutor.provision import LLM_FILE
from tutor.settings import load_settings

pytestmark = [pytest.mark.llm, pytest.mark.slow, pytest.mark.model]


def test_a_short_interview_with_the_embedded_model(tmp_path: Path, model_dir):
    settings = load_settings(llm_max_tokens=120)
    if not (settings.models_dir / LLM_FILE).exists():
        pytest.fail(f"Embedded model missing at {settings.models_dir / LLM_FILE}: run `tutor models`.")
    tutor = Tutor.from_settings(settings, backend="embedded")
    began = time.monotonic()
    interview = tutor.start_interview(["C3"], learner="Essai")
    assert interview.chat is not None and interview.chat.backend == "embedded"
    interview.start()
    follow_ups = [  # three model calls in all: two questions, then the feedback
        interview.answer(
            "Sur une fraiseuse, j'ai aligné l'étau au comparateur, puis j'ai pris l'origine pièce au palpeur "
            "sur une bride en aluminium à parois minces."
        ),
        interview.answer(
            "J'ai réduit la pression de serrage parce que la paroi se déformait, et j'ai contrôlé la planéité "
            "après desserrage : 0,02 mm."
        ),
    ]
    interview.stop()
    feedback = interview.feedback()
    elapsed = time.monotonic() - began
    print(f"\nquestions: {follow_ups}\nnotes: {interview.notes}\nfeedback: {feedback}\n{elapsed:.0f} s")
    assert all(q and len(q.split()) >= 4 and not has_verdict(q) for q in follow_ups)
    assert [f.capacity for f in feedback] == ["C3"] and feedback[0].checklist
    markdown = to_markdown(interview.transcript())
    assert PRACTICE_NOTICE in markdown and not has_verdict(markdown.split("## Retour d'entraînement")[1])
    assert save_transcript(tmp_path, interview.transcript()).exists()
