"""Web app tab "Progression": mastery per capacity and the questions missed, read through the façade."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

# At module level: gradio resolves the `gr.Request` annotations of the callbacks from the module's names.
import gradio as gr

from tutor.learning.progress import Mastery, Missed
from tutor.shop.numeric import markdown_escape
from tutor.ui.web.people import learner, viewer
from tutor.ui.web.quiz import percent

if TYPE_CHECKING:
    import pandas as pd

    from tutor.facade import Tutor


def mastery_frame(mastery: Mapping[str, Mastery]) -> pd.DataFrame:
    import pandas as pd

    ordered = sorted(mastery.items())
    return pd.DataFrame(
        {"capacité": [c for c, _ in ordered], "maîtrise %": [round(m.share * 100, 1) for _, m in ordered]}
    )


def mastery_markdown(mastery: Mapping[str, Mastery], titles: Mapping[str, str] = {}) -> str:
    rows = [
        f"| {markdown_escape(f'{c} — {titles[c]}' if titles.get(c) else c)} | {m.answered} | {m.correct} | "
        f"{percent(m.share)} |"
        for c, m in sorted(mastery.items())
    ]
    return "| Capacité | Réponses | Justes | Maîtrise |\n|---|---:|---:|---:|\n" + "\n".join(rows)


def missed_markdown(missed: Sequence[Missed], stems: Mapping[str, str] = {}) -> str:
    if not missed:
        return "Aucune question manquée."
    rows = [
        f"| {markdown_escape(m.question)} | {m.capacity} | {markdown_escape(stems.get(m.question, ''))} | "
        f"{m.missed} | {m.answered} |"
        for m in missed
    ]
    return (
        "### Questions les plus souvent manquées\n\n"
        "| Question | Capacité | Énoncé | Manquée | Répondue |\n|---|---|---|---:|---:|\n" + "\n".join(rows)
    )


def progress_view(tutor: Tutor, learner: str | None) -> tuple[pd.DataFrame | None, str, str]:
    """(chart frame, mastery table, missed questions) for one learner; a French line when there is nothing."""
    name = (learner or "").strip()
    if not name:
        return None, "Indiquez le nom de l'apprenant.", ""
    mastery, missed = tutor.mastery(name)
    if not mastery:
        return None, f"Aucune réponse enregistrée pour « {markdown_escape(name)} ».", ""
    stems = {q.id: q.stem for q in tutor.quiz_bank()}  # calculated exercises keep their id only
    return mastery_frame(mastery), mastery_markdown(mastery, tutor.capacity_titles()), missed_markdown(missed, stems)


# ---------------------------------------------------------------- tabs


def build_progress_tab(tutor: Tutor) -> None:
    with gr.Tab("Progression", id="progression") as tab:
        gr.Markdown(
            "Maîtrise par capacité d'après les réponses enregistrées ; les questions manquées reviennent en premier "
            "au quiz suivant."
        )
        with gr.Row():
            name_box = gr.Textbox(label="Nom de l'apprenant", scale=3, elem_id="progress-learner")
            show = gr.Button("Afficher", variant="primary", scale=1, elem_id="progress-show")
        plot = gr.BarPlot(
            x="capacité", y="maîtrise %", y_lim=[0, 100], label="Maîtrise par capacité", elem_id="progress-plot"
        )
        table = gr.Markdown(elem_id="progress-table")
        missed = gr.Markdown(elem_id="progress-missed")

        def display(name: str, request: gr.Request):
            frame, mastery, missed_questions = progress_view(tutor, learner(tutor, request, name))
            return gr.BarPlot(value=frame), mastery, missed_questions

        def opened(request: gr.Request):  # a trainee sees their own progress at once, and no one else's
            who = viewer(tutor, request)
            if who.local or who.trainer:
                return gr.update(visible=True), gr.update(), gr.update(), gr.update()
            return gr.update(visible=False), *display("", request)

        tab.select(opened, None, [name_box, plot, table, missed])
        show.click(display, [name_box], [plot, table, missed], api_name="progress")
        name_box.submit(display, [name_box], [plot, table, missed])
