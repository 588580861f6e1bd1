"""Web app tab "G-code": check a program, read it explained line by line, and see its toolpath.

The callbacks only call the pure functions below, which are what the tests exercise; gradio is imported inside
the tab builder and plotly by `tutor.gcode.plot`, as in `tutor.ui.web.app`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.gcode.explain import explain, summary_lines
from tutor.gcode.parse import ExplainedLine, Finding, Machine, Report, Summary
from tutor.gcode.toolpath import Toolpath, ToolpathBuilder
from tutor.shop.numeric import markdown_escape

if TYPE_CHECKING:
    from tutor.facade import Tutor


# ---------------------------------------------------------------- G-code: pure functions

GCODE_TYPES = [".nc", ".ngc", ".tap", ".iso", ".h", ".mpf", ".txt"]
MACHINES: dict[str, Machine | None] = {"Automatique": None, "Fraisage": "mill", "Tour": "lathe"}
SEVERITY_FR = {"error": "Erreur", "warning": "Avertissement", "info": "Info"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
# (background of the line, colour of the badge) per severity
SEVERITY_COLOURS = {"error": ("#ffebe9", "#cf222e"), "warning": ("#fff8c5", "#9a6700"), "info": ("#ddf4ff", "#0969da")}
MAX_LISTING_LINES = 3000  # beyond this, only the lines with findings are listed: the page stays usable
MAX_PROGRAM_BYTES = 20_000_000


class UnreadableProgram(ValueError):
    """The upload is not a CNC program in text; the message is one French line for the user."""


# ---------------------------------------------------------------- G-code: pure functions


@dataclass(frozen=True)
class GcodeView:
    counts: str  # Markdown: the findings count line
    listing: str  # HTML table
    summary: str  # Markdown
    drawn: Drawn | None = None  # what the toolpath plot needs; None when there is nothing to draw


@dataclass(frozen=True, eq=False)
class Drawn:
    """The checked program's toolpath and findings, kept between two redraws (another view, another block)."""

    toolpath: Toolpath
    findings: tuple[Finding, ...]


def decode_program(data: bytes, name: str = "le fichier") -> str:
    """Text of an uploaded program; old controls write ISO 8859-1, so any non-UTF-8 byte still decodes."""
    if len(data) > MAX_PROGRAM_BYTES:
        raise UnreadableProgram(f"{name} est trop gros pour un programme CN ({len(data) // 1_000_000} Mo)")
    if b"\x00" in data[:8192]:
        raise UnreadableProgram(f"{name} est un fichier binaire, pas un programme CN en texte")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_program(path: str | None) -> tuple[str, str, str]:
    """(text, suffix, message) of an uploaded file; a reading problem leaves the text empty and says why."""
    if not path:
        return "", "", ""
    upload = Path(path)
    try:
        text = decode_program(upload.read_bytes(), upload.name)
    except UnreadableProgram as exc:
        return "", "", f"❌ {exc}."
    except OSError as exc:
        return "", "", f"❌ Fichier illisible : {upload.name} ({exc.strerror or type(exc).__name__})."
    return text, upload.suffix.lower(), f"Programme chargé : {upload.name}"


def severity_class(findings: Sequence[Finding]) -> str:
    """CSS class of a listing row: its worst finding decides."""
    if not findings:
        return ""
    worst = min(findings, key=lambda f: SEVERITY_RANK[f.severity])
    return f"sev-{worst.severity}"


def finding_html(finding: Finding) -> str:
    _, colour = SEVERITY_COLOURS[finding.severity]
    return (
        f'<div class="finding sev-{finding.severity}" style="margin-top:4px">'
        f'<span style="background:{colour};color:#fff;border-radius:4px;padding:0 6px;font-size:0.85em">'
        f"{SEVERITY_FR[finding.severity]}</span> <code>{html.escape(finding.code)}</code> : "
        f"{html.escape(finding.message)}<br><small>Conseil : {html.escape(finding.hint)}"
        f"{f' · règle {html.escape(finding.rule)}' if finding.rule else ''}</small></div>"
    )


def listing_row(line: ExplainedLine) -> str:
    css = severity_class(line.findings)
    style = f' style="background:{SEVERITY_COLOURS[css[4:]][0]}"' if css else ""
    cls = f' class="{css}"' if css else ""
    cell = html.escape(line.explanation) + "".join(finding_html(f) for f in line.findings)
    return (
        f'<tr{cls}{style}><td style="text-align:right;color:#57606a">{line.line}</td>'
        f'<td><code style="white-space:pre">{html.escape(line.text)}</code></td><td>{cell}</td></tr>'
    )


def listing_html(lines: Sequence[ExplainedLine], findings: Sequence[Finding] = ()) -> str:
    """Annotated listing: line number, block as written, French explanation, findings coloured by severity."""
    shown_lines = {line.line for line in lines}
    orphans = [f for f in findings if f.line not in shown_lines]  # e.g. "empty program" on a program with no line
    head = "".join(f"<p>{finding_html(f)}</p>" for f in orphans)
    if len(lines) > MAX_LISTING_LINES:
        kept = [line for i, line in enumerate(lines) if i < MAX_LISTING_LINES or line.findings]
        head += (
            f"<p><em>Listing limité aux {MAX_LISTING_LINES} premières lignes ({len(lines)} au total) ; "
            "les lignes suivantes ne sont montrées que si elles portent un constat.</em></p>"
        )
    else:
        kept = list(lines)
    rows = "".join(listing_row(line) for line in kept)
    return (
        f'{head}<table class="gcode-listing" style="width:100%;border-collapse:collapse;font-size:0.92em">'
        "<thead><tr><th>Ligne</th><th>Bloc</th><th>Explication et constats</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def count_line(report: Report) -> str:
    errors, warnings, infos = (report.count(s) for s in ("error", "warning", "info"))
    verdict = "❌" if errors else "⚠️" if warnings else "✅"
    return f"{verdict} **{errors} erreur(s)**, {warnings} avertissement(s), {infos} information(s)"


def summary_markdown(summary: Summary) -> str:
    return "### Résumé\n" + "\n".join(f"- {markdown_escape(line)}" for line in summary_lines(summary))


def gcode_view(text: str, machine_label: str = "Automatique", suffix: str = "") -> GcodeView:
    """Everything the "Vérifier" button shows; bad input or an internal failure is one French line."""
    if not text or not text.strip():
        return GcodeView("Collez un programme ou ouvrez un fichier.", "", "")
    if "\x00" in text[:8192]:
        return GcodeView("❌ Ce texte contient des caractères binaires : ce n'est pas un programme CN.", "", "")
    recorder = ToolpathBuilder()  # the drawing records the checker's own interpretation: one pass, not two
    try:
        result = explain(text, machine=MACHINES.get(machine_label), suffix=suffix, on_step=recorder.on_step)
    except Exception as exc:  # a bug must not show a traceback to the technician
        return GcodeView(f"❌ Analyse impossible (erreur interne : {type(exc).__name__}).", "", "")
    report = result.report
    recorder.source = tuple(line.text for line in result.lines)
    try:
        drawn = Drawn(recorder.build(report.summary.machine), report.findings)
    except Exception:  # the listing is still worth showing without its drawing
        drawn = None
    return GcodeView(
        count_line(report), listing_html(result.lines, report.findings), summary_markdown(report.summary), drawn
    )


# ---------------------------------------------------------------- toolpath: pure functions

VIEWS: dict[str, str | None] = {
    "Automatique": None,
    "XY": "xy",
    "XZ": "xz",
    "YZ": "yz",
    "Profil tour": "profil",
    "3D": "3d",
}


def finding_choices(findings: Sequence[Finding]) -> list[tuple[str, int]]:
    """One entry per line with a finding, to show it on the drawing: (label, line)."""
    choices: dict[int, str] = {}
    for finding in findings:
        if finding.line > 0 and finding.line not in choices:
            choices[finding.line] = f"ligne {finding.line} — {SEVERITY_FR[finding.severity]} : {finding.message}"
    return [(label, line) for line, label in choices.items()]


def chosen_line(value: float | str | None) -> int | None:
    """The line number typed or picked; anything else means no highlight."""
    try:
        line = int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return line if line > 0 else None


def toolpath_plot(drawn: Drawn | None, view_label: str = "Automatique", line: float | str | None = None):
    """(plotly figure or None, Markdown note) for the plot: the view asked for and the block highlighted."""
    if drawn is None:
        return None, ""
    toolpath = drawn.toolpath
    if not len(toolpath):
        return None, "Aucun déplacement à tracer : le programme ne déplace pas l'outil depuis une position connue."
    from tutor.gcode.plot import WEB_BUDGET, interactive_figure

    highlight = chosen_line(line)
    figure = interactive_figure(
        toolpath,
        view=VIEWS.get(view_label),
        findings=drawn.findings,
        highlight=highlight,
        budget=WEB_BUDGET,
        height=620,
    )
    notes = [
        "Rapides en pointillés, avances en trait plein, une couleur par outil ; survolez le tracé pour lire le bloc."
    ]
    if highlight is not None:
        moves = len(toolpath.at_line(highlight))
        block = markdown_escape(toolpath.block_text(highlight)) or "(ligne vide ou hors du programme)"
        if moves:
            notes.append(f"**Ligne {highlight}** : `{block}` — {moves} déplacement(s) en magenta.")
        else:
            notes.append(f"**Ligne {highlight}** : `{block}` — aucun déplacement tracé pour ce bloc.")
    return figure, "\n\n".join(notes)


# ---------------------------------------------------------------- tab


def build_gcode_tab(tutor: Tutor) -> None:
    import gradio as gr

    with gr.Tab("G-code", id="gcode"):
        gr.Markdown(
            "Collez un programme (ISO / Fanuc, Haas, LinuxCNC, Sinumerik ; fraisage ou tournage) ou ouvrez un fichier : chaque bloc est expliqué "
            "en français, les erreurs sont signalées, comme le ferait un régleur attentif, et la trajectoire d'outil "
            "est dessinée."
        )
        with gr.Row():
            upload = gr.File(label="Fichier programme", file_types=GCODE_TYPES, scale=1, elem_id="gcode-upload")
            machine = gr.Radio(list(MACHINES), value="Automatique", label="Machine", scale=1, elem_id="gcode-machine")
        loaded = gr.Markdown(elem_id="gcode-loaded")
        program = gr.Code(label="Programme", lines=14, max_lines=30, elem_id="gcode-text")
        suffix = gr.State("")
        drawn = gr.State(None)
        check = gr.Button("Vérifier", variant="primary", elem_id="gcode-check")
        counts = gr.Markdown(elem_id="gcode-counts")
        summary = gr.Markdown(elem_id="gcode-summary")
        with gr.Row():
            view = gr.Radio(list(VIEWS), value="Automatique", label="Vue", scale=2, elem_id="gcode-view")
            finding = gr.Dropdown(
                choices=[], value=None, label="Situer un constat", scale=2, elem_id="gcode-finding", interactive=True
            )
            line = gr.Number(label="Ligne à mettre en évidence", precision=0, minimum=0, scale=1, elem_id="gcode-line")
            locate = gr.Button("Situer la ligne", scale=0, elem_id="gcode-locate")
        plot = gr.Plot(label="Trajectoire d'outil", elem_id="gcode-plot")
        note = gr.Markdown(elem_id="gcode-plot-note")
        listing = gr.HTML(elem_id="gcode-listing")

        def load(path: str | None):
            text, ext, message = read_program(path)
            return text, ext, message

        def verify(text: str, label: str, ext: str, view_label: str):
            result = gcode_view(text, label, ext)
            figure, remark = toolpath_plot(result.drawn, view_label)
            choices = finding_choices(result.drawn.findings) if result.drawn else []
            return (
                result.counts,
                result.listing,
                result.summary,
                figure,
                remark,
                gr.update(choices=choices, value=None),
                None,
                result.drawn,
            )

        def redraw(state: Drawn | None, view_label: str, number: float | None):
            return toolpath_plot(state, view_label, number)

        def pick(chosen: int | None, state: Drawn | None, view_label: str):
            figure, remark = toolpath_plot(state, view_label, chosen)
            return chosen, figure, remark

        upload.upload(load, [upload], [program, suffix, loaded])
        upload.clear(lambda: ("", ""), None, [suffix, loaded])
        check.click(
            verify,
            [program, machine, suffix, view],
            [counts, listing, summary, plot, note, finding, line, drawn],
        )
        view.change(redraw, [drawn, view, line], [plot, note])
        line.submit(redraw, [drawn, view, line], [plot, note])
        locate.click(redraw, [drawn, view, line], [plot, note])
        finding.input(pick, [finding, drawn, view], [line, plot, note])
