"""`python -m bench.gcode`: parse + check throughput on a generated 100,000-block milling program.

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
import time
import tracemalloc

from tutor.gcode.check import check_program
from tutor.gcode.parse import Report, parse

TARGET = 50_000  # blocks/s, from issue 5


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


if __name__ == "__main__":
    main()
