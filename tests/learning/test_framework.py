from pathlib import Path

import pytest

from tutor.learning.framework import FRAMEWORK_FILE, FrameworkError, load_framework


def write_framework(root: Path, text: str) -> Path:
    path = root / FRAMEWORK_FILE
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return root


MINIMAL = """
certification: {name: "Technicien", rncp: RNCP28243}
disclaimer: "Les critères officiels ne sont pas publics."
blocs:
  - {id: BC1, title: "Contrat de phase", capacities: [C1]}
capacities:
  - id: C1
    title: "Préparer"
    bloc: BC1
    interview_questions: ["Racontez..."]
"""


def test_minimal_framework(tmp_path: Path):
    framework = load_framework(write_framework(tmp_path, MINIMAL))
    assert framework.capacity("c1").title == "Préparer"
    assert framework.bloc_of("C1").id == "BC1"
    assert framework.capacity("C1").sheets == ()
    with pytest.raises(KeyError):
        framework.capacity("C9")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("capacities: [", "YAML invalide"),
        ("certification: {name: x}\nblocs: []\ncapacities: []", "incomplet"),
        (MINIMAL.replace("capacities: [C1]", "capacities: [C1, C8]"), "capacités inconnues"),
    ],
)
def test_malformed_framework(tmp_path: Path, text: str, message: str):
    with pytest.raises(FrameworkError, match=message):
        load_framework(write_framework(tmp_path, text))


def test_missing_framework(tmp_path: Path):
    with pytest.raises(FrameworkError, match="introuvable"):
        load_framework(tmp_path)
