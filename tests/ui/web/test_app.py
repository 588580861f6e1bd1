"""Web app pieces without a browser: formatting, the login check, and one streamed exchange via the façade."""

import pytest
from conftest import SHEET, write

from tutor.answering.answer import Turn
from tutor.answering.citations import Citation
from tutor.answering.llm import FakeChatModel
from tutor.ui.web.app import ALL_CAPACITIES, build_app, chat_events, login_check, status_line
from tutor.ui.web.sources import source_cards


def test_login_check_uses_the_accounts_and_pauses_after_a_refusal(tmp_path, monkeypatch):
    import asyncio
    import time
    from types import SimpleNamespace

    from tutor.centre.accounts import Accounts
    from tutor.ui.web import app as web

    accounts = Accounts(tmp_path, rounds=4)
    accounts.add("prof", "Formateur-2026", "formateur")
    monkeypatch.setattr(web, "FAILED_LOGIN_PAUSE", 0.2)
    check = login_check(SimpleNamespace(centre=SimpleNamespace(accounts=accounts)))
    assert asyncio.run(check("prof", "Formateur-2026")) is True
    started = time.perf_counter()
    assert asyncio.run(check("prof", "faux")) is False
    assert time.perf_counter() - started >= 0.2  # a refusal is never instant


def test_source_cards_escape_document_text():
    card = source_cards((Citation(1, "<b>Titre</b>", "a.md", 3, "Section", "x < y & z"),))
    assert "&lt;b&gt;Titre&lt;/b&gt;" in card and "x &lt; y &amp; z" in card and "page 3" in card
    assert source_cards(()) == ""


@pytest.fixture
def tutor(make_tutor, tmp_path):
    write(tmp_path / "corpus" / "fiches" / "g41.md", SHEET)
    chat = FakeChatModel().enqueue("On l'active pendant un déplacement rectiligne [1].")
    tutor = make_tutor(chat=chat, min_support=0.0)
    tutor.ingest()
    return tutor


def test_chat_events_stream_then_settle(tutor):
    states = list(chat_events(tutor, "Comment lancer G41 ?", [], [], ALL_CAPACITIES))
    messages, cards, history, cited = states[-1]
    assert messages[0] == {"role": "user", "content": "Comment lancer G41 ?"}
    shape, quoted, written = messages[1]["content"].split("\n\n")
    assert shape == "_Définition ou fait_"  # no routing examples in this corpus: the default type
    assert (
        messages[1]["role"] == "assistant"
        and quoted.startswith("> Extrait de la source la plus proche : « ")
        and quoted.endswith(" » [1]")
    )
    assert written == "On l'active pendant un déplacement rectiligne [1]."
    assert "Correction de rayon G41 G42" in cards and history == [
        Turn("Comment lancer G41 ?", f"{quoted}\n\n{written}")
    ]
    assert [c.title for c in cited] == ["Correction de rayon G41 G42"]
    partial = [m[-1]["content"] for m, _, _, _ in states[:-1]]
    assert any(0 < len(p) < len(messages[1]["content"]) for p in partial)  # it streamed


def test_refused_answer_keeps_the_consulted_passages(tutor):
    tutor.answerer.chat.replies[:] = ["Je ne trouve pas cela dans mes documents."]
    _, cards, _, cited = list(chat_events(tutor, "Une recette de quiche ?", [], [], "C4"))[-1]
    assert "Passages consultés" in cards and cited


def test_status_line_and_app_build(tutor):
    assert status_line(tutor).startswith("**Moteur** : fake (fake)")
    assert "1 documents, 1 passages" in status_line(tutor)
    assert build_app(tutor) is not None


def test_upload_and_remove_through_the_facade(tutor):
    report = tutor.add_upload("../../Mon cours.md", "# Cours\n\nLe palpeur mesure la pièce.\n".encode())
    assert report.indexed and (tutor.uploads_dir / "Mon cours.md").exists()
    doc_id = report.indexed[0]
    assert doc_id in [r.doc_id for r in tutor.documents()]
    bad = tutor.add_upload("casse.pdf", b"%PDF-1.7 garbage")
    assert bad.skipped and not (tutor.uploads_dir / "casse.pdf").exists()
    assert tutor.add_upload("script.exe", b"MZ").skipped[0].reason.startswith("format non pris en charge")
    assert tutor.remove(doc_id) and not (tutor.uploads_dir / "Mon cours.md").exists()
    assert not tutor.remove(doc_id)
