"""`python -m bench.gcode`: parse + check throughput on a generated 100,000-block milling program, and the time
to draw it (toolpath, display reduction, PNG, interactive HTML figure) against the check of the same program.

Run alone: the rate is wall-clock time, so other processes on the same cores lower it (the CPU-time
rate is printed too). The program mixes what a CAM post-processor writes: tool changes with their safety blocks, contours
in G41 with lines and arcs (exact I/J), zig-zag pocketing, drilling cycles with G80, comments.
Throughput is the best of 3 runs; peak memory is measured twice: Python allocations with tracemalloc
(in this process, in a separate run since tracing slows it down) and peak RSS of a fresh process.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from tutor.gcode.check import check_program
from tutor.gcode.parse import Report, parse

TARGET = 50_000  # blocks/s, from issue 5
PLOT_TARGET = 3.0  # s from the program's text to its PNG, parse and interpretation included


def generate(blocks: int = 100_000, seed: int = 5) -> str:
    rng = random.Random(seed)
    lines = ["%", "O1000 (BENCH)", "N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)"]
    number = 10
    tool = 0

    def add(text: str) -> None:
        nonlocal number
        number += 10
        lines.append(f"N{number} {text}")

    def room(wanted: int, lines_each: int) -> int:
        """How many repetitions still fit before the closing blocks."""
        return max(1, min(wanted, (blocks - 20 - len(lines)) // lines_each))

    while len(lines) < blocks - 40:
        tool = tool % 20 + 1
        lines.append(f"(--- T{tool:02d} ---)")
        add("M05")
        add("M09")
        add("G91 G28 Z0.")
        add("G90")
        add(f"T{tool:02d} M06")
        add(f"G54 G00 X-10. Y-10. S{rng.randint(8, 60) * 100} M03")
        add(f"G43 H{tool:02d} Z50. M08")
        add("Z5.")
        operation = rng.choice(("contour", "pocket", "drill"))
        if operation == "drill":
            add(f"G98 G81 X0. Y0. Z-{rng.randint(3, 30)}. R2. F{rng.randint(5, 20) * 10}.")
            for _ in range(room(rng.randint(20, 200), 1)):
                add(f"X{rng.uniform(0, 100):.3f} Y{rng.uniform(0, 80):.3f}")
            add("G80")
        elif operation == "pocket":
            add(f"G01 Z-{rng.randint(1, 5)}. F300.")
            add(f"F{rng.randint(40, 120) * 10}.")
            y = 0.0
            for _ in range(room(rng.randint(50, 400), 1)):
                y += 2.5
                add(f"X{rng.choice((0.0, 100.0)):.1f} Y{y:.3f}" if rng.random() < 0.5 else f"Y{y:.3f}")
            add("G00 Z5.")
        else:
            add(f"G01 Z-{rng.randint(1, 5)}. F300.")
            add(f"G41 D{tool:02d} G01 X0. Y0. F{rng.randint(40, 120) * 10}.")
            for _ in range(room(rng.randint(20, 150), 6)):
                side = rng.uniform(5, 40)
                r = rng.uniform(1, 10)
                add(f"G01 Y{side:.3f}")
                add(f"G02 X{r:.3f} Y{side + r:.3f} I{r:.3f} J0.")
                add(f"G01 X{r + side:.3f}")
                add(f"G02 X{2 * r + side:.3f} Y{side:.3f} I0. J-{r:.3f}")
                add("G01 Y0.")
                add("X0.")
            add("G40 G01 X-10. Y-10.")
            add("G00 Z50.")
    add("M05")
    add("M09")
    add("G91 G28 Z0.")
    add("M30")
    lines.append("%")
    return "\n".join(lines) + "\n"


def parse_and_check(text: str) -> tuple[int, Report]:
    program = parse(text)
    return len(program.blocks), check_program(program, "mill")


def measure(blocks: int) -> dict:
    text = generate(blocks)
    count, report = parse_and_check(text)  # warm-up
    best = best_cpu = float("inf")
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        parse_and_check(text)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    tracemalloc.start()
    parse_and_check(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "blocks": count,
        "seconds": best,
        "rate": count / best,
        "cpu_rate": count / best_cpu,
        "tracemalloc_peak_mb": peak / 1e6,
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "infos": report.count("info"),
    }


def measure_plot(blocks: int) -> dict:
    """Best of 3 of each step, after a warm-up run (which imports matplotlib and plotly)."""
    from tutor.gcode.plot import interactive_figure, save_static, static_figure, write_html
    from tutor.gcode.toolpath import checked_toolpath, decimate

    text = generate(blocks)
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(4):
            times = {}
            started = time.perf_counter()
            report, toolpath = checked_toolpath(text, "mill")
            times["toolpath"] = time.perf_counter() - started
            started = time.perf_counter()
            drawing = decimate(toolpath)
            times["decimate"] = time.perf_counter() - started
            started = time.perf_counter()
            save_static(static_figure(toolpath, findings=report.findings, drawing=drawing), Path(folder) / "p.png")
            times["png"] = time.perf_counter() - started
            started = time.perf_counter()
            write_html(interactive_figure(toolpath, findings=report.findings, drawing=drawing), Path(folder) / "p.html")
            times["html"] = time.perf_counter() - started
            times["total_png"] = times["toolpath"] + times["decimate"] + times["png"]
            if _:  # the first run is the warm-up
                best = {key: min(value, best.get(key, value)) for key, value in times.items()}
    return {**best, "segments": len(toolpath), "points": len(toolpath.points), "drawn": len(drawing.points)}


def peak_rss_kb(blocks: int) -> int:
    """Peak RSS of a fresh process doing one parse + check (VmHWM, as bench/run.py)."""
    code = (
        "import sys\n"
        "from bench.gcode import generate, parse_and_check\n"
        f"parse_and_check(generate({blocks}))\n"
        "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "print(hwm[0] if hwm else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.strip() or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blocks", type=int, default=100_000)
    args = parser.parse_args()
    result = measure(args.blocks)
    rss = peak_rss_kb(args.blocks)
    verdict = "OK" if result["rate"] >= TARGET else "SOUS L'OBJECTIF"
    print(f"G-code : {result['blocks']} blocs analysés + vérifiés en {result['seconds']:.3f} s (meilleur de 3)")
    print(f"Débit : {result['rate']:,.0f} blocs/s (objectif {TARGET:,} blocs/s) : {verdict}".replace(",", " "))
    print(
        f"Débit en temps processeur : {result['cpu_rate']:,.0f} blocs/s (moins sensible aux autres processus)".replace(
            ",", " "
        )
    )
    print(f"Mémoire : pic Python {result['tracemalloc_peak_mb']:.1f} Mo (tracemalloc), pic RSS {rss / 1024:.1f} Mo")
    print(f"Constats : {result['errors']} erreur(s), {result['warnings']} avertissement(s), {result['infos']} info(s)")
    plot = measure_plot(args.blocks)
    verdict = "OK" if plot["total_png"] <= PLOT_TARGET else "AU-DESSUS DE L'OBJECTIF"
    print(
        f"Tracé PNG : {plot['total_png']:.2f} s du texte à l'image (objectif {PLOT_TARGET:g} s) : {verdict} ; "
        f"analyse + vérification + trajectoire {plot['toolpath']:.2f} s, réduction {plot['decimate']:.3f} s, "
        f"rendu PNG {plot['png']:.2f} s (meilleur de 3)"
    )
    segments, points, drawn = (f"{plot[key]:,}".replace(",", " ") for key in ("segments", "points", "drawn"))
    print(
        f"Tracé : {segments} segments, {points} points, {drawn} dessinés ; figure HTML interactive {plot['html']:.2f} s"
    )
    print(
        f"Tracé PNG / vérification seule : {plot['total_png'] / result['seconds']:.2f}x "
        f"(vérification {result['seconds']:.2f} s, même programme, même exécution)"
    )


if __name__ == "__main__":
    main()
