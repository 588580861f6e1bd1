"""`tutor calc` through its runner: exact output, the JSON, and French errors with exit code 2."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tutor.ui.cli.calc import EXIT_BAD_INPUT, calc_app


def run(*args: str):
    result = CliRunner().invoke(calc_app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception  # no traceback
    return result


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def error(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == EXIT_BAD_INPUT and result.stdout == ""
    assert result.stderr.startswith("Erreur : ") and result.stderr.count("\n") == 1
    return result.stderr.removeprefix("Erreur : ").rstrip("\n")


def test_help_lists_the_commands_in_french():
    out = ok("--help")
    assert "Calculs d'atelier" in out
    for command in ("vitesse", "avance", "debit", "puissance", "temps", "taraudage", "rugosite", "ajustement",
                    "capabilite", "carte", "conversion"):  # fmt: skip
        assert command in out


def test_spindle_speed_exact_output():
    assert ok("vitesse", "--vc", "200", "--diametre", "50") == (
        "Vitesse de rotation : 1 273 tr/min\n"
        "Formule : N = 1000 × Vc / (π × D)\n"
        "  Vc = 200 m/min ; D = 50 mm\n"
        "  N = 1000 × 200 / (π × 50) ≈ 1 273 tr/min\n"
    )


def test_cutting_speed_and_limit_diameter():
    assert ok("vitesse", "-n", "1273", "-d", "50").startswith("Vitesse de coupe : 200,0 m/min\n")
    assert ok("vitesse", "--vc", "200", "--nmaxi", "3000").startswith("Diamètre limite (broche au plafond) : 21,2 mm\n")


def test_json_output():
    payload = json.loads(ok("vitesse", "--vc", "200", "-d", "50", "--json"))
    assert set(payload) == {"name", "value", "unit", "formula", "lines"}
    assert payload["unit"] == "tr/min" and payload["value"] == pytest.approx(1273.2395, abs=1e-4)


def test_decimal_comma_is_accepted():
    assert ok("avance", "--f", "0,2", "-n", "1273").splitlines()[0] == "Vitesse d'avance : 255 mm/min"


def test_feed_rate_milling_and_removal_rates():
    assert ok("avance", "--fz", "0.1", "--z", "4", "-n", "1592").splitlines()[0] == "Vitesse d'avance : 637 mm/min"
    assert (
        ok("debit", "--vc", "200", "--ap", "2", "--f", "0.2").splitlines()[0]
        == "Débit de copeaux (tournage) : 80,0 cm³/min"
    )
    assert (
        ok("debit", "--ap", "3", "--ae", "40", "--vf", "600").splitlines()[0]
        == "Débit de copeaux (fraisage) : 72,0 cm³/min"
    )


def test_power():
    out = ok("puissance", "--kc", "1950", "--q", "80", "--rendement", "0,8").splitlines()
    assert (
        out[0] == "Puissance nette de coupe : 2,60 kW"
        and out[-1] == "  Puissance au moteur = Pc / η = 2,60 / 0,8 ≈ 3,25 kW"
    )
    assert ok("puissance", "--kc", "1950", "--vc", "200", "--ap", "2", "--f", "0.2").startswith(
        "Puissance nette de coupe : 2,60 kW"
    )
    assert ok("puissance", "--kc", "2200", "--ap", "3", "--ae", "40", "--vf", "600").startswith(
        "Puissance nette de coupe : 2,64 kW"
    )
    assert error("puissance", "--q", "80") == "indiquer --kc (pression spécifique de coupe, en N/mm²)"
    assert error("puissance", "--kc", "1950", "--q", "80", "--rendement", "2").startswith("rendement η invalide : 2")


def test_time_and_tap_drill():
    assert (
        ok("temps", "--longueur", "300", "--vf", "255").splitlines()[-1]
        == "  t = 300 / 255 ≈ 1,18 min, soit environ 71 s"
    )
    assert (
        ok("taraudage", "-d", "8", "--pas", "1,25").splitlines()[0] == "Diamètre de perçage avant taraudage : 6,75 mm"
    )


def test_roughness_prints_rt_then_ra():
    out = ok("rugosite", "--f", "0.2", "--r", "0.8")
    first, second = out.split("\n\n")
    assert first.startswith("Rugosité théorique Rt : 6,25 µm\n") and second.startswith(
        "Rugosité théorique Ra : 1,56 µm\n"
    )
    payload = json.loads(ok("rugosite", "--f", "0.2", "--r", "0.8", "--json"))
    assert [item["name"] for item in payload] == ["Rugosité théorique Rt", "Rugosité théorique Ra"]
    assert ok("rugosite", "--ra", "0,8", "--r", "0,8").splitlines()[0] == "Avance maxi pour le Ra visé : 0,143 mm/tr"
    assert ok("rugosite", "--rt", "6.25", "--r", "0.8").splitlines()[0] == "Avance maxi pour le Rt visé : 0,200 mm/tr"


def test_fit_exact_output():
    assert ok("ajustement", "25H7/g6") == (
        "Ajustement Ø25 H7/g6 : ajustement avec jeu\n"
        "Alésage Ø25 H7 : 25,000 à 25,021 mm\n"
        "  EI = 0 µm ; ES = +21 µm\n"
        "  IT7 = 21 µm (cote de 25 mm)\n"
        "  EI = −es(h) = 0 µm ; ES = EI + IT = 21 µm\n"
        "Arbre Ø25 g6 : 24,980 à 24,993 mm\n"
        "  ei = −20 µm ; es = −7 µm\n"
        "  IT6 = 13 µm (cote de 25 mm)\n"
        "  es = −7 µm (table) ; ei = es − IT = −20 µm\n"
        "Jeu mini = EI − es = 0 − (−7) = 7 µm (0,007 mm)\n"
        "Jeu maxi = ES − ei = 21 − (−20) = 41 µm (0,041 mm)\n"
    )


def test_fit_designation_in_several_words_and_json():
    assert ok("ajustement", "Ø25", "g6").splitlines()[0] == "Arbre Ø25 g6 : 24,980 à 24,993 mm"
    assert ok("ajustement", "25", "H7/p6").splitlines()[0] == "Ajustement Ø25 H7/p6 : ajustement serré"
    payload = json.loads(ok("ajustement", "30p6", "--json"))
    assert (payload["lower_um"], payload["upper_um"], payload["kind"]) == (22, 35, "shaft")
    fit = json.loads(ok("ajustement", "25H7/k6", "--json"))
    assert (fit["kind"], fit["label"], fit["min_clearance_um"], fit["max_clearance_um"]) == (
        "incertain", "ajustement incertain", -15, 19)  # fmt: skip


def test_fit_errors():
    assert error("ajustement", "25Q7").startswith("écart fondamental « Q » inconnu ou non pris en charge")
    assert error("ajustement", "25H7/G6").startswith("ajustement attendu : alésage (majuscule) puis arbre (minuscule)")
    assert error("ajustement", "25H25") == "qualité IT25 hors table (attendu : IT01, IT0, IT1 à IT18)"


MEASUREMENTS = ["10,004", "10.006", "10.003", "10.007", "10.005", "10.004", "10.006", "10.005", "10.002", "10.008"]


def test_capability():
    out = ok("capabilite", "--min", "9.98", "--max", "10.02", *MEASUREMENTS).splitlines()
    assert out[0] == "Capabilité procédé : Cp = 3,65 ; Cpk = 2,74"  # statistics.stdev: σ = 0,0018257
    assert out[2] == "  10 mesures ; moyenne μ = 10,005 ; écart-type σ = 0,001826 (échantillon, n − 1)"
    assert out[-1].startswith(
        "Verdict : procédé capable (Cpk ≥ 1,33) ; moyenne décentrée : recentrer le réglage de −0,005"
    )


def test_capability_machine_json_with_histogram():
    payload = json.loads(ok("capabilite", "--min", "9.98", "--max", "10.02", "--machine", "--classes", "4", "--json",
                            *MEASUREMENTS))  # fmt: skip
    assert payload["indices"] == ["Cm", "Cmk"] and payload["n"] == 10
    assert len(payload["histogram"]["counts"]) == 4 and len(payload["histogram"]["edges"]) == 5
    assert sum(payload["histogram"]["counts"]) == 10


def test_capability_accepts_negative_measurements():
    out = ok("capabilite", "--min", "-0.02", "--max", "0.02", "-0.01", "0.005", "0.001", "-0.003")
    assert out.startswith("Capabilité procédé : Cp = 1,04 ; Cpk = 0,95\n")


def test_capability_from_a_file(tmp_path: Path):
    path = tmp_path / "mesures.txt"
    path.write_text("10,004\n10,006 ; 10,003\n10,007\t10,005\n", encoding="utf-8")
    assert "  5 mesures ; moyenne μ = 10,005" in ok(
        "capabilite", "--min", "9,98", "--max", "10,02", "--fichier", str(path)
    )
    assert error("capabilite", "--min", "9", "--max", "11", "--fichier", str(tmp_path / "absent.txt")).startswith(
        "fichier de mesures illisible"
    )


def test_capability_errors():
    assert error("capabilite", "--min", "9,98", "--max", "10,02", "10") == (
        "au moins 2 mesures sont nécessaires (reçu : 1) ; idéalement 50 ou plus"
    )
    assert error("capabilite", "10", "10.01") == "indiquer --min et --max (limites de tolérance)"
    assert error("capabilite", "--min", "10", "--max", "10", "10", "10.01") == (
        "tolérance nulle ou inversée : Ts = 10 doit être plus grand que Ti = 10"
    )
    assert error("capabilite", "--min", "9", "--max", "11", "10", "dix") == "nombre invalide : « dix »"


def test_control_chart():
    out = ok("carte", "--moyenne", "25,010", "--etendue", "0,012")
    assert [block.splitlines()[0] for block in out.split("\n\n")] == [
        "LSC des moyennes : 25,017",
        "LIC des moyennes : 25,003",
        "LSC des étendues : 0,025",
        "LIC des étendues : 0,000",
        "Écart-type estimé : 0,0052",
    ]
    assert error("carte", "--moyenne", "25", "--etendue", "0.01", "--taille", "12").startswith("taille de sous-groupe")


def test_conversion():
    assert ok("conversion", "2", "in", "mm") == (
        "Conversion (longueur) : 50,800 mm\nFormule : 1 in = 25,4 mm\n  2 in = 2 × 25,4 ≈ 50,800 mm\n"
    )
    assert ok("conversion", "500", "sfm", "m/min").splitlines()[0] == "Conversion (vitesse de coupe) : 152,4 m/min"
    assert json.loads(ok("conversion", "0,01", "ipr", "mm/tr", "--json"))["value"] == pytest.approx(0.254)
    assert error("conversion", "1", "yard", "mm").startswith("unité inconnue « yard »")
    assert error("conversion", "1", "in", "sfm") == "conversion impossible de in en SFM : grandeurs différentes"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("vitesse", "--vc", "200", "-d", "-50"), "valeur invalide pour le diamètre D : −50 mm (attendu : nombre strictement positif)"),
        (("vitesse", "--vc", "200"), "indiquer --vc et --diametre (N), --n et --diametre (Vc), ou --vc et --nmaxi (diamètre limite)"),
        (("vitesse", "--vc", "abc", "-d", "50"), "nombre invalide : « abc »"),
        (("avance", "--f", "0.2"), "indiquer --f et --n (tournage, perçage) ou --fz, --z et --n (fraisage)"),
        (("avance", "--fz", "0.1", "--z", "3,5", "-n", "1000"), "nombre de dents Z invalide : 3,5 (attendu : nombre entier, au moins 1)"),
        (("debit", "--vc", "200"), "indiquer --vc, --ap et --f (tournage) ou --ap, --ae et --vf (fraisage)"),
        (("temps", "--vf", "0", "--longueur", "100"), "valeur invalide pour la vitesse d'avance Vf : 0 mm/min (attendu : nombre strictement positif)"),
        (("taraudage", "-d", "8"), "indiquer --diametre et --pas"),
        (("rugosite", "--f", "0.2"), "indiquer --r avec --f (rugosité), --ra ou --rt (avance maxi)"),
        (("rugosite", "--f", "0.2", "--r", "0"), "valeur invalide pour le rayon de bec rε : 0 mm (attendu : nombre strictement positif)"),
    ],
)  # fmt: skip
def test_bad_input_gives_one_french_line_and_exit_2(args, message):
    assert error(*args) == message


def test_production_commands():
    assert "TRS (OEE) : 71,25 %" in ok("trs", "--requis", "480", "--arrets", "72", "--cycle", "2", "--pieces", "180",
                                        "--rebuts", "9")  # fmt: skip
    assert ok("trs", "--dispo", "90", "--perf", "80", "--qualite", "95").startswith("TRS (OEE) : 68,40 %")
    assert ok("taylor", "--vie", "15", "--vc", "200", "--vc2", "160", "--n", "0,25").startswith(
        "Durée de vie à la nouvelle vitesse : 36,6 min"
    )
    assert ok("taylor", "--vie", "15", "--vc", "200", "--vie2", "30", "--n", "0,25").startswith(
        "Vitesse de coupe pour la durée de vie visée : 168 m/min"
    )
    assert ok("cout", "--taux", "60", "--cycle", "4,5").startswith("Coût par pièce : 4,50 €")
    assert ok("dilatation", "--longueur", "100", "--ecart", "10", "--matiere", "aluminium").startswith(
        "Dilatation thermique ΔL : 0,0231 mm"
    )


def test_production_commands_refuse_in_french():
    assert error("trs", "--requis", "480") == (
        "indiquer --dispo, --perf et --qualite, ou --requis, --arrets, --cycle et --pieces"
    )
    assert error("dilatation", "--longueur", "100", "--ecart", "10", "--matiere", "bois").startswith("matière inconnue")
    assert error("taylor", "--vie", "15", "--vc", "200", "--vc2", "160", "--n", "4").startswith(
        "exposant de Taylor invalide"
    )
