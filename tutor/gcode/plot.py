"""Pictures of a toolpath: PNG and SVG with matplotlib, an interactive figure with plotly (HTML file, web app).

The one module that imports the plotting libraries, inside the functions that use them, so that
`tutor gcode check` and the web app's start do not pay for them. What is drawn is `decimate`'s reduction of
the toolpath (a budget of points), except the highlighted block, drawn from the full toolpath. Rapid moves are
dashed, cutting moves solid, one colour per tool; findings are marked where the tool is after their block.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal, get_args

import numpy as np

from tutor.gcode.parse import Finding
from tutor.gcode.toolpath import DISPLAY_BUDGET, Drawing, Toolpath, decimate

View = Literal["xy", "xz", "yz", "profil", "3d"]
VIEWS: tuple[View, ...] = get_args(View)
VIEW_TITLES: dict[View, str] = {
    "xy": "vue de dessus (XY)",
    "xz": "vue de face (XZ)",
    "yz": "vue de côté (YZ)",
    "profil": "profil de tournage (Z, X)",
    "3d": "vue 3D",
}
FORMATS = (".png", ".svg", ".html")
WEB_BUDGET = 20_000  # an SVG plot in the browser: hover stays smooth
# Tab10 without its pink: the highlight's magenta must stand out from every tool.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#7f7f7f", "#bcbd22", "#17becf")
HIGHLIGHT = "#ff00ff"
MARKERS = {"error": "#c00000", "warning": "#e69500"}
SEVERITY_FR = {"error": "erreur", "warning": "avertissement"}
MAX_CAPTION = 12  # findings listed under a static figure; all are numbered on it
MAX_MARKERS = 200
LINE_INCHES = 0.19  # one caption line under a static figure


class PlotError(ValueError):
    """A drawing that cannot be made; the message is one French line for the user."""


def default_view(toolpath: Toolpath) -> View:
    return "profil" if toolpath.lathe else "xy"


def resolve_view(toolpath: Toolpath, view: str | None) -> View:
    if view is None or view == "auto":
        return default_view(toolpath)
    if view not in VIEWS:
        raise PlotError(f"vue inconnue « {view} » (attendu : {', '.join(VIEWS)})")
    return view  # type: ignore[return-value]


def tool_label(name: str | None) -> str:
    """« T1 » for "T01"; a Siemens tool keeps its name."""
    if name is None:
        return "outil inconnu"
    digits = name[1:]
    return f"T{int(digits)}" if name[:1] == "T" and digits.isdigit() else name


def axis_labels(toolpath: Toolpath, view: View) -> tuple[str, ...]:
    x = "X, rayon (mm)" if toolpath.lathe else "X (mm)"
    return {
        "xy": ("X (mm)", "Y (mm)"),
        "xz": (x, "Z (mm)"),
        "yz": ("Y (mm)", "Z (mm)"),
        "profil": ("Z (mm)", "X, diamètre (mm)" if toolpath.lathe else "X (mm)"),
        "3d": (x, "Y (mm)", "Z (mm)"),
    }[view]


def project(toolpath: Toolpath, view: View, points: np.ndarray) -> np.ndarray:
    """Columns to draw: (horizontal, vertical), or (x, y, z) in 3D; the profile has Z across and X as a diameter."""
    columns = {"xy": (0, 1), "xz": (0, 2), "yz": (1, 2), "profil": (2, 0), "3d": (0, 1, 2)}[view]
    if view == "profil":
        points = toolpath.diameters(points)
    return points[:, columns]


def title(toolpath: Toolpath, view: View, name: str = "") -> str:
    head = f"Trajectoire d'outil — {VIEW_TITLES[view]}"
    return f"{head} — {name}" if name else head


def _groups(drawing: Drawing) -> Iterator[tuple[int, bool, np.ndarray, np.ndarray]]:
    """(tool, cutting, point indexes, where each run starts in them) for every tool and kind of move."""
    runs = drawing.runs
    run_of_point = np.repeat(np.arange(len(runs) - 1), np.diff(runs))
    for tool in np.unique(drawing.tool_ids):
        for cutting in (True, False):
            chosen = (drawing.tool_ids == tool) & (drawing.cutting == cutting)
            if not chosen.any():
                continue
            index = np.flatnonzero(chosen[run_of_point])
            lengths = np.diff(runs)[chosen]
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            yield int(tool), cutting, index, starts


def _colours(toolpath: Toolpath) -> dict[int, str]:
    """One colour per drawn tool, in order of first use (a tool with no move takes no colour)."""
    used = np.unique(toolpath.tool_ids)
    return {int(tool): PALETTE[rank % len(PALETTE)] for rank, tool in enumerate(used)}


def _with_gaps(values: np.ndarray, starts: np.ndarray, gap) -> np.ndarray:
    """One polyline per run: a gap (NaN, None) before every run but the first."""
    return np.insert(values, starts[1:], gap, axis=0)


def _marks(toolpath: Toolpath, findings: Sequence[Finding]) -> list[tuple[Finding, tuple[float, float, float]]]:
    """Errors and warnings with the point they are shown at (`Toolpath.position_of`), at most MAX_MARKERS."""
    placed = []
    for finding in findings:
        if finding.severity in MARKERS and len(placed) < MAX_MARKERS:
            position = toolpath.position_of(finding.line)
            if position is not None:
                placed.append((finding, position))
    return placed


def _highlighted(toolpath: Toolpath, line: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Points of the block's segments (full resolution) and where each segment starts in them."""
    if line is None:
        return np.zeros((0, 3)), np.zeros(0, dtype=np.int64)
    chosen = toolpath.at_line(line)
    offsets = toolpath.offsets
    pieces = [toolpath.points[offsets[i] : offsets[i + 1]] for i in chosen]
    if not pieces:
        return np.zeros((0, 3)), np.zeros(0, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum([len(p) for p in pieces])[:-1]))
    return np.concatenate(pieces), starts


def _short(text: str, size: int = 90) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


# ---------------------------------------------------------------- static: matplotlib


def static_figure(
    toolpath: Toolpath,
    *,
    view: str | None = None,
    findings: Sequence[Finding] = (),
    highlight: int | None = None,
    budget: int = DISPLAY_BUDGET,
    name: str = "",
    drawing: Drawing | None = None,
):
    """A matplotlib Figure (object API, no pyplot: no global state, safe in the web server's threads);
    `drawing` is the toolpath already reduced, else it is reduced to `budget` points here."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    chosen = resolve_view(toolpath, view)
    drawing = decimate(toolpath, budget) if drawing is None else drawing
    marks = _marks(toolpath, findings)
    caption = _caption(marks, drawing)
    height = 7.5 + LINE_INCHES * len(caption)
    figure = Figure(figsize=(11, height), dpi=110)
    three_d = chosen == "3d"
    axes = figure.add_subplot(projection="3d" if three_d else None)
    bottom = (0.8 if three_d else 0.75) + LINE_INCHES * len(caption)
    figure.subplots_adjust(left=0.08, right=0.8, top=1 - 0.6 / height, bottom=bottom / height)
    handles = []
    colours = _colours(toolpath)
    for tool, cutting, index, starts in _groups(drawing):
        coords = _with_gaps(project(toolpath, chosen, drawing.points[index]), starts, np.nan)
        colour = colours[tool]
        style = {"linestyle": "-", "linewidth": 0.9} if cutting else {"linestyle": (0, (4, 3)), "linewidth": 0.6}
        axes.plot(*coords.T, color=colour, **style)
        label = tool_label(toolpath.tool_names[tool])
        if label not in [h.get_label() for h in handles]:
            handles.append(Line2D([], [], color=colour, linewidth=2, label=label))
    handles += [
        Line2D([], [], color="#444", linestyle=(0, (4, 3)), linewidth=0.8, label="déplacement rapide"),
        Line2D([], [], color="#444", linewidth=1.0, label="avance de travail"),
    ]
    points, starts = _highlighted(toolpath, highlight)
    if len(points):
        coords = _with_gaps(project(toolpath, chosen, points), starts, np.nan)
        axes.plot(*coords.T, color=HIGHLIGHT, linewidth=3.5, zorder=10)
        handles.append(Line2D([], [], color=HIGHLIGHT, linewidth=3.5, label=f"ligne {highlight}"))
    for number, (finding, position) in enumerate(marks, start=1):
        where = project(toolpath, chosen, np.array([position]))[0]
        colour = MARKERS[finding.severity]
        axes.scatter(
            *where, s=90, color=colour, edgecolors="black", zorder=11, **({"depthshade": False} if three_d else {})
        )
        axes.text(*where, f" {number}", color=colour, fontsize=9, fontweight="bold", zorder=12)
    for severity, colour in MARKERS.items():
        if any(f.severity == severity for f, _ in marks):
            marker = {"marker": "o", "markeredgecolor": "black", "linestyle": ""}
            handles.append(Line2D([], [], color=colour, label=SEVERITY_FR[severity], **marker))
    labels = axis_labels(toolpath, chosen)
    axes.set_xlabel(labels[0])
    axes.set_ylabel(labels[1])
    if three_d:
        axes.set_zlabel(labels[2])
        spans = np.ptp(drawing.points, axis=0) if len(drawing.points) else np.ones(3)
        axes.set_box_aspect(np.maximum(spans, spans.max() / 4 + 1e-9))  # a flat part stays readable
    else:
        axes.set_aspect("equal", adjustable="datalim")
        axes.grid(True, linewidth=0.3, alpha=0.5)
    axes.set_title(title(toolpath, chosen, name), fontsize=11)
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9, title="Légende")
    for row, text in enumerate(caption):
        figure.text(0.02, (0.15 + LINE_INCHES * (len(caption) - 1 - row)) / height, text, fontsize=8.5)
    return figure


def _caption(marks: list[tuple[Finding, tuple[float, float, float]]], drawing: Drawing) -> list[str]:
    lines = [
        f"{n}. ligne {f.line} ({SEVERITY_FR[f.severity]}) : {_short(f.message)}"
        for n, (f, _) in enumerate(marks[:MAX_CAPTION], start=1)
    ]
    if len(marks) > MAX_CAPTION:
        lines.append(f"… et {len(marks) - MAX_CAPTION} autre(s) constat(s) numérotés sur le tracé.")
    if drawing.reduced:
        lines.append(f"Tracé simplifié pour l'affichage : {len(drawing.points):,} points sur {drawing.total:,}.")
    return [line.replace(",", " ") if line.startswith("Tracé") else line for line in lines]


def save_static(figure, path: Path) -> None:
    kind = path.suffix.lower().lstrip(".")
    # Fast PNG compression: a line drawing compresses well anyway, and the time counts for a large program.
    figure.savefig(path, format=kind, **({"pil_kwargs": {"compress_level": 1}} if kind == "png" else {}))


# ---------------------------------------------------------------- interactive: plotly


# Plotly's own French strings (its locale « fr »), registered before plotly.js loads in an HTML file.
FRENCH = {
    "moduleType": "locale",
    "name": "fr",
    "dictionary": {
        "Autoscale": "Échelle automatique",
        "Box Select": "Sélection rectangulaire",
        "Double-click to zoom back out": "Double-cliquez pour dézoomer",
        "Download plot": "Télécharger le graphique",
        "Download plot as a png": "Télécharger en PNG",
        "Download plot as a PNG": "Télécharger en PNG",
        "Lasso Select": "Sélection lasso",
        "Orbital rotation": "Rotation orbitale",
        "Pan": "Translation",
        "Produced with Plotly.js": "Généré avec Plotly.js",
        "Reset": "Réinitialiser",
        "Reset axes": "Réinitialiser les axes",
        "Reset camera to default": "Caméra par défaut",
        "Reset camera to last save": "Dernière caméra enregistrée",
        "Reset view": "Réinitialiser la vue",
        "Show closest data on hover": "Donnée la plus proche au survol",
        "Compare data on hover": "Comparer les données au survol",
        "Toggle show closest data on hover": "Donnée la plus proche au survol (oui/non)",
        "Toggle Spike Lines": "Lignes de repère (oui/non)",
        "Turntable rotation": "Rotation plateau",
        "Zoom": "Zoom",
        "Zoom in": "Zoom avant",
        "Zoom out": "Zoom arrière",
    },
    "format": {"decimal": ",", "thousands": " "},
}
# No « Share chart » button: plotly.js 4 offers to upload the chart to Plotly Cloud, and this tool stays offline.
CONFIG = {"locale": "fr", "displaylogo": False, "scrollZoom": True, "showSendToCloud": False}


def interactive_figure(
    toolpath: Toolpath,
    *,
    view: str | None = None,
    findings: Sequence[Finding] = (),
    highlight: int | None = None,
    budget: int = WEB_BUDGET,
    name: str = "",
    height: int | None = None,
    drawing: Drawing | None = None,
):
    """A plotly Figure: hovering a point of the path shows « ligne N : <bloc> », a finding its message."""
    import plotly.graph_objects as go

    chosen = resolve_view(toolpath, view)
    three_d = chosen == "3d"
    drawing = decimate(toolpath, budget) if drawing is None else drawing
    hover = _hover_texts(toolpath, drawing.lines)
    figure = go.Figure()
    colours = _colours(toolpath)
    for tool, cutting, index, starts in _groups(drawing):
        coords = _with_gaps(project(toolpath, chosen, drawing.points[index]), starts, np.nan)
        label = tool_label(toolpath.tool_names[tool])
        line = {"color": colours[tool], "width": 2 if cutting else 1.2}
        if not cutting:
            line["dash"] = "dash"
        figure.add_trace(  # rapids get their own legend entry: a click hides them
            _trace(go, coords, three_d, name=label if cutting else f"{label} rapides", line=line,
                   text=_with_gaps(hover[index], starts, None),
                   hovertemplate="%{text}<extra>" + html.escape(label) + "</extra>")
        )  # fmt: skip
    points, starts = _highlighted(toolpath, highlight)
    if len(points) and highlight is not None:
        text = f"ligne {highlight} : {html.escape(toolpath.block_text(highlight))}"
        figure.add_trace(
            _trace(go, _with_gaps(project(toolpath, chosen, points), starts, np.nan), three_d, name=f"ligne {highlight}",
                   line={"color": HIGHLIGHT, "width": 6}, hovertemplate=text + "<extra></extra>")
        )  # fmt: skip
    for severity, colour in MARKERS.items():
        marks = [(f, p) for f, p in _marks(toolpath, findings) if f.severity == severity]
        if marks:
            coords = project(toolpath, chosen, np.array([p for _, p in marks]))
            texts = [f"ligne {f.line} — {SEVERITY_FR[severity]} : {html.escape(f.message)}" for f, _ in marks]
            figure.add_trace(
                _trace(go, coords, three_d, name=f"{SEVERITY_FR[severity]}s ({len(marks)})", mode="markers",
                       marker={"color": colour, "size": 11 if not three_d else 6, "symbol": "x",
                               "line": {"color": "black", "width": 1}},
                       text=texts, hovertemplate="%{text}<extra></extra>")
            )  # fmt: skip
    _layout(figure, toolpath, chosen, drawing, name)
    if height:
        figure.update_layout(height=height)
    return figure


def _trace(go, coords: np.ndarray, three_d: bool, *, mode: str = "lines", **options):
    if three_d:
        return go.Scatter3d(x=coords[:, 0], y=coords[:, 1], z=coords[:, 2], mode=mode, **options)
    return go.Scatter(x=coords[:, 0], y=coords[:, 1], mode=mode, **options)


def _hover_texts(toolpath: Toolpath, lines: np.ndarray) -> np.ndarray:
    """« ligne N : bloc » for every drawn point, built once per distinct line."""
    unique, inverse = np.unique(lines, return_inverse=True)
    texts = np.array([f"ligne {n} : {html.escape(toolpath.block_text(int(n)))}" for n in unique], dtype=object)
    return texts[inverse] if len(lines) else np.zeros(0, dtype=object)


def _layout(figure, toolpath: Toolpath, view: View, drawing: Drawing, name: str) -> None:
    labels = axis_labels(toolpath, view)
    heading = title(toolpath, view, name)
    if drawing.reduced:
        heading += f"<br><sub>tracé simplifié : {len(drawing.points):,} points sur {drawing.total:,}</sub>".replace(
            ",", " "
        )
    layout = {
        "title": {"text": heading},
        "template": "plotly_white",
        "hovermode": "closest",
        "legend": {"title": {"text": "Légende"}},
        "uirevision": view,  # a new highlight keeps the user's zoom
        "margin": {"l": 60, "r": 20, "t": 70, "b": 50},
    }
    if view == "3d":
        layout["scene"] = {
            "xaxis": {"title": {"text": labels[0]}},
            "yaxis": {"title": {"text": labels[1]}},
            "zaxis": {"title": {"text": labels[2]}},
            "aspectmode": "data",
        }
    else:
        layout["xaxis"] = {"title": {"text": labels[0]}, "zeroline": False}
        layout["yaxis"] = {"title": {"text": labels[1]}, "scaleanchor": "x", "scaleratio": 1, "zeroline": False}
    figure.update_layout(**layout)


def write_html(figure, path: Path, page_title: str = "Trajectoire d'outil") -> None:
    """A page that works offline: plotly.js is embedded from the python package, never fetched from a CDN."""
    import plotly.io as pio

    body = pio.to_html(
        figure, include_plotlyjs=True, full_html=False, config=CONFIG, default_height="94vh", default_width="100%"
    )
    locale = json.dumps(FRENCH, ensure_ascii=False)
    path.write_text(
        f'<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(page_title)}</title>\n'
        f"<script>window.PlotlyLocales = [{locale}];</script>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        encoding="utf-8",
    )


# ---------------------------------------------------------------- one call for a file


def save_plot(
    toolpath: Toolpath,
    path: Path,
    *,
    view: str | None = None,
    findings: Sequence[Finding] = (),
    highlight: int | None = None,
    name: str = "",
) -> View:
    """Draw to a .png, .svg or .html file, the format from the suffix; returns the view drawn."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise PlotError(f"format de sortie inconnu « {path.suffix or path.name} » (attendu : .png, .svg ou .html)")
    if not len(toolpath):
        raise PlotError("aucun déplacement à tracer dans ce programme")
    chosen = resolve_view(toolpath, view)
    options = {"view": chosen, "findings": findings, "highlight": highlight, "name": name}
    if suffix == ".html":
        write_html(interactive_figure(toolpath, budget=DISPLAY_BUDGET, **options), path, title(toolpath, chosen, name))
    else:
        save_static(static_figure(toolpath, **options), path)
    return chosen
