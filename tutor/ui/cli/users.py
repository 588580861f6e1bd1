"""`tutor users add|list|remove|passwd`: the centre's accounts. No logic here: `tutor.centre.accounts` decides."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from tutor.ui.cli.options import fail, settings_or_fail

users_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Comptes du centre de formation (rôles formateur et apprenant) pour l'application web.",
)

PasswordFile = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option("--password-file", help="Fichier dont la première ligne est le mot de passe (sinon il est demandé)."),
]


def _accounts():
    from tutor.centre.centre import Centre

    return Centre.from_settings(settings_or_fail()).accounts


def _password(path: Path | None) -> str:
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"fichier de mot de passe illisible ({path}) : {exc.__class__.__name__}")
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        fail("pas de terminal pour saisir le mot de passe : utilisez --password-file")
    return typer.prompt("Mot de passe", hide_input=True, confirmation_prompt="Encore une fois")


@users_app.command("add")
def add(
    login: Annotated[str, typer.Argument(help="Identifiant (minuscules, chiffres, . _ -).")],
    role: Annotated[str, typer.Option("--role", help="formateur ou apprenant.")],
    password_file: PasswordFile = None,
) -> None:
    """Crée un compte."""
    from tutor.centre.accounts import AccountError

    accounts = _accounts()
    try:
        account = accounts.add(login, _password(password_file), role)
    except AccountError as exc:
        fail(str(exc))
    typer.echo(f"Compte créé : {account.login} ({account.role})")


@users_app.command("list")
def list_accounts() -> None:
    """Liste les comptes."""
    found = _accounts().all()
    if not found:
        typer.echo("Aucun compte : l'application web s'ouvre sans identification sur 127.0.0.1.")
        return
    for account in found:
        seen = account.last_login.strftime("%d/%m/%Y %H:%M") if account.last_login else "jamais connecté"
        typer.echo(f"{account.login:<24} {account.role:<10} {seen}")


@users_app.command("remove")
def remove(login: Annotated[str, typer.Argument(help="Identifiant.")]) -> None:
    """Supprime un compte (ses résultats de quiz restent)."""
    if not _accounts().remove(login):
        fail(f"aucun compte « {login} »")
    typer.echo(f"Compte supprimé : {login}")


@users_app.command("passwd")
def passwd(login: Annotated[str, typer.Argument(help="Identifiant.")], password_file: PasswordFile = None) -> None:
    """Change le mot de passe d'un compte."""
    from tutor.centre.accounts import AccountError

    try:
        _accounts().passwd(login, _password(password_file))
    except AccountError as exc:
        fail(str(exc))
    typer.echo(f"Mot de passe changé : {login}")
