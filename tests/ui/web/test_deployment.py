"""A training centre's deployment, as the README's "Centre de formation" section describes it: the web app with
accounts, the index on a real Chroma server (`TUTOR_CHROMA_URL`), and the language model on another server
reached through the OpenAI-compatible backend (here the embedded llama.cpp server, started on its own port).
A trainee logs in over HTTP and gets a cited answer from that model; an anonymous client gets nothing.
"""

from __future__ import annotations

import pytest
from conftest import SHEET, write

from tutor.answering.llm import EmbeddedServer, free_port
from tutor.facade import Tutor
from tutor.provision import LLM_FILE
from tutor.settings import load_settings
from tutor.ui.web.app import ALL_CAPACITIES, serve_app

pytestmark = [pytest.mark.server, pytest.mark.llm, pytest.mark.slow]


@pytest.fixture
def model_server():
    llm = load_settings().models_dir / LLM_FILE
    if not llm.exists():
        pytest.fail(f"Embedded model missing at {llm}: run `make test` (it provisions it) or `tutor models`.")
    server = EmbeddedServer(llm)
    yield server.base_url()
    server.close()


def test_centre_with_a_chroma_server_and_a_model_server(chroma_server, model_server, model_dir, tmp_path):
    from gradio_client import Client

    settings = load_settings(
        home=tmp_path / "home",
        corpus_dir=tmp_path / "corpus",
        embedding_model=model_dir,
        chroma_url=chroma_server,
        llm_backend="openai",
        openai_base_url=model_server,
        llm_max_tokens=80,
        llm_temperature=0.0,
        min_support=0.0,
    )
    write(tmp_path / "corpus" / "fiches" / "g41.md", SHEET)
    tutor = Tutor.from_settings(settings)
    assert tutor.store.location == chroma_server and tutor.backend.backend == "openai"
    assert tutor.ingest().indexed
    tutor.centre.accounts.add("prof", "Formateur-2026", "formateur")
    tutor.centre.accounts.add("leo", "Apprenti-0-26", "apprenant")
    port = free_port()
    demo = serve_app(tutor, host="127.0.0.1", port=port, block=False)
    url = f"http://127.0.0.1:{port}/"
    try:
        with pytest.raises(Exception):  # noqa: B017 - gradio_client's own error types vary by version
            Client(url, verbose=False)  # no login: the app is closed
        with pytest.raises(Exception):  # noqa: B017
            Client(url, auth=("leo", "pas-le-bon-1"), verbose=False)
        client = Client(url, auth=("leo", "Apprenti-0-26"), verbose=False)
        chat, sources = client.predict(  # then the emptied question box and the cited-page picker
            "Peut-on lancer la correction G41 sur un arc de cercle ?", [], ALL_CAPACITIES, api_name="/ask"
        )[:2]
        answer = chat[-1]["content"]
        answer = answer if isinstance(answer, str) else str(answer)
        assert answer.strip() and "En attente" not in answer
        assert "Correction de rayon G41 G42" in sources  # the passage came from the Chroma server
    finally:
        demo.close()
    # A second app on the same Chroma server (another machine of the centre) sees the same index.
    again = Tutor.from_settings(settings)
    assert again.stats().chunks == tutor.stats().chunks
