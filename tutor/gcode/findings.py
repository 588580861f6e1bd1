"""The findings a program check can report: a stable code, a fixed severity, a French hint.

Codes are stable (outside checks read them); severities are fixed per code:

=======================  ========  ==============================================================
Code                     Severity  Meaning
=======================  ========  ==============================================================
MODAL_CONFLICT           error     two codes of one modal group in a block (G01 G02, M03 M05...)
UNKNOWN_G                error     G code unknown to the control (Fanuc milling / turning tables)
DUPLICATE_WORD           error     one address twice in a block (X10 X20)
BAD_WORD                 error     text that is not an address word (ISO), e.g. "X1.2.3" or "X-"
SPINDLE_STOPPED          error     cutting move (G01/G02/G03/cycle) with the spindle stopped
FEED_MISSING             error     feed move with no feed ever set, or F0
ARC_END_MISMATCH         error     arc end point not on its circle: I/J/K inconsistent (LinuxCNC
                                   tolerance: 0.0283 mm, 0.00283 in, and 0.1 % of the radius)
ARC_RADIUS_INVALID       error     R too small to reach the end point, full circle with R, radius 0
ARC_NO_CENTER            error     G02/G03 with neither R nor I/J/K
COMP_ON_ARC              error     cutter compensation started or cancelled on an arc
COMP_NO_D                error     G41/G42 with no D word active (or D0)
COMP_PLANE_G19           error     G41/G42 in the YZ plane (G19)
G28_WITH_COMP            error     G28/G30 while G41/G42 is active
NO_LENGTH_COMP           error     milling: Z move after a tool change without G43/G44 H (Siemens: D)
PECK_NO_Q                error     peck drilling cycle (G73/G83) without a positive Q
TAP_SPINDLE_DIRECTION    error     milling: G84 with M04, or G74 (left-hand tap) with M03
CSS_NO_CLAMP             error     lathe: G96 without a spindle clamp (G50 S / G92 S / LIMS=)
MISSING_END              error     no M30 / M02 at the end of the main program
UNKNOWN_M                warning   M code unknown (machine builder's codes vary: check the manual)
CYCLE_NOT_CANCELLED      warning   drilling cycle still active before an unrelated move, tool change,
                                   G28 or end (no G80), or cancelled implicitly by G00/G01
NO_DECIMAL_POINT         warning   ISO distance without a decimal point: Fanuc reads X100 as 0.100 mm
TOOL_CHANGE_SPINDLE_ON   warning   milling: M06 while the spindle turns (no M05 before)
TOOL_NO_M06              warning   milling: T selected but never changed by M06 before cutting
H_TOOL_MISMATCH          warning   G43 H number different from the tool number
MISSING_UNITS            warning   no G20/G21 (Siemens G70/G71) before the first move
MISSING_SAFETY_LINE      warning   no safety line (G40, G80, G90, plane) before the first move
NO_COOLANT               info      cutting with the coolant never started (dry machining is possible)
EXTERNAL_SUBPROGRAM      info      M98/G65 calls a program that is not in the file: not checked
MACRO_NOT_INTERPRETED    info      Fanuc macro statements (#1=, IF, WHILE, GOTO): not evaluated
UNSUPPORTED_INSTRUCTION  info      Siemens instruction or G code outside the checked subset
UNSUPPORTED_DIALECT      info      Heidenhain conversational program: not ISO, not checked
EMPTY_PROGRAM            info      no block at all
=======================  ========  ==============================================================
"""

from __future__ import annotations

from tutor.gcode.parse import Severity

SEVERITY: dict[str, Severity] = {
    "MODAL_CONFLICT": "error",
    "UNKNOWN_G": "error",
    "DUPLICATE_WORD": "error",
    "BAD_WORD": "error",
    "SPINDLE_STOPPED": "error",
    "FEED_MISSING": "error",
    "ARC_END_MISMATCH": "error",
    "ARC_RADIUS_INVALID": "error",
    "ARC_NO_CENTER": "error",
    "COMP_ON_ARC": "error",
    "COMP_NO_D": "error",
    "COMP_PLANE_G19": "error",
    "G28_WITH_COMP": "error",
    "NO_LENGTH_COMP": "error",
    "PECK_NO_Q": "error",
    "TAP_SPINDLE_DIRECTION": "error",
    "CSS_NO_CLAMP": "error",
    "MISSING_END": "error",
    "UNKNOWN_M": "warning",
    "CYCLE_NOT_CANCELLED": "warning",
    "NO_DECIMAL_POINT": "warning",
    "TOOL_CHANGE_SPINDLE_ON": "warning",
    "TOOL_NO_M06": "warning",
    "H_TOOL_MISMATCH": "warning",
    "MISSING_UNITS": "warning",
    "MISSING_SAFETY_LINE": "warning",
    "NO_COOLANT": "info",
    "EXTERNAL_SUBPROGRAM": "info",
    "MACRO_NOT_INTERPRETED": "info",
    "UNSUPPORTED_INSTRUCTION": "info",
    "UNSUPPORTED_DIALECT": "info",
    "EMPTY_PROGRAM": "info",
}

HINT = {
    "MODAL_CONFLICT": "Un seul code par groupe modal et par bloc : gardez celui qui est voulu ou séparez en deux blocs.",
    "UNKNOWN_G": "Vérifiez la frappe (lettre O au lieu du zéro...) et la liste des codes G de la commande.",
    "DUPLICATE_WORD": "Une adresse ne s'écrit qu'une fois par bloc : supprimez le doublon.",
    "BAD_WORD": "Chaque mot est une lettre suivie d'un nombre (X12.5) ; corrigez la frappe.",
    "SPINDLE_STOPPED": "Mettez la broche en rotation (S... M03 ou M04) avant d'usiner.",
    "FEED_MISSING": "Programmez une avance F avant ou dans le premier bloc d'usinage.",
    "ARC_END_MISMATCH": "Recalculez I, J, K (centre relatif au point de départ) ou le point d'arrivée.",
    "ARC_RADIUS_INVALID": "Avec R, le point d'arrivée doit être à moins de 2 x R du départ ; un cercle complet "
    "se programme avec I, J ou K.",
    "ARC_NO_CENTER": "Donnez le centre (I, J, K en relatif) ou le rayon R de l'arc.",
    "COMP_ON_ARC": "Mettez en route et annulez la correction de rayon sur une droite plus longue que le rayon d'outil.",
    "COMP_NO_D": "Écrivez le correcteur de rayon dans le bloc : G41 D.. ou G42 D.. (D0 vaut un rayon nul).",
    "COMP_PLANE_G19": "Choisissez le plan du contour (G17 pour XY) avant G41/G42.",
    "G28_WITH_COMP": "Annulez la correction de rayon (G40 sur une droite) avant le retour G28/G30.",
    "NO_LENGTH_COMP": "Activez la correction de longueur G43 H.. (numéro de l'outil) dans le premier bloc qui "
    "déplace Z après le changement d'outil.",
    "PECK_NO_Q": "Donnez l'incrément de débourrage Q, positif, avec un point décimal (Q5.).",
    "TAP_SPINDLE_DIRECTION": "G84 demande M03 (taraud à droite), G74 demande M04 (taraud à gauche).",
    "CSS_NO_CLAMP": "Limitez la broche avant G96 : G50 S.. (Fanuc système A), G92 S.. (systèmes B/C) ou LIMS=.",
    "MISSING_END": "Terminez le programme principal par M30 (ou M02).",
    "UNKNOWN_M": "Vérifiez ce code M dans la notice de la machine : les codes M dépendent du constructeur.",
    "CYCLE_NOT_CANCELLED": "Annulez le cycle par G80 juste après le dernier trou.",
    "NO_DECIMAL_POINT": "Écrivez toujours le point décimal sur les cotes : X100. et non X100.",
    "TOOL_CHANGE_SPINDLE_ON": "Arrêtez la broche (M05) et l'arrosage (M09) avant M06.",
    "TOOL_NO_M06": "Écrivez T.. M06 : sur un centre d'usinage, T ne fait que préparer l'outil.",
    "H_TOOL_MISMATCH": "Le correcteur de longueur porte d'habitude le numéro de l'outil : vérifiez H.",
    "MISSING_UNITS": "Écrivez G21 (mm) ou G20 (pouces) dans la ligne de sécurité.",
    "MISSING_SAFETY_LINE": "Commencez par une ligne de sécurité, par exemple G21 G17 G40 G49 G80 G90 "
    "(tour : G21 G18 G40 G80 G99).",
    "NO_COOLANT": "Si l'usinage doit être arrosé, ajoutez M08 avant la première passe.",
    "EXTERNAL_SUBPROGRAM": "Vérifiez aussi ce sous-programme dans la mémoire de la commande.",
    "MACRO_NOT_INTERPRETED": "Les variables et les sauts ne sont pas calculés : vérifiez ces blocs à la main.",
    "UNSUPPORTED_INSTRUCTION": "Vérifiez cette instruction dans la documentation de la commande.",
    "UNSUPPORTED_DIALECT": "Vérifiez ce programme en simulation sur la commande ou dans son logiciel de programmation.",
    "EMPTY_PROGRAM": "Collez ou ouvrez un programme qui contient des blocs.",
}
