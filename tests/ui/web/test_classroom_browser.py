"""A training centre in Debian's Chromium: logins, what a trainee may reach (in the page and on the HTTP API),
a quiz assigned by a trainer, taken by a trainee, seen on the class dashboard.

Screenshots land in tests/artifacts/ (gitignored) so a failure can be looked at.
"""

from __future__ import annotations

import json
import time

import pytest
from conftest import ARTIFACTS, SHEET, write

from tutor.answering.llm import free_port
from tutor.facade import Tutor
from tutor.settings import PROJECT_ROOT, load_settings
from tutor.ui.web.app import serve_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORDS = {"prof": "Formateur-2026", "leo": "Apprenti-0-26", "ines": "Apprenti-1-26"}


@pytest.fixture(scope="module")
def centre(tmp_path_factory, model_dir):
    root = tmp_path_factory.mktemp("centre")
    settings = load_settings(
        home=root / "home", corpus_dir=PROJECT_ROOT / "corpus", embedding_model=model_dir, llm_backend="none"
    )
    tutor = Tutor.from_settings(settings)
    tutor.ingest([write(root / "g41.md", SHEET)])
    accounts = tutor.centre.accounts
    accounts.add("prof", PASSWORDS["prof"], "formateur")
    accounts.add("leo", PASSWORDS["leo"], "apprenant")
    accounts.add("ines", PASSWORDS["ines"], "apprenant")
    port = free_port()
    demo = serve_app(tutor, port=port, block=False)
    yield tutor, f"http://127.0.0.1:{port}/"
    demo.close()


def login(browser, url: str, user: str, password: str | None = None):
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("input[type=password]", timeout=60_000)
    page.locator("input:not([type=password])").first.fill(user)
    page.fill("input[type=password]", password or PASSWORDS[user])
    page.locator("button").last.click()
    return context, page


def wait_for_text(page, selector: str, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = page.inner_text(selector) if page.locator(selector).count() else ""
        if text in shown:
            return shown
        time.sleep(0.25)
    page.screenshot(path=str(ARTIFACTS / "centre-timeout.png"), full_page=True)
    raise AssertionError(f"« {text} » never appeared in {selector}: {shown!r}")


def api_call(context, url: str, name: str, data: list) -> str:
    """Call one of the app's HTTP endpoints with this browser context's session cookie; the event stream text."""
    started = context.request.post(f"{url}gradio_api/call/{name}", data=json.dumps({"data": data}),
                                   headers={"Content-Type": "application/json"})  # fmt: skip
    assert started.ok, started.text()
    event = started.json()["event_id"]
    stream = context.request.get(f"{url}gradio_api/call/{name}/{event}").text()
    data = [line[len("data: ") :] for line in stream.splitlines() if line.startswith("data: ")]
    return " ".join(json.dumps(json.loads(item), ensure_ascii=False) for item in data)


def test_wrong_password_is_refused(centre, browser):
    _, url = centre
    context, page = login(browser, url, "leo", "pas-le-bon-1")
    page.wait_for_timeout(2500)
    assert page.locator("#who").count() == 0 and page.locator("input[type=password]").count() == 1
    context.close()


def test_a_trainee_reaches_neither_documents_nor_another_trainee(centre, browser):
    tutor, url = centre
    context, page = login(browser, url, "leo")
    wait_for_text(page, "#who", "leo (apprenant)")
    assert not page.get_by_role("tab", name="Documents").is_visible()
    assert not page.get_by_role("tab", name="Classe").is_visible()
    page.get_by_role("tab", name="Progression").click()
    wait_for_text(page, "#progress-table", "« leo »")
    assert not page.locator("#progress-learner").is_visible()
    page.screenshot(path=str(ARTIFACTS / "centre-trainee.png"), full_page=True)
    # The same requests straight to the HTTP API: refused or answered for leo only.
    doc_id = tutor.documents()[0].doc_id
    refused = api_call(context, url, "remove_document", [doc_id])
    assert "réservé aux formateurs" in refused
    assert [r.doc_id for r in tutor.documents()] == [doc_id]
    own = api_call(context, url, "progress", ["ines"])
    assert "leo" in own and "ines" not in own
    assert "réservé aux formateurs" in api_call(context, url, "class_dashboard", ["TUMC"])
    context.close()
    # Without a session cookie, nothing at all.
    anonymous = browser.new_context()
    assert anonymous.request.post(f"{url}gradio_api/call/remove_document", data='{"data": ["x"]}').status in (401, 403)
    anonymous.close()


def answer_current_question(page) -> None:
    if page.locator("#quiz-single").is_visible():
        page.locator("#quiz-single label").first.click()
    elif page.locator("#quiz-multiple").is_visible():
        page.locator("#quiz-multiple label").first.click()
    elif page.locator("#quiz-text").is_visible():
        page.locator("#quiz-text textarea, #quiz-text input").first.fill("0")
    else:
        for index in range(6):
            box = page.locator(f"#quiz-match-{index}")
            if box.is_visible():
                box.locator("input").click()
                page.keyboard.press("ArrowDown")
                page.keyboard.press("Enter")
    page.click("#quiz-validate")


def test_trainer_assigns_trainee_takes_dashboard_shows(centre, browser):
    _, url = centre
    trainer_context, trainer = login(browser, url, "prof")
    wait_for_text(trainer, "#who", "prof (formateur)")
    trainer.get_by_role("tab", name="Classe").click()
    trainer.locator("#class-new-group textarea, #class-new-group input").first.fill("TUMC")
    trainer.click("#class-create")
    wait_for_text(trainer, "#class-report", "créé")
    trainer.locator("#class-members label", has_text="leo").click()
    trainer.click("#class-save-members")
    wait_for_text(trainer, "#class-report", "1 apprenant(s)")
    trainer.locator("#class-quiz-title textarea, #class-quiz-title input").first.fill("Cotation")
    trainer.locator("#class-capacities label", has_text="C2").first.click()
    trainer.locator("#class-count input[type=number]").fill("3")
    trainer.locator("#class-count input[type=number]").press("Enter")
    trainer.locator("#class-due textarea, #class-due input").first.fill("31/12/2030")
    trainer.click("#class-assign-button")
    wait_for_text(trainer, "#class-report", "assigné au groupe")

    trainee_context, trainee = login(browser, url, "leo")
    wait_for_text(trainee, "#who", "leo (apprenant)")
    trainee.get_by_role("tab", name="Quiz").click()
    trainee.wait_for_selector("#quiz-assigned", state="visible", timeout=30_000)
    trainee.locator("#quiz-assigned input").click()
    trainee.get_by_role("option", name="Cotation", exact=False).first.click()
    trainee.click("#quiz-create")
    wait_for_text(trainee, "#quiz-notes", "Quiz assigné")
    for number in range(1, 4):
        wait_for_text(trainee, "#quiz-header", f"Question {number} / 3")
        trainee.wait_for_timeout(500)  # the answer widgets of this question settle
        answer_current_question(trainee)
        if number < 3:
            next_button = trainee.locator("#quiz-next")
            deadline = time.monotonic() + 30
            while not next_button.is_enabled() and time.monotonic() < deadline:
                time.sleep(0.2)
            next_button.click()
    wait_for_text(trainee, "#quiz-scores", "Résultat transmis au formateur")
    trainee.screenshot(path=str(ARTIFACTS / "centre-quiz.png"), full_page=True)

    trainer.click("#class-show")
    board = wait_for_text(trainer, "#class-dashboard", "Cotation")
    assert "leo" in board and "/3" in board and "heatmap" in trainer.inner_html("#class-dashboard")
    trainer.screenshot(path=str(ARTIFACTS / "centre-dashboard.png"), full_page=True)
    trainer_context.close()
    trainee_context.close()
