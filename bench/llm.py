"""`make bench-llm`: answers with the local model, on the built-in corpus index.

Per available backend: time to first token and total time for a typical question. With the embedded model, on
a fixed sample of eval questions: share of answers holding the key fact, share citing an expected source, and
both; refusal rate on the out-of-scope set. Targets (issue 4): first token <= 20 s, fact with a right citation
>= 70 %, out-of-scope refused >= 90 %.
"""

from __future__ import annotations

import argparse
import time

from tutor.answer import Delta, Done, Retrieved
from tutor.evaluation import facts_match, load_out_of_scope, load_questions
from tutor.facade import Tutor, choose_chat
from tutor.settings import PROJECT_ROOT, load_settings

EVALS = PROJECT_ROOT / "evals"
TYPICAL = "Pourquoi faut-il lancer la correction de rayon G41 sur une droite et pas sur un arc ?"


def timed(tutor: Tutor, question: str) -> tuple[float | None, float, object]:
    """(seconds to the first generated piece, total seconds, answer)."""
    started = time.perf_counter()
    first = None
    answer = None
    for event in tutor.ask_stream(question):
        if isinstance(event, Delta) and first is None:
            first = time.perf_counter() - started
        elif isinstance(event, Done):
            answer = event.answer
        elif isinstance(event, Retrieved):
            pass
    return first, time.perf_counter() - started, answer


def sample(count: int):
    """Every n-th French question that has key facts: a fixed spread over capacities."""
    pool = [q for q in load_questions(EVALS) if q.facts and q.lang == "fr"]
    step = max(1, len(pool) // count)
    return pool[::step][:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=20, help="Eval questions asked of the embedded model.")
    parser.add_argument("--out-of-scope", type=int, default=20, help="Out-of-scope questions asked.")
    args = parser.parse_args()
    settings = load_settings()

    print("## Latency, typical question")
    print(f"{'backend':10} {'model':40} {'first token s':>14} {'total s':>8}")
    for backend in ("ollama", "embedded", "openai", "none"):
        chat, status = choose_chat(settings, backend)
        if backend != "none" and (
            chat is None or (backend != "embedded" and status.reason.startswith(("serveur", "modèle")))
        ):
            print(f"{backend:10} {'(indisponible : ' + status.reason + ')'}")
            continue
        tutor = Tutor.from_settings(settings, backend=backend)
        if backend == "embedded":
            timed(tutor, "Qu'est-ce qu'un contrat de phase ?")  # load the model once, outside the timing
        first, total, _ = timed(tutor, TYPICAL)
        print(f"{backend:10} {status.model[:40]:40} {first or 0:14.1f} {total:8.1f}")

    tutor = Tutor.from_settings(settings, backend="embedded")
    questions = sample(args.questions)
    fact = cited = both = every = 0
    firsts: list[float] = []
    print(f"\n## Embedded model on {len(questions)} eval questions")
    for q in questions:
        first, total, answer = timed(tutor, q.question)
        firsts.append(first or total)
        # The key fact: any one of the question's fact patterns (most questions list one; some list a value
        # and its unit separately). All of them is reported too.
        has_fact = answer.supported and any(facts_match([f], answer.text) for f in q.facts)
        every += answer.supported and facts_match(q.facts, answer.text)
        right = any(c.source.removeprefix("corpus/") in q.sources for c in answer.citations)
        fact += has_fact
        cited += right
        both += has_fact and right
        mark = "ok " if has_fact and right else "-- "
        print(f"{mark}{q.id:12} fact={has_fact!s:5} cite={right!s:5} {first or 0:5.1f}s/{total:5.1f}s")
        if not (has_fact and right):
            print(f"     Q: {q.question}\n     R: {' '.join(answer.text.split())[:240]}")
    n = len(questions)
    print(f"key fact in answer: {fact}/{n} = {fact / n:.0%} (all facts: {every}/{n} = {every / n:.0%})")
    print(f"an expected source cited: {cited}/{n} = {cited / n:.0%}")
    print(f"fact with a right citation: {both}/{n} = {both / n:.0%} (target >= 70 %)")
    firsts.sort()
    print(f"first token: median {firsts[n // 2]:.1f} s, max {firsts[-1]:.1f} s (target <= 20 s)")

    oos = load_out_of_scope(EVALS)[: args.out_of_scope]
    refused = 0
    print(f"\n## Out of scope ({len(oos)})")
    for q in oos:
        _, total, answer = timed(tutor, q.question)
        refused += not answer.supported
        print(f"{'refused ' if not answer.supported else 'ANSWERED'} {total:5.1f}s {q.question[:70]}")
    print(f"refused: {refused}/{len(oos)} = {refused / len(oos):.0%} (target >= 90 %)")


if __name__ == "__main__":
    main()
