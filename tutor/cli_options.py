"""Argument helpers shared by the `tutor` sub-commands (quiz, interview): parsing and French errors only."""

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


def fail(message: str) -> None:
    """One French line on stderr, exit code 2 (bad input), never a traceback."""
    typer.echo(f"Erreur : {message}", err=True)
    raise typer.Exit(2)
