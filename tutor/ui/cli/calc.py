"""`tutor calc ...`: parse the arguments, call the calculators, print. Numbers accept a decimal comma."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from tutor.shop import calc, fits, production, units
from tutor.shop.calc import CalcError, parse_number

EXIT_BAD_INPUT = 2

calc_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Calculs d'atelier : conditions de coupe, rugosité, ajustements ISO 286, capabilité, TRS, loi de Taylor, "
    "coût par pièce, dilatation, conversions. "
    "Les nombres s'écrivent avec une virgule ou un point.",
)


def _number(*names: str, text: str):
    """A number option, read as text so that a decimal comma works and errors stay in French."""
    return Annotated[Optional[str], typer.Option(*names, help=text, metavar="NOMBRE")]


AsJson = Annotated[
    bool, typer.Option("--json", help="Sortie JSON : un objet, ou une liste s'il y a plusieurs résultats.")
]
Vc = _number("--vc", text="Vitesse de coupe Vc (m/min).")
N = _number("--n", "-n", text="Vitesse de rotation N (tr/min).")
Feed = _number("--f", "-f", text="Avance f (mm/tr).")
Ap = _number("--ap", text="Profondeur de passe ap (mm).")
Ae = _number("--ae", text="Largeur engagée ae (mm).")
Vf = _number("--vf", text="Vitesse d'avance Vf (mm/min).")
Diameter = _number("--diametre", "-d", text="Diamètre D (mm) : de la pièce en tournage, de l'outil en fraisage.")
MaxSpeed = _number("--nmaxi", text="Plafond de broche (G50 / G92 S), en tr/min : donne le diamètre limite.")
Fz = _number("--fz", text="Avance par dent fz (mm/dent).")
Teeth = _number("--z", "-z", text="Nombre de dents Z.")
Kc = _number("--kc", text="Pression spécifique de coupe kc (N/mm²), par exemple 1950 pour un acier doux.")
RemovalRate = _number("--q", text="Débit de copeaux Q (cm³/min), s'il est déjà connu.")
Efficiency = _number("--rendement", text="Rendement η de la machine (0 à 1) : donne la puissance au moteur.")
Length = _number("--longueur", "-l", text="Longueur usinée L (mm), approche comprise.")
ThreadDiameter = _number("--diametre", "-d", text="Diamètre nominal du filetage (mm) : 8 pour un M8.")
Pitch = _number("--pas", "-p", text="Pas P (mm).")
NoseRadius = _number("--r", "-r", text="Rayon de bec rε (mm).")
TargetRa = _number("--ra", text="Ra visé (µm) : donne l'avance maxi.")
TargetRt = _number("--rt", text="Rt visé (µm) : donne l'avance maxi.")
Lower = _number("--min", text="Limite inférieure de tolérance Ti.")
Upper = _number("--max", text="Limite supérieure de tolérance Ts.")
Required = _number("--exigence", text="Cpk (ou Cmk) exigé par le client ; défaut : 1,33.")
GrandMean = _number("--moyenne", text="Moyenne des moyennes X̄̄.")
MeanRange = _number("--etendue", text="Étendue moyenne R̄.")


def _emit(compute: Callable[[], object], as_json: bool) -> None:
    """Run a calculation; bad input becomes one French line on stderr and exit code 2, never a traceback."""
    try:
        result = compute()
    except CalcError as exc:
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    results = result if isinstance(result, tuple) else (result,)
    if as_json:
        payload = [r.as_json() for r in results] if isinstance(result, tuple) else result.as_json()
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        typer.echo("\n\n".join(r.as_text() for r in results))


def _missing(message: str) -> Callable[[], object]:
    def fail() -> object:
        raise CalcError(message)

    return fail


def _given(*values: Optional[str]) -> bool:
    return all(v is not None for v in values)


def _nums(*values: str) -> list[float]:
    return [parse_number(v) for v in values]


@calc_app.command("vitesse")
def speed(vc: Vc = None, n: N = None, d: Diameter = None, n_max: MaxSpeed = None, as_json: AsJson = False) -> None:
    """Vitesse de rotation N depuis Vc et D, Vc depuis N et D, ou diamètre limite d'un G96 plafonné."""
    if _given(vc, d):
        _emit(lambda: calc.spindle_speed(*_nums(vc, d)), as_json)
    elif _given(n, d):
        _emit(lambda: calc.cutting_speed(*_nums(n, d)), as_json)
    elif _given(vc, n_max):
        _emit(lambda: calc.limit_diameter(*_nums(vc, n_max)), as_json)
    else:
        message = "indiquer --vc et --diametre (N), --n et --diametre (Vc), ou --vc et --nmaxi (diamètre limite)"
        _emit(_missing(message), as_json)


@calc_app.command("avance")
def feed_rate(f: Feed = None, fz: Fz = None, z: Teeth = None, n: N = None, as_json: AsJson = False) -> None:
    """Vitesse d'avance : Vf = f × N (tournage, perçage ; taraudage avec f = pas) ou Vf = fz × Z × N (fraisage)."""
    if _given(f, n):
        _emit(lambda: calc.feed_rate(*_nums(f, n)), as_json)
    elif _given(fz, z, n):
        _emit(lambda: calc.milling_feed_rate(*_nums(fz, z, n)), as_json)
    else:
        _emit(_missing("indiquer --f et --n (tournage, perçage) ou --fz, --z et --n (fraisage)"), as_json)


@calc_app.command("debit")
def removal_rate(
    vc: Vc = None, ap: Ap = None, f: Feed = None, ae: Ae = None, vf: Vf = None, as_json: AsJson = False
) -> None:
    """Débit de copeaux Q (cm³/min) : Q = Vc × ap × f en tournage, Q = ap × ae × Vf / 1000 en fraisage."""
    if _given(vc, ap, f):
        _emit(lambda: calc.removal_rate_turning(*_nums(vc, ap, f)), as_json)
    elif _given(ap, ae, vf):
        _emit(lambda: calc.removal_rate_milling(*_nums(ap, ae, vf)), as_json)
    else:
        _emit(_missing("indiquer --vc, --ap et --f (tournage) ou --ap, --ae et --vf (fraisage)"), as_json)


@calc_app.command("puissance")
def power(
    kc: Kc = None,
    q: RemovalRate = None,
    vc: Vc = None,
    ap: Ap = None,
    f: Feed = None,
    ae: Ae = None,
    vf: Vf = None,
    efficiency: Efficiency = None,
    as_json: AsJson = False,
) -> None:
    """Puissance nette de coupe Pc = Q × kc / 60 000 (kW), depuis Q ou depuis les conditions de coupe."""

    def eta() -> float | None:
        return parse_number(efficiency) if efficiency is not None else None

    if not _given(kc):
        _emit(_missing("indiquer --kc (pression spécifique de coupe, en N/mm²)"), as_json)
    elif _given(q):
        _emit(lambda: calc.cutting_power(*_nums(q, kc), eta()), as_json)
    elif _given(vc, ap, f):
        _emit(lambda: calc.turning_power(*_nums(vc, ap, f, kc), eta()), as_json)
    elif _given(ap, ae, vf):
        _emit(lambda: calc.milling_power(*_nums(ap, ae, vf, kc), eta()), as_json)
    else:
        _emit(_missing("indiquer --q, ou --vc, --ap et --f (tournage), ou --ap, --ae et --vf (fraisage)"), as_json)


@calc_app.command("temps")
def machining_time(length: Length = None, vf: Vf = None, as_json: AsJson = False) -> None:
    """Temps d'usinage d'une passe : t = L / Vf."""
    if _given(length, vf):
        _emit(lambda: calc.machining_time(*_nums(length, vf)), as_json)
    else:
        _emit(_missing("indiquer --longueur et --vf"), as_json)


@calc_app.command("taraudage")
def tap_drill(d: ThreadDiameter = None, pitch: Pitch = None, as_json: AsJson = False) -> None:
    """Diamètre de perçage avant taraudage (taraud à coupe) : D ≈ d − P."""
    if _given(d, pitch):
        _emit(lambda: calc.tap_drill(*_nums(d, pitch)), as_json)
    else:
        _emit(_missing("indiquer --diametre et --pas"), as_json)


@calc_app.command("rugosite")
def roughness(
    r: NoseRadius = None, f: Feed = None, ra: TargetRa = None, rt: TargetRt = None, as_json: AsJson = False
) -> None:
    """Rugosité théorique en tournage (Rt et Ra depuis f et rε), ou avance maxi pour un Ra ou un Rt visé."""
    if _given(f, r):
        _emit(lambda: calc.roughness(*_nums(f, r)), as_json)
    elif _given(ra, r):
        _emit(lambda: calc.feed_for_roughness(*_nums(ra, r), "Ra"), as_json)
    elif _given(rt, r):
        _emit(lambda: calc.feed_for_roughness(*_nums(rt, r), "Rt"), as_json)
    else:
        _emit(_missing("indiquer --r avec --f (rugosité), --ra ou --rt (avance maxi)"), as_json)


@calc_app.command("ajustement")
def fit(
    designation: Annotated[
        list[str], typer.Argument(metavar="DÉSIGNATION", help="Par exemple 25H7, « Ø25 g6 » ou 25H7/g6.")
    ],
    as_json: AsJson = False,
) -> None:
    """Cotes limites ISO 286 d'un alésage ou d'un arbre, ou ajustement d'un couple (jeu, incertain, serré)."""
    _emit(lambda: fits.lookup(" ".join(designation)), as_json)


@calc_app.command("capabilite", context_settings={"ignore_unknown_options": True})
def capability(
    values: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="MESURES", help="Les mesures, séparées par des espaces.", show_default=False),
    ] = None,
    lower: Lower = None,
    upper: Upper = None,
    path: Annotated[
        Optional[Path],
        typer.Option(
            "--fichier", metavar="FICHIER", help="Fichier texte de mesures (séparées par espaces, « ; » ou lignes)."
        ),
    ] = None,
    machine: Annotated[bool, typer.Option("--machine", help="Capabilité machine Cm, Cmk (série courte).")] = False,
    required: Required = None,
    bins: Annotated[
        Optional[int], typer.Option("--classes", metavar="ENTIER", help="Nombre de classes de l'histogramme.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Cp et Cpk (ou Cm et Cmk) depuis les mesures et la tolérance, avec un verdict et l'histogramme."""

    def compute() -> calc.Capability:
        if not _given(lower, upper):
            raise CalcError("indiquer --min et --max (limites de tolérance)")
        measurements = _nums(*(values or []))
        if path is not None:
            try:
                measurements += calc.parse_measurements(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise CalcError(f"fichier de mesures illisible : {path} ({exc.__class__.__name__})") from None
        cpk = parse_number(required) if required is not None else 1.33
        low, high = _nums(lower, upper)
        return calc.capability(measurements, low, high, machine=machine, required=cpk, bins=bins)

    _emit(compute, as_json)


@calc_app.command("carte")
def control_limits(
    grand_mean: GrandMean = None,
    mean_range: MeanRange = None,
    size: Annotated[int, typer.Option("--taille", metavar="ENTIER", help="Taille des sous-groupes, de 2 à 10.")] = 5,
    as_json: AsJson = False,
) -> None:
    """Limites de contrôle des cartes X̄ / R (à 3 sigmas) et écart-type estimé."""
    if _given(grand_mean, mean_range):
        _emit(lambda: calc.control_limits(*_nums(grand_mean, mean_range), size), as_json)
    else:
        _emit(_missing("indiquer --moyenne et --etendue"), as_json)


@calc_app.command("conversion")
def conversion(
    value: Annotated[str, typer.Argument(metavar="VALEUR", help="La valeur à convertir.")],
    source: Annotated[
        str, typer.Argument(metavar="DE", help="Unité de départ : mm, in, m/min, sfm, mm/tr, ipr, mm/min, ipm.")
    ],
    target: Annotated[str, typer.Argument(metavar="VERS", help="Unité d'arrivée.")],
    as_json: AsJson = False,
) -> None:
    """Conversions pouces / mm, SFM / m/min, IPR / mm/tr, IPM / mm/min."""
    _emit(lambda: units.convert(parse_number(value), source, target), as_json)


Minutes = _number("--requis", text="Temps requis (min), par exemple 480 pour un poste de 8 h.")
Stops = _number("--arrets", text="Temps d'arrêt (min).")
Cycle = _number("--cycle", text="Temps de cycle (min) : théorique pour le TRS.")
Made = _number("--pieces", text="Pièces produites.")
Rejects = _number("--rebuts", text="Pièces rebutées ; défaut : 0.")
Rate = _number("--dispo", text="Disponibilité (%).")
Performance = _number("--perf", text="Performance (%).")
Quality = _number("--qualite", text="Qualité (%).")


@calc_app.command("trs")
def oee(
    required: Minutes = None, stops: Stops = None, cycle: Cycle = None, made: Made = None, rejects: Rejects = None,
    d: Rate = None, p: Performance = None, q: Quality = None, as_json: AsJson = False,
) -> None:  # fmt: skip
    """TRS (OEE) : depuis les trois taux, ou depuis un poste (temps requis, arrêts, cycle, pièces, rebuts)."""
    if _given(d, p, q):
        _emit(lambda: production.oee_from_rates(*(x / 100 for x in _nums(d, p, q))), as_json)
    elif _given(required, stops, cycle, made):
        _emit(lambda: production.oee_from_times(
            *_nums(required, stops, cycle), int(parse_number(made)), int(parse_number(rejects or "0"))), as_json)  # fmt: skip
    else:
        _emit(_missing("indiquer --dispo, --perf et --qualite, ou --requis, --arrets, --cycle et --pieces"), as_json)


Life = _number("--vie", text="Durée de vie connue T₁ (min).")
Speed = _number("--vc", text="Vitesse de coupe V₁ de cette durée de vie (m/min).")
NewSpeed = _number("--vc2", text="Nouvelle vitesse V₂ (m/min) : donne la durée de vie.")
NewLife = _number("--vie2", text="Durée de vie visée T₂ (min) : donne la vitesse.")
Exponent = _number("--n", "-n", text="Exposant de Taylor n (0,125 ARS, 0,25 carbure, selon essais).")


@calc_app.command("taylor")
def taylor(
    life: Life = None, speed: Speed = None, new_speed: NewSpeed = None, new_life: NewLife = None,
    n: Exponent = None, as_json: AsJson = False,
) -> None:  # fmt: skip
    """Loi de Taylor V × Tⁿ = C : durée de vie à une autre vitesse, ou vitesse pour une durée de vie visée."""
    if _given(life, speed, new_speed, n):
        _emit(lambda: production.taylor_life(*_nums(life, speed, new_speed, n)), as_json)
    elif _given(life, speed, new_life, n):
        _emit(lambda: production.taylor_speed(*_nums(life, speed, new_life, n)), as_json)
    else:
        _emit(_missing("indiquer --vie, --vc, --n et --vc2 (durée de vie) ou --vie2 (vitesse)"), as_json)


HourlyRate = _number("--taux", text="Taux horaire machine (€/h).")
ToolPrice = _number("--outil", text="Prix de la plaquette ou de l'outil (€).")
Edges = _number("--aretes", text="Nombre d'arêtes ; défaut : 1.")
PerEdge = _number("--pieces-arete", text="Pièces faites par arête.")


@calc_app.command("cout")
def part_cost(
    rate: HourlyRate = None, cycle: Cycle = None, tool: ToolPrice = None, edges: Edges = None,
    per_edge: PerEdge = None, as_json: AsJson = False,
) -> None:  # fmt: skip
    """Coût par pièce : taux horaire × temps de cycle, plus la part de l'outil si son prix est donné."""
    if not _given(rate, cycle):
        _emit(_missing("indiquer --taux et --cycle (et --outil, --aretes, --pieces-arete pour l'outil)"), as_json)
    elif tool is None:
        _emit(lambda: production.part_cost(*_nums(rate, cycle)), as_json)
    else:
        _emit(lambda: production.part_cost(
            *_nums(rate, cycle, tool), int(parse_number(edges or "1")), int(parse_number(per_edge or "0"))), as_json)  # fmt: skip


Alpha = _number("--alpha", text="Coefficient de dilatation α (µm/m/°C) ; sinon --matiere.")
DeltaT = _number("--ecart", text="Écart de température ΔT (°C).")


@calc_app.command("dilatation")
def expansion(
    length: Length = None, alpha: Alpha = None, delta_t: DeltaT = None,
    material: Annotated[Optional[str], typer.Option("--matiere", help="acier, fonte, inox, laiton ou aluminium.")] = None,
    as_json: AsJson = False,
) -> None:  # fmt: skip
    """Dilatation thermique ΔL = L × α × ΔT (une cote de dessin vaut à 20 °C)."""
    if material is not None and material not in production.EXPANSION:
        _emit(_missing(f"matière inconnue : « {material} » (acier, fonte, inox, laiton ou aluminium)"), as_json)
    elif _given(length, delta_t) and (alpha is not None or material is not None):
        coefficient = parse_number(alpha) if alpha is not None else production.EXPANSION[material or ""]
        _emit(lambda: production.thermal_expansion(
            parse_number(length), coefficient, parse_number(delta_t), material or ""), as_json)  # fmt: skip
    else:
        _emit(_missing("indiquer --longueur, --ecart et --alpha ou --matiere"), as_json)
