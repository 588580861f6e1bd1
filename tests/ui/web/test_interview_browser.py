"""The "Entretien VAE" tab in Debian's Chromium, driven by Playwright, with a fake jury to stay fast.

The tab is launched in its own gr.Blocks (it is listed in the app's TABS by the lead); a screenshot lands in
tests/artifacts/ (gitignored) so a failure can be looked at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ARTIFACTS

from tutor.answering.llm import FakeChatModel, free_port
from tutor.settings import PROJECT_ROOT
from tutor.ui.web.interview import build_interview_tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FEEDBACK = {
    "capacity": "C3",
    "convincing": ["Vous avez justifié l'usage des mors doux par le marquage de la pièce."],
    "missing": ["Le contrôle du faux-rond après serrage n'a pas été évoqué."],
    "to_review": ["mandrin, mors doux, serrage des pièces minces"],
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    import gradio as gr

    from tutor.facade import Tutor
    from tutor.knowledge.embeddings import FakeEmbedder
    from tutor.settings import load_settings

    root = tmp_path_factory.mktemp("web-interview")
    settings = load_settings(home=root / "home", corpus_dir=PROJECT_ROOT / "corpus", llm_backend="none")
    chat = FakeChatModel().enqueue(
        "Pourquoi avez-vous choisi des mors doux plutôt que des mors durs ?",
        json.dumps({"capacities": [FEEDBACK]}, ensure_ascii=False),
    )
    tutor = Tutor.from_settings(settings, embedder=FakeEmbedder(), chat=chat)
    (root / "home" / "tmp").mkdir(parents=True)
    previous = os.environ.get("GRADIO_TEMP_DIR")
    os.environ["GRADIO_TEMP_DIR"] = str(root / "home" / "tmp")  # as serve_app does
    with gr.Blocks(title="Entretien VAE", analytics_enabled=False) as demo, gr.Tabs():
        build_interview_tab(tutor)
    demo.queue()
    port = free_port()
    demo.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        quiet=True,
        ssr_mode=False,
        allowed_paths=[str(root / "home")],
    )
    yield f"http://127.0.0.1:{port}/", tutor, chat
    demo.close()
    if previous is None:
        os.environ.pop("GRADIO_TEMP_DIR", None)
    else:
        os.environ["GRADIO_TEMP_DIR"] = previous


def test_rehearse_an_interview_and_download_the_transcript(app, browser):
    url, tutor, chat = app
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("#iv-capacities", timeout=60_000)
    page.locator("#iv-capacities label", has_text="C3 — Mettre en place le brut").click()
    page.fill("#iv-learner textarea", "Léa")
    page.fill("#iv-situations textarea", "Reprise d'une bague en mors doux sur un tour CN.")
    page.click("#iv-start")
    page.wait_for_selector("#iv-chat:has-text('Bonjour. Pour commencer')", timeout=30_000)
    assert "jury simulé : modèle fake" in page.inner_text("#iv-status")
    page.fill("#iv-answer textarea", "J'ai usiné des mors doux pour ne pas marquer la bague.")
    page.click("#iv-send")
    page.wait_for_selector("#iv-chat:has-text('plutôt que des mors durs')", timeout=30_000)
    assert "J'ai usiné des mors doux pour ne pas marquer la bague." in chat.history[0][-1].content
    assert "Reprise d'une bague en mors doux" in chat.history[0][-1].content
    page.wait_for_selector("#iv-status:has-text('Échange 2 sur 6')", timeout=10_000)
    page.click("#iv-finish")
    page.wait_for_selector("#iv-feedback:has-text('Ce qui était convaincant')", timeout=30_000)
    feedback = page.inner_text("#iv-feedback")
    assert "Entraînement uniquement" in feedback and "C3 — Mettre en place le brut" in feedback
    assert "justifié l'usage des mors doux" in feedback and "Auto-évaluation" in feedback
    download = page.locator("#iv-download")
    download.wait_for(state="visible", timeout=10_000)
    with page.expect_download() as info:
        download.click()
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    assert saved.startswith("# Entretien VAE — entraînement") and "**Candidat** : J'ai usiné des mors doux" in saved
    page.screenshot(path=str(ARTIFACTS / "interview.png"), full_page=True)
    assert len(tutor.list_transcripts("Léa")) == 1
    page.close()


def test_the_dossier_form_flags_shown_and_missing_points(app, browser):
    url, _, _ = app
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("#dossier", timeout=60_000)
    page.get_by_text("Dossier de preuves").first.click()
    page.locator("#dossier-capacity input").click()
    page.get_by_role("option", name="C3 — Mettre en place le brut").click()
    page.fill("#dossier-actions textarea", "J'ai défini l'origine pièce au palpeur et je l'ai vérifiée avant usinage.")
    page.click("#dossier-check")
    page.wait_for_selector("#dossier-output:has-text('Points à développer')", timeout=30_000)
    result = page.inner_text("#dossier-output")
    assert "Il définit et vérifie l'origine pièce avant le premier usinage" in result
    assert "isostatisme, degrés de liberté, hyperstatisme" in result
    page.screenshot(path=str(ARTIFACTS / "interview-dossier.png"), full_page=True)
    page.close()
