"""Web app tab "Classe" (trainers): groups, quizzes assigned with a due date, the class dashboard and its exports.

The rules (who may do what) are `tutor.centre.access`; the callbacks below only ask them, call the centre and
format. Every callback checks the viewer itself, so a trainee calling the HTTP API directly is refused too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

# At module level: gradio resolves the `gr.Request` annotations of the callbacks from the module's names.
import gradio as gr

from tutor.centre.access import Viewer, require_account_trainer
from tutor.centre.accounts import AccountError
from tutor.centre.dashboard import class_view, to_csv, to_html
from tutor.documents import CAPACITIES
from tutor.shop.numeric import markdown_escape
from tutor.ui.web.people import viewer
from tutor.ui.web.quiz import DIFFICULTIES, capacity_choices

if TYPE_CHECKING:
    from tutor.facade import Tutor


def parse_due(text: str, today: date) -> date:
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            due = datetime.strptime(text, fmt).date()
            break
        except ValueError:
            continue
    else:
        raise AccountError("date limite attendue au format JJ/MM/AAAA")
    if due < today:
        raise AccountError("la date limite est déjà passée")
    return due


# ---------------------------------------------------------------- trainer actions


def create_group(tutor: Tutor, who: Viewer, name: str) -> str:
    try:
        require_account_trainer(who, "groupes")
        tutor.centre.groups.create(name)
    except AccountError as exc:
        return f"❌ {exc}"
    return f"Groupe « {markdown_escape(' '.join(name.split()))} » créé."


def trainees(tutor: Tutor) -> list[str]:
    return [a.login for a in tutor.centre.accounts.all() if a.role == "apprenant"]


def save_members(tutor: Tutor, who: Viewer, group: str | None, logins: Sequence[str]) -> str:
    """Make the group's members exactly `logins`."""
    try:
        require_account_trainer(who, "groupes")
        if not group:
            raise AccountError("choisissez un groupe")
        groups = tutor.centre.groups
        current = set(groups.members(group))
        for login in sorted(set(logins) - current):
            groups.add_member(group, login)
        for login in sorted(current - set(logins)):
            groups.remove_member(group, login)
    except AccountError as exc:
        return f"❌ {exc}"
    return f"Groupe « {markdown_escape(group)} » : {len(logins)} apprenant(s)."


def assign_quiz(
    tutor: Tutor,
    who: Viewer,
    group: str | None,
    title: str,
    capacities: Sequence[str] | None,
    questions: float,
    difficulty: int | None,
    due_text: str,
    today: date | None = None,
) -> str:
    try:
        require_account_trainer(who, "quiz assignés")
        if not group:
            raise AccountError("choisissez un groupe")
        due = parse_due(due_text, today or date.today())
        seed = int(datetime.now().timestamp() * 1000) % 2**31  # one quiz, the same for the whole group
        assignment = tutor.centre.groups.assign(
            group, title, tuple(c for c in CAPACITIES if c in (capacities or ())), int(questions), due,
            who.login or "", difficulty=difficulty, seed=seed,
        )  # fmt: skip
    except AccountError as exc:
        return f"❌ {exc}"
    return (
        f"Quiz « {markdown_escape(assignment.title)} » assigné au groupe « {markdown_escape(group)} » "
        f"pour le {assignment.due:%d/%m/%Y}."
    )


def dashboard(tutor: Tutor, who: Viewer, group: str | None) -> tuple[str, Path | None, Path | None]:
    """(page HTML, CSV file, printable HTML file); a French line and no files when refused."""
    try:
        require_account_trainer(who, "tableau de bord de la classe")
        if not group:
            raise AccountError("choisissez un groupe")
    except AccountError as exc:
        return f"<p>❌ {exc}</p>", None, None
    view = class_view(tutor.settings.home, tutor.centre.groups, group)
    page = to_html(view, tutor.capacity_titles(), {q.id: q.stem for q in tutor.quiz_bank()})
    folder = tutor.settings.home / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safe = "".join(ch if ch.isalnum() else "-" for ch in group)
    csv_path = folder / f"classe-{safe}-{stamp}.csv"
    csv_path.write_text(to_csv(view), encoding="utf-8-sig")  # with a BOM: a spreadsheet reads the accents right
    html_path = folder / f"classe-{safe}-{stamp}.html"
    html_path.write_text(
        f"<!doctype html><html lang='fr'><meta charset='utf-8'><title>Classe {safe}</title>"
        "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}</style>"
        f"<body>{page}</body></html>",
        encoding="utf-8",
    )
    return page, csv_path, html_path


# ---------------------------------------------------------------- tab


def build_classroom_tab(tutor: Tutor):
    titles = tutor.capacity_titles()
    with gr.Tab("Classe", id="classe", visible=False) as tab:
        gr.Markdown("Groupes d'apprenants, quiz assignés avec une date limite, et la classe d'un coup d'œil.")
        with gr.Row():
            group = gr.Dropdown([], label="Groupe", scale=2, allow_custom_value=True, elem_id="class-group")
            new_group = gr.Textbox(label="Nouveau groupe", scale=2, elem_id="class-new-group")
            create = gr.Button("Créer le groupe", scale=1, elem_id="class-create")
        members = gr.CheckboxGroup([], label="Apprenants du groupe", elem_id="class-members")
        save = gr.Button("Enregistrer les membres", elem_id="class-save-members")
        with gr.Accordion("Assigner un quiz", open=True, elem_id="class-assign"):
            title = gr.Textbox(label="Titre", elem_id="class-quiz-title")
            capacities = gr.CheckboxGroup(capacity_choices(titles), label="Capacités", elem_id="class-capacities")
            with gr.Row():
                count = gr.Slider(3, 30, value=10, step=1, label="Nombre de questions", elem_id="class-count")
                level = gr.Radio(list(DIFFICULTIES), value="Toutes", label="Difficulté", elem_id="class-difficulty")
                due = gr.Textbox(label="À faire pour le (JJ/MM/AAAA)", elem_id="class-due")
            assign = gr.Button("Assigner au groupe", variant="primary", elem_id="class-assign-button")
        report = gr.Markdown(elem_id="class-report")
        show = gr.Button("Tableau de bord du groupe", elem_id="class-show")
        board = gr.HTML(elem_id="class-dashboard")
        with gr.Row():
            csv_file = gr.File(label="Résultats (CSV)", interactive=False, elem_id="class-csv")
            page_file = gr.File(label="Page imprimable", interactive=False, elem_id="class-page")

        def refresh(chosen: str | None, request: gr.Request):
            names = tutor.centre.groups.names() if viewer(tutor, request).trainer else []
            chosen = chosen if chosen in names else (names[0] if names else None)
            current = tutor.centre.groups.members(chosen) if chosen else []
            return gr.update(choices=names, value=chosen), gr.update(choices=trainees(tutor), value=current)

        def make(name: str, request: gr.Request):
            message = create_group(tutor, viewer(tutor, request), name)
            picked = " ".join(name.split()) if not message.startswith("❌") else None
            return (message, *refresh(picked, request))

        def keep(chosen: str | None, logins: list[str], request: gr.Request):
            return save_members(tutor, viewer(tutor, request), chosen, logins or [])

        def give(chosen, text, picked, n, difficulty, day, request: gr.Request):
            who = viewer(tutor, request)
            return assign_quiz(tutor, who, chosen, text, picked, n, DIFFICULTIES.get(difficulty), day)

        def display(chosen: str | None, request: gr.Request):
            page, csv_path, html_path = dashboard(tutor, viewer(tutor, request), chosen)
            return page, (str(csv_path) if csv_path else None), (str(html_path) if html_path else None)

        tab.select(refresh, [group], [group, members])
        group.change(refresh, [group], [group, members])
        create.click(make, [new_group], [report, group, members])
        save.click(keep, [group, members], [report], api_name="save_members")
        assign.click(give, [group, title, capacities, count, level, due], [report], api_name="assign_quiz")
        show.click(display, [group], [board, csv_file, page_file], api_name="class_dashboard")
    return tab
