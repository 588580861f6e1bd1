"""The "Entretien VAE" tab: its pure functions, and the tab built inside gr.Blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.answering.llm import FakeChatModel
from tutor.learning.dossier import FIELD_LABELS, PRACTICE_NOTICE, has_verdict
from tutor.settings import PROJECT_ROOT
from tutor.ui.web.interview import (
    NO_BLOC,
    answer_session,
    bloc_selection,
    build_interview_tab,
    capacity_choices,
    capacity_ids,
    dossier_view,
    finish_session,
    read_situations,
    start_session,
)

CORPUS = PROJECT_ROOT / "corpus"
TITLES = {"C1": "Préparer", "C2": "Positionner", "C3": "Mettre en place le brut"}


@pytest.fixture
def tutor(make_tutor):
    return make_tutor(corpus_dir=CORPUS)


def test_capacity_and_bloc_choices():
    choices = capacity_choices(TITLES)
    assert choices == ["C1 — Préparer", "C2 — Positionner", "C3 — Mettre en place le brut"]
    assert capacity_ids(choices[1:]) == ["C2", "C3"] and capacity_ids(None) == []
    blocs = {"BC1 — Contrat": ("C1", "C2")}
    assert bloc_selection(blocs, TITLES, "BC1 — Contrat") == choices[:2]
    assert bloc_selection(blocs, TITLES, NO_BLOC) == [] and bloc_selection(blocs, TITLES, None) == []


def test_reading_an_uploaded_situations_file(tmp_path: Path):
    good = tmp_path / "situations.md"
    good.write_text("## Situation\nReprise en mors doux.", encoding="utf-8")
    assert read_situations(str(good)) == (
        "## Situation\nReprise en mors doux.",
        "Situations chargées depuis situations.md.",
    )
    old = tmp_path / "ancien.txt"
    old.write_bytes("Pièce déformée".encode("latin-1"))
    assert read_situations(str(old))[0] == "Pièce déformée"
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(b"%PDF")
    assert read_situations(str(pdf)) == ("", "❌ dossier.pdf : seuls les fichiers .md et .txt sont acceptés.")
    binary = tmp_path / "binaire.txt"
    binary.write_bytes(b"\x00\x01")
    assert read_situations(str(binary)) == ("", "❌ binaire.txt n'est pas un fichier texte.")
    assert read_situations(None) == ("", "")


def test_a_whole_session_from_start_to_feedback(tutor):
    interview, messages, status = start_session(tutor, ["C3 — Mettre en place le brut"], "", "Léa")
    assert interview is not None and interview.chat is None
    assert status == "Entretien sur C3 — 6 échanges — jury simulé : questions du référentiel (sans modèle)."
    assert messages == [{"role": "assistant", "content": interview.start()}]
    steps = list(answer_session(interview, "J'ai réglé l'effort de serrage de la pièce.", messages))
    assert steps[0] == ([*messages, {"role": "user", "content": "J'ai réglé l'effort de serrage de la pièce."}],
                        "Le jury prépare sa question…")  # fmt: skip
    shown, line = steps[-1]
    assert shown[-1] == {"role": "assistant", "content": interview.current} and line == "Échange 2 sur 6."
    feedback, path = finish_session(tutor, interview)
    assert feedback.startswith(f"> {PRACTICE_NOTICE}") and "## C3 — Mettre en place le brut" in feedback
    assert "- [ ] Le candidat sait nommer" in feedback and not has_verdict(feedback)
    assert path is not None and path.suffix == ".md" and path.with_suffix(".json").exists()
    assert path.parent == tutor.settings.home / "interviews" / "léa"
    assert path.read_text(encoding="utf-8").startswith("# Entretien VAE — entraînement")


def test_session_guards(tutor):
    assert start_session(tutor, [], "", "") == (None, [], "Choisissez au moins une capacité (ou un bloc).")
    assert list(answer_session(None, "x", [])) == [([], "Cliquez d'abord sur « Commencer ».")]
    interview, messages, _ = start_session(tutor, ["C3 — x"], "", "")
    assert list(answer_session(interview, "  ", messages)) == [(messages, "Écrivez votre réponse avant d'envoyer.")]
    assert finish_session(tutor, None) == ("Aucun entretien en cours.", None)
    interview.stop()
    assert list(answer_session(interview, "x", messages)) == [
        (messages, "Entretien terminé : cliquez sur « Terminer et voir le retour ».")
    ]


def test_model_notes_are_shown_to_the_candidate(make_tutor):
    tutor = make_tutor(chat=FakeChatModel().enqueue("..."), corpus_dir=CORPUS)
    interview, messages, status = start_session(tutor, ["C3 — x"], "Ma situation", "")
    assert "jury simulé : modèle fake" in status
    _, line = list(answer_session(interview, "Réponse", messages))[-1]
    assert line == "Échange 2 sur 6.\n\n_Réponse du modèle inutilisable : question tirée du référentiel._"


def test_the_dossier_form(tutor):
    values = ["Atelier", "Lancer la série", "J'ai défini l'origine pièce au palpeur et je l'ai vérifiée.", "", ""]
    markdown, path = dossier_view(tutor, "C3 — Mettre en place le brut", "Brides", *values)
    assert markdown.startswith("# Dossier de preuves — entraînement VAE\n\n## Brides")
    assert "- ✅ Il définit et vérifie l'origine pièce avant le premier usinage" in markdown
    assert path is not None and path.read_text(encoding="utf-8") == markdown
    assert dossier_view(tutor, None, "", *values) == ("Choisissez la capacité visée.", None)
    assert dossier_view(tutor, "C3 — x", "", *[""] * len(FIELD_LABELS)) == ("Remplissez au moins une rubrique.", None)


def test_the_tab_builds_inside_blocks(tutor):
    import gradio as gr

    with gr.Blocks() as demo:
        build_interview_tab(tutor)
    config = demo.get_config_file()
    named = [c["props"]["elem_id"] for c in config["components"] if c.get("props", {}).get("elem_id")]
    assert len(named) == len(set(named)), "an elem_id is used twice"
    ids = set(named)
    assert {
        "iv-capacities",
        "iv-start",
        "iv-chat",
        "iv-finish",
        "iv-download",
        "dossier-check",
        "dossier-output",
    } <= ids
    labels = {c.get("props", {}).get("label") for c in config["components"]}
    assert {"Capacités", "Ce que j'ai fait, et pourquoi", "Télécharger la transcription (Markdown)"} <= labels
