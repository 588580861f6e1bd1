"""The web app in Debian's Chromium, driven by Playwright, with the real embedding and language models.

Screenshots land in tests/artifacts/ (gitignored) so a failure can be looked at.
"""

from __future__ import annotations

import time

import pytest
from conftest import ARTIFACTS, SHEET, write
from pdfs import text_pdf

from tutor.answering.llm import free_port
from tutor.facade import Tutor
from tutor.provision import LLM_FILE
from tutor.settings import PROJECT_ROOT, load_settings
from tutor.ui.web.app import serve_app

pytestmark = [pytest.mark.browser, pytest.mark.llm, pytest.mark.slow]

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, model_dir):
    llm = load_settings().models_dir / LLM_FILE
    if not llm.exists():
        pytest.fail(f"Embedded model missing at {llm}: run `make test` (it provisions it) or `tutor models`.")
    root = tmp_path_factory.mktemp("web")
    write(root / "corpus" / "fiches" / "g41.md", SHEET)
    # the real router's training questions and one file of the real troubleshooting guide
    write(root / "corpus" / "routage" / "questions.yaml", (CORPUS / "routage" / "questions.yaml").read_text())
    for lexicon in ("lexique-atelier.yaml", "lexique-anglais.yaml"):
        write(root / "corpus" / lexicon, (CORPUS / lexicon).read_text())
    guide = "alesage-filetage-tronconnage.yaml"
    write(root / "corpus" / "depannage" / guide, (CORPUS / "depannage" / guide).read_text())
    settings = load_settings(
        home=root / "home",
        corpus_dir=root / "corpus",
        embedding_model=model_dir,
        llm_backend="embedded",
        llm_max_tokens=120,
        llm_temperature=0.0,
        min_support=0.0,
    )
    # the embedded model is read from the provisioned data directory
    (root / "home" / "models").mkdir(parents=True)
    (root / "home" / "models" / LLM_FILE).symlink_to(llm)
    tutor = Tutor.from_settings(settings)
    tutor.ingest()
    port = free_port()
    demo = serve_app(tutor, port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_ask_a_question_and_see_the_streamed_answer_with_sources(app_url, browser):
    page = browser.new_page()
    page.goto(app_url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    page.wait_for_selector("#status:has-text('Moteur')", timeout=30_000)
    page.fill("#question textarea", "Peut-on lancer la correction G41 sur un arc de cercle ?")
    page.click("#send")
    bot = page.locator('#chat [data-testid="bot"]').last
    seen: list[str] = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        text = bot.inner_text() if bot.count() else ""
        if text and (not seen or text != seen[-1]):
            seen.append(text)
        elif text and len(seen) > 1 and page.inner_text("#sources").strip():
            time.sleep(3)
            if bot.inner_text() == seen[-1]:
                break
        time.sleep(0.25)
    page.screenshot(path=str(ARTIFACTS / "questions.png"), full_page=True)
    assert seen, "no answer appeared"
    assert len(seen) >= 2 and seen[-1].startswith(seen[0][:10]), f"answer did not stream: {seen}"
    assert "Correction de rayon G41 G42" in page.inner_text("#sources")
    page.close()


def test_a_troubleshooting_answer_shows_its_two_lists(app_url, browser):
    page = browser.new_page()
    page.goto(app_url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    page.fill("#question textarea", "Ça broute quand je finis mon alésage au tour, qu'est-ce que je peux changer ?")
    page.click("#send")
    bot = page.locator('#chat [data-testid="bot"]').last
    page.wait_for_function(
        "() => { const b = [...document.querySelectorAll('#chat [data-testid=\"bot\"]')].pop();"
        " return b && b.querySelectorAll('ol').length >= 2; }",
        timeout=120_000,
    )
    page.screenshot(path=str(ARTIFACTS / "troubleshooting.png"), full_page=True)
    text = bot.inner_text()
    assert "Dépannage : causes probables, puis ce qu'il faut essayer" in text
    assert text.index("Causes probables") < text.index("À essayer, dans l'ordre")
    lists = bot.locator("ol")
    assert lists.nth(0).locator("li").count() >= 2 and lists.nth(1).locator("li").count() >= 2
    assert "Vibrations en alésage" in page.inner_text("#sources")
    page.close()


def test_upload_a_pdf_and_see_it_listed(app_url, browser, tmp_path):
    good = text_pdf(
        tmp_path / "Gamme bride.pdf", ["Gamme d'usinage de la bride : phase 10 dressage, phase 20 perçage."]
    )
    bad = tmp_path / "abîmé.pdf"
    bad.write_bytes(b"%PDF-1.7 garbage")
    page = browser.new_page()
    page.goto(app_url)
    page.get_by_role("tab", name="Documents").click()
    page.locator("#upload input[type=file]").set_input_files([str(good), str(bad)])
    page.wait_for_timeout(1500)
    page.click("#index")
    page.wait_for_selector("#report:has-text('Gamme bride')", timeout=120_000)
    report = page.inner_text("#report")
    page.screenshot(path=str(ARTIFACTS / "documents.png"), full_page=True)
    assert "data/uploads" in report or "uploads/Gamme bride.pdf" in report
    assert "Refusé : abîmé.pdf : PDF illisible" in report
    page.wait_for_selector("#documents:has-text('Gamme bride.pdf')", timeout=30_000)
    assert "abîmé" not in page.inner_text("#documents")
    page.wait_for_selector("#status:has-text('2 documents')", timeout=30_000)
    page.close()


def test_the_calculations_tab_computes_a_trs_from_a_shift(app_url, browser):
    page = browser.new_page()
    page.goto(app_url)
    page.get_by_role("tab", name="Calculs").click()
    page.get_by_text("Production : TRS, durée de vie, coût par pièce, dilatation").click()
    page.click("#shop-choice input")
    page.get_by_role("option", name="TRS depuis un poste (temps, arrêts, cycle, pièces, rebuts)").click()
    page.wait_for_selector("#shop-required textarea", state="visible", timeout=10_000)
    for key, value in {"required": "480", "stops": "72", "cycle": "2", "produced": "180", "rejects": "9"}.items():
        page.fill(f"#shop-{key} textarea", value)
    page.click("#shop-compute")
    page.wait_for_function(
        "() => document.querySelector('#shop-result').innerText.includes('TRS (OEE)')", timeout=30_000
    )
    page.screenshot(path=str(ARTIFACTS / "calc-trs.png"), full_page=True)
    text = page.inner_text("#shop-result")
    assert "TRS (OEE) : 71,25 %" in text and "Disponibilité : 85,0 %" in text
    assert not page.locator("#shop-d textarea").is_visible()  # the rates' fields are hidden for this calculation
    page.close()
