"""`tutor gcode check|explain FILE`: read the program, call the checker or the explainer, print. No logic here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from tutor.gcode.check import check
from tutor.gcode.explain import explain, summary_lines
from tutor.gcode.parse import Finding, Machine, Report

gcode_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Vérifie et explique un programme CN (ISO / Fanuc en fraisage et tournage, Siemens Sinumerik).",
)

EXIT_ERRORS = 1  # the program has at least one error finding
EXIT_UNREADABLE = 2  # the file could not be read or analysed
SEVERITY_FR = {"error": "erreur", "warning": "avertissement", "info": "info"}
MACHINE_ALIASES: dict[str, Machine] = {"mill": "mill", "fraisage": "mill", "lathe": "lathe", "tour": "lathe"}

FileArg = Annotated[str, typer.Argument(help="Programme CN (.nc, .iso, .mpf...) ou « - » pour l'entrée standard.")]


def _check_machine(value: str | None) -> str | None:
    if value is None:
        return None
    machine = MACHINE_ALIASES.get(value.lower())
    if machine is None:
        raise typer.BadParameter(f"machine inconnue « {value} » (attendu : mill ou lathe)")
    return machine


def _check_rapid(value: float) -> float:
    if not value > 0:
        raise typer.BadParameter("la vitesse rapide doit être positive (mm/min)")
    return value


MachineOpt = Annotated[
    Optional[str],
    typer.Option(
        "--machine", "-m", callback=_check_machine, help="mill (fraisage) ou lathe (tour) ; défaut : détecté."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Sortie JSON stable : findings et summary.")]
RapidOpt = Annotated[
    float, typer.Option("--rapid", callback=_check_rapid, help="Vitesse des déplacements rapides, en mm/min.")
]


def _fail(message: str) -> None:
    typer.echo(f"Erreur : {message}", err=True)
    raise typer.Exit(EXIT_UNREADABLE)


def _read(file: str) -> tuple[str, str, str]:
    """(text, suffix, name to show); any reading problem ends in a one-line French message."""
    if file == "-":
        stream = sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode()
        name, suffix = "entrée standard", ""
    else:
        path = Path(file)
        name, suffix = file, path.suffix
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            _fail(f"fichier introuvable : {file}")
        except IsADirectoryError:
            _fail(f"{file} est un dossier, pas un programme")
        except PermissionError:
            _fail(f"lecture refusée : {file}")
        except OSError as exc:
            _fail(f"fichier illisible : {file} ({exc.strerror or exc})")
    if b"\x00" in data[:8192]:
        _fail(f"{name} est un fichier binaire, pas un programme CN en texte")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # old controls write ISO 8859-1: every byte decodes
    return text, suffix, name


def _count(report: Report) -> str:
    return (
        f"{report.count('error')} erreur(s), {report.count('warning')} avertissement(s), "
        f"{report.count('info')} information(s)"
    )


def _finding_lines(finding: Finding, indent: str = "") -> list[str]:
    return [
        f"{indent}ligne {finding.line} [{SEVERITY_FR[finding.severity]}] {finding.code} : {finding.message}",
        f"{indent}    conseil : {finding.hint}",
    ]


@gcode_app.command("check")
def check_command(
    file: FileArg, machine: MachineOpt = None, as_json: JsonOpt = False, rapid: RapidOpt = 10_000.0
) -> None:
    """Vérifie un programme : erreurs, avertissements et informations, ligne par ligne."""
    text, suffix, name = _read(file)
    try:
        report = check(text, machine=machine, suffix=suffix, rapid_rate=rapid)  # type: ignore[arg-type]
    except Exception as exc:  # a bug must not show a traceback to the technician
        _fail(f"analyse impossible de {name} (erreur interne : {type(exc).__name__})")
    if as_json:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{name} : {_count(report)}")
        for finding in report.findings:
            typer.echo("\n".join(_finding_lines(finding)))
    if report.has_errors:
        raise typer.Exit(EXIT_ERRORS)


@gcode_app.command("explain")
def explain_command(
    file: FileArg, machine: MachineOpt = None, as_json: JsonOpt = False, rapid: RapidOpt = 10_000.0
) -> None:
    """Explique chaque bloc en français, avec les constats et un résumé (outils, trajet, temps de cycle)."""
    text, suffix, name = _read(file)
    try:
        result = explain(text, machine=machine, suffix=suffix, rapid_rate=rapid)  # type: ignore[arg-type]
    except Exception as exc:  # a bug must not show a traceback to the technician
        _fail(f"analyse impossible de {name} (erreur interne : {type(exc).__name__})")
    report = result.report
    if as_json:
        payload = report.as_json()
        payload["lines"] = [
            {"line": line.line, "text": line.text, "explanation": line.explanation} for line in result.lines
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for line in result.lines:
            typer.echo(f"{line.line:>5}  {line.text}")
            if line.explanation and not line.explanation.startswith(("Commentaire", "Début ou fin de bande")):
                typer.echo(f"       → {line.explanation}")
            for finding in line.findings:
                typer.echo("\n".join(_finding_lines(finding, "       ")))
        typer.echo("")
        typer.echo(f"Constats : {_count(report)}")
        typer.echo("\n".join(summary_lines(report.summary)))
    if report.has_errors:
        raise typer.Exit(EXIT_ERRORS)
