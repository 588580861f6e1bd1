"""The pure formatting behind the "G-code" and "Calculs" tabs: no browser, no server."""

from pathlib import Path

from tutor.gcode.parse import ExplainedLine, Finding, Report, Summary
from tutor.shop.calc import CalcError, capability, spindle_speed
from tutor.ui.web.tools import (
    FIELDS,
    MAX_LISTING_LINES,
    UnreadableProgram,
    capability_view,
    conversion_markdown,
    count_line,
    cutting_markdown,
    decode_program,
    feed_for_roughness_markdown,
    fit_lookup_markdown,
    gcode_view,
    histogram_frame,
    listing_html,
    read_program,
    result_markdown,
    roughness_markdown,
    run_calc,
    severity_class,
    summary_markdown,
    visible_fields,
)

ERROR = Finding(2, "error", "FEED_MISSING", "Avance <F> jamais programmée", "Programmez F & recommencez.")
WARNING = Finding(2, "warning", "MISSING_UNITS", "Pas de G21", "Écrivez G21.")
INFO = Finding(3, "info", "NO_COOLANT", "Pas d'arrosage", "Ajoutez M08.")
BAD_PROGRAM = "G21 G90 G17\nS1000 M03\nG01 X10. Y10.\nM30\n"


def test_worst_severity_decides_the_row_class():
    assert severity_class(()) == ""
    assert severity_class((INFO,)) == "sev-info"
    assert severity_class((INFO, WARNING)) == "sev-warning"
    assert severity_class((WARNING, ERROR, INFO)) == "sev-error"


def test_listing_escapes_the_program_and_the_messages():
    lines = (
        ExplainedLine(1, "(<script>alert(1)</script>)", "Commentaire : <script>."),
        ExplainedLine(2, "G01 X10 & Y5", "Interpolation linéaire", (ERROR, WARNING)),
        ExplainedLine(3, "M30", "Fin de programme", (INFO,)),
    )
    page = listing_html(lines, (ERROR, WARNING, INFO))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page and "G01 X10 &amp; Y5" in page and "Avance &lt;F&gt;" in page
    assert page.count('<tr class="sev-error"') == 1 and page.count('<tr class="sev-info"') == 1
    assert 'class="finding sev-warning"' in page and "Conseil : Programmez F &amp; recommencez." in page
    assert "<th>Ligne</th><th>Bloc</th>" in page


def test_findings_without_a_listed_line_are_shown_above_the_table():
    page = listing_html((), (Finding(1, "info", "EMPTY_PROGRAM", "Programme vide", "Collez un programme."),))
    assert page.index("Programme vide") < page.index("<table")


def test_long_listing_keeps_the_lines_with_findings():
    lines = [ExplainedLine(i, f"G01 X{i}.", "") for i in range(1, MAX_LISTING_LINES + 101)]
    lines[-1] = ExplainedLine(MAX_LISTING_LINES + 100, "G05", "?", (ERROR,))
    page = listing_html(lines)
    assert "Listing limité" in page
    assert page.count("<tr") == MAX_LISTING_LINES + 2  # header, kept lines, the last line with its finding
    assert f"G01 X{MAX_LISTING_LINES + 1}." not in page


def test_count_line_and_summary():
    summary = Summary("iso", "mill", True, 4, rpm=(1000.0, 1000.0), feed_per_min=(100.0, 300.0))
    report = Report((ERROR, WARNING, INFO), summary)
    assert count_line(report) == "❌ **1 erreur(s)**, 1 avertissement(s), 1 information(s)"
    assert count_line(Report((), summary)).startswith("✅ **0 erreur(s)**")
    text = summary_markdown(summary)
    assert text.startswith("### Résumé\n- Commande : ISO (Fanuc) ; machine : fraisage (détecté) ; 4 bloc(s)")
    assert "- Broche : 1000 tr/min" in text and "- Avances : 100 à 300 mm/min" in text
    assert "Temps de cycle estimé" in text


def test_gcode_view_of_a_program_with_an_error():
    view = gcode_view(BAD_PROGRAM, "Fraisage")
    assert view.counts.startswith("❌ **1 erreur(s)**")
    assert "FEED_MISSING" in view.listing and 'class="sev-error"' in view.listing
    assert "machine : fraisage (indiqué)" in view.summary


def test_gcode_view_bad_input_is_one_french_line():
    assert gcode_view("   ").counts == "Collez un programme ou ouvrez un fichier."
    view = gcode_view("G01\x00\x01\x02")
    assert view.counts.startswith("❌") and "binaire" in view.counts and view.listing == ""


def test_uploaded_files(tmp_path: Path):
    program = tmp_path / "piece.MPF"
    program.write_bytes("; tôle\r\nG0 X10\r\nM30\r\n".encode("latin-1"))
    text, suffix, message = read_program(str(program))
    assert "tôle" in text and suffix == ".mpf" and message == "Programme chargé : piece.MPF"
    binary = tmp_path / "photo.nc"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    assert read_program(str(binary)) == ("", "", "❌ photo.nc est un fichier binaire, pas un programme CN en texte.")
    assert read_program(str(tmp_path / "absent.nc"))[2].startswith("❌ Fichier illisible : absent.nc")
    assert read_program(None) == ("", "", "")
    assert decode_program("G01 ; é".encode()) == "G01 ; é"
    try:
        decode_program(b"\x00abc", "x.nc")
    except UnreadableProgram as exc:
        assert str(exc) == "x.nc est un fichier binaire, pas un programme CN en texte"
    else:
        raise AssertionError("binary accepted")


def test_result_markdown_gives_value_formula_and_substitution():
    text = result_markdown(spindle_speed(200, 50))
    assert text.splitlines()[0] == "**Vitesse de rotation : 1 273 tr/min**"
    assert "Formule : N = 1000 × Vc / (π × D)" in text
    assert "- N = 1000 × 200 / (π × 50) ≈ 1 273 tr/min" in text


def test_cutting_calculations_from_typed_fields():
    text = cutting_markdown("Vitesse d'avance Vf = fz × Z × N (fraisage)", {"fz": "0,1", "z": "4", "n": "3000"})
    assert text.startswith("**Vitesse d'avance : 1 200 mm/min**")
    power = cutting_markdown("Puissance de coupe (tournage)", {"vc": "200", "ap": "2", "f": "0,2", "kc": "1950"})
    assert power.startswith("**Puissance nette de coupe : 2,60 kW**") and "moteur" not in power
    with_eta = cutting_markdown(
        "Puissance de coupe (tournage)", {"vc": "200", "ap": "2", "f": "0,2", "kc": "1950", "eta": "0,8"}
    )
    assert "Puissance au moteur" in with_eta


def test_visible_fields_follow_the_chosen_calculation():
    shown = dict(zip(FIELDS, visible_fields("Vitesse de rotation N (depuis Vc et D)"), strict=True))
    assert [key for key, visible in shown.items() if visible] == ["vc", "d"]
    assert not any(visible_fields("inconnu"))


def test_errors_show_the_french_message():
    assert cutting_markdown("Vitesse de rotation N (depuis Vc et D)", {"vc": "200"}) == (
        "❌ **Erreur** : indiquer le diamètre D (mm)"
    )
    negative = cutting_markdown("Vitesse de rotation N (depuis Vc et D)", {"vc": "200", "d": "-5"})
    assert negative.startswith("❌ **Erreur** : valeur invalide pour le diamètre D")
    assert "nombre invalide" in conversion_markdown("douze", "in", "mm")
    assert fit_lookup_markdown("").startswith("❌ **Erreur** : indiquer une désignation")
    assert "inconnu" in fit_lookup_markdown("25Q7")

    def boom():
        raise CalcError("a < b_c")

    assert run_calc(boom) == "❌ **Erreur** : a &lt; b\\_c"


def test_surface_finish_and_fit_and_conversion():
    rough = roughness_markdown("0,2", "0,8")
    assert "**Rugosité théorique Rt : 6,25 µm**" in rough and "**Rugosité théorique Ra : 1,56 µm**" in rough
    assert feed_for_roughness_markdown("1,6", "0,8", "Ra").startswith("**Avance maxi pour le Ra visé : 0,202 mm/tr**")
    fit = fit_lookup_markdown("25H7/g6")
    assert fit.startswith("**Ajustement Ø25 H7/g6 : ajustement avec jeu**")
    assert "Jeu mini = EI − es = 0 − (−7) = 7 µm" in fit and "**Arbre Ø25 g6 : 24,980 à 24,993 mm**" in fit
    assert fit_lookup_markdown("Ø40 f7").startswith("**Arbre Ø40 f7 : 39,950 à 39,975 mm**")
    assert conversion_markdown("2", "in", "mm").startswith("**Conversion (longueur) : 50,800 mm**")


def test_capability_view_with_histogram():
    values = "10,01 10,02 9,99\n10,00; 10,03 9,98"
    text, frame = capability_view(values, "9,95", "10,05", False, "1,33")
    assert text.startswith("**Capabilité procédé : Cp = 0,89 ; Cpk = 0,80**")
    assert "min\\[0,80 ; 0,98\\]" in text  # brackets escaped for Markdown
    assert "**Verdict : procédé non capable (Cpk &lt; 1)" in text
    assert list(frame.columns) == ["Classe", "Effectif"] and frame["Effectif"].sum() == 6
    text, frame = capability_view("10,0", "9,95", "10,05")
    assert frame is None and text.startswith("❌ **Erreur** : au moins 2 mesures")


def test_histogram_labels_are_class_bounds():
    frame = histogram_frame(capability([1.0, 2.0, 3.0, 4.0], 0, 5))
    assert frame["Classe"].iloc[0] == "1,000 – 1,600" and frame["Effectif"].tolist() == [1, 1, 0, 1, 1]


def test_shop_calculations_from_typed_fields():
    from tutor.ui.web.tools import SHOP, SHOP_FIELDS

    def shop(choice: str, **values: str) -> str:
        return cutting_markdown(choice, values, SHOP, SHOP_FIELDS)

    assert shop("TRS depuis les trois taux (D × P × Q)", d="90", p="80", q="95").startswith("**TRS (OEE) : 68,40 %**")
    shift = shop(
        "TRS depuis un poste (temps, arrêts, cycle, pièces, rebuts)",
        required="480", stops="72", cycle="2", produced="180", rejects="9",
    )  # fmt: skip
    assert "**TRS (OEE) : 71,25 %**" in shift and "pièces bonnes = 180 − 9 = 171" in shift
    life = shop(
        "Loi de Taylor : durée de vie à une autre vitesse", life="15", speed="200", new_speed="160", taylor_n="0,25"
    )
    assert life.startswith("**Durée de vie à la nouvelle vitesse : 36,6 min**")
    assert shop("Dilatation thermique ΔL = L × α × ΔT", length="100", alpha="11,5", delta_t="10").startswith(
        "**Dilatation thermique ΔL : 0,0115 mm**"
    )
    assert shop("Coût par pièce (machine et outil)", rate="60", cycle="4,5").startswith("**Coût par pièce : 4,50 €**")
    tooled = shop("Coût par pièce (machine et outil)", rate="60", cycle="4,5", tool_price="9", edges="2", per_edge="40")
    assert tooled.startswith("**Coût par pièce : 4,61 €**")
    assert shop("TRS depuis un poste (temps, arrêts, cycle, pièces, rebuts)", required="480") == (
        "❌ **Erreur** : indiquer les arrêts (min)"
    )
    shown = dict(
        zip(SHOP_FIELDS, visible_fields("Dilatation thermique ΔL = L × α × ΔT", SHOP, SHOP_FIELDS), strict=True)
    )
    assert [key for key, visible in shown.items() if visible] == ["length", "alpha", "delta_t"]
