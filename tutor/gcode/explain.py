"""Every block in plain French, read with the modal state the control has at that block, and the summary.

The sentences are built during the same run as the checks (one pass, `check(on_step=...)`), from the
block's words as written and the interpreter's state after the block. A block executed several times
(a sub-program called in a loop) is explained at its first execution.

Cycle time (see `Summary.notes`): feed moves at their feed (arcs by their length, G95/G99 mm/rev turned
into mm/min with the spindle speed, G96 with the speed at the diameter of each eighth of the move,
capped by the G50 clamp), rapids at a configurable rate (10,000 mm/min by default) without
acceleration, dwells, drilling cycles hole by hole (G83 pecks included), G90/G92/G94 passes, G76 passes
from the constant-section rule, G71 type I roughing from its profile; moves from an unknown position
(after G28, a tool or origin change) are counted apart and not estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.gcode.check import StepHook, check_program
from tutor.gcode.codes import (
    CSS,
    CUTTER,
    CYCLE,
    DIALECT_NAMES,
    DISTANCE,
    LENGTH,
    M_LABELS,
    MOTION,
    NON_MODAL,
    RETURN,
    SPINDLE_OFF,
    SPINDLE_ON,
    g_name,
    m_label,
)
from tutor.gcode.parse import Dialect, ExplainedLine, Finding, Machine, Report, Summary, is_o_word, parse
from tutor.gcode.state import LATHE_ROUGHING, Interpreter, Step

PLANE_NAMES = {170: "XY", 180: "ZX", 190: "YZ"}
AXIS_LETTERS = "XYZUVWABC"
MILL_CYCLES_FEED_OUT = {740, 840, 850, 890}


@dataclass(frozen=True, slots=True)
class Explanation:
    report: Report
    lines: tuple[ExplainedLine, ...]


def explain(
    text: str,
    *,
    machine: Machine | None = None,
    dialect: Dialect | None = None,
    suffix: str = "",
    rapid_rate: float = 10_000.0,
    on_step: StepHook | None = None,
) -> Explanation:
    """Check and explain a program; `on_step` (the toolpath's recorder, say) sees the same interpretation."""
    program = parse(text, dialect, suffix=suffix)
    sentences: dict[int, str] = {}

    def describe_step(step: Step, interp: Interpreter, main: bool) -> None:
        line = step.block.line
        if line and line not in sentences:
            sentences[line] = describe(step, interp)
        if on_step is not None:
            on_step(step, interp, main)

    report = check_program(program, machine, rapid_rate=rapid_rate, on_step=describe_step)
    by_line: dict[int, list[Finding]] = {}
    for finding in report.findings:
        by_line.setdefault(finding.line, []).append(finding)
    lines = []
    for number, text_line in enumerate(program.lines, start=1):
        explanation = sentences.get(number, "")
        if not explanation and program.dialect != "heidenhain":
            explanation = _not_a_block(text_line)
        lines.append(ExplainedLine(number, text_line, explanation, tuple(by_line.get(number, ()))))
    return Explanation(report, tuple(lines))


def _not_a_block(text: str) -> str:
    stripped = text.strip()
    if stripped.startswith("%"):
        return "Début ou fin de bande (%)."
    comment = stripped.strip("();").strip()
    return f"Commentaire : {comment}." if comment else ""


# ---------------------------------------------------------------- one block


def describe(step: Step, interp: Interpreter) -> str:
    """One French sentence (several clauses) for an executed block."""
    block = step.block
    values = step.values
    parts: list[str] = []
    if block.deleted:
        parts.append("bloc optionnel (/) : sauté si le commutateur de saut de bloc est actif")
    if "O" in values:
        parts.append(f"programme O{_raw(block, 'O')}")
    parts.extend(_modal_codes(step, interp))
    parts.extend(_tool(step, interp))
    parts.extend(_spindle_and_coolant(step, interp))
    motion = _motion(step, interp)
    if motion:
        parts.append(motion)
    elif "F" in values and step.groups.get(NON_MODAL) not in (40, *LATHE_ROUGHING):
        parts.append(_feed(interp))
    parts.extend(_program_flow(step, interp))
    for extra in step.extras_unknown:
        if is_o_word(extra):
            parts.append(
                f"structure de programme LinuxCNC « {extra} » (sous-programme, boucle ou test), non interprétée"
            )
        else:
            parts.append(f"instruction « {extra} » non interprétée")
    if block.bad:
        parts.append(f"texte illisible « {' '.join(block.bad)} »")
    if block.comment:
        parts.append(f"commentaire : {block.comment}")
    if not parts:
        parts.append("bloc sans effet sur la machine")
    sentence = " ; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def _modal_codes(step: Step, interp: Interpreter) -> list[str]:
    parts = []
    table = interp.table
    values = step.values
    for code in step.gcodes:
        entry = table.get(code)
        name = g_name(code)
        if entry is None:
            parts.append(f"{name} : code G inconnu de cette commande")
            continue
        group, label = entry
        if group in (MOTION, CYCLE) and code != 800:
            continue  # said with the move
        if group == NON_MODAL:
            parts.append(_non_modal(step, interp, code, label))
        elif group == CUTTER:
            parts.append(_cutter(step, interp, code, label))
        elif group == LENGTH and code != 490:
            h = f" avec le correcteur H{interp.h:02d}" if interp.h is not None else " sans correcteur H"
            parts.append(f"{label} ({name}){h}")
        elif group == CSS and code == 960:
            speed = f" à {_num(values['S'])} {_css_unit(interp)}" if "S" in values else ""
            clamp = f", limitée à {_num(interp.clamp)} tr/min" if interp.clamp else ""
            parts.append(f"{label} ({name}){speed}{clamp}")
        elif group == CSS and code == 970 and "S" in values:
            parts.append(f"{label} ({name}) : {_num(values['S'])} tr/min")
        elif group == DISTANCE and interp.fanuc_lathe:
            continue
        elif group == RETURN and CYCLE in step.groups:
            continue  # said with the hole
        else:
            parts.append(f"{label} ({name})")
    return parts


def _non_modal(step: Step, interp: Interpreter, code: int, label: str) -> str:
    block, values = step.block, step.values
    name = g_name(code)
    if code == 40:
        seconds = interp.dwell(block, values)  # the same reading as the cycle time's
        return f"temporisation de {_num(seconds)} s ({name})" if seconds else f"{label} ({name})"
    if code in (280, 300):
        axes = _coords(block, AXIS_LETTERS)
        via = f", par le point intermédiaire {axes}" if axes else ""
        return f"{label} ({name}){via}"
    if code == 500 and interp.lathe and step.clamp_set:
        return f"limitation de la vitesse de broche à {_num(interp.clamp)} tr/min ({name} S{_raw(block, 'S')})"
    if code in (500, 920) and _coords(block, AXIS_LETTERS):
        return f"définition de l'origine programme ({name}) : l'outil est en {_coords(block, AXIS_LETTERS)}"
    if code == 650 and "P" in values:
        return f"appel de la macro O{_raw(block, 'P')} ({name})"
    if interp.fanuc_lathe and code in (700, 710, 720, 730, 740, 750, 760):
        return _lathe_cycle(step, interp, code, label)
    return f"{label} ({name})"


def _lathe_cycle(step: Step, interp: Interpreter, code: int, label: str) -> str:
    block, values = step.block, step.values
    name = g_name(code)
    first_block = not step.cutting
    if code == 710 and first_block:
        return f"{label} ({name}), 1er bloc : prise de passe {_value(block, 'U')} mm au rayon, dégagement {_value(block, 'R')} mm"
    if code in (700, 710, 720, 730) and not first_block:
        text = f"{label} ({name}) sur le profil N{_raw(block, 'P')} à N{_raw(block, 'Q')}"
        if "U" in values or "W" in values:
            text += f", surépaisseur {_value(block, 'U')} mm au diamètre et {_value(block, 'W')} mm en Z"
        return text + (f", {_feed(interp)}" if "F" in values else "")
    if code == 760 and first_block:
        p = _raw(block, "P").zfill(6)
        if not p.isdigit():
            return (
                f"{label} ({name}), 1er bloc : paramètres P{_raw(block, 'P')} Q{_raw(block, 'Q')} R{_raw(block, 'R')}"
            )
        return (
            f"{label} ({name}), 1er bloc : {int(p[:2])} passe(s) de finition, sortie en {int(p[2:4]) / 10:g} pas, "
            f"angle {int(p[4:6])}°, passe mini {_microns(block, 'Q')} mm, surépaisseur {_value(block, 'R')} mm"
        )
    if code == 760:
        return (
            f"{label} ({name}) jusqu'à {_coords(block, 'XZUW')}, hauteur de filet {_microns(block, 'P')} mm, "
            f"1re passe {_microns(block, 'Q')} mm, pas {_value(block, 'F')} mm"
        )
    if code in (740, 750) and first_block:
        return f"{label} ({name}), 1er bloc : retrait {_value(block, 'R')} mm entre deux reprises"
    if code in (740, 750):
        return f"{label} ({name}) jusqu'à {_coords(block, 'XZUW')}, reprise {_microns(block, 'Q' if code == 740 else 'P')} mm, {_feed(interp)}"
    return f"{label} ({name})"


def _cutter(step: Step, interp: Interpreter, code: int, label: str) -> str:
    name = g_name(code)
    if code == 400:
        when = ", sur ce déplacement" if step.comp_event == "stop" else ""
        return f"{label} ({name}){when}"
    if code not in (410, 420):
        return f"{label} ({name})"
    number = "" if interp.d is None else f"D{interp.d}" if interp.siemens else f"D{interp.d:02d}"
    offset = f" avec le correcteur {number}" if number and not interp.lathe else ""
    if step.comp_event == "start":
        when = ", mise en route sur ce déplacement"
    elif interp.comp_pending == "start":
        when = ", mise en route au prochain déplacement dans le plan"
    else:
        when = ""
    return f"{label} ({name}){offset}{when}"


def _tool(step: Step, interp: Interpreter) -> list[str]:
    values, block = step.values, step.block
    tool = interp.tool
    if interp.lathe and step.tool_change and tool:
        offset = f", correcteur {interp.tool_offset[-2:]}" if interp.tool_offset else ""
        return [f"outil {tool}{offset} (T{_raw(block, 'T')})"]
    if 6 in step.mcodes:
        return [f"changement d'outil (M06) : l'outil {tool or 'préparé'} est monté"]
    if "T" in values and not interp.lathe:
        return [f"préparation de l'outil {interp.pending_tool} (monté au prochain M06)"]
    if "D" in values and not interp.lathe and CUTTER not in step.groups:
        what = "longueur et rayon de l'outil actifs" if interp.siemens else "correcteur de rayon"
        return [f"{what} D{_raw(block, 'D')}"]
    if "H" in values and LENGTH not in step.groups:
        return [f"correcteur de longueur H{_raw(block, 'H')}"]
    return []


def _spindle_and_coolant(step: Step, interp: Interpreter) -> list[str]:
    parts = []
    values = step.values
    speed_said = step.clamp_set or CSS in step.groups
    for code in step.mcodes:
        label = M_LABELS.get(code)
        if code in SPINDLE_ON and label:
            speed = (
                f" à {_num(values['S'])} {_css_unit(interp) if interp.css else 'tr/min'}"
                if "S" in values and not speed_said
                else ""
            )
            parts.append(f"{label} (M{code:02d}){speed}")
            speed_said = True
        elif code in SPINDLE_OFF or code in (7, 8, 9, 50, 51, 88, 89):
            parts.append(f"{label} (M{code:02d})")
    if "S" in values and not speed_said and step.groups.get(NON_MODAL) != 40:
        parts.append(
            f"vitesse de coupe {_num(values['S'])} {_css_unit(interp)}"
            if interp.css
            else f"vitesse de broche {_num(values['S'])} tr/min"
        )
    return parts


def _program_flow(step: Step, interp: Interpreter) -> list[str]:
    parts = []
    for code in step.mcodes:
        if code in SPINDLE_ON or code in SPINDLE_OFF or code in (6, 7, 8, 9, 50, 51, 88, 89):
            continue
        if code == 98 and step.call is not None:
            number, repeats = step.call
            times = f", {repeats} fois" if repeats != 1 else ""
            parts.append(f"appel du sous-programme O{number}{times} (M98 P{_raw(step.block, 'P')})")
        elif (label := m_label(code, interp.dialect)) is not None:
            parts.append(f"{label} (M{code:02d})")
        else:
            parts.append(f"M{code:02d} : fonction propre à la machine")
    return parts


def _motion(step: Step, interp: Interpreter) -> str:
    motion = step.motion
    block = step.block
    lathe_iso = interp.fanuc_lathe
    if motion is None or step.groups.get(NON_MODAL) in (280, 300, 740, 750) or (lathe_iso and motion in LATHE_ROUGHING):
        return _siemens_cycle(step, interp) if interp.siemens else ""
    coords = _coords(block, AXIS_LETTERS)
    relative = " en relatif (G91)" if interp.incremental and not lathe_iso else ""
    if interp.cycle is not None and motion == interp.cycle:
        return _hole(step, interp, _coords(block, "XY"))
    if motion == 0:
        return f"déplacement rapide (G00) vers {coords}{relative}" if coords else "déplacement rapide (G00)"
    label = interp.table.get(motion, ("", g_name(motion)))[1]
    name = g_name(motion)
    if motion in (20, 30):
        return _arc(step, interp, coords, label, name, relative)
    if motion in (900, 920, 940) and interp.lathe:
        if MOTION in step.groups:
            pitch = f", pas {_num(interp.feed / interp.scale)} mm" if motion == 920 and interp.feed else ""
            return f"{label} ({name}) : passe jusqu'à {coords}{pitch}, retour au point de départ"
        return f"passe suivante du {label} ({name}) : {coords}"
    if motion in (320, 340, 330):
        return f"{label} ({name}) vers {coords}, pas {_num((interp.feed or 0) / interp.scale)} mm"
    return f"{label} ({name}) vers {coords}{relative}, {_feed(interp)}" if coords else f"{label} ({name})"


def _arc(step: Step, interp: Interpreter, coords: str, label: str, name: str, relative: str) -> str:
    block = step.block
    plane = PLANE_NAMES.get(interp.plane, "XY")
    text = f"{label} ({name}) dans le plan {plane}"
    text += f" vers {coords}{relative}" if coords else " (cercle complet)"
    arc = step.arc
    centre = _coords(block, "IJK")
    if arc is not None and arc[2] is not None and not centre:
        text += f", de rayon {_num(abs(arc[2]))}" + (" (plus d'un demi-cercle)" if arc[2] < 0 else "")
    elif centre:
        kind = "absolu" if interp.ijk_absolute else "relatif"
        radius = f" (rayon {_num(arc[0] / interp.scale)})" if arc is not None and arc[0] == arc[0] else ""
        text += f", centre {kind} {centre}{radius}"
    return f"{text}, {_feed(interp)}"


def _hole(step: Step, interp: Interpreter, coords: str) -> str:
    name = interp.cycle_name
    label = interp.table.get(interp.cycle or 0, ("", "cycle"))[1]
    where = f" au point {coords}" if coords else " à la position actuelle"
    if interp.cycle_siemens:
        return f"perçage {name}{where}"
    if CYCLE not in step.groups:
        return f"nouveau trou du cycle {name}{where}"
    s = interp.scale
    details = [f"plan R {_num(interp.cycle_r / s)}", f"fond Z{_num(interp.cycle_z / s)}"]
    if interp.cycle_q == interp.cycle_q:
        details.append(f"incrément Q{_num(interp.cycle_q / s)}")
    if interp.cycle_p == interp.cycle_p:
        details.append(f"temporisation {_num(interp.cycle_p / 1000)} s")
    details.append(_feed(interp))
    details.append("retour au plan initial (G98)" if interp.return_initial else "retour au plan R (G99)")
    return f"{label} ({name}){where} : {', '.join(details)}"


def _siemens_cycle(step: Step, interp: Interpreter) -> str:
    extras = step.block.extras
    if "MCALL" in extras and interp.cycle is None:
        return "fin de l'appel modal du cycle (MCALL)"
    for extra in extras:
        if extra.startswith("CYCLE8") and interp.cycle_siemens:
            rtp, rfp, sdis, dp, dpr = interp.cycle_siemens
            depth = f"profondeur finale {_num(dp)}" if dp == dp else f"profondeur relative {_num(dpr)}"
            modal = " rendu modal (MCALL) : il se répète à chaque position" if "MCALL" in extras else ""
            return (
                f"cycle de perçage {extra.split('(')[0]}{modal} ; plan de retrait {_num(rtp)}, plan de référence "
                f"{_num(rfp)}, distance de sécurité {_num(sdis)}, {depth}"
            )
    return ""


# ---------------------------------------------------------------- words and units


def _feed(interp: Interpreter) -> str:
    feed = interp.feed
    if feed is None:
        return "sans avance programmée"
    if feed != feed:
        return "avance calculée par la macro"
    inch = interp.scale != 1.0
    value = _num(feed / interp.scale)
    if interp.feed_mode == "rev":
        return f"avance {value} {'pouce/tr' if inch else 'mm/tr'}"
    if interp.feed_mode == "inv":
        return f"avance en inverse du temps F{value}"
    return f"avance {value} {'pouces/min' if inch else 'mm/min'}"


def _css_unit(interp: Interpreter) -> str:
    return "pieds/min" if interp.scale != 1.0 else "m/min"


def _raw(block, letter: str) -> str:
    raw = block.value(letter)
    return "" if raw is None else raw


def _value(block, letter: str) -> str:
    raw = block.value(letter)
    if raw is None:
        return "?"
    try:
        return _num(float(raw))
    except ValueError:
        return raw


def _microns(block, letter: str) -> str:
    """G76 / G74 P and Q are written in microns, without a decimal point."""
    raw = block.value(letter)
    if raw is None:
        return "?"
    try:
        value = float(raw)
    except ValueError:
        return raw
    return _num(value if "." in raw else value / 1000)


def _coords(block, letters: str) -> str:
    words = []
    for letter, raw in block.words:
        if letter in letters:
            try:
                words.append(f"{letter}{_num(float(raw))}")
            except ValueError:
                words.append(f"{letter}{raw}")
    return " ".join(words)


def _num(value: float | None) -> str:
    if value is None or value != value:
        return "?"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# ---------------------------------------------------------------- summary


def summary_lines(summary: Summary) -> list[str]:
    """The summary as French lines for the terminal and the web page."""
    machine = "tour" if summary.machine == "lathe" else "fraisage"
    how = "détecté" if summary.machine_detected else "indiqué"
    lines = [f"Commande : {DIALECT_NAMES[summary.dialect]} ; machine : {machine} ({how}) ; {summary.blocks} bloc(s)"]
    if summary.tools:
        tools = ", ".join(f"{t.tool} ({', '.join(t.offsets)})" if t.offsets else t.tool for t in summary.tools)
        lines.append(f"Outils : {tools}")
    if summary.work_offsets:
        lines.append(f"Origines : {', '.join(summary.work_offsets)}")
    spindle = []
    if summary.rpm:
        spindle.append(f"{_span(summary.rpm)} tr/min")
    if summary.cutting_speed:
        spindle.append(f"vitesse de coupe constante {_span(summary.cutting_speed)} m/min")
    if summary.spindle_clamp:
        spindle.append(f"limite {_num(summary.spindle_clamp)} tr/min")
    if spindle:
        lines.append(f"Broche : {' ; '.join(spindle)}")
    feeds = []
    if summary.feed_per_min:
        feeds.append(f"{_span(summary.feed_per_min)} mm/min")
    if summary.feed_per_rev:
        feeds.append(f"{_span(summary.feed_per_rev)} mm/tr")
    if feeds:
        lines.append(f"Avances : {' ; '.join(feeds)}")
    if summary.envelope:
        box = ", ".join(f"{axis} {_num(lo)} à {_num(hi)}" for axis, lo, hi in summary.envelope)
        lines.append(f"Enveloppe des déplacements : {box} (mm)")
    lines.append(
        f"Longueur de trajet : {summary.path_length:.1f} mm (travail {summary.feed_length:.1f} mm, "
        f"rapide {summary.rapid_length:.1f} mm)"
    )
    lines.append(
        f"Temps de cycle estimé : {_duration(summary.cycle_time)} (travail {_duration(summary.feed_time)}, "
        f"rapide {_duration(summary.rapid_time)}, temporisations {_duration(summary.dwell_time)})"
    )
    lines.extend(f"Note : {note}" for note in summary.notes)
    return lines


def _span(pair: tuple[float, float]) -> str:
    low, high = pair
    return _num(low) if low == high else f"{_num(low)} à {_num(high)}"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min {secs:02d} s"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"
