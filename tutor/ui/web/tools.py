"""Web app tabs "G-code" and "Calculs": gradio wiring over the checker and the calculators.

The callbacks only call `gcode_explain` / `calc` / `fits` and the small pure formatting functions below, which
are what the tests exercise; gradio itself is imported inside the tab builders, as in `tutor.ui.web.app`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.gcode.explain import explain, summary_lines
from tutor.gcode.parse import ExplainedLine, Finding, Machine, Report, Summary
from tutor.shop import calc, fits
from tutor.shop.calc import CalcError, Capability, Result, fr_number, parse_number
from tutor.shop.fits import Fit, Tolerance
from tutor.shop.numeric import fit_markdown, markdown_escape, result_markdown, tolerance_markdown

if TYPE_CHECKING:
    import pandas as pd

    from tutor.facade import Tutor

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
        f"{html.escape(finding.message)}<br><small>Conseil : {html.escape(finding.hint)}</small></div>"
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
    try:
        result = explain(text, machine=MACHINES.get(machine_label), suffix=suffix)
    except Exception as exc:  # a bug must not show a traceback to the technician
        return GcodeView(f"❌ Analyse impossible (erreur interne : {type(exc).__name__}).", "", "")
    report = result.report
    return GcodeView(count_line(report), listing_html(result.lines, report.findings), summary_markdown(report.summary))


# ---------------------------------------------------------------- Calculs: pure functions


def capability_markdown(c: Capability) -> str:
    cp, cpk = c.labels
    lines = "".join(f"\n- {markdown_escape(line)}" for line in c.lines)
    return (
        f"**{c.name} : {cp} = {fr_number(c.cp, 2)} ; {cpk} = {fr_number(c.cpk, 2)}**\n\n"
        f"Formules : {cp} = (Ts − Ti) / (6σ) ; {cpk} = min\\[(Ts − μ) / (3σ) ; (μ − Ti) / (3σ)\\]\n{lines}\n\n"
        f"**Verdict : {markdown_escape(c.verdict)}**"
    )


def error_markdown(exc: CalcError) -> str:
    return f"❌ **Erreur** : {markdown_escape(str(exc))}"


def run_calc(compute: Callable[[], object]) -> str:
    """Markdown of whatever a calculator returns; a CalcError becomes its French message."""
    try:
        found = compute()
    except CalcError as exc:
        return error_markdown(exc)
    if isinstance(found, Fit):
        return fit_markdown(found)
    if isinstance(found, Tolerance):
        return tolerance_markdown(found)
    if isinstance(found, Capability):
        return capability_markdown(found)
    return result_markdown(found)  # type: ignore[arg-type]


def number(text: str | None, label: str) -> float:
    """A field typed at the shop (decimal comma allowed); empty says which field is missing."""
    if text is None or not str(text).strip():
        raise CalcError(f"indiquer {label}")
    return parse_number(text)


# label -> (calculator, ((field key, field label), ...)); the fields shown are those of the chosen calculation
FIELDS = {
    "vc": "la vitesse de coupe Vc (m/min)", "d": "le diamètre D (mm)", "n": "la vitesse de rotation N (tr/min)",
    "f": "l'avance f (mm/tr)", "fz": "l'avance par dent fz (mm/dent)", "z": "le nombre de dents Z",
    "ap": "la profondeur de passe ap (mm)", "ae": "la largeur engagée ae (mm)", "vf": "la vitesse d'avance Vf (mm/min)",
    "kc": "la pression spécifique kc (N/mm²)", "eta": "le rendement η (0 à 1, facultatif)",
    "length": "la longueur usinée L (mm)",
}  # fmt: skip
CUTTING: dict[str, tuple[Callable[..., Result], tuple[str, ...]]] = {
    "Vitesse de rotation N (depuis Vc et D)": (calc.spindle_speed, ("vc", "d")),
    "Vitesse de coupe Vc (depuis N et D)": (calc.cutting_speed, ("n", "d")),
    "Vitesse d'avance Vf = f × N (tournage, perçage)": (calc.feed_rate, ("f", "n")),
    "Vitesse d'avance Vf = fz × Z × N (fraisage)": (calc.milling_feed_rate, ("fz", "z", "n")),
    "Débit de copeaux (tournage)": (calc.removal_rate_turning, ("vc", "ap", "f")),
    "Débit de copeaux (fraisage)": (calc.removal_rate_milling, ("ap", "ae", "vf")),
    "Puissance de coupe (tournage)": (calc.turning_power, ("vc", "ap", "f", "kc", "eta")),
    "Puissance de coupe (fraisage)": (calc.milling_power, ("ap", "ae", "vf", "kc", "eta")),
    "Temps d'usinage": (calc.machining_time, ("length", "vf")),
}
OPTIONAL = {"eta"}


def visible_fields(choice: str) -> list[bool]:
    """Which input fields the chosen cutting calculation needs, in the order of `FIELDS`."""
    needed = CUTTING.get(choice, (None, ()))[1]
    return [key in needed for key in FIELDS]


def cutting_markdown(choice: str, values: dict[str, str | None]) -> str:
    if choice not in CUTTING:
        return error_markdown(CalcError("choisir un calcul"))
    function, keys = CUTTING[choice]

    def compute() -> Result:
        args = [
            None if key in OPTIONAL and not (values.get(key) or "").strip() else number(values.get(key), FIELDS[key])
            for key in keys
        ]
        return function(*args)

    return run_calc(compute)


def roughness_markdown(feed: str | None, radius: str | None) -> str:
    return run_calc(lambda: calc.roughness(number(feed, "l'avance f (mm/tr)"), number(radius, "le rayon de bec rε")))


def feed_for_roughness_markdown(target: str | None, radius: str | None, parameter: str = "Ra") -> str:
    return run_calc(
        lambda: calc.feed_for_roughness(
            number(target, f"le {parameter} visé (µm)"), number(radius, "le rayon de bec rε"), parameter
        )
    )


def fit_lookup_markdown(designation: str | None) -> str:
    if not designation or not designation.strip():
        return error_markdown(CalcError("indiquer une désignation, par exemple 25H7/g6 ou Ø40 f7"))
    return run_calc(lambda: fits.lookup(designation))


def capability_result(
    measurements: str | None, lower: str | None, upper: str | None, machine: bool = False, required: str | None = None
) -> Capability:
    values = calc.parse_measurements(measurements or "")
    cpk = number(required, "le Cpk exigé") if required and required.strip() else 1.33
    low, high = number(lower, "la limite inférieure Ti"), number(upper, "la limite supérieure Ts")
    return calc.capability(values, low, high, machine=machine, required=cpk)


def histogram_frame(c: Capability) -> pd.DataFrame:
    """One bar per class, labelled by its bounds; pandas comes with gradio."""
    import pandas as pd

    labels = [f"{fr_number(lo, 3)} – {fr_number(hi, 3)}" for lo, hi in zip(c.edges, c.edges[1:], strict=False)]
    return pd.DataFrame({"Classe": labels, "Effectif": list(c.counts)})


def capability_view(
    measurements: str | None, lower: str | None, upper: str | None, machine: bool = False, required: str | None = None
) -> tuple[str, pd.DataFrame | None]:
    try:
        result = capability_result(measurements, lower, upper, machine, required)
    except CalcError as exc:
        return error_markdown(exc), None
    return capability_markdown(result), histogram_frame(result)


CONVERSION_UNITS = ["mm", "in", "m/min", "sfm", "mm/tr", "ipr", "mm/min", "ipm"]


def conversion_markdown(value: str | None, source: str, target: str) -> str:
    return run_calc(lambda: calc.convert(number(value, "la valeur à convertir"), source, target))


# ---------------------------------------------------------------- tabs


def build_gcode_tab(tutor: Tutor) -> None:
    import gradio as gr

    with gr.Tab("G-code", id="gcode"):
        gr.Markdown(
            "Collez un programme ISO / Fanuc (fraisage ou tournage) ou ouvrez un fichier : chaque bloc est expliqué "
            "en français et les erreurs sont signalées, comme le ferait un régleur attentif."
        )
        with gr.Row():
            upload = gr.File(label="Fichier programme", file_types=GCODE_TYPES, scale=1, elem_id="gcode-upload")
            machine = gr.Radio(list(MACHINES), value="Automatique", label="Machine", scale=1, elem_id="gcode-machine")
        loaded = gr.Markdown(elem_id="gcode-loaded")
        program = gr.Code(label="Programme", lines=14, max_lines=30, elem_id="gcode-text")
        suffix = gr.State("")
        check = gr.Button("Vérifier", variant="primary", elem_id="gcode-check")
        counts = gr.Markdown(elem_id="gcode-counts")
        summary = gr.Markdown(elem_id="gcode-summary")
        listing = gr.HTML(elem_id="gcode-listing")

        def load(path: str | None):
            text, ext, message = read_program(path)
            return text, ext, message

        def verify(text: str, label: str, ext: str):
            view = gcode_view(text, label, ext)
            return view.counts, view.listing, view.summary

        upload.upload(load, [upload], [program, suffix, loaded])
        upload.clear(lambda: ("", ""), None, [suffix, loaded])
        check.click(verify, [program, machine, suffix], [counts, listing, summary])


def build_calc_tab(tutor: Tutor) -> None:
    import gradio as gr

    with gr.Tab("Calculs", id="calculs"):
        gr.Markdown("Calculs d'atelier : chaque résultat donne sa formule et ses unités. Virgule ou point décimal.")
        with gr.Accordion("Conditions de coupe", open=True):
            first = next(iter(CUTTING))
            choice = gr.Dropdown(list(CUTTING), value=first, label="Calcul", elem_id="cut-choice")
            shown = visible_fields(first)
            with gr.Row():
                boxes = [
                    gr.Textbox(label=label[0].upper() + label[1:], visible=visible, elem_id=f"cut-{key}", min_width=140)
                    for (key, label), visible in zip(FIELDS.items(), shown, strict=True)
                ]
            cut_button = gr.Button("Calculer", variant="primary", elem_id="cut-compute")
            cut_result = gr.Markdown(elem_id="cut-result")

            def compute_cutting(selected: str, *texts: str):
                return cutting_markdown(selected, dict(zip(FIELDS, texts, strict=True)))

            choice.change(lambda c: [gr.update(visible=v) for v in visible_fields(c)], [choice], boxes)
            cut_button.click(compute_cutting, [choice, *boxes], [cut_result])

        with gr.Accordion("État de surface (tournage)", open=False):
            with gr.Row():
                feed = gr.Textbox(label="Avance f (mm/tr)", elem_id="rough-f")
                radius = gr.Textbox(label="Rayon de bec rε (mm)", elem_id="rough-r")
                target = gr.Textbox(label="Rugosité visée (µm)", elem_id="rough-target")
                parameter = gr.Radio(["Ra", "Rt"], value="Ra", label="Critère", elem_id="rough-parameter")
            with gr.Row():
                rough_button = gr.Button("Rugosité théorique (f, rε)", elem_id="rough-compute")
                feed_button = gr.Button("Avance pour la rugosité visée (rε)", elem_id="rough-feed")
            rough_result = gr.Markdown(elem_id="rough-result")
            rough_button.click(roughness_markdown, [feed, radius], [rough_result])
            feed_button.click(feed_for_roughness_markdown, [target, radius, parameter], [rough_result])

        with gr.Accordion("Ajustement ISO 286", open=False):
            designation = gr.Textbox(
                label="Désignation", placeholder="25H7/g6, Ø40 f7, 30 H7", elem_id="fit-designation"
            )
            fit_button = gr.Button("Calculer les cotes limites", elem_id="fit-compute")
            fit_result = gr.Markdown(elem_id="fit-result")
            fit_button.click(fit_lookup_markdown, [designation], [fit_result])
            designation.submit(fit_lookup_markdown, [designation], [fit_result])

        with gr.Accordion("Capabilité (Cp, Cpk ou Cm, Cmk)", open=False):
            measurements = gr.Textbox(
                label="Mesures (séparées par espaces, « ; » ou lignes)", lines=5, elem_id="cap-values"
            )
            with gr.Row():
                lower = gr.Textbox(label="Limite inférieure Ti", elem_id="cap-lower")
                upper = gr.Textbox(label="Limite supérieure Ts", elem_id="cap-upper")
                required = gr.Textbox(label="Cpk exigé", value="1,33", elem_id="cap-required")
                machine = gr.Checkbox(label="Capabilité machine (Cm, Cmk)", elem_id="cap-machine")
            cap_button = gr.Button("Calculer la capabilité", elem_id="cap-compute")
            cap_result = gr.Markdown(elem_id="cap-result")
            plot = gr.BarPlot(x="Classe", y="Effectif", label="Histogramme des mesures", elem_id="cap-histogram")

            def compute_capability(values: str, low: str, high: str, machine_run: bool, cpk: str):
                text, frame = capability_view(values, low, high, machine_run, cpk)
                if frame is None:
                    return text, gr.BarPlot(value=None)
                return text, gr.BarPlot(value=frame, sort=list(frame["Classe"]))

            cap_button.click(compute_capability, [measurements, lower, upper, machine, required], [cap_result, plot])

        with gr.Accordion("Conversions d'unités", open=False):
            with gr.Row():
                value = gr.Textbox(label="Valeur", elem_id="conv-value")
                source = gr.Dropdown(CONVERSION_UNITS, value="in", label="De", elem_id="conv-from")
                target_unit = gr.Dropdown(CONVERSION_UNITS, value="mm", label="Vers", elem_id="conv-to")
            conv_button = gr.Button("Convertir", elem_id="conv-compute")
            conv_result = gr.Markdown(elem_id="conv-result")
            conv_button.click(conversion_markdown, [value, source, target_unit], [conv_result])
