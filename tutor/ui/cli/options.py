"""Helpers shared by the `tutor` commands: options, French one-line errors, and the tutor opened from the settings.

They live here, below every command module, so that no command group takes them back from `main`."""

from __future__ import annotations

import re
from typing import Annotated, Optional

import typer

from tutor.documents import CAPACITIES

Capacities = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option("--capacity", "-c", help="C1 à C7 (plusieurs : -c C1,C2)."),
]


def parse_capacities(values: list[str] | None) -> list[str]:
    """`-c C3`, `-c C1 -c C2` or `-c C1,C2`, in order, without repeats."""
    found = [part.upper() for value in values or [] for part in re.split(r"[,\s]+", value) if part]
    unknown = [c for c in found if c not in CAPACITIES]
    if unknown or not found:
        raise typer.BadParameter(
            f"capacité inconnue ou absente {unknown or ''} (attendu : {', '.join(CAPACITIES)})", param_hint="--capacity"
        )
    return list(dict.fromkeys(found))


def fail(message: str, code: int = 2) -> None:
    """One French line on stderr, never a traceback; exit code 2 for bad input, 1 for a set-up problem."""
    typer.echo(f"Erreur : {message}", err=True)
    raise typer.Exit(code)


def settings_or_fail():
    from pydantic import ValidationError

    from tutor.settings import load_settings

    try:
        return load_settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        fail(f"réglage invalide « {'.'.join(map(str, first['loc']))} » : {first['msg']}", 1)


BACKENDS = ("auto", "ollama", "embedded", "openai", "none")


def check_backend(value: str | None) -> str | None:
    if value is not None and value not in BACKENDS:
        raise typer.BadParameter(f"moteur inconnu « {value} » (attendu : {', '.join(BACKENDS)})")
    return value


BackendOption = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option("--backend", "-b", callback=check_backend, help="auto, ollama, embedded, openai ou none."),
]


def open_tutor(rebuild: bool = False, backend: str | None = None):
    """The tutor wired from the settings, or one French line and exit code 1 (model or index missing)."""
    from tutor.facade import ModelMissing, Tutor
    from tutor.knowledge.store import IndexMismatch, StoreUnavailable

    try:
        return Tutor.from_settings(settings_or_fail(), rebuild=rebuild, backend=backend)
    except (ModelMissing, IndexMismatch, StoreUnavailable, FileNotFoundError) as exc:
        fail(str(exc), 1)
