"""`make bench-load`: many users at once on one server, on 127.0.0.1 only.

The real web app is started on a free local port over the project's index; 10 then 30 simulated users (one
gradio client each, so one browser session each) ask one question at the same moment through the app's `ask`
endpoint, with the embedded model and without a model (`none`). For each run: how many answers completed
within the deadline, the wait before the answer starts (queue time, shown to the user as a position and an
estimate) at p50 / p95, the total time per answer at p50 / p95, the largest queue position a user was shown,
and how many users saw a sign within 3 s (their place in the queue, or the answer starting). Baseline, in the same run: one user alone asking five
of the questions one after the other (the ratio is the p50 total time over that mean).
"""

from __future__ import annotations

import argparse
import re
import statistics
import threading
import time
from dataclasses import dataclass, field

from tutor.answering.llm import free_port
from tutor.facade import Tutor
from tutor.settings import load_settings
from tutor.ui.web.app import ALL_CAPACITIES, serve_app

QUESTIONS = [
    "Quelle vitesse de rotation pour une fraise de 50 mm à Vc = 200 m/min ?",
    "Ça broute quand je finis mon alésage au tour, que changer ?",
    "À quoi sert la correction de rayon G41 ?",
    "Comment prendre l'origine pièce au palpeur ?",
    "Quelle différence entre G98 et G99 dans un cycle de perçage ?",
    "Que veut dire un ajustement H7/g6 ?",
    "Comment mesurer une rugosité Ra ?",
    "Pourquoi utiliser l'arrosage en perçage profond ?",
    "Qu'est-ce que le Cpk d'un procédé ?",
    "Comment choisir la plaquette pour tourner un inox ?",
]
SIGN_OF_LIFE = 3.0  # seconds: by then a user sees either their place in the queue or the answer starting
POSITION = re.compile(r"(\d+) question\(s\) avant la vôtre|vous êtes le prochain")


@dataclass
class UserRun:
    asked: float = 0.0
    first_answer: float | None = None  # first output that is not a waiting line
    first_sign: float | None = None  # first output of any kind: the place in the queue, or the answer starting
    finished: float | None = None
    positions: list[int] = field(default_factory=list)
    error: str = ""


def ask(url: str, question: str, run: UserRun, start: threading.Barrier) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
        start.wait()
        run.asked = time.perf_counter()
        job = client.submit(question, [], ALL_CAPACITIES, api_name="/ask")  # the conversation state is no input
        for output in job:
            bubble = (output[0] or [{}])[-1].get("content", "") if output and output[0] else ""
            text = bubble if isinstance(bubble, str) else str(bubble)
            found = POSITION.search(text)
            if text and run.first_sign is None:
                run.first_sign = time.perf_counter()
            if found:
                run.positions.append(int(found.group(1)) + 1 if found.group(1) else 1)
            elif text and run.first_answer is None:
                run.first_answer = time.perf_counter()
        run.finished = time.perf_counter()
        if not job.status().success or run.first_answer is None:
            run.error = "aucune réponse"
    except Exception as exc:  # a lost request is a result of the bench, not a crash of it
        run.error = f"{type(exc).__name__}: {exc}"[:200]


def load_run(url: str, users: int, deadline: float, first: int = 0) -> list[UserRun]:
    runs = [UserRun() for _ in range(users)]
    start = threading.Barrier(users)
    threads = [
        threading.Thread(target=ask, args=(url, QUESTIONS[(first + i) % len(QUESTIONS)], runs[i], start), daemon=True)
        for i in range(users)
    ]
    for thread in threads:
        thread.start()
    stop = time.perf_counter() + deadline
    for thread in threads:
        thread.join(timeout=max(0.0, stop - time.perf_counter()))
    return runs


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def row(label: str, users: int, runs: list[UserRun], alone: float | None) -> str:
    done = [r for r in runs if r.finished is not None and not r.error]
    waits = [(r.first_answer or r.finished) - r.asked for r in done]  # type: ignore[operator]
    totals = [r.finished - r.asked for r in done]  # type: ignore[operator]
    waited = [r for r in done if r.positions]
    told = sum(1 for r in done if r.first_sign is not None and r.first_sign - r.asked <= SIGN_OF_LIFE)
    ratio = f"{percentile(totals, 0.5) / alone:.1f}x" if alone and totals else ""
    return (
        f"| {label} | {users} | {len(done)}/{users} | {percentile(waits, 0.5):.1f} / {percentile(waits, 0.95):.1f} "
        f"| {percentile(totals, 0.5):.1f} / {percentile(totals, 0.95):.1f} | {ratio} "
        f"| {max((max(r.positions) for r in waited), default=0)} | {told}/{len(done)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--backends", nargs="+", default=["none", "embedded"])
    parser.add_argument("--deadline", type=float, default=900.0, help="Seconds a run may take (unfinished: lost).")
    parser.add_argument("--max-tokens", type=int, default=120, help="Answer length with the model (bounds the run).")
    args = parser.parse_args()
    print(
        "| moteur | utilisateurs | réponses finies | attente avant réponse p50 / p95 (s) "
        "| durée totale p50 / p95 (s) | vs un utilisateur seul | position max affichée "
        f"| un signe en {SIGN_OF_LIFE:g} s (place ou début de réponse) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for backend in args.backends:
        settings = load_settings(llm_backend=backend, llm_max_tokens=args.max_tokens)
        tutor = Tutor.from_settings(settings)
        port = free_port()
        demo = serve_app(tutor, port=port, block=False)
        url = f"http://127.0.0.1:{port}/"
        try:
            load_run(url, 1, args.deadline)  # warm: the model loaded, the caches filled
            alone_runs = [run for i in range(5) for run in load_run(url, 1, args.deadline, first=i)]
            times = [r.finished - r.asked for r in alone_runs if r.finished is not None and not r.error]
            alone = statistics.mean(times) if times else None
            print(
                row(f"{backend}, seul (5 questions l'une après l'autre)", len(alone_runs), alone_runs, None), flush=True
            )
            for users in args.users:
                print(row(backend, users, load_run(url, users, args.deadline), alone), flush=True)
        finally:
            demo.close()


if __name__ == "__main__":
    main()
