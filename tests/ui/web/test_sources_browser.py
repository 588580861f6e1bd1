"""In Debian's Chromium: a citation of a PDF opens the document at the cited page, the passage highlighted."""

from __future__ import annotations

import time

import pytest
from conftest import ARTIFACTS
from pdfs import text_pdf

from tutor.answering.llm import free_port
from tutor.facade import Tutor
from tutor.settings import load_settings
from tutor.ui.web.app import serve_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "Manuel de programmation - sommaire\nChapitre 1 : correction de rayon\nChapitre 2 : cycles",
    "Correction de rayon d'outil\nLa correction G41 se lance sur un deplacement rectiligne, jamais sur un arc.\n"
    "La correction G42 place l'outil a droite du profil.\nG40 annule la correction sur une droite.",
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, model_dir):
    root = tmp_path_factory.mktemp("sources")
    settings = load_settings(
        home=root / "home", corpus_dir=root / "corpus", embedding_model=model_dir, llm_backend="none", min_support=0.0
    )
    tutor = Tutor.from_settings(settings)
    tutor.ingest([text_pdf(root / "manuel-programmation.pdf", PAGES, title="Manuel de programmation")])
    port = free_port()
    demo = serve_app(tutor, port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_clicking_a_citation_shows_the_pdf_page_with_the_passage_highlighted(app_url, browser):
    page = browser.new_page()
    page.goto(app_url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    page.fill("#question textarea", "Peut-on lancer la correction G41 sur un arc ?")
    page.click("#send")
    page.wait_for_selector("#open-source label", timeout=240_000)  # the first answer loads the models
    option = page.locator("#open-source label").first
    assert "Manuel de programmation — page 2" in option.inner_text()
    option.click()
    page.wait_for_selector("#cited-page img", timeout=60_000)
    deadline = time.monotonic() + 30
    while "surligné" not in page.inner_text("#page-caption") and time.monotonic() < deadline:
        time.sleep(0.2)
    page.screenshot(path=str(ARTIFACTS / "cited-page.png"), full_page=True)
    assert "page 2 : le passage cité est surligné" in page.inner_text("#page-caption")
    assert page.locator("#cited-page img").first.evaluate("img => img.naturalWidth") > 500
