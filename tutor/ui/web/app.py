"""The web app (gradio, French). Callbacks only call the `Tutor` façade and format what it returns.

Each tab is one `build_*` function taking the façade; to add a tab, write one and list it in `TABS`.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator
from pathlib import Path

# At module level: gradio resolves the `gr.Request` annotations of the callbacks from the module's names.
import gradio as gr

from tutor.answering.answer import Delta, Done, Retrieved, Turn
from tutor.answering.citations import Citation  # at module level: gradio resolves the callbacks annotations
from tutor.answering.queue import Waiting
from tutor.centre.access import needs_login, require_trainer
from tutor.centre.accounts import AccountError
from tutor.documents import CAPACITIES
from tutor.facade import Tutor
from tutor.ui.web.classroom import build_classroom_tab
from tutor.ui.web.gcode import build_gcode_tab
from tutor.ui.web.interview import build_interview_tab
from tutor.ui.web.people import viewer
from tutor.ui.web.progress import build_progress_tab
from tutor.ui.web.quiz import build_quiz_tab
from tutor.ui.web.sources import cited_page, page_choices, source_cards
from tutor.ui.web.tools import build_calc_tab

ALL_CAPACITIES = "Toutes les capacités"
UPLOAD_TYPES = [
    ".pdf",
    ".docx",
    ".odt",
    ".md",
    ".markdown",
    ".txt",
    ".nc",
    ".ngc",
    ".tap",
    ".iso",
    ".h",
    ".mpf",
    ".spf",
]

CSS = """
.source-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 12px; margin: 6px 0; background: #f8fafc;}
.source-card .where {color: #57606a; font-size: 0.9em;}
.source-card .excerpt {margin-top: 4px; font-size: 0.92em;}
"""


LOGIN_MESSAGE = (
    "Tuteur Usinage — identifiez-vous avec le compte donné par votre formateur. "
    "Après trois essais manqués, attendez quelques secondes avant de réessayer."
)
FAILED_LOGIN_PAUSE = 1.0  # seconds added to every refused login: guessing gets slow


def login_check(tutor: Tutor):
    """gradio's `auth` callable: bcrypt off the event loop, and a pause after a refusal."""

    async def check(login: str, password: str) -> bool:
        verdict = await asyncio.to_thread(tutor.centre.accounts.verify, login, password)
        if verdict.account is None:
            await asyncio.sleep(FAILED_LOGIN_PAUSE)
        return verdict.account is not None

    return check


def status_line(tutor: Tutor) -> str:
    status, stats = tutor.backend, tutor.stats()
    model = f" ({status.model})" if status.model else ""
    return (
        f"**Moteur** : {status.backend}{model} — {status.reason} · "
        f"**Index** : {stats.documents} documents, {stats.chunks} passages"
    )


# How each type of question is answered, shown above the answer (tutor.answering.routing.QUESTION_TYPES).
SHAPE_LABELS = {
    "calcul": "Calcul : valeur calculée, puis l'explication",
    "connaissance": "Définition ou fait",
    "procedure": "Procédure : les étapes dans l'ordre",
    "depannage": "Dépannage : causes probables, puis ce qu'il faut essayer, dans l'ordre",
    "gcode": "G-code : ce que fait le code, pour quelle commande",
    "comparaison": "Comparaison",
    "certification": "CQPM et VAE",
}


def shape_line(kind: str) -> str:
    label = SHAPE_LABELS.get(kind)
    return f"_{label}_\n\n" if label else ""


def chat_events(
    tutor: Tutor, question: str, messages: list[dict], history: list[Turn], capacity: str, user: str = ""
) -> Iterator[tuple[list[dict], str, list[Turn], tuple[Citation, ...]]]:
    """Stream one answer into the chat: (messages, source cards, conversation, the citations shown); while it
    waits for the model, the bubble says where the question stands in the queue."""
    capacity_code = None if capacity == ALL_CAPACITIES else capacity.split(" ")[0]
    messages = [*messages, {"role": "user", "content": question}, {"role": "assistant", "content": ""}]
    cards, text, consulted, shape, shown = "", "", (), "", ()
    for event in tutor.ask_stream(question, history, capacity=capacity_code, user=user):
        if isinstance(event, Waiting):
            messages[-1] = {"role": "assistant", "content": event.line}
            yield list(messages), cards, history, ()
            continue
        if isinstance(event, Retrieved):
            consulted = shown = event.citations
            cards = source_cards(consulted)
            shape = shape_line(event.kind)
        elif isinstance(event, Delta):
            text += event.text
        elif isinstance(event, Done):
            text = event.answer.text
            shape = shape_line(event.answer.kind) if event.answer.supported else ""
            cards, shown = source_cards(event.answer.citations), event.answer.citations
            if not event.answer.supported and consulted:  # let the user judge what was read
                cards = source_cards(consulted, "Passages consultés (le tuteur n'y a pas trouvé la réponse)")
                shown = consulted
            history = [*history, Turn(question, event.answer.text)]
        messages[-1] = {"role": "assistant", "content": shape + text}
        yield list(messages), cards, history, shown


def build_questions_tab(tutor: Tutor) -> None:
    with gr.Tab("Questions", id="questions"):
        with gr.Row():
            capacity = gr.Dropdown(
                [ALL_CAPACITIES, *CAPACITIES], value=ALL_CAPACITIES, label="Capacité", scale=1, elem_id="capacity"
            )
            new = gr.Button("Nouvelle conversation", scale=0, elem_id="new-conversation")
        chat = gr.Chatbot(label="Tuteur", height=420, elem_id="chat")
        question = gr.Textbox(
            label="Votre question (ou un programme CN collé, Maj+Entrée pour aller à la ligne)",
            placeholder="Ex. : quelle vitesse de rotation pour une fraise Ø50 à Vc = 250 m/min ?",
            lines=1,
            max_lines=12,
            elem_id="question",
        )
        send = gr.Button("Envoyer", variant="primary", elem_id="send")
        sources = gr.HTML(elem_id="sources")
        with gr.Row():
            pick = gr.Radio(
                [], type="value", label="Ouvrir une source à sa page", visible=False, scale=2, elem_id="open-source"
            )
            caption = gr.Markdown(elem_id="page-caption")
        page = gr.Image(label="Page citée", visible=False, interactive=False, elem_id="cited-page")
        history = gr.State([])
        cited = gr.State(())

        def submit(text: str, messages: list[dict], turns: list[Turn], cap: str, request: gr.Request):
            if not text.strip():
                yield messages, "", turns, "", (), gr.update()
                return
            # fairness is per person: the login, else the browser session
            user = getattr(request, "username", None) or getattr(request, "session_hash", None) or ""
            for shown, cards, turns_now, citations in chat_events(tutor, text, messages or [], turns or [], cap, user):
                choices = page_choices(citations)
                picker = gr.update(choices=choices, value=None, visible=bool(choices))
                yield shown, cards, turns_now, "", citations, picker

        def open_page(position: int | None, citations: tuple[Citation, ...]):
            if position is None or not 0 <= position < len(citations):
                return gr.update(visible=False), ""
            image, text = cited_page(citations[position], tutor.document_path(citations[position].source))
            return gr.update(value=image, visible=image is not None), text

        pick.change(open_page, [pick, cited], [page, caption])
        outputs = [chat, sources, history, question, cited, pick]
        # No gradio limit on this event: the tutor's own fair queue decides who runs (tutor.answering.queue).
        send.click(submit, [question, chat, history, capacity], outputs, concurrency_limit=None, api_name="ask")
        question.submit(submit, [question, chat, history, capacity], outputs, concurrency_limit=None)
        new.click(lambda: ([], "", [], "", (), gr.update(choices=[], visible=False)), None, outputs)


def document_rows(tutor: Tutor) -> list[list]:
    return [
        [r.doc_id, r.title, r.kind, f"doublon de {r.same_as}" if r.same_as else r.chunks] for r in tutor.documents()
    ]


def build_documents_tab(tutor: Tutor):
    # Hidden until the page knows who is there (shown for trainers and in the local mode): gradio shows a hidden
    # tab on an update but does not hide a shown one.
    with gr.Tab("Documents", id="documents", visible=False) as tab:
        gr.Markdown(
            "Ajoutez vos documents (PDF, Markdown, texte, programmes CN) : ils sont copiés dans le dossier de "
            "données et indexés sur ce PC, rien ne sort."
        )
        files = gr.File(label="Fichiers", file_count="multiple", file_types=UPLOAD_TYPES, elem_id="upload")
        add = gr.Button("Indexer", variant="primary", elem_id="index")
        report = gr.Markdown(elem_id="report")
        table = gr.Dataframe(
            headers=["Document", "Titre", "Type", "Passages"],
            value=lambda: document_rows(tutor),
            interactive=False,
            elem_id="documents",
        )
        with gr.Row():
            chosen = gr.Dropdown(
                choices=[r.doc_id for r in tutor.documents()], label="Document à retirer", elem_id="remove-choice"
            )
            remove = gr.Button("Retirer de l'index", variant="stop", elem_id="remove")

        def ingest(paths: list[str] | None, request: gr.Request, progress=gr.Progress()):
            try:
                require_trainer(viewer(tutor, request), "ajouter des documents")
            except AccountError as exc:
                return f"❌ {exc}", document_rows(tutor), gr.update(), None
            lines = []
            for done, path in enumerate(paths or [], start=1):
                progress((done - 1, len(paths)), desc=f"Indexation de {Path(path).name}")
                upload = Path(path)

                def show(step, done=done, count=len(paths)) -> None:
                    within = step.passages_done / step.passages_total if step.passages_total else 0.0
                    progress((done - 1 + within) / count, desc=step.line)

                result = tutor.add_upload(upload.name, upload.read_bytes(), on_progress=show)
                for doc_id in result.indexed:
                    lines.append(f"- **Indexé** : {doc_id} ({result.chunks_added} passages)")
                for doc_id, original in result.duplicates:
                    lines.append(f"- **Doublon** : {doc_id} a le même contenu que {original} (indexé une fois)")
                for doc_id in result.unchanged:
                    lines.append(f"- **Déjà indexé, inchangé** : {doc_id}")
                for skipped in result.skipped:
                    lines.append(f"- **Refusé** : {Path(skipped.path).name} : {skipped.reason}")
            rows = document_rows(tutor)
            text = "\n".join(lines) or "Aucun fichier choisi."
            return text, rows, gr.update(choices=[r[0] for r in rows]), None

        def drop(doc_id: str | None, request: gr.Request):
            try:
                require_trainer(viewer(tutor, request), "retirer des documents")
            except AccountError as exc:
                return f"❌ {exc}", document_rows(tutor), gr.update()
            if not doc_id:
                return "Choisissez un document.", document_rows(tutor), gr.update()
            done = tutor.remove(doc_id)
            rows = document_rows(tutor)
            text = f"Retiré : {doc_id}" if done else f"Inconnu de l'index : {doc_id}"
            return text, rows, gr.update(choices=[r[0] for r in rows], value=None)

        add.click(ingest, [files], [report, table, chosen, files], api_name="add_documents")
        remove.click(drop, [chosen], [report, table, chosen], api_name="remove_document")
    return tab


TABS: list[Callable[[Tutor], object]] = [
    build_questions_tab,
    build_documents_tab,
    build_gcode_tab,
    build_calc_tab,
    build_quiz_tab,
    build_progress_tab,
    build_interview_tab,
]
# Tabs shown to trainers only once accounts exist (in the local mode, the documents tab is everyone's).
TRAINER_TABS: list[Callable[[Tutor], object]] = [build_classroom_tab]


def build_app(tutor: Tutor):
    with gr.Blocks(title="Tuteur Usinage", analytics_enabled=False) as demo:
        gr.Markdown("# Tuteur Usinage\nBase de connaissances et tuteur hors ligne — CQPM technicien d'usinage.")
        status = gr.Markdown(elem_id="status")
        who = gr.Markdown(elem_id="who")
        # documents added in another tab count too
        gr.Timer(5).tick(lambda: status_line(tutor), None, status, show_progress="hidden")
        with gr.Tabs():
            built = {build: build(tutor) for build in [*TABS, *TRAINER_TABS]}
        documents, classroom = built[build_documents_tab], built[build_classroom_tab]

        def opened(request: gr.Request):
            """Who is logged in, and the tabs their role opens (each callback checks the role again)."""
            person = viewer(tutor, request)
            line = "" if person.local else f"Connecté : **{person.login}** ({person.role})"
            return (
                status_line(tutor),
                line,
                gr.update(visible=person.local or person.trainer),
                gr.update(visible=person.trainer),
            )

        demo.load(opened, None, [status, who, documents, classroom], show_progress="hidden")
    return demo


def serve_app(
    tutor: Tutor,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    open_browser: bool = False,
    block: bool = True,
):
    """Launch on `host:port`, behind a login page when accounts exist (off this PC without any: AccountError);
    gradio's temporary upload files stay inside the data directory."""
    auth = login_check(tutor) if needs_login(tutor.centre.accounts, host) else None
    temp = tutor.settings.home / "tmp"
    temp.mkdir(parents=True, exist_ok=True)
    os.environ["GRADIO_TEMP_DIR"] = str(temp)
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    tutor.warm_up()
    demo = build_app(tutor)
    demo.queue(default_concurrency_limit=2)
    demo.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        auth_message=LOGIN_MESSAGE if auth else None,
        inbrowser=open_browser,
        share=False,
        max_file_size=f"{tutor.settings.max_file_mb:g}mb",
        prevent_thread_lock=not block,
        quiet=True,
        css=CSS,
        ssr_mode=False,
        allowed_paths=[str(tutor.settings.home)],  # exports, transcripts and dossiers are written there
        app_kwargs={"docs_url": None, "redoc_url": None},
    )
    return demo
