"""Scale-out path: a real Chroma server (`chroma run`) on 127.0.0.1, ingest and search through it."""

import pytest
from conftest import SHEET, write

from tutor.answering.llm import free_port
from tutor.facade import Tutor
from tutor.knowledge.store import StoreUnavailable


@pytest.mark.server
@pytest.mark.model
def test_ingest_and_search_through_a_chroma_server(chroma_server, settings_for, real_embedder, tmp_path):
    root = tmp_path / "corpus"
    write(root / "g41.md", SHEET)
    write(
        root / "etau.md",
        "---\ntitle: Étau\ncapacities: [C3]\n---\n# Étau\n\n## Serrage\n"
        + "Serrer la pièce dans l'étau sur des cales parallèles. " * 6,
    )
    settings = settings_for(corpus_dir=root, chroma_url=chroma_server)
    tutor = Tutor.from_settings(settings, embedder=real_embedder)
    assert tutor.store.location == chroma_server
    assert len(tutor.ingest().indexed) == 2
    again = Tutor.from_settings(settings, embedder=real_embedder)  # a second client sees the same index
    assert len(again.ingest().unchanged) == 2
    hits = again.search("l'outil doit être à gauche du profil", 2)
    assert hits[0].chunk.title == "Correction de rayon G41 G42"
    assert again.search("cales", 2, capacity="C3")[0].chunk.title == "Étau"
    assert not (settings.home / "index").exists()  # nothing written locally


def test_unreachable_server_gives_a_french_message(settings_for, fake_embedder):
    settings = settings_for(chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreUnavailable, match="Serveur Chroma injoignable"):
        Tutor.from_settings(settings, embedder=fake_embedder)
