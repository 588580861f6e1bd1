"""Read a program like a careful setter: the checks, block by block, on the interpreter's state.

Each finding has a stable code, a severity and a hint: the catalogue is `tutor.gcode.findings`. State-dependent
checks are skipped for blocks whose state is unknown (a sub-program that is never called).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace

from tutor.gcode.codes import CSS, CUTTER, CYCLE, DISTANCE, LENGTH, NON_MODAL, PLANE, UNITS, g_name, m_label
from tutor.gcode.findings import HINT, SEVERITY
from tutor.gcode.flow import run
from tutor.gcode.motion import Totals
from tutor.gcode.parse import (
    Dialect,
    Finding,
    Machine,
    Program,
    Report,
    Summary,
    detect_machine,
    is_o_word,
    parse,
    word_int,
)
from tutor.gcode.state import ARCS, Interpreter, Step

# LinuxCNC's arc tolerance (interp_internal.hh: 2 * 0.01 * sqrt(2) mm, 2 * 0.001 * sqrt(2) in, 0.1 %) and its
# rule (interp_arc.cc): an end point is refused when it is off by more than 100 tolerances, or when it is off
# by more than one tolerance AND by more than 0.1 % of the radius. CAM posts rounding to 4 decimals pass.
ARC_ABSOLUTE_MM = 2 * 0.01 * math.sqrt(2)
ARC_ABSOLUTE_INCH_MM = 2 * 0.001 * math.sqrt(2) * 25.4
ARC_RELATIVE = 0.001
ARC_GROSS = 100  # times the absolute tolerance: refused whatever the radius
ARC_MIN_RADIUS_MM = 0.00005 * 25.4
DECIMAL_LETTERS = frozenset("XYZUVWABCIJKRQ")
_INTEGER_WORD = re.compile(r"[XYZUVWABCIJKRQ]\s*[-+]?\d*[1-9]\d*(?![\d.])", re.IGNORECASE)
MACRO_STARTS = ("#", "IF", "WHILE", "GOTO", "END", "DO")
MOTION_NAMES = {0: "G00", 10: "G01", 20: "G02", 30: "G03"}
StepHook = Callable[[Step, Interpreter, bool], None]


def check(
    text: str,
    *,
    machine: Machine | None = None,
    dialect: Dialect | None = None,
    suffix: str = "",
    rapid_rate: float = 10_000.0,
    on_step: StepHook | None = None,
) -> Report:
    """Parse and check a program (dialect detected unless given); `on_step` sees every executed block with
    the state after it."""
    program = parse(text, dialect, suffix=suffix)
    return check_program(program, machine, rapid_rate=rapid_rate, on_step=on_step)


def check_program(
    program: Program, machine: Machine | None = None, *, rapid_rate: float = 10_000.0, on_step: StepHook | None = None
) -> Report:
    detected = machine is None
    machine = machine or detect_machine(program)
    if program.dialect == "heidenhain":
        finding = _finding(
            1,
            "UNSUPPORTED_DIALECT",
            "Dialecte non pris en charge : programme Heidenhain en dialogue conversationnel (BEGIN PGM, L, CC, C), "
            "ce n'est pas de l'ISO.",
        )
        return Report(
            (replace(finding, dialect=program.dialect),), summarize(program, machine, detected, Totals(), rapid_rate)
        )
    if not program.blocks:
        finding = _finding(1, "EMPTY_PROGRAM", "Programme vide : aucun bloc à vérifier.")
        return Report(
            (replace(finding, dialect=program.dialect),), summarize(program, machine, detected, Totals(), rapid_rate)
        )
    checker = _Checker(program, machine)
    main_totals: Totals | None = None
    for step, interp, main in run(program, machine, rapid_rate=rapid_rate):
        checker.step(step, interp, main)
        if main:
            main_totals = interp.totals
        if on_step is not None:
            on_step(step, interp, main)
    checker.finish()
    findings = sorted(checker.findings, key=lambda f: (f.line, _RANK[f.severity]))
    return Report(
        tuple(replace(f, dialect=program.dialect) for f in findings),
        summarize(program, machine, detected, main_totals or Totals(), rapid_rate),
    )


_RANK = {"error": 0, "warning": 1, "info": 2}


def _finding(line: int, code: str, message: str) -> Finding:
    return Finding(line, SEVERITY[code], code, message, HINT[code])


class _Checker:
    """Per-program memory of the checks: what was already reported, what the safety line has set."""

    def __init__(self, program: Program, machine: Machine) -> None:
        self.findings: list[Finding] = []
        self.seen: set[tuple[int, str, str]] = set()
        self.dialect = program.dialect
        self.iso = program.dialect == "iso"
        self.linuxcnc = program.dialect == "linuxcnc"
        # LinuxCNC runs a program between two « % » lines to the second one, without M2 / M30.
        marks = [line.strip() for line in program.lines if line.strip()]
        self.percent_delimited = self.linuxcnc and len(marks) > 1 and marks[0] == marks[-1] == "%"
        self.siemens = program.dialect == "sinumerik"
        self.mill = machine == "mill"
        self.lathe = machine == "lathe"
        self.programs = {word_int(b.words[0][1]) for b in program.blocks if b.words and b.words[0][0] == "O"}
        self.setup: set[str] = set()
        self.started = False  # first move done in the main program
        self.ended = False
        self.main_known = True
        self.last_main_line = 0
        self.once: set[str] = set()
        self.tool_changes = 0
        self.length_flagged = -1
        self.first_t_line = 0
        self.spindle_reported = False  # SPINDLE_STOPPED already said for the current stretch

    def add(self, line: int, code: str, message: str) -> None:
        key = (line, code, message)
        if key not in self.seen:
            self.seen.add(key)
            self.findings.append(_finding(line, code, message))

    def add_once(self, line: int, code: str, message: str) -> None:
        if code not in self.once:
            self.once.add(code)
            self.add(line, code, message)

    def step(self, step: Step, interp: Interpreter, main: bool) -> None:  # noqa: C901 - flat for speed
        block = step.block
        line = block.line
        if step.conflicts:
            for group, first, second in step.conflicts:
                self.add(
                    line, "MODAL_CONFLICT", f"{first} et {second} dans le même bloc : deux codes du groupe « {group} »."
                )
        if step.unknown_g:
            for code in step.unknown_g:
                if self.siemens:
                    self.add(
                        line,
                        "UNSUPPORTED_INSTRUCTION",
                        f"{g_name(code)} : code G hors du sous-ensemble Sinumerik vérifié.",
                    )
                elif self.linuxcnc:
                    self.add(line, "UNKNOWN_G", f"{g_name(code)} : code G inconnu de LinuxCNC.")
                else:
                    kind = "tournage" if self.lathe else "fraisage"
                    self.add(line, "UNKNOWN_G", f"{g_name(code)} : code G inconnu d'une commande Fanuc en {kind}.")
        mcodes = step.mcodes
        for code in mcodes:
            if m_label(code, self.dialect) is None:
                self.add(line, "UNKNOWN_M", f"M{code:02d} : code M non standard.")
        if step.duplicates:
            letters = ", ".join(sorted(set(step.duplicates)))
            self.add(line, "DUPLICATE_WORD", f"Adresse écrite deux fois dans le bloc : {letters}.")
        if self.spindle_reported and interp.spindle != 5:
            self.spindle_reported = False  # the spindle turns again: a later stretch is reported anew
        if block.bad:
            self.add(line, "BAD_WORD", f"Texte illisible dans le bloc : « {' '.join(block.bad)} ».")
        if step.extras_unknown or step.expressions:
            self._extras(step, line)
        if self.iso:
            self._decimal_points(step, interp, line)
        if main and interp.known:
            self.last_main_line = line
            if step.ends or step.returns:
                self.ended = True
        elif main:
            self.main_known = False
        groups = step.groups
        if step.motion is not None and main and interp.known and not self.started:
            self.started = True
            self._safety_line(line, interp)
        elif not self.started:
            self._remember_setup(groups)
        if step.arc is not None:
            self._arc(step, interp, line)
        cutter = groups.get(CUTTER)
        if cutter is not None or PLANE in groups:
            self._compensation(step, interp, line, cutter)
        if step.comp_event is not None and step.motion in ARCS:
            event = "mise en route" if step.comp_event == "start" else "annulation"
            self.add(
                line,
                "COMP_ON_ARC",
                f"{event.capitalize()} de la correction de rayon sur un arc ({MOTION_NAMES[step.motion]}).",
            )
        non_modal = groups.get(NON_MODAL)
        reference = non_modal in (280, 300) or (self.siemens and non_modal == 740)
        if reference and interp.cutter != 400:
            self.add(
                line,
                "G28_WITH_COMP",
                f"{g_name(non_modal)} alors que la correction de rayon {g_name(interp.cutter)} est active.",
            )  # type: ignore[arg-type]
        if step.tool_change:
            self._tool_change(step, interp, line)
        if "T" in step.values and not self.first_t_line:
            self.first_t_line = line
        if self.mill and interp.length_pending and "Z" in step.moved and non_modal not in (280, 300, 530, 1530, 740):
            self._length_missing(interp, line)
        if LENGTH in groups and self.mill and groups[LENGTH] in (430, 440) and "H" in step.values:
            self._length_number(interp, line)
        if (
            interp.css
            and self.lathe
            and interp.clamp is None
            and interp.known
            and (step.cutting or groups.get(CSS) == 960)
        ):
            self.add_once(
                line, "CSS_NO_CLAMP", "Vitesse de coupe constante G96 sans limitation de la vitesse de broche."
            )
        self._cycle(step, interp, line, non_modal)
        if step.cutting and interp.known:
            self._cutting(step, interp, line)
        if step.call is not None and step.call[0] not in self.programs:
            self.add(
                line,
                "EXTERNAL_SUBPROGRAM",
                f"Le sous-programme O{step.call[0]} n'est pas dans ce fichier : il n'est pas vérifié.",
            )

    # ------------------------------------------------------------ the checks, one concern each

    def _extras(self, step: Step, line: int) -> None:
        for extra in step.extras_unknown:
            if self.siemens:
                name = "DEF" if extra.startswith("DEF ") else extra.split("=")[0].split("(")[0]
                if name not in self.once:
                    self.once.add(name)
                    self.add(
                        line,
                        "UNSUPPORTED_INSTRUCTION",
                        f"Instruction Sinumerik « {name} » non interprétée par ce vérificateur.",
                    )
            elif is_o_word(extra):
                self.add_once(
                    line,
                    "MACRO_NOT_INTERPRETED",
                    "Instructions de contrôle LinuxCNC (o-words : sub, call, while, if…) non interprétées.",
                )
            elif extra.startswith(MACRO_STARTS):
                self.add_once(
                    line,
                    "MACRO_NOT_INTERPRETED",
                    "Instructions de macro (variables, IF, WHILE, GOTO) non interprétées.",
                )
            else:
                self.add(line, "BAD_WORD", f"« {extra} » n'est pas un mot ISO.")
        if step.expressions and (self.iso or self.linuxcnc):
            self.add_once(
                line, "MACRO_NOT_INTERPRETED", "Instructions de macro (variables, IF, WHILE, GOTO) non interprétées."
            )

    def _decimal_points(self, step: Step, interp: Interpreter, line: int) -> None:
        if not _INTEGER_WORD.search(step.block.text):  # cheap filter; comments may pass it, words decide
            return
        non_modal = step.groups.get(NON_MODAL)
        if non_modal == 650:
            return
        lathe_cycle = self.lathe and non_modal in (700, 710, 720, 730, 740, 750, 760)
        bad = []
        for letter, raw in step.block.words:
            if letter in DECIMAL_LETTERS and "." not in raw and raw.lstrip("+-").isdigit() and raw.strip("+-0"):
                if lathe_cycle and letter in "PQ":
                    continue
                bad.append(letter + raw)
        if bad:
            inch = interp.scale != 1.0
            first = bad[0]
            read = float(first[1:]) / (10_000 if inch else 1000)
            unit = "pouce" if inch else "mm"
            self.add(
                line,
                "NO_DECIMAL_POINT",
                f"{' '.join(bad)} sans point décimal : une commande Fanuc lit {first} comme {first[0]}{read:g} ({unit} ou degré), pas {first}.",
            )

    def _remember_setup(self, groups: dict[str, int]) -> None:
        if UNITS in groups:
            self.setup.add("units")
        if groups.get(CUTTER) == 400:
            self.setup.add("G40")
        if groups.get(CYCLE) == 800:
            self.setup.add("G80")
        if DISTANCE in groups:
            self.setup.add("G90")
        if PLANE in groups:
            self.setup.add("plane")

    def _safety_line(self, line: int, interp: Interpreter) -> None:
        if not interp.units_set:
            self.add(line, "MISSING_UNITS", "Aucune unité (G21 / G20) n'est programmée avant le premier déplacement.")
        needed = {"G40": "G40"}
        if self.iso and self.mill:  # a lathe's G80 only cancels its rarely used drilling cycles
            needed["G80"] = "G80"
        if self.mill or self.siemens:
            needed["G90"] = "G90"
            needed["plane"] = "G17" if self.mill else "G18"
        missing = [code for key, code in needed.items() if key not in self.setup]
        if missing:
            self.add(
                line,
                "MISSING_SAFETY_LINE",
                f"Pas de ligne de sécurité avant le premier déplacement : {', '.join(missing)} manquant(s).",
            )

    def _arc(self, step: Step, interp: Interpreter, line: int) -> None:
        r_start, r_end, radius_word, problem = step.arc  # type: ignore[misc]
        name = MOTION_NAMES.get(step.motion or 20, "G02")
        if problem == "no-center":
            self.add(line, "ARC_NO_CENTER", f"Arc {name} sans rayon R ni centre I, J, K.")
        elif problem == "full-circle-r":
            self.add(
                line,
                "ARC_RADIUS_INVALID",
                f"Arc {name} en R dont l'arrivée est le point de départ : un cercle complet ne se programme pas avec R.",
            )
        elif problem == "r-too-small":
            self.add(
                line,
                "ARC_RADIUS_INVALID",
                f"Arc {name} : le rayon R{radius_word:g} est trop petit pour atteindre le point d'arrivée.",
            )
        elif r_start == r_start and r_end == r_end and radius_word is None:
            if max(r_start, r_end) < ARC_MIN_RADIUS_MM:
                self.add(line, "ARC_RADIUS_INVALID", f"Arc {name} de rayon nul : I, J, K désignent le point de départ.")
                return
            error = abs(r_start - r_end)
            tolerance = ARC_ABSOLUTE_INCH_MM if interp.scale != 1.0 else ARC_ABSOLUTE_MM
            relative = error / max(r_start, r_end)
            if error > ARC_GROSS * tolerance or (error > tolerance and relative > ARC_RELATIVE):
                allowed = max(tolerance, min(ARC_GROSS * tolerance, ARC_RELATIVE * max(r_start, r_end)))
                self.add(
                    line,
                    "ARC_END_MISMATCH",
                    f"Arc {name} : le point d'arrivée n'est pas sur le cercle (rayon au départ {r_start:.3f} mm, à l'arrivée {r_end:.3f} mm, écart {error:.3f} mm ; tolérance {allowed:.3f} mm, règle de LinuxCNC).",
                )

    def _compensation(self, step: Step, interp: Interpreter, line: int, cutter: int | None) -> None:
        if interp.cutter == 400:
            return
        if interp.plane == 190:
            self.add(line, "COMP_PLANE_G19", f"Correction de rayon {g_name(interp.cutter)} dans le plan YZ (G19).")
        if cutter in (410, 420) and not self.lathe and (interp.d is None or interp.d == 0):
            what = "avec D0 (rayon nul)" if interp.d == 0 else "sans correcteur D"
            self.add(line, "COMP_NO_D", f"{g_name(cutter)} {what}.")

    def _tool_change(self, step: Step, interp: Interpreter, line: int) -> None:
        self.tool_changes += 1
        if self.mill and 6 in step.mcodes and step.spindle_before in (3, 4) and 5 not in step.mcodes:
            self.add(line, "TOOL_CHANGE_SPINDLE_ON", "Changement d'outil M06 alors que la broche tourne encore.")

    def _length_missing(self, interp: Interpreter, line: int) -> None:
        if self.length_flagged != self.tool_changes and interp.known:
            self.length_flagged = self.tool_changes  # once per tool change
            tool = f" {interp.tool}" if interp.tool else ""
            self.add(
                line,
                "NO_LENGTH_COMP",
                f"Déplacement en Z après le changement d'outil{tool} sans correction de longueur G43 H.",
            )

    def _length_number(self, interp: Interpreter, line: int) -> None:
        tool = interp.tool
        if tool is None or interp.h is None or not tool[1:].isdigit():
            return
        if int(tool[1:]) != interp.h:
            self.add(line, "H_TOOL_MISMATCH", f"Correcteur de longueur H{interp.h:02d} avec l'outil {tool}.")

    def _cycle(self, step: Step, interp: Interpreter, line: int, non_modal: int | None) -> None:
        before = step.cycle_before
        if step.cycle_cancelled and before is not None:
            motion = g_name(step.groups.get("mouvement", 0))
            self.add(
                line,
                "CYCLE_NOT_CANCELLED",
                f"{motion} annule implicitement le cycle {g_name(before)} : G80 n'a pas été programmé.",
            )
        active = interp.cycle
        if active is None:
            return
        name = interp.cycle_name
        values = step.values
        if (
            step.motion == active
            and CYCLE not in step.groups
            and step.moved == "Z"
            and "Z" in values
            and not ({"X", "Y"} & values.keys())
        ):
            self.add(
                line,
                "CYCLE_NOT_CANCELLED",
                f"Z seul alors que le cycle {name} est actif : la commande perce un nouveau trou à la position actuelle.",
            )
        if step.tool_change or step.ends or non_modal in (280, 300) or 5 in step.mcodes:
            self.add(
                line, "CYCLE_NOT_CANCELLED", f"Le cycle {name} est encore actif à ce bloc : G80 n'a pas été programmé."
            )
        if step.motion == active and interp.known and name.startswith("G"):
            if active in (730, 830) and not interp.cycle_q > 0 and CYCLE in step.groups:  # once, where it is set
                self.add(line, "PECK_NO_Q", f"Cycle de perçage avec débourrage {name} sans incrément Q positif.")
            if self.mill and ((active == 840 and interp.spindle == 4) or (active == 740 and interp.spindle == 3)):
                wanted = "M03" if active == 840 else "M04"
                actual = "M04" if interp.spindle == 4 else "M03"
                self.add(
                    line, "TAP_SPINDLE_DIRECTION", f"Taraudage {name} avec la broche en {actual} : il faut {wanted}."
                )

    def _cutting(self, step: Step, interp: Interpreter, line: int) -> None:
        motion = step.motion or 10
        if interp.spindle == 5 and not self.spindle_reported:  # once per stretch cut with the spindle stopped
            self.spindle_reported = True
            self.add(line, "SPINDLE_STOPPED", f"Usinage ({_motion_name(step, interp)}) avec la broche arrêtée.")
        if motion != 700 and not interp.feed:
            what = "une avance nulle (F0)" if interp.feed == 0 else "aucune avance : F n'a jamais été programmé"
            self.add(line, "FEED_MISSING", f"Usinage ({_motion_name(step, interp)}) avec {what}.")
        if interp.coolant is False:
            self.add_once(line, "NO_COOLANT", "Usinage sans arrosage : M08 n'a pas été programmé avant cette passe.")
        if self.mill and interp.tool is None and interp.pending_tool is not None:
            self.add_once(
                line,
                "TOOL_NO_M06",
                f"L'outil {interp.pending_tool} est appelé (ligne {self.first_t_line}) mais jamais monté par M06 avant d'usiner.",
            )

    def finish(self) -> None:
        if self.main_known and not self.ended and self.last_main_line and not self.percent_delimited:
            self.add(self.last_main_line, "MISSING_END", "Le programme principal ne se termine pas par M30 ou M02.")


def _motion_name(step: Step, interp: Interpreter) -> str:
    return interp.cycle_name if step.motion == interp.cycle else g_name(step.motion or 10)


# ---------------------------------------------------------------- summary


def summarize(program: Program, machine: Machine, detected: bool, totals: Totals, rapid_rate: float) -> Summary:
    def span(values: list[float]) -> tuple[float, float] | None:
        return (values[0], values[1]) if values[0] <= values[1] else None

    envelope = tuple((axis, totals.lo[i], totals.hi[i]) for i, axis in enumerate("XYZ") if totals.lo[i] <= totals.hi[i])
    notes = [f"rapides comptés à {rapid_rate:g} mm/min, sans les accélérations ni les temps de changement d'outil"]
    if span(totals.vcs):
        notes.append("G96 : régime calculé au diamètre de chaque huitième de déplacement, plafonné par G50 S")
    if machine == "lathe":
        notes.append("X au diamètre dans l'enveloppe, au rayon dans les longueurs")
    if totals.unknown:
        notes.append(
            f"{totals.unknown} déplacement(s) non comptés : départ d'une position inconnue (après G28, "
            "changement d'outil ou d'origine) ou avance inutilisable"
        )
    notes.extend(totals.notes)
    return Summary(
        dialect=program.dialect,
        machine=machine,
        machine_detected=detected,
        blocks=len(program.blocks),
        tools=totals.tool_uses(),
        work_offsets=tuple(totals.works),
        rpm=span(totals.rpms),
        cutting_speed=span(totals.vcs),
        spindle_clamp=totals.clamps[1] if span(totals.clamps) else None,
        feed_per_min=span(totals.feeds_min),
        feed_per_rev=span(totals.feeds_rev),
        envelope=envelope,
        rapid_length=totals.rapid_length,
        feed_length=totals.feed_length,
        rapid_time=totals.rapid_time,
        feed_time=totals.feed_time,
        dwell_time=totals.dwell,
        rapid_rate=rapid_rate,
        moves_not_estimated=totals.unknown,
        notes=tuple(notes),
    )
