"""Shared fixtures: a fake embedder for fast tests, the real provisioned model for the rest."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tutor.answering.llm import free_port
from tutor.facade import Tutor
from tutor.knowledge.embeddings import FakeEmbedder, SentenceTransformerEmbedder
from tutor.offline import offline_environment
from tutor.settings import load_settings

DATA = Path(__file__).parent / "data"

offline_environment()


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def model_dir() -> Path:
    path = load_settings().embedding_dir
    if not (path / "modules.json").exists():
        pytest.fail(f"Real embedding model missing at {path}: run `make test` (it provisions it) or `tutor models`.")
    return path


@pytest.fixture(scope="session")
def real_embedder(model_dir: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(model_dir)


@pytest.fixture
def settings_for(tmp_path: Path):
    """Settings whose state all lives under tmp_path."""

    def make(**overrides):
        values = {"home": tmp_path / "home", "corpus_dir": tmp_path / "corpus", "llm_backend": "none"}
        values.update(overrides)
        return load_settings(**values)

    return make


@pytest.fixture
def make_tutor(settings_for):
    def make(embedder=None, chat=None, **overrides) -> Tutor:
        return Tutor.from_settings(settings_for(**overrides), embedder=embedder or FakeEmbedder(), chat=chat)

    return make


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


SHEET = """---
title: "Correction de rayon G41 G42"
capacities: [C4]
tags: [programmation]
sources:
  - ref: "LinuxCNC, tool-compensation"
---
# Correction de rayon G41 G42

## L'essentiel
La correction de rayon décale la trajectoire de la valeur du rayon d'outil rangée dans le correcteur D.
G41 place l'outil à gauche de la trajectoire, G42 à droite, G40 annule la correction.

## Erreurs fréquentes
Lancer G41 sur un arc provoque une alarme : l'approche doit être une droite au moins aussi longue que le rayon.
"""


CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"  # screenshots of the browser tests (gitignored)
# As the machine's probe runs it: no background traffic on a closed network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (which never downloads a browser here)."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium missing: `make test` installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def chroma_server(tmp_path):
    """A real Chroma server (`chroma run`) on a free port of 127.0.0.1, for the scale-out and deployment tests."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("chroma run did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)
