"""`tutor quiz`: take a quiz in the terminal, or build one for Moodle / paper (`tutor quiz build`)."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from tutor.ui.cli.options import Capacities, fail, open_tutor, parse_capacities

quiz_app = typer.Typer(
    add_completion=False,
    help="Quiz d'entraînement par capacité (C1 à C7) : passer un quiz, ou le construire pour Moodle ou papier.",
)

FORMATS = {".gift": "gift", ".xml": "xml", ".md": "md", ".csv": "csv", ".json": "json"}
LETTERS = "ABCDEFGH"


def _tutor(backend: str | None):
    return open_tutor(backend=backend)


def _show(number: int, total: int, question, rng: random.Random) -> list[str]:
    """Print a question; returns the right-hand items of a matching question in the order shown."""
    level = "★" * question.difficulty
    typer.echo(f"\nQuestion {number}/{total} — {question.capacity} {level} ({question.origin})")
    typer.echo(question.stem)
    shown: list[str] = []
    match question.kind:
        case "single" | "multiple":
            for index, option in enumerate(question.options):
                typer.echo(f"  {LETTERS[index]}. {option}")
            if question.kind == "multiple":
                typer.echo("  (plusieurs réponses possibles : par exemple « A, C »)")
        case "truefalse":
            typer.echo("  Vrai ou faux ? (v / f)")
        case "numeric":
            typer.echo(f"  Réponse en {question.unit}" if question.unit else "  Réponse : un nombre")
        case "matching":
            shown = [right for _, right in question.pairs]
            rng.shuffle(shown)
            for index, (left, _) in enumerate(question.pairs, start=1):
                typer.echo(f"  {index}. {left}")
            for index, right in enumerate(shown):
                typer.echo(f"     {LETTERS[index]}. {right}")
            typer.echo("  Associez, par exemple « 1B 2A 3C »")
    return shown


def _response(question, typed: str, shown: list[str]) -> object:
    if question.kind != "matching":
        return typed
    pairs = dict(re.findall(r"(\d+)\s*[-:]?\s*([A-Ha-h])", typed))
    return [
        shown[LETTERS.index(pairs[str(i)].upper())]
        if str(i) in pairs and LETTERS.index(pairs[str(i)].upper()) < len(shown)
        else ""
        for i in range(1, len(question.pairs) + 1)
    ]


@quiz_app.callback(invoke_without_command=True)
def take(
    ctx: typer.Context,
    capacity: Capacities = None,
    n: Annotated[int, typer.Option("-n", min=1, max=100, help="Nombre de questions.")] = 10,
    difficulty: Annotated[Optional[int], typer.Option("--difficulty", "-d", min=1, max=3, help="1 à 3.")] = None,
    learner: Annotated[str, typer.Option("--learner", "-l", help="Votre nom : la progression est enregistrée.")] = "",
    backend: Annotated[Optional[str], typer.Option("--backend", "-b", help="auto, ollama, embedded, none...")] = None,
    seed: Annotated[Optional[int], typer.Option("--seed", help="Tirage reproductible.")] = None,
) -> None:
    """Passe un quiz dans le terminal : correction immédiate, explication et source, score par capacité."""
    if ctx.invoked_subcommand:
        return
    capacities = parse_capacities(capacity)
    tutor = _tutor(backend)
    typer.echo("Préparation du quiz…", err=True)
    quiz, _ = tutor.build_quiz(capacities, n, difficulty, learner=learner or None, seed=seed)
    for note in quiz.notes:
        typer.echo(f"Note : {note}")
    rng = random.Random(seed)
    grades = []
    for number, question in enumerate(quiz.questions, start=1):
        shown = _show(number, len(quiz.questions), question, rng)
        typed = typer.prompt("Votre réponse", default="", show_default=False)
        grade = tutor.record_answer(learner, question, _response(question, typed, shown))
        grades.append(grade)
        typer.echo(("✔ " if grade.correct else "✘ ") + grade.feedback)
        if question.source is not None:
            typer.echo(f"  Source : {question.source.label}")
    typer.echo("\nScore par capacité :")
    for cap, (points, count) in quiz.scores(grades).items():
        typer.echo(f"  {cap} : {points:g} / {count}")
    total = sum(g.score for g in grades)
    typer.echo(f"Total : {total:g} / {len(grades)}")


@quiz_app.command("build")
def build(
    more: Annotated[Optional[list[str]], typer.Argument(help="Autres capacités (après -c C1 : C2 C3…).")] = None,
    capacity: Annotated[Optional[list[str]], typer.Option("--capacity", "-c", help="C1 à C7.")] = None,
    n: Annotated[int, typer.Option("-n", min=1, max=500, help="Nombre de questions.")] = 20,
    difficulty: Annotated[Optional[int], typer.Option("--difficulty", "-d", min=1, max=3)] = None,
    backend: Annotated[
        Optional[str], typer.Option("--backend", "-b", help="none : banque et calculs seulement.")
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="quiz.gift, quiz.xml, quiz.md, quiz.csv ou quiz.json")
    ] = Path("quiz.gift"),
    seed: Annotated[Optional[int], typer.Option("--seed", help="Tirage reproductible.")] = None,
) -> None:
    """Construit un quiz relu pour Moodle (GIFT, XML), le papier (Markdown avec corrigé), CSV ou JSON."""
    from tutor.learning.quiz.bank import QuizError

    capacities = parse_capacities([*(capacity or []), *(more or [])])
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        fail(f"extension « {out.suffix} » inconnue (attendu : {', '.join(FORMATS)})")
    tutor = _tutor(backend)

    def progress(generation) -> None:
        typer.echo(f"  génération : {len(generation.kept)} gardée(s) sur {generation.tried}", err=True)

    try:
        quiz, generation = tutor.build_quiz(capacities, n, difficulty, seed=seed, on_item=progress)
        text = tutor.export_quiz(quiz.questions, fmt, quiz.notes)
    except QuizError as exc:
        fail(str(exc))
    out.write_text(text, encoding="utf-8")
    origins: dict[str, int] = {}
    for question in quiz.questions:
        origins[question.origin] = origins.get(question.origin, 0) + 1
    typer.echo(
        f"{len(quiz.questions)} questions écrites dans {out} ("
        + ", ".join(f"{origin} {count}" for origin, count in sorted(origins.items()))
        + ")"
    )
    for note in quiz.notes:
        typer.echo(f"Note : {note}")
    if generation is not None:
        for line in generation.log:
            if "rejetée" in line:
                typer.echo(f"  {line}", err=True)
