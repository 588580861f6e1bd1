"""The practice interview with a fake jury and in scripted mode: flow, feedback, no verdict, persistence."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tutor.answering.llm import FakeChatModel, LLMUnavailable
from tutor.learning.dossier import PRACTICE_NOTICE, has_verdict
from tutor.learning.framework import load_framework
from tutor.learning.interview import (
    ANGLES,
    MAX_EXCHANGES,
    MIN_EXCHANGES,
    Interview,
    InterviewSetup,
    clean_question,
    feedback_schema,
    learner_folder,
    list_transcripts,
    load_transcript,
    save_transcript,
    to_markdown,
)
from tutor.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
FRAMEWORK = load_framework(CORPUS)
NOON = datetime(2025, 3, 14, 12, 0, 5)
ANSWER_1 = "J'ai usiné des mors doux pour reprendre une bague déjà tournée, serrage réduit à 20 bars."


def interview(chat=None, capacities=("C3",), exchanges=5, learner="Léa", situations="") -> Interview:
    return Interview(
        FRAMEWORK,
        InterviewSetup(tuple(capacities), situations, learner),
        chat,
        corpus_dir=CORPUS,
        exchanges=exchanges,
        clock=lambda: NOON,
    )


def feedback_json(*items: dict) -> str:
    return json.dumps({"capacities": list(items)}, ensure_ascii=False)


def test_follow_up_questions_are_written_from_the_last_answer():
    chat = FakeChatModel().enqueue("Jury : Pourquoi 20 bars et pas davantage sur cette bague ? Détaillez.")
    session = interview(chat)
    opening = session.start()
    assert "mettre en place le brut" in opening and not chat.history  # the opening needs no model
    question = session.answer(ANSWER_1)
    assert question == "Pourquoi 20 bars et pas davantage sur cette bague ?"
    prompt = chat.history[-1][-1].content
    assert ANSWER_1 in prompt
    assert "Le candidat sait nommer les appuis utilisés" in prompt  # the capacity's assessor focus
    assert ANGLES[0][0] in prompt
    chat.enqueue("Qu'avez-vous contrôlé après desserrage, et avec quel instrument ?")
    session.answer("J'ai contrôlé le faux-rond au comparateur : 0,01 mm.")
    prompt = chat.history[-1][-1].content
    assert "Candidat : " + ANSWER_1 in prompt and "J'ai contrôlé le faux-rond au comparateur : 0,01 mm." in prompt
    assert [e.answer for e in session.exchanges] == [ANSWER_1, "J'ai contrôlé le faux-rond au comparateur : 0,01 mm."]


def test_jury_questions_are_cleaned_and_never_a_verdict():
    assert clean_question("**Jury** : « Comment avez-vous aligné l'étau ? Et ensuite ? »") == (
        "Comment avez-vous aligné l'étau ?"
    )
    assert "validé" not in clean_question("Vous êtes validé. Pourquoi ce choix ?")
    chat = FakeChatModel().enqueue("...")  # unusable: a framework question instead
    session = interview(chat)
    session.start()
    assert session.answer(ANSWER_1) in FRAMEWORK.capacity("C3").interview_questions
    assert session.notes == ["Réponse du modèle inutilisable : question tirée du référentiel."]


def test_an_unavailable_model_falls_back_to_the_framework_questions():
    chat = FakeChatModel(error=LLMUnavailable("Serveur injoignable."))
    session = interview(chat)
    session.start()
    assert session.answer(ANSWER_1) == FRAMEWORK.capacity("C3").interview_questions[0]
    assert "Serveur injoignable." in session.notes[0]


@pytest.mark.parametrize(("asked", "planned"), [(1, MIN_EXCHANGES), (6, 6), (20, MAX_EXCHANGES)])
def test_an_interview_has_five_to_eight_exchanges(asked, planned):
    session = interview(exchanges=asked)
    assert session.planned == planned
    session.start()
    questions = [session.answer(f"réponse {n}") for n in range(planned)]
    assert None not in questions[:-1] and questions[-1] is None and session.done
    assert session.answer("encore") is None and len(session.exchanges) == planned


def test_scripted_interview_uses_framework_questions_and_digs_in():
    session = interview(capacities=("C3", "C2"), exchanges=6)
    asked = [session.start()] + [session.answer(f"J'ai fait ceci, réponse {n}.") for n in range(5)]
    assert asked[-1] is not None and session.answer("fin") is None
    c3, c2 = FRAMEWORK.capacity("C3"), FRAMEWORK.capacity("C2")
    assert asked[1] == c3.interview_questions[0]
    assert asked[2] in [a for _, a in ANGLES]  # a follow-up on the answer just given
    assert asked[3] == c2.interview_questions[0]  # second half: the next capacity
    assert [e.capacity for e in session.exchanges] == ["C3", "C3", "C3", "C2", "C2", "C2"]
    assert len(set(asked)) == len(asked)


def test_scripted_feedback_names_capacities_and_gives_the_checklist():
    session = interview(capacities=("C3", "C2"))
    session.start()
    session.answer("J'ai réglé l'effort de serrage de la pièce, puis défini et vérifié l'origine pièce au palpeur.")
    session.stop()
    assert session.done and session.answer("trop tard") is None
    c3, c2 = session.feedback()
    assert (c3.capacity, c2.capacity) == ("C3", "C2") and c3.origin == "automatique"
    assert any("effort de serrage" in point for point in c3.convincing)
    assert any("appuis utilisés" in point for point in c3.missing)
    assert len(c3.checklist) == len(FRAMEWORK.capacity("C3").assessor_focus)
    topics = {r.topic: r.sheets for r in c3.to_review}
    assert [s.path for s in topics["symboles de mise en position"]] == ["corpus/fiches/symboles-mise-en-position.md"]
    markdown = to_markdown(session.transcript())
    assert PRACTICE_NOTICE in markdown and not has_verdict(markdown)
    assert "### C3 — Mettre en place le brut" in markdown and "- [ ] Le candidat sait nommer" in markdown


def test_model_feedback_is_used_when_valid_and_verdicts_are_neutralised():
    item = {
        "capacity": "C3",
        "convincing": ["Vous avez justifié les mors doux par le marquage de la pièce."],
        "missing": ["Vous êtes admis, vous obtenez le bloc : c'est validé.", "Le contrôle après desserrage."],
        "to_review": ["mandrin, mors doux, serrage des pièces minces", "astrologie"],
    }
    chat = FakeChatModel().enqueue("Pourquoi des mors doux ?", feedback_json(item))
    session = interview(chat)
    session.start()
    session.answer(ANSWER_1)
    session.stop()
    (feedback,) = session.feedback()
    assert feedback.origin == "modèle" and feedback.convincing == tuple(item["convincing"])
    assert (
        not any(has_verdict(m) for m in feedback.missing) and "[appréciation réservée au jury]" in feedback.missing[0]
    )
    assert [r.topic for r in feedback.to_review] == ["mandrin, mors doux, serrage des pièces minces"]
    assert "corpus/fiches/mandrin-mors-doux.md" in [s.path for s in feedback.to_review[0].sheets]
    schema = chat.schemas[-1]
    assert schema == feedback_schema([FRAMEWORK.capacity("C3")])
    assert schema["properties"]["capacities"]["items"]["properties"]["capacity"]["enum"] == ["C3"]
    prompt = chat.history[-1][-1].content
    assert ANSWER_1 in prompt and "C3 — Mettre en place le brut" in prompt
    markdown = to_markdown(session.transcript())
    assert not has_verdict(markdown) and "_Retour rédigé par le modèle de langage._" in markdown
    assert session.feedback() is session.feedback()  # asked once


@pytest.mark.parametrize(
    ("reply", "note"),
    [
        ("{pas du json", "JSON invalide"),
        (
            feedback_json({"capacity": "C9", "convincing": [], "missing": ["x"], "to_review": []}),
            "toutes les capacités",
        ),
        (
            feedback_json({"capacity": "C3", "convincing": "oui", "missing": [], "to_review": []}),
            "toutes les capacités",
        ),
    ],
)
def test_invalid_model_feedback_falls_back_to_the_scripted_one(reply, note):
    chat = FakeChatModel().enqueue("Pourquoi ?", reply)
    session = interview(chat)
    session.start()
    session.answer(ANSWER_1)
    (feedback,) = session.feedback()
    assert feedback.origin == "automatique" and feedback.checklist
    assert note in session.notes[-1]


def test_a_capacity_the_model_skipped_gets_the_scripted_feedback():
    item = {"capacity": "C2", "convincing": ["Mesure avant démontage."], "missing": [], "to_review": []}
    chat = FakeChatModel().enqueue("Pourquoi ?", feedback_json(item))
    session = interview(chat, capacities=("C3", "C2"))
    session.start()
    session.answer(ANSWER_1)
    c3, c2 = session.feedback()
    assert (c3.origin, c2.origin) == ("automatique", "modèle")


def test_unknown_or_no_capacity_is_refused():
    with pytest.raises(KeyError):
        interview(capacities=("C9",))
    with pytest.raises(ValueError, match="au moins une capacité"):
        interview(capacities=())


def test_transcripts_are_saved_per_learner_and_reload(tmp_path: Path):
    session = interview(learner="  Léa   Martin ", situations="Reprise d'une bague en mors doux.")
    session.start()
    session.answer(ANSWER_1)
    session.stop()
    transcript = session.transcript()
    first = save_transcript(tmp_path, transcript)
    second = save_transcript(tmp_path, transcript)
    assert first == tmp_path / "interviews" / "léa martin" / "2025-03-14T12-00-05.json"
    assert second.name == "2025-03-14T12-00-05-2.json"
    assert list_transcripts(tmp_path, "LÉA MARTIN") == [second, first]
    assert list_transcripts(tmp_path, "personne") == []
    assert load_transcript(first) == transcript
    markdown = to_markdown(load_transcript(first))
    assert markdown.startswith("# Entretien VAE — entraînement\n\n> " + PRACTICE_NOTICE)
    assert "- Candidat : Léa Martin" in markdown and "Reprise d'une bague en mors doux." in markdown
    assert f"**Candidat** : {ANSWER_1}" in markdown and "- Jury simulé : questions du référentiel" in markdown


@pytest.mark.parametrize(
    ("name", "folder"),
    [("../../etc", "etc"), ("", "anonyme"), ("  ", "anonyme"), ("Jean-Luc O'Neil", "jean-luc o_neil")],
)
def test_learner_folders_stay_inside_the_interviews_folder(name, folder):
    assert learner_folder(name) == folder


def test_the_framework_wording_is_not_mistaken_for_a_verdict():
    for capacity in FRAMEWORK.capacities:
        for text in (*capacity.assessor_focus, *capacity.knowledge, capacity.title):
            assert not has_verdict(text), text


def test_the_facade_wires_the_interview_and_stores_transcripts(make_tutor):
    chat = FakeChatModel().enqueue("Pourquoi des mors doux ?")
    tutor = make_tutor(chat=chat, corpus_dir=CORPUS)
    session = tutor.start_interview(["c3"], learner="Léa")
    assert session.setup.capacities == ("C3",) and session.chat is chat and session.planned == 6
    session.start()
    assert session.answer(ANSWER_1) == "Pourquoi des mors doux ?"
    assert tutor.start_interview(["C3"], use_model=False).chat is None
    session.stop()
    path = tutor.save_transcript(session.transcript())
    assert path.parent == tutor.settings.home / "interviews" / "léa"
    assert tutor.list_transcripts("Léa") == [path] and tutor.load_transcript(path).exchanges == session.exchanges
    assert list(tutor.vae_blocs().values()) == [("C1", "C2"), ("C3", "C4", "C5"), ("C6", "C7")]


def test_a_lenient_model_keeps_the_keyword_check_missing_points_and_no_duplicates():
    said = "Vous avez réduit le serrage."
    item = {"capacity": "C3", "convincing": [said, said], "missing": [], "to_review": []}
    chat = FakeChatModel().enqueue("Pourquoi ?", feedback_json(item))
    session = interview(chat)
    session.start()
    session.answer(ANSWER_1)
    (feedback,) = session.feedback()
    assert feedback.origin == "modèle" and feedback.convincing == (said,)
    assert any("appuis utilisés" in point for point in feedback.missing)
