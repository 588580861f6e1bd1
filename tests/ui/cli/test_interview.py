"""`tutor interview` through the CLI runner, with a tutor on the project's framework and no real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tutor.ui.cli.interview as cli_interview
from tutor.answering.llm import FakeChatModel
from tutor.learning.dossier import PRACTICE_NOTICE, has_verdict
from tutor.learning.framework import load_framework
from tutor.settings import PROJECT_ROOT
from tutor.ui.cli.interview import HOW_TO_ANSWER, interview_app, read_answer

CORPUS = PROJECT_ROOT / "corpus"
C3 = load_framework(CORPUS).capacity("C3")


@pytest.fixture
def use_tutor(make_tutor, monkeypatch):
    """Make the CLI build its tutor from the test's settings; returns it for inspection."""

    def install(chat=None):
        tutor = make_tutor(chat=chat, corpus_dir=CORPUS)
        backends: list[str | None] = []

        def fake(backend):
            backends.append(backend)
            return tutor

        monkeypatch.setattr(cli_interview, "_tutor", fake)
        tutor.backends_asked = backends
        return tutor

    return install


def test_a_scripted_interview_in_the_terminal(use_tutor, tmp_path: Path):
    tutor = use_tutor()
    answers = "".join(f"Réponse {n} : j'ai réglé l'effort de serrage.\nsur deux lignes\n\n" for n in range(1, 6))
    out = tmp_path / "entretien.md"
    result = CliRunner().invoke(
        interview_app, ["-c", "c3", "-l", "Léa", "-n", "5", "-b", "none", "-o", str(out)], input=answers
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["Entretien d'entraînement — C3 — jury simulé : questions du référentiel", HOW_TO_ANSWER]
    assert f"Jury (2/5) : {C3.interview_questions[0]}" in lines and "Jury (5/5)" in result.output
    assert "Jury (6/5)" not in result.output
    assert f"> {PRACTICE_NOTICE}" in lines and "### C3 — Mettre en place le brut" in lines
    assert "- [ ] Le candidat sait nommer les appuis utilisés et les degrés de liberté supprimés" in result.output
    assert not has_verdict(result.output)
    (saved,) = tutor.list_transcripts("Léa")
    assert f"Transcription enregistrée : {saved}" in lines and f"Transcription Markdown : {out}" in lines
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert len(data["exchanges"]) == 5 and data["exchanges"][0]["answer"].endswith("serrage. sur deux lignes")
    assert out.read_text(encoding="utf-8").startswith("# Entretien VAE — entraînement")
    assert tutor.backends_asked == ["none"]


def test_two_empty_lines_end_the_interview_early(use_tutor):
    tutor = use_tutor()
    result = CliRunner().invoke(interview_app, ["-c", "C3,C2"], input="J'ai pris l'origine au palpeur.\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Entretien arrêté à votre demande." in result.output and "Jury (3/6)" not in result.output
    assert "### C3 — Mettre en place le brut" in result.output and "### C2 — Positionner" in result.output
    (saved,) = tutor.list_transcripts("")
    assert saved.parent.name == "anonyme" and len(json.loads(saved.read_text())["exchanges"]) == 1


def test_the_model_jury_follows_up_on_the_answer(use_tutor):
    chat = FakeChatModel().enqueue("Pourquoi le palpeur plutôt qu'une pige ?")
    use_tutor(chat)
    result = CliRunner().invoke(interview_app, ["-c", "C3"], input="J'ai pris l'origine au palpeur.\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "jury simulé : modèle fake" in result.output
    assert "Jury (2/6) : Pourquoi le palpeur plutôt qu'une pige ?" in result.output
    assert "J'ai pris l'origine au palpeur." in chat.history[0][-1].content
    assert "Note : Retour du modèle illisible (JSON invalide) : retour automatique." in result.output  # no JSON queued


def test_situations_file_is_given_to_the_jury(use_tutor, tmp_path: Path):
    situations = tmp_path / "situations.md"
    situations.write_text("## Situation 1\nReprise d'une bague en mors doux.", encoding="utf-8")
    chat = FakeChatModel().enqueue("Comment avez-vous usiné les mors doux ?")
    use_tutor(chat)
    result = CliRunner().invoke(interview_app, ["-c", "C3", "-s", str(situations)], input="Réponse.\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Reprise d'une bague en mors doux." in chat.history[0][-1].content
    missing = CliRunner().invoke(interview_app, ["-c", "C3", "-s", str(tmp_path / "absent.md")])
    assert missing.exit_code == 2 and "fichier de situations illisible" in missing.output


def test_an_unknown_capacity_is_refused(use_tutor):
    use_tutor()
    result = CliRunner().invoke(interview_app, ["-c", "C9"])
    assert result.exit_code == 2 and "capacité inconnue" in result.output


def test_the_dossier_command_structures_a_situation(use_tutor, tmp_path: Path):
    use_tutor()
    out = tmp_path / "dossier.md"
    typed = [
        "Lancement de brides",
        "Centre d'usinage 3 axes, série de 200 brides.",
        "Lancer la série.",
        "J'ai défini l'origine pièce au palpeur et je l'ai vérifiée avant le premier usinage.",
        "Première pièce conforme.",
        "",
    ]
    result = CliRunner().invoke(
        interview_app, ["dossier", "-c", "C3", "-l", "Léa", "-b", "none", "-o", str(out)], input="\n".join(typed) + "\n"
    )
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert f"Dossier écrit : {out}" in result.output and written in result.output
    assert written.startswith("# Dossier de preuves — entraînement VAE\n\nCandidat : Léa\n\n## Lancement de brides")
    assert "- ✅ Il définit et vérifie l'origine pièce avant le premier usinage" in written
    assert "Rubriques vides : Ce que j'en ai retenu." in written


def test_read_answer_collects_lines_until_an_empty_one(monkeypatch):
    import io

    import typer

    stream = io.StringIO("ligne 1\nligne 2\n\n\n\nsuite\n")
    monkeypatch.setattr(typer, "get_text_stream", lambda name: stream)
    assert read_answer() == "ligne 1\nligne 2"
    assert read_answer() is None  # two empty lines before any text
    assert read_answer() == "suite"  # end of input ends the answer
    assert read_answer() is None
