"""`tutor interview`: rehearse the VAE interview in the terminal, and write a dossier situation (`... dossier`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from tutor.ui.cli.options import Capacities, fail, open_tutor, parse_capacities

interview_app = typer.Typer(
    add_completion=False,
    help="Entraînement à l'entretien de VAE (le tuteur joue le jury) et aide au dossier de preuves.",
)

HOW_TO_ANSWER = (
    "Répondez sur une ou plusieurs lignes, puis validez par une ligne vide. "
    "Deux lignes vides de suite, sans rien écrire : fin de l'entretien."
)


def _tutor(backend: str | None):
    return open_tutor(backend=backend)


def read_answer() -> str | None:
    """Lines up to an empty line; None when two empty lines come before any text, or at end of input."""
    stdin = typer.get_text_stream("stdin")
    lines: list[str] = []
    blanks = 0
    while True:
        line = stdin.readline()
        if not line:  # end of input
            return "\n".join(lines) if lines else None
        line = line.rstrip("\n")
        if line.strip():
            lines.append(line)
            continue
        if lines:
            return "\n".join(lines)
        blanks += 1
        if blanks >= 2:
            return None


@interview_app.callback(invoke_without_command=True)
def rehearse(
    ctx: typer.Context,
    capacity: Capacities = None,
    learner: Annotated[
        str, typer.Option("--learner", "-l", help="Votre nom : la transcription est rangée à ce nom.")
    ] = "",
    situations: Annotated[
        Optional[Path], typer.Option("--situations", "-s", help="Fichier texte ou Markdown : vos situations.")
    ] = None,
    exchanges: Annotated[int, typer.Option("--exchanges", "-n", min=5, max=8, help="Nombre d'échanges (5 à 8).")] = 6,
    backend: Annotated[Optional[str], typer.Option("--backend", "-b", help="auto, ollama, embedded, none...")] = None,
    out: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Écrit aussi la transcription en Markdown.")
    ] = None,
) -> None:
    """Simule l'entretien avec la commission : questions, relances, puis retour par capacité (jamais un verdict)."""
    if ctx.invoked_subcommand:
        return
    from tutor.learning.framework import FrameworkError
    from tutor.learning.interview import to_markdown

    capacities = parse_capacities(capacity)
    text = ""
    if situations is not None:
        try:
            text = situations.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"fichier de situations illisible : {situations} ({type(exc).__name__})")
    tutor = _tutor(backend)
    try:
        interview = tutor.start_interview(capacities, text, learner, exchanges=exchanges)
    except FrameworkError as exc:
        fail(str(exc))
    jury = f"modèle {tutor.answerer.chat.model}" if interview.chat is not None else "questions du référentiel"
    typer.echo(f"Entretien d'entraînement — {', '.join(capacities)} — jury simulé : {jury}")
    typer.echo(HOW_TO_ANSWER)
    question: str | None = interview.start()
    while question is not None:
        typer.echo(f"\nJury ({len(interview.exchanges) + 1}/{interview.planned}) : {question}")
        answer = read_answer()
        if answer is None:
            interview.stop()
            typer.echo("\nEntretien arrêté à votre demande.")
            break
        if interview.chat is not None:
            typer.echo("…", err=True)
        question = interview.answer(answer)
    typer.echo("\nPréparation du retour…", err=True)
    transcript = interview.transcript()
    for note in interview.notes:
        typer.echo(f"Note : {note}")
    markdown = to_markdown(transcript)
    typer.echo("\n" + markdown.split("## Retour d'entraînement", 1)[1].strip())
    path = tutor.save_transcript(transcript)
    typer.echo(f"\nTranscription enregistrée : {path}")
    if out is not None:
        out.write_text(markdown, encoding="utf-8")
        typer.echo(f"Transcription Markdown : {out}")


@interview_app.command("dossier")
def dossier(
    capacity: Annotated[str, typer.Option("--capacity", "-c", help="La capacité visée, C1 à C7.")],
    learner: Annotated[str, typer.Option("--learner", "-l", help="Votre nom, en tête du dossier.")] = "",
    backend: Annotated[Optional[str], typer.Option("--backend", "-b", help="auto, ollama, embedded, none...")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Écrit le dossier en Markdown.")] = None,
) -> None:
    """Décrit une situation professionnelle en cinq rubriques et repère les points de la capacité qu'elle montre."""
    from tutor.learning.dossier import FIELD_LABELS, SituationForm, dossier_markdown
    from tutor.learning.framework import FrameworkError

    capacity_id = parse_capacities([capacity])[0]
    tutor = _tutor(backend)
    typer.echo(f"Situation pour {capacity_id} : une ligne par rubrique (Entrée pour laisser vide).")
    title = typer.prompt("Titre de la situation", default="", show_default=False)
    values = {name: typer.prompt(label, default="", show_default=False) for name, label in FIELD_LABELS.items()}
    try:
        check = tutor.check_situation(capacity_id, SituationForm(**values, title=title))
    except FrameworkError as exc:
        fail(str(exc))
    markdown = dossier_markdown([check], learner)
    if out is not None:
        out.write_text(markdown, encoding="utf-8")
        typer.echo(f"Dossier écrit : {out}")
    typer.echo("\n" + markdown)
