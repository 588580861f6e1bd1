"""`tutor quiz` through the CLI runner: a full terminal session and every export format."""

import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tutor.facade import Tutor
from tutor.settings import PROJECT_ROOT, load_settings
from tutor.ui.cli.main import app
from tutor.ui.cli.quiz import LETTERS

pytestmark = pytest.mark.model


@pytest.fixture
def env(tmp_path: Path, model_dir: Path, monkeypatch) -> Path:
    monkeypatch.setenv("TUTOR_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TUTOR_CORPUS_DIR", str(PROJECT_ROOT / "corpus"))
    monkeypatch.setenv("TUTOR_EMBEDDING_MODEL", str(model_dir))
    monkeypatch.setenv("TUTOR_LLM_BACKEND", "none")
    return tmp_path


def right_answers(quiz, seed: int) -> str:
    """What a trainee who knows everything types, question after question."""
    rng = random.Random(seed)
    lines = []
    for q in quiz.questions:
        match q.kind:
            case "single" | "multiple":
                lines.append(", ".join(LETTERS[i] for i in q.correct))
            case "truefalse":
                lines.append("v" if q.correct == (0,) else "f")
            case "short":
                lines.append(q.accepted[0])
            case "numeric":
                lines.append(str(q.value).replace(".", ","))
            case "matching":
                shown = [right for _, right in q.pairs]
                rng.shuffle(shown)
                lines.append(" ".join(f"{i}{LETTERS[shown.index(r)]}" for i, (_, r) in enumerate(q.pairs, start=1)))
    return "\n".join(lines) + "\n"


def test_a_terminal_session_grades_and_records_progress(env: Path):
    quiz, _ = Tutor.from_settings(load_settings()).build_quiz(["C1", "C5"], 8, seed=7)
    result = CliRunner().invoke(
        app, ["quiz", "-c", "C1,C5", "-n", "8", "--seed", "7", "-l", "Léa"], input=right_answers(quiz, 7)
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("✔ Bonne réponse.") == 8 and "Total : 8 / 8" in result.output
    assert "Note : Sans modèle de langage" in result.output
    mastery, _ = Tutor.from_settings(load_settings()).mastery("léa")
    assert sum(m.answered for m in mastery.values()) == 8


def test_wrong_answers_are_explained(env: Path):
    result = CliRunner().invoke(app, ["quiz", "-c", "C3", "-n", "2", "--seed", "1"], input="\n\n")
    assert result.exit_code == 0 and "Réponse attendue" in result.output and "Source : corpus/" in result.output


@pytest.mark.parametrize("suffix", [".gift", ".xml", ".md", ".csv", ".json"])
def test_build_writes_every_format(env: Path, suffix: str):
    out = env / f"quiz{suffix}"
    result = CliRunner().invoke(app, ["quiz", "build", "-c", "C1", "C2", "-n", "12", "-o", str(out), "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"12 questions écrites dans {out}")
    text = out.read_text(encoding="utf-8")
    if suffix == ".gift":
        assert "$CATEGORY: $course$/top/CQPM/C1" in text and "$CATEGORY: $course$/top/CQPM/C2" in text
    elif suffix == ".xml":
        assert len(ET.fromstring(text).findall("question")) == 12 + 2  # and one category per capacity
    elif suffix == ".json":
        assert len(json.loads(text)["questions"]) == 12


def test_bad_capacity_and_format(env: Path):
    assert CliRunner().invoke(app, ["quiz", "-c", "C9"]).exit_code == 2
    result = CliRunner().invoke(app, ["quiz", "build", "-c", "C1", "-o", str(env / "quiz.docx")])
    assert result.exit_code == 2 and "extension « .docx » inconnue" in result.output
