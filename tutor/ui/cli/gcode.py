"""`tutor gcode check|explain|plot FILE`: read the program, call the checker, the explainer or the plotter, print.

No logic here. The plotting modules are imported by `plot` only: `check` and `explain` stay quick to start."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from tutor.gcode.check import check
from tutor.gcode.codes import DIALECT_NAMES
from tutor.gcode.explain import explain, summary_lines
from tutor.gcode.parse import Finding, Machine, Report

gcode_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Vérifie, explique et dessine un programme CN (ISO / Fanuc, Haas, LinuxCNC, Sinumerik ; fraisage et tournage).",
)

EXIT_ERRORS = 1  # the program has at least one error finding
EXIT_UNREADABLE = 2  # the file could not be read or analysed
SEVERITY_FR = {"error": "erreur", "warning": "avertissement", "info": "info"}
MACHINE_ALIASES: dict[str, Machine] = {"mill": "mill", "fraisage": "mill", "lathe": "lathe", "tour": "lathe"}

FileArg = Annotated[str, typer.Argument(help="Programme CN (.nc, .iso, .mpf...) ou « - » pour l'entrée standard.")]


def _named(table: dict[str, str], unknown: str, expected: str):
    """A typer callback: a French or English name to its key, or a one-line refusal."""

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        key = table.get(value.lower())
        if key is None:
            raise typer.BadParameter(f"{unknown} « {value} » (attendu : {expected})")
        return key

    return check


_check_machine = _named(MACHINE_ALIASES, "machine inconnue", "mill ou lathe")


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
DIALECT_ALIASES = {"iso": "iso", "fanuc": "iso", "haas": "iso", "linuxcnc": "linuxcnc", "ngc": "linuxcnc",
                   "sinumerik": "sinumerik", "siemens": "sinumerik", "heidenhain": "heidenhain"}  # fmt: skip


_check_dialect = _named(DIALECT_ALIASES, "dialecte inconnu", "fanuc, linuxcnc, sinumerik ou heidenhain")


DialectOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--dialect", "-d", callback=_check_dialect,
        help="fanuc (ISO, Haas), linuxcnc, sinumerik ou heidenhain ; défaut : détecté (extension, puis contenu).",
    ),
]  # fmt: skip
RapidOpt = Annotated[
    float, typer.Option("--rapid", callback=_check_rapid, help="Vitesse des déplacements rapides, en mm/min.")
]


def _check_view(value: str) -> str:
    from tutor.gcode.plot import VIEWS

    view = value.lower()
    if view != "auto" and view not in VIEWS:
        raise typer.BadParameter(f"vue inconnue « {value} » (attendu : auto, {', '.join(VIEWS)})")
    return view


def _check_line(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter("le numéro de ligne commence à 1")
    return value


OutputOpt = Annotated[
    str, typer.Option("--output", "-o", help="Fichier à écrire : .png, .svg ou .html (interactif, hors ligne).")
]
ViewOpt = Annotated[
    str,
    typer.Option(
        "--view", callback=_check_view, help="xy, xz, yz, 3d ou profil (tour : Z, X au diamètre) ; défaut : auto."
    ),
]
HighlightOpt = Annotated[
    Optional[int],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option("--highlight", callback=_check_line, help="Ligne du programme à mettre en évidence."),
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
        f"{indent}ligne {finding.line} [{SEVERITY_FR[finding.severity]} · règle {finding.rule}] {finding.code} : "
        f"{finding.message}",
        f"{indent}    conseil : {finding.hint}",
    ]


@gcode_app.command("check")
def check_command(
    file: FileArg,
    machine: MachineOpt = None,
    dialect: DialectOpt = None,
    as_json: JsonOpt = False,
    rapid: RapidOpt = 10_000.0,
) -> None:
    """Vérifie un programme : erreurs, avertissements et informations, ligne par ligne."""
    text, suffix, name = _read(file)
    try:
        report = check(text, machine=machine, dialect=dialect, suffix=suffix, rapid_rate=rapid)  # type: ignore[arg-type]
    except Exception as exc:  # a bug must not show a traceback to the technician
        _fail(f"analyse impossible de {name} (erreur interne : {type(exc).__name__})")
    if as_json:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{name} ({DIALECT_NAMES[report.summary.dialect]}) : {_count(report)}")
        for finding in report.findings:
            typer.echo("\n".join(_finding_lines(finding)))
    if report.has_errors:
        raise typer.Exit(EXIT_ERRORS)


@gcode_app.command("explain")
def explain_command(
    file: FileArg,
    machine: MachineOpt = None,
    dialect: DialectOpt = None,
    as_json: JsonOpt = False,
    rapid: RapidOpt = 10_000.0,
) -> None:
    """Explique chaque bloc en français, avec les constats et un résumé (outils, trajet, temps de cycle)."""
    text, suffix, name = _read(file)
    try:
        result = explain(text, machine=machine, dialect=dialect, suffix=suffix, rapid_rate=rapid)  # type: ignore[arg-type]
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


@gcode_app.command("plot")
def plot_command(
    file: FileArg,
    output: OutputOpt,
    view: ViewOpt = "auto",
    machine: MachineOpt = None,
    dialect: DialectOpt = None,
    highlight: HighlightOpt = None,
) -> None:
    """Dessine la trajectoire d'outil (rapides en pointillés, une couleur par outil, constats marqués)."""
    from tutor.gcode.plot import FORMATS, VIEW_TITLES, PlotError, save_plot
    from tutor.gcode.toolpath import checked_toolpath

    target = Path(output)
    if target.suffix.lower() not in FORMATS:
        _fail(f"format de sortie inconnu « {target.suffix or target.name} » (attendu : .png, .svg ou .html)")
    text, suffix, name = _read(file)
    try:
        report, toolpath = checked_toolpath(text, machine, dialect=dialect, suffix=suffix)  # type: ignore[arg-type]
    except Exception as exc:  # a bug must not show a traceback to the technician
        _fail(f"analyse impossible de {name} (erreur interne : {type(exc).__name__})")
    if not len(toolpath):
        _fail(f"aucun déplacement à tracer dans {name}")
    try:
        drawn = save_plot(
            toolpath, target, view=view, findings=report.findings, highlight=highlight, name=Path(name).name
        )
    except PlotError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"écriture impossible : {output} ({exc.strerror or exc})")
    typer.echo(
        f"Tracé écrit : {output} ({VIEW_TITLES[drawn]}, {len(toolpath)} déplacement(s) ; "
        f"{report.count('error')} erreur(s), {report.count('warning')} avertissement(s) marqué(s))"
    )
    if highlight is not None and not len(toolpath.at_line(highlight)):
        typer.echo(f"Attention : la ligne {highlight} n'a aucun déplacement tracé.", err=True)
