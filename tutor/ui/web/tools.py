"""Web app tab "Calculs": gradio wiring over the calculators.

The callbacks only call `calc` / `fits` and the small pure formatting functions below, which are what the tests
exercise; gradio itself is imported inside the tab builder, as in `tutor.ui.web.app`. The "G-code" tab lives in
`tutor.ui.web.gcode`; its names are still importable from here for older callers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.shop import calc, fits, production, units
from tutor.shop.calc import CalcError, Capability, Result, fr_number, parse_number
from tutor.shop.fits import Fit, Tolerance
from tutor.shop.numeric import fit_markdown, markdown_escape, result_markdown, tolerance_markdown
from tutor.ui.web.gcode import (  # noqa: F401 - the G-code tab's names, re-exported for older imports
    GCODE_TYPES,
    MACHINES,
    MAX_LISTING_LINES,
    MAX_PROGRAM_BYTES,
    SEVERITY_COLOURS,
    SEVERITY_FR,
    SEVERITY_RANK,
    GcodeView,
    UnreadableProgram,
    build_gcode_tab,
    count_line,
    decode_program,
    finding_html,
    gcode_view,
    listing_html,
    listing_row,
    read_program,
    severity_class,
    summary_markdown,
)

if TYPE_CHECKING:
    import pandas as pd

    from tutor.facade import Tutor

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
OPTIONAL = {"eta", "tool_price", "edges", "per_edge"}  # left empty: None

SHOP_FIELDS = {
    "d": "la disponibilité (%)", "p": "la performance (%)", "q": "la qualité (%)",
    "required": "le temps requis (min)", "stops": "les arrêts (min)", "cycle": "le temps de cycle théorique (min)",
    "produced": "les pièces produites", "rejects": "les pièces rebutées",
    "life": "la durée de vie connue T₁ (min)", "speed": "la vitesse de coupe V₁ (m/min)",
    "new_speed": "la nouvelle vitesse V₂ (m/min)", "new_life": "la durée de vie visée T₂ (min)",
    "taylor_n": "l'exposant de Taylor n (0,125 ARS ; 0,25 carbure)",
    "rate": "le taux horaire (€/h)", "tool_price": "le prix de l'outil ou de la plaquette (€, facultatif)",
    "edges": "le nombre d'arêtes", "per_edge": "les pièces par arête",
    "length": "la longueur L (mm)", "alpha": "le coefficient α (µm/m/°C ; acier 11,5 ; alu 23,1 ; inox 17,3)",
    "delta_t": "l'écart de température ΔT (°C)",
}  # fmt: skip


def _count(value: float) -> int:
    return int(round(value))


SHOP: dict[str, tuple[Callable[..., object], tuple[str, ...]]] = {
    "TRS depuis les trois taux (D × P × Q)": (
        lambda d, p, q: production.oee_from_rates(d / 100, p / 100, q / 100), ("d", "p", "q")),
    "TRS depuis un poste (temps, arrêts, cycle, pièces, rebuts)": (
        lambda t, s, c, made, bad: production.oee_from_times(t, s, c, _count(made), _count(bad)),
        ("required", "stops", "cycle", "produced", "rejects")),
    "Loi de Taylor : durée de vie à une autre vitesse": (
        production.taylor_life, ("life", "speed", "new_speed", "taylor_n")),
    "Loi de Taylor : vitesse pour une durée de vie visée": (
        production.taylor_speed, ("life", "speed", "new_life", "taylor_n")),
    "Coût par pièce (machine et outil)": (
        lambda r, c, price, edges, per_edge: production.part_cost(
            r, c, price or 0.0, _count(edges or 1), _count(per_edge or 0)),
        ("rate", "cycle", "tool_price", "edges", "per_edge")),
    "Dilatation thermique ΔL = L × α × ΔT": (production.thermal_expansion, ("length", "alpha", "delta_t")),
}  # fmt: skip


def visible_fields(choice: str, table: dict = CUTTING, fields: dict = FIELDS) -> list[bool]:
    """Which input fields the chosen calculation needs, in the order of its fields."""
    needed = table.get(choice, (None, ()))[1]
    return [key in needed for key in fields]


def cutting_markdown(choice: str, values: dict[str, str | None], table: dict = CUTTING, fields: dict = FIELDS) -> str:
    """The chosen calculation of a table (`CUTTING`, `SHOP`) on the typed fields."""
    if choice not in table:
        return error_markdown(CalcError("choisir un calcul"))
    function, keys = table[choice]

    def compute() -> object:
        args = [
            None if key in OPTIONAL and not (values.get(key) or "").strip() else number(values.get(key), fields[key])
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
    return run_calc(lambda: units.convert(number(value, "la valeur à convertir"), source, target))


# ---------------------------------------------------------------- tabs


def _table_calculator(table: dict, fields: dict, prefix: str) -> None:
    """A dropdown of calculations, the fields the chosen one needs, a button and the result."""
    import gradio as gr

    first = next(iter(table))
    choice = gr.Dropdown(list(table), value=first, label="Calcul", elem_id=f"{prefix}-choice")
    shown = visible_fields(first, table, fields)
    with gr.Row():
        boxes = [
            gr.Textbox(label=label[0].upper() + label[1:], visible=visible, elem_id=f"{prefix}-{key}", min_width=140)
            for (key, label), visible in zip(fields.items(), shown, strict=True)
        ]
    button = gr.Button("Calculer", variant="primary", elem_id=f"{prefix}-compute")
    result = gr.Markdown(elem_id=f"{prefix}-result")

    def compute(selected: str, *texts: str):
        return cutting_markdown(selected, dict(zip(fields, texts, strict=True)), table, fields)

    choice.change(lambda c: [gr.update(visible=v) for v in visible_fields(c, table, fields)], [choice], boxes)
    button.click(compute, [choice, *boxes], [result])


def build_calc_tab(tutor: Tutor) -> None:
    import gradio as gr

    with gr.Tab("Calculs", id="calculs"):
        gr.Markdown("Calculs d'atelier : chaque résultat donne sa formule et ses unités. Virgule ou point décimal.")
        with gr.Accordion("Conditions de coupe", open=True):
            _table_calculator(CUTTING, FIELDS, "cut")
        with gr.Accordion("Production : TRS, durée de vie, coût par pièce, dilatation", open=False):
            _table_calculator(SHOP, SHOP_FIELDS, "shop")

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
