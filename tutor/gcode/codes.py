"""G and M codes known per control: their modal group and what they mean, in French.

Keys are ``round(G * 10)``: G1 -> 10, G54.1 -> 541, so ``G01``, ``G1`` and ``G1.0`` are one code.
Tables follow Fanuc 0i-MF (milling), Fanuc 0i-TF system A (turning, X on the diameter), the common
Sinumerik 840D subset and LinuxCNC 2.9 (one table for mills and lathes, as its interpreter has). G codes are defined by the control maker, so an unknown one is an error; M codes
are largely defined by the machine builder, so an unknown one is only a warning.
"""

from __future__ import annotations

from tutor.gcode.parse import Dialect, Machine

# Modal groups. NON_MODAL codes act on their block only.
MOTION = "mouvement"
CYCLE = "cycle"
PLANE = "plan"
DISTANCE = "cotation"
FEED_MODE = "mode d'avance"
UNITS = "unités"
CUTTER = "correction de rayon"
LENGTH = "correction de longueur"
RETURN = "retour de cycle"
WORK = "origine"
CSS = "vitesse de coupe constante"
NON_MODAL = "non modal"
EXACT = "mode de contournage"
SCALING = "facteur d'échelle"
MIRROR = "miroir"
ROTATION = "rotation"
POLAR = "coordonnées polaires"
MACRO = "macro modale"
STROKE = "limites de course"
IJK = "mode I J K"
SPINDLE_CHECK = "surveillance de broche"
LATHE_MODE = "mode diamètre ou rayon"

G = dict[int, tuple[str, str]]

_COMMON: G = {
    0: (MOTION, "déplacement rapide"),
    10: (MOTION, "interpolation linéaire"),
    20: (MOTION, "interpolation circulaire sens horaire"),
    30: (MOTION, "interpolation circulaire sens anti-horaire"),
    40: (NON_MODAL, "temporisation"),
    90: (NON_MODAL, "arrêt précis sur ce bloc"),
    100: (NON_MODAL, "écriture de données (correcteurs, origines)"),
    110: (NON_MODAL, "fin d'écriture de données"),
    170: (PLANE, "plan XY"),
    180: (PLANE, "plan ZX"),
    190: (PLANE, "plan YZ"),
    200: (UNITS, "cotes en pouces"),
    210: (UNITS, "cotes en millimètres"),
    220: (STROKE, "limites de course programmées actives"),
    230: (STROKE, "limites de course programmées annulées"),
    270: (NON_MODAL, "contrôle du retour au point de référence"),
    280: (NON_MODAL, "retour au point de référence machine"),
    290: (NON_MODAL, "retour depuis le point de référence"),
    300: (NON_MODAL, "retour au 2e point de référence"),
    310: (NON_MODAL, "déplacement avec saut sur signal (palpage)"),
    400: (CUTTER, "annulation de la correction de rayon"),
    410: (CUTTER, "correction de rayon à gauche"),
    420: (CUTTER, "correction de rayon à droite"),
    520: (NON_MODAL, "origine locale"),
    530: (NON_MODAL, "déplacement en coordonnées machine"),
    540: (WORK, "origine pièce"),
    550: (WORK, "origine pièce"),
    560: (WORK, "origine pièce"),
    570: (WORK, "origine pièce"),
    580: (WORK, "origine pièce"),
    590: (WORK, "origine pièce"),
    650: (NON_MODAL, "appel de macro"),
    660: (MACRO, "appel modal de macro"),
    670: (MACRO, "annulation de l'appel modal de macro"),
    960: (CSS, "vitesse de coupe constante"),
    970: (CSS, "vitesse de broche constante en tr/min"),
}

MILL_G: G = {
    **_COMMON,
    330: (MOTION, "filetage à l'outil"),
    51: (NON_MODAL, "contournage à grande vitesse (AI contour)"),
    71: (NON_MODAL, "interpolation cylindrique"),
    120: (NON_MODAL, "fraisage de cercle sens horaire"),
    130: (NON_MODAL, "fraisage de cercle sens anti-horaire"),
    150: (POLAR, "annulation des coordonnées polaires"),
    160: (POLAR, "coordonnées polaires"),
    370: (NON_MODAL, "mesure automatique de longueur d'outil"),
    390: (NON_MODAL, "arrondi d'angle en correction de rayon"),
    430: (LENGTH, "correction de longueur d'outil positive"),
    434: (LENGTH, "correction de longueur avec pilotage du point outil"),
    440: (LENGTH, "correction de longueur d'outil négative"),
    490: (LENGTH, "annulation de la correction de longueur"),
    450: (NON_MODAL, "augmentation de la position par le correcteur"),
    460: (NON_MODAL, "diminution de la position par le correcteur"),
    470: (NON_MODAL, "double augmentation par le correcteur"),
    480: (NON_MODAL, "double diminution par le correcteur"),
    500: (SCALING, "annulation du facteur d'échelle"),
    510: (SCALING, "facteur d'échelle"),
    501: (MIRROR, "annulation du miroir"),
    511: (MIRROR, "miroir programmé"),
    541: (WORK, "origine pièce supplémentaire"),
    600: (NON_MODAL, "positionnement unidirectionnel"),
    610: (EXACT, "arrêt précis modal"),
    620: (EXACT, "ralentissement automatique dans les angles"),
    630: (EXACT, "mode taraudage"),
    640: (EXACT, "mode de contournage continu"),
    680: (ROTATION, "rotation du système de coordonnées"),
    690: (ROTATION, "annulation de la rotation"),
    700: (UNITS, "cotes en pouces"),
    710: (UNITS, "cotes en millimètres"),
    730: (CYCLE, "cycle de perçage rapide avec brise-copeaux"),
    740: (CYCLE, "cycle de taraudage à gauche"),
    760: (CYCLE, "cycle d'alésage fin"),
    800: (CYCLE, "annulation du cycle"),
    810: (CYCLE, "cycle de perçage simple"),
    820: (CYCLE, "cycle de perçage avec temporisation au fond"),
    830: (CYCLE, "cycle de perçage profond avec débourrage"),
    840: (CYCLE, "cycle de taraudage à droite"),
    850: (CYCLE, "cycle d'alésage, remontée en avance"),
    860: (CYCLE, "cycle d'alésage, arrêt broche au fond et remontée rapide"),
    870: (CYCLE, "cycle d'alésage en tirant"),
    880: (CYCLE, "cycle d'alésage avec arrêt manuel"),
    890: (CYCLE, "cycle d'alésage avec temporisation, remontée en avance"),
    900: (DISTANCE, "cotes absolues"),
    910: (DISTANCE, "cotes relatives"),
    901: (IJK, "centres d'arc I J K absolus"),
    911: (IJK, "centres d'arc I J K relatifs"),
    920: (NON_MODAL, "définition de l'origine programme"),
    930: (FEED_MODE, "avance en inverse du temps"),
    940: (FEED_MODE, "avance en mm/min"),
    950: (FEED_MODE, "avance en mm/tr"),
    980: (RETURN, "retour au plan initial en fin de cycle"),
    990: (RETURN, "retour au plan R en fin de cycle"),
    1870: (NON_MODAL, "Haas : réglage du lissage des contours (précision ou vitesse)"),
}

LATHE_G: G = {
    **_COMMON,
    320: (MOTION, "filetage à pas constant"),
    340: (MOTION, "filetage à pas variable"),
    900: (MOTION, "cycle de chariotage simple"),
    920: (MOTION, "cycle de filetage simple"),
    940: (MOTION, "cycle de dressage simple"),
    71: (NON_MODAL, "interpolation cylindrique"),
    121: (POLAR, "interpolation en coordonnées polaires"),
    131: (POLAR, "annulation de l'interpolation polaire"),
    1120: (POLAR, "interpolation en coordonnées polaires"),
    1130: (POLAR, "annulation de l'interpolation polaire"),
    250: (SPINDLE_CHECK, "surveillance de fluctuation de broche annulée"),
    260: (SPINDLE_CHECK, "surveillance de fluctuation de broche"),
    360: (NON_MODAL, "mesure automatique d'outil en X"),
    370: (NON_MODAL, "mesure automatique d'outil en Z"),
    500: (NON_MODAL, "définition de l'origine programme ou limitation de vitesse de broche"),
    700: (NON_MODAL, "cycle de finition de profil"),
    710: (NON_MODAL, "cycle d'ébauche en chariotage"),
    720: (NON_MODAL, "cycle d'ébauche en dressage"),
    730: (NON_MODAL, "cycle d'ébauche parallèle au profil"),
    740: (NON_MODAL, "cycle de perçage axial par reprises"),
    750: (NON_MODAL, "cycle de gorges radiales"),
    760: (NON_MODAL, "cycle de filetage à passes multiples"),
    800: (CYCLE, "annulation du cycle de perçage"),
    830: (CYCLE, "cycle de perçage en bout"),
    840: (CYCLE, "cycle de taraudage en bout"),
    850: (CYCLE, "cycle d'alésage en bout"),
    870: (CYCLE, "cycle de perçage radial"),
    880: (CYCLE, "cycle de taraudage radial"),
    890: (CYCLE, "cycle d'alésage radial"),
    980: (FEED_MODE, "avance en mm/min"),
    990: (FEED_MODE, "avance en mm/tr"),
}

SIEMENS_G: G = {
    **{k: v for k, v in _COMMON.items() if k not in (220, 230, 270, 290, 300, 310, 520, 650, 660, 670, 960, 970)},
    330: (MOTION, "filetage à pas constant"),
    3310: (MOTION, "taraudage rigide"),
    3320: (MOTION, "retrait du taraudage rigide"),
    250: (NON_MODAL, "limite basse de vitesse de broche"),
    260: (NON_MODAL, "limite haute de vitesse de broche"),
    280: (NON_MODAL, "retour au point de référence"),
    500: (NON_MODAL, "limite de vitesse de broche"),
    600: (EXACT, "arrêt précis modal"),
    640: (EXACT, "mode de contournage continu"),
    6410: (EXACT, "contournage avec tolérance"),
    6420: (EXACT, "contournage avec tolérance axe par axe"),
    700: (UNITS, "cotes en pouces"),
    710: (UNITS, "cotes en millimètres"),
    7000: (UNITS, "cotes et avances en pouces"),
    7100: (UNITS, "cotes et avances en millimètres"),
    740: (NON_MODAL, "retour au point de référence"),
    750: (NON_MODAL, "accostage d'un point fixe"),
    900: (DISTANCE, "cotes absolues"),
    910: (DISTANCE, "cotes relatives"),
    930: (FEED_MODE, "avance en inverse du temps"),
    940: (FEED_MODE, "avance en mm/min"),
    950: (FEED_MODE, "avance en mm/tr"),
    960: (FEED_MODE, "vitesse de coupe constante avec avance en mm/tr"),
    970: (FEED_MODE, "annulation de la vitesse de coupe constante"),
    1530: (NON_MODAL, "déplacement en coordonnées machine, décalages supprimés"),
    4500: (CUTTER, "contournage des angles par arc"),
    4510: (CUTTER, "contournage des angles par intersection"),
    5000: (WORK, "annulation des origines réglables"),
    **{code: (WORK, "origine pièce") for code in range(5050, 6000, 10)},
}

# LinuxCNC: its G-code reference (linuxcnc.org/docs, "G-Code Quick Reference"); arcs, cycles and offsets
# as on Fanuc, plus splines, probing, dynamic compensation, lathe diameter/radius mode and its lathe cycles.
LINUXCNC_G: G = {
    **{k: v for k, v in _COMMON.items() if k not in (90, 110, 220, 230, 270, 290, 310, 650, 660, 670)},
    50: (MOTION, "spline cubique"),
    51: (MOTION, "B-spline quadratique"),
    52: (MOTION, "NURBS, points de contrôle"),
    53: (MOTION, "fin de NURBS"),
    70: (LATHE_MODE, "tour : X programmé au diamètre"),
    80: (LATHE_MODE, "tour : X programmé au rayon"),
    171: (PLANE, "plan UV"),
    181: (PLANE, "plan WU"),
    191: (PLANE, "plan VW"),
    281: (NON_MODAL, "mémorisation de la position G28"),
    301: (NON_MODAL, "mémorisation de la position G30"),
    330: (MOTION, "déplacement synchronisé à la broche (filetage)"),
    331: (MOTION, "taraudage rigide"),
    382: (MOTION, "palpage vers la pièce, erreur si pas de contact"),
    383: (MOTION, "palpage vers la pièce"),
    384: (MOTION, "palpage en s'écartant, erreur si pas de perte de contact"),
    385: (MOTION, "palpage en s'écartant"),
    411: (CUTTER, "correction de rayon dynamique à gauche (diamètre en D)"),
    421: (CUTTER, "correction de rayon dynamique à droite (diamètre en D)"),
    430: (LENGTH, "correction de longueur d'outil (H, sinon l'outil monté)"),
    431: (LENGTH, "correction de longueur dynamique"),
    432: (LENGTH, "correction de longueur supplémentaire"),
    490: (LENGTH, "annulation de la correction de longueur"),
    520: (NON_MODAL, "décalage local d'origine"),
    591: (WORK, "origine pièce"),
    592: (WORK, "origine pièce"),
    593: (WORK, "origine pièce"),
    610: (EXACT, "trajectoire exacte"),
    611: (EXACT, "arrêt précis à chaque bloc"),
    640: (EXACT, "contournage continu, tolérance P"),
    700: (NON_MODAL, "tour : cycle de finition de profil"),
    710: (NON_MODAL, "tour : cycle d'ébauche en chariotage"),
    711: (NON_MODAL, "tour : cycle d'ébauche en chariotage"),
    712: (NON_MODAL, "tour : cycle d'ébauche en chariotage"),
    720: (NON_MODAL, "tour : cycle d'ébauche en dressage"),
    721: (NON_MODAL, "tour : cycle d'ébauche en dressage"),
    722: (NON_MODAL, "tour : cycle d'ébauche en dressage"),
    730: (CYCLE, "cycle de perçage avec brise-copeaux"),
    740: (CYCLE, "cycle de taraudage à gauche avec temporisation"),
    760: (NON_MODAL, "tour : cycle de filetage à passes multiples"),
    **{k: MILL_G[k] for k in (800, 810, 820, 830, 840, 850, 860, 870, 880, 890, 900, 910, 901, 911)},
    920: (NON_MODAL, "décalage du système de coordonnées"),
    921: (NON_MODAL, "annulation du décalage G92, paramètres remis à zéro"),
    922: (NON_MODAL, "annulation du décalage G92, paramètres gardés"),
    923: (NON_MODAL, "rétablissement du décalage G92"),
    930: (FEED_MODE, "avance en inverse du temps"),
    940: (FEED_MODE, "avance en unités par minute"),
    950: (FEED_MODE, "avance en unités par tour"),
    980: (RETURN, "retour au plan initial en fin de cycle"),
    990: (RETURN, "retour au plan R en fin de cycle"),
}

M_LABELS: dict[int, str] = {
    0: "arrêt programmé",
    1: "arrêt optionnel",
    2: "fin de programme",
    3: "broche en sens horaire",
    4: "broche en sens anti-horaire",
    5: "arrêt de la broche",
    6: "changement d'outil",
    7: "arrosage par brouillard",
    8: "arrosage",
    9: "arrêt de l'arrosage",
    10: "serrage",
    11: "desserrage",
    13: "broche en sens horaire et arrosage",
    14: "broche en sens anti-horaire et arrosage",
    17: "fin de sous-programme",
    19: "orientation de la broche",
    21: "fonction auxiliaire machine",
    22: "fonction auxiliaire machine",
    23: "fonction auxiliaire machine",
    24: "fonction auxiliaire machine",
    29: "taraudage rigide",
    30: "fin de programme et retour au début",
    40: "gamme de broche automatique",
    41: "gamme de broche 1",
    42: "gamme de broche 2",
    43: "gamme de broche 3",
    44: "gamme de broche 4",
    48: "potentiomètres d'avance actifs",
    49: "potentiomètres d'avance neutralisés",
    50: "arrosage par le centre",
    51: "arrosage par le centre",
    68: "serrage du mandrin",
    69: "desserrage du mandrin",
    88: "arrosage par le centre",
    89: "arrêt de l'arrosage par le centre",
    97: "appel de sous-programme local (Haas : P = numéro de bloc N)",
    98: "appel de sous-programme",
    99: "fin de sous-programme",
}

# LinuxCNC's own M codes; M100 to M199 are user programs there (never unknown).
LINUXCNC_M: dict[int, str] = {
    52: "avance adaptative",
    53: "arrêt d'avance commandé par entrée",
    60: "arrêt pour changement de palette",
    61: "outil courant déclaré sans changement",
    62: "sortie numérique activée avec le mouvement",
    63: "sortie numérique désactivée avec le mouvement",
    64: "sortie numérique activée immédiatement",
    65: "sortie numérique désactivée immédiatement",
    66: "attente d'une entrée",
    67: "sortie analogique avec le mouvement",
    68: "sortie analogique immédiate",
    70: "mémorisation des modes",
    71: "oubli des modes mémorisés",
    72: "rétablissement des modes mémorisés",
    73: "mémorisation des modes, rétablis en fin de sous-programme",
}
DIALECT_NAMES = {
    "iso": "ISO (Fanuc)",
    "linuxcnc": "LinuxCNC (RS274/NGC)",
    "sinumerik": "Siemens Sinumerik",
    "heidenhain": "Heidenhain conversationnel",
}

SPINDLE_ON = {3: 3, 4: 4, 13: 3, 14: 4}  # code -> direction
SPINDLE_OFF = {5, 19}
COOLANT_ON = {7, 8, 13, 14, 50, 51, 88}
COOLANT_OFF = {9, 89}
PROGRAM_END = {2, 30}
# M codes that cannot share a block: each set is one group.
M_GROUPS = ({3, 4, 5, 13, 14, 19}, {0, 1, 2, 30}, {98, 99})


def g_table(dialect: Dialect, machine: Machine) -> G:
    if dialect == "sinumerik":
        return SIEMENS_G
    if dialect == "linuxcnc":
        return LINUXCNC_G
    return LATHE_G if machine == "lathe" else MILL_G


def g_name(code: int) -> str:
    whole, tenth = divmod(code, 10)
    return f"G{whole:02d}.{tenth}" if tenth else f"G{whole:02d}"


def m_label(code: int, dialect: str) -> str | None:
    """What an M code does on this control, or None when the control does not define it."""
    if dialect == "linuxcnc":
        if code in LINUXCNC_M:
            return LINUXCNC_M[code]
        if 100 <= code <= 199:
            return "programme utilisateur (M100 à M199)"
        if code in (10, 11, 13, 14, 17, 21, 22, 23, 24, 29, 40, 41, 42, 43, 44, 68, 69, 88, 89):
            return None  # builder codes of Fanuc machines, not LinuxCNC's
    return M_LABELS.get(code)


def m_name(code: int) -> str:
    return f"M{code:02d}"
