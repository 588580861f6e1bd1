"""Web app tab "Entretien VAE": the practice interview and the "dossier de preuves" form.

The interview in progress is one `Interview` kept in a `gr.State`; the callbacks only call the façade and the pure
functions below (what the tests exercise). With accounts, transcripts are filed under the logged-in trainee.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# At module level: gradio resolves the `gr.Request` annotations of the callbacks from the module's names.
import gradio as gr

from tutor.learning.dossier import FIELD_LABELS, PRACTICE_NOTICE, SituationForm, dossier_markdown
from tutor.learning.framework import FrameworkError
from tutor.learning.interview import Interview, feedback_markdown, to_markdown
from tutor.ui.web.people import learner, viewer

if TYPE_CHECKING:
    from tutor.facade import Tutor

SITUATION_TYPES = [".md", ".txt"]
MAX_SITUATIONS_CHARS = 20_000  # a dossier excerpt, not a book: the model's context is small
NO_BLOC = "—"
INTRO = (
    "Entraînez-vous à l'entretien de VAE : le tuteur joue la commission, vous interroge sur vos situations "
    "professionnelles et creuse vos réponses (choix, raisons, imprévus, sécurité, qualité), en 5 à 8 échanges. "
    "À la fin : un retour par capacité et une grille d'auto-évaluation."
)
Messages = list[dict]


def capacity_choices(titles: Mapping[str, str]) -> list[str]:
    return [f"{cid} — {title}" for cid, title in titles.items()]


def capacity_ids(choices: Sequence[str] | None) -> list[str]:
    return [choice.split(" ")[0] for choice in choices or []]


def bloc_selection(blocs: Mapping[str, Sequence[str]], titles: Mapping[str, str], bloc: str | None) -> list[str]:
    """The capacity choices of a bloc, to tick them all at once."""
    wanted = set(blocs.get(bloc or "", ()))
    return [choice for choice in capacity_choices(titles) if choice.split(" ")[0] in wanted]


def read_situations(path: str | None) -> tuple[str, str]:
    """(text, message) of an uploaded .md / .txt; a problem leaves the text empty and says why."""
    if not path:
        return "", ""
    upload = Path(path)
    if upload.suffix.lower() not in SITUATION_TYPES:
        return "", f"❌ {upload.name} : seuls les fichiers .md et .txt sont acceptés."
    try:
        data = upload.read_bytes()
    except OSError as exc:
        return "", f"❌ Fichier illisible : {upload.name} ({exc.strerror or type(exc).__name__})."
    if b"\x00" in data[:4096]:
        return "", f"❌ {upload.name} n'est pas un fichier texte."
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    cut = len(text) > MAX_SITUATIONS_CHARS
    note = f" (tronqué aux {MAX_SITUATIONS_CHARS} premiers caractères)" if cut else ""
    return text[:MAX_SITUATIONS_CHARS], f"Situations chargées depuis {upload.name}{note}."


def start_session(
    tutor: Tutor, choices: Sequence[str] | None, situations: str, learner: str
) -> tuple[Interview | None, Messages, str]:
    """A new interview and its opening question, or None and the French reason."""
    ids = capacity_ids(choices)
    if not ids:
        return None, [], "Choisissez au moins une capacité (ou un bloc)."
    try:
        interview = tutor.start_interview(ids, situations or "", learner or "")
    except (FrameworkError, KeyError, ValueError) as exc:
        return None, [], f"❌ Entretien impossible : {exc}"
    jury = f"modèle {interview.chat.model}" if interview.chat is not None else "questions du référentiel (sans modèle)"
    status = f"Entretien sur {', '.join(ids)} — {interview.planned} échanges — jury simulé : {jury}."
    return interview, [{"role": "assistant", "content": interview.start()}], status


def progress_line(interview: Interview) -> str:
    if interview.done:
        return "Entretien terminé : cliquez sur « Terminer et voir le retour »."
    return f"Échange {len(interview.exchanges) + 1} sur {interview.planned}."


def answer_session(interview: Interview | None, text: str, messages: Messages) -> Iterator[tuple[Messages, str]]:
    """Show the answer at once, then the jury's next question (the model may take a few seconds)."""
    if interview is None:
        yield messages, "Cliquez d'abord sur « Commencer »."
        return
    if interview.done:
        yield messages, progress_line(interview)
        return
    if not text.strip():
        yield messages, "Écrivez votre réponse avant d'envoyer."
        return
    shown = [*messages, {"role": "user", "content": text.strip()}]
    yield shown, "Le jury prépare sa question…"
    question = interview.answer(text)
    if question is not None:
        shown = [*shown, {"role": "assistant", "content": question}]
    notes = "".join(f"\n\n_{note}_" for note in dict.fromkeys(interview.notes))
    yield shown, progress_line(interview) + notes


def finish_session(tutor: Tutor, interview: Interview | None) -> tuple[str, Path | None]:
    """Feedback Markdown, and the transcript saved (JSON + a Markdown copy to download)."""
    if interview is None:
        return "Aucun entretien en cours.", None
    interview.stop()
    transcript = interview.transcript()
    saved = tutor.save_transcript(transcript)
    markdown_path = saved.with_suffix(".md")
    markdown_path.write_text(to_markdown(transcript), encoding="utf-8")
    notes = "".join(f"- {note}\n" for note in dict.fromkeys(interview.notes))
    text = feedback_markdown(transcript.feedback)
    if notes:
        text += "\n**Notes**\n\n" + notes
    return text + f"\nTranscription enregistrée : `{saved}`", markdown_path


def dossier_view(tutor: Tutor, choice: str | None, title: str, *values: str) -> tuple[str, Path | None]:
    """The situation as structured Markdown with the points it shows; written to a file to download."""
    ids = capacity_ids([choice] if choice else [])
    if not ids:
        return "Choisissez la capacité visée.", None
    if not any(v.strip() for v in values):
        return "Remplissez au moins une rubrique.", None
    form = SituationForm(**dict(zip(FIELD_LABELS, values, strict=True)), title=title or "")
    try:
        check = tutor.check_situation(ids[0], form)
    except (FrameworkError, KeyError) as exc:
        return f"❌ Analyse impossible : {exc}", None
    markdown = dossier_markdown([check])
    folder = tutor.settings.home / "dossiers"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"situation-{check.capacity}.md"
    path.write_text(markdown, encoding="utf-8")
    return markdown, path


def build_interview_tab(tutor: Tutor) -> None:
    titles, blocs = tutor.capacity_titles(), tutor.vae_blocs()
    choices = capacity_choices(titles)
    with gr.Tab("Entretien VAE", id="interview") as tab:
        gr.Markdown(f"{INTRO}\n\n> {PRACTICE_NOTICE}")
        with gr.Row():
            bloc = gr.Dropdown([NO_BLOC, *blocs], value=NO_BLOC, label="Bloc", scale=1, elem_id="iv-bloc")
            capacities = gr.CheckboxGroup(choices, label="Capacités", scale=3, elem_id="iv-capacities")
        with gr.Row():
            situations = gr.Textbox(
                lines=4,
                label="Vos situations professionnelles (facultatif)",
                placeholder="Collez ici les situations de votre dossier : le jury s'en servira.",
                scale=3,
                elem_id="iv-situations",
            )
            upload = gr.File(
                label="… ou un fichier .md / .txt", file_types=SITUATION_TYPES, scale=1, elem_id="iv-upload"
            )
        name_box = gr.Textbox(
            label="Votre nom (facultatif)", placeholder="La transcription est rangée à ce nom", elem_id="iv-learner"
        )
        start = gr.Button("Commencer", variant="primary", elem_id="iv-start")
        status = gr.Markdown(elem_id="iv-status")
        chat = gr.Chatbot(label="Entretien", height=380, elem_id="iv-chat")
        answer = gr.Textbox(label="Votre réponse", lines=3, elem_id="iv-answer")
        with gr.Row():
            send = gr.Button("Répondre", variant="primary", elem_id="iv-send")
            finish = gr.Button("Terminer et voir le retour", elem_id="iv-finish")
        feedback = gr.Markdown(elem_id="iv-feedback")
        download = gr.DownloadButton("Télécharger la transcription (Markdown)", visible=False, elem_id="iv-download")
        state = gr.State(None)

        with gr.Accordion("Dossier de preuves", open=False, elem_id="dossier"):
            gr.Markdown(
                "Décrivez une situation vécue en cinq rubriques : le tuteur la met en forme et repère les points "
                "de la capacité qu'elle montre (et ceux qui manquent). Export en Markdown."
            )
            d_capacity = gr.Dropdown(choices, label="Capacité visée", elem_id="dossier-capacity")
            d_title = gr.Textbox(label="Titre de la situation (facultatif)", elem_id="dossier-title")
            d_fields = [
                gr.Textbox(label=label, lines=3, elem_id=f"dossier-{name}") for name, label in FIELD_LABELS.items()
            ]
            d_check = gr.Button("Mettre en forme et repérer les points", variant="primary", elem_id="dossier-check")
            d_result = gr.Markdown(elem_id="dossier-output")
            d_download = gr.DownloadButton(
                "Télécharger la situation (Markdown)", visible=False, elem_id="dossier-download"
            )

        def pick_bloc(label: str | None):
            return gr.update(value=bloc_selection(blocs, titles, label)) if label and label != NO_BLOC else gr.update()

        def load_file(path: str | None):
            text, message = read_situations(path)
            return (gr.update(value=text) if text else gr.update()), message

        def begin(picked, text, name, request: gr.Request):
            interview, messages, line = start_session(tutor, picked, text, learner(tutor, request, name))
            return interview, messages, line, "", "", gr.update(value=None, visible=False)

        def reply(text, messages, interview):
            for shown, line in answer_session(interview, text or "", messages or []):
                yield shown, line, ""

        def end(interview):
            text, path = finish_session(tutor, interview)
            return text, gr.update(value=str(path) if path else None, visible=path is not None)

        def structure(choice, title, *values):
            text, path = dossier_view(tutor, choice, title, *values)
            return text, gr.update(value=str(path) if path else None, visible=path is not None)

        bloc.change(pick_bloc, [bloc], [capacities])
        upload.change(load_file, [upload], [situations, status])

        def opened(request: gr.Request):  # with an account, the transcript is filed under the login
            return gr.update(visible=viewer(tutor, request).local)

        tab.select(opened, None, [name_box])
        start.click(begin, [capacities, situations, name_box], [state, chat, status, feedback, answer, download])
        send.click(reply, [answer, chat, state], [chat, status, answer])
        answer.submit(reply, [answer, chat, state], [chat, status, answer])
        finish.click(end, [state], [feedback, download])
        d_check.click(structure, [d_capacity, d_title, *d_fields], [d_result, d_download])
