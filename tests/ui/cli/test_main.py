"""The CLI through its runner, with the real model: exit codes, messages and the stable JSON."""

import json
from pathlib import Path

import pytest
from conftest import SHEET, write
from typer.testing import CliRunner

from tutor.ui.cli.main import EXIT_SKIPPED, app


@pytest.fixture
def env(tmp_path: Path, model_dir: Path, monkeypatch) -> Path:
    root = tmp_path / "corpus"
    write(root / "fiches" / "g41.md", SHEET)
    monkeypatch.setenv("TUTOR_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TUTOR_CORPUS_DIR", str(root))
    monkeypatch.setenv("TUTOR_EMBEDDING_MODEL", str(model_dir))
    return root


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.model
def test_ingest_search_stats(env: Path):
    first = run("ingest", "--quiet")
    assert first.exit_code == 0, first.output
    assert first.output.startswith(
        "1 document(s) indexé(s), 0 inchangé(s), 0 retiré(s), 0 ignoré(s) ; 1 passage(s) ajouté(s)"
    )
    second = run("ingest", "--quiet")
    assert second.output.startswith("0 document(s) indexé(s), 1 inchangé(s), 0 retiré(s), 0 ignoré(s) ; 0 passage(s)")

    result = run("search", "que faire si G41 est sur un arc", "-k", "1", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert payload["query"] == "que faire si G41 est sur un arc"
    (hit,) = payload["hits"]
    assert set(hit) == {"rank", "score", "text", "title", "source", "page", "section", "capacities", "kind", "also"}
    assert hit["rank"] == 1 and hit["source"] == str(env / "fiches" / "g41.md")
    assert hit["section"] == "L'essentiel / Erreurs fréquentes" and hit["page"] is None
    assert hit["capacities"] == ["C4"] and hit["kind"] == "fiche"

    text = run("search", "G41 arc", "-k", "1").output.splitlines()
    assert (
        text[0] == f"1. Correction de rayon G41 G42 — L'essentiel / Erreurs fréquentes  [{env / 'fiches' / 'g41.md'}]"
    )
    assert text[1].startswith("   La correction de rayon décale la trajectoire")

    stats = run("stats").output.splitlines()
    assert stats[:4] == ["Documents : 1", "Passages : 1", "Par type : fiche 1", "Par capacité : C4 1"]
    assert stats[5].startswith("Modèle : multilingual-e5-small@")


@pytest.mark.model
def test_progress_as_plain_lines_and_duplicates_named(env: Path):
    write(env / "copie.md", SHEET)
    result = run("ingest")  # the runner is not a terminal: plain lines, no bar
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("Indexation : 2/2 documents · 1 passages · ") for line in lines), lines
    assert f"Doublon : {env / 'fiches' / 'g41.md'} a le même contenu que {env / 'copie.md'}" in result.output
    assert "1 doublon(s)" in lines[-1] or "1 doublon(s)" in result.output
    hit = json.loads(run("search", "G41 arc", "-k", "1", "--json").output)["hits"][0]
    assert hit["source"] == str(env / "copie.md") and hit["also"] == [str(env / "fiches" / "g41.md")]


@pytest.mark.model
def test_skipped_files_reported_and_exit_code(env: Path):
    write(env / "abime.txt", "Régler".encode("latin-1"))
    result = run("ingest", "--quiet")
    assert result.exit_code == EXIT_SKIPPED
    assert f"Ignoré : {env / 'abime.txt'} : texte non encodé en UTF-8" in result.output
    assert "1 document(s) indexé(s)" in result.output and "1 ignoré(s)" in result.output


@pytest.mark.model
def test_bad_options_and_missing_model(env: Path, monkeypatch, tmp_path: Path):
    bad = run("search", "x", "--capacity", "C9")
    assert bad.exit_code == 2 and "capacité inconnue" in bad.output
    monkeypatch.setenv("TUTOR_EMBEDDING_MODEL", str(tmp_path / "nowhere"))
    missing = run("search", "x")
    assert missing.exit_code == 1
    assert missing.output.startswith("Erreur : Modèle d'embeddings absent")


def test_config_lists_every_setting(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TUTOR_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TUTOR_SEARCH_K", "7")
    lines = run("config").output.splitlines()
    assert "search_k = 7    # Passages returned by a search." in lines
    assert any(line.startswith("chroma_url = None") for line in lines)


@pytest.mark.model
def test_ask_json_is_stable(env: Path, monkeypatch):
    monkeypatch.setenv("TUTOR_MIN_SUPPORT", "0")
    assert run("ingest", "--quiet").exit_code == 0
    result = run("ask", "Peut-on lancer G41 sur un arc ?", "--backend", "none", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert list(payload) == ["answer", "supported", "citations", "backend", "kind"]
    assert payload["backend"] == "none" and payload["supported"] is True
    assert payload["citations"][0] == {
        "n": 1,
        "title": "Correction de rayon G41 G42",
        "source": str(env / "fiches" / "g41.md"),
        "page": None,
        "section": "L'essentiel / Erreurs fréquentes",
        "also": [],
    }
    text = run("ask", "Peut-on lancer G41 sur un arc ?", "-b", "none")
    assert "[1] **Correction de rayon G41 G42" in text.output and "Sources :" in text.output


@pytest.mark.model
def test_ask_computes_numbers(env: Path):
    result = run("ask", "Quelle vitesse de rotation pour Vc = 200 m/min et D = 50 mm ?", "-b", "none", "--json")
    payload = json.loads(result.output)
    assert payload["backend"] == "calculateur" and "1 273" in payload["answer"]


@pytest.mark.model
def test_doctor_says_which_backend_and_why(env: Path, monkeypatch):
    monkeypatch.setenv("TUTOR_OLLAMA_HOST", "http://127.0.0.1:9")
    result = run("doctor")
    assert result.exit_code == 0, result.output
    assert "Moteur de réponse : none" in result.output and "injoignable" in result.output
    assert "Moteur de réponse : none" in run("doctor", "--backend", "none").output


def test_serve_on_the_network_needs_accounts(monkeypatch, tmp_path):
    monkeypatch.setenv("TUTOR_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    result = run("serve", "--host", "0.0.0.0")
    assert result.exit_code == 2 and "exige des comptes" in result.output and "tutor users add" in result.output
    assert "--auth" not in run("serve", "--help").output


def test_unknown_backend_is_refused():
    result = run("ask", "x", "--backend", "gpt")
    assert result.exit_code == 2 and "moteur inconnu" in result.output


def test_tools_are_registered():
    assert run("calc", "vitesse", "--help").exit_code == 0
    assert run("gcode", "check", "--help").exit_code == 0
