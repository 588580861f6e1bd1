"""`make bench-llm`: answers with the local model, on the built-in corpus index.

Per available backend: time to first token and total time for a typical question. With the embedded model, on
a fixed sample of eval questions: share of answers holding the key fact, share citing an expected source, and
both; refusal rate on the out-of-scope set. Targets (issue 4): first token <= 20 s, fact with a right citation
>= 70 %, out-of-scope refused >= 90 %.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tutor.answer import Answer, Citation, Delta, Done, Retrieved
from tutor.evaluation import EvalQuestion, facts_match, load_out_of_scope, load_questions
from tutor.facade import Tutor, choose_chat
from tutor.settings import PROJECT_ROOT, load_settings

EVALS = PROJECT_ROOT / "evals"
TYPICAL = "Pourquoi faut-il lancer la correction de rayon G41 sur une droite et pas sur un arc ?"


@dataclass(frozen=True)
class Timing:
    shown: float | None  # first text on screen: the quoted sentence, before the model writes
    first: float | None  # the model's first token (None when no model wrote)
    total: float
    answer: Answer
    written: str  # what the model wrote, before the repeated quotes are dropped
    consulted: tuple[Citation, ...]  # every passage given to the model


def timed(tutor: Tutor, question: str) -> Timing:
    started = time.perf_counter()
    shown = first = answer = None
    written, consulted = [], ()
    for event in tutor.ask_stream(question):
        now = time.perf_counter() - started
        if isinstance(event, Retrieved):
            consulted = event.citations
        elif isinstance(event, Delta):
            shown = now if shown is None else shown
            first = now if first is None and event.generated else first
            written += [event.text] if event.generated else []
        elif isinstance(event, Done):
            answer = event.answer
    return Timing(shown, first, time.perf_counter() - started, answer, "".join(written), consulted)


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def sample(count: int, offset: int = 0):
    """Every n-th French question that has key facts, from `offset`: a fixed spread over capacities. Offset 0 is
    the sample every figure since the first one was measured on; another offset gives questions never looked at
    while tuning."""
    pool = [q for q in load_questions(EVALS) if q.facts and q.lang == "fr"]
    step = max(1, len(pool) // count)
    return pool[offset % step :: step][:count]


def quoted(answer: Answer) -> str:
    """The quoted sentences that open an answer."""
    return answer.text.partition("\n\n")[0] if answer.text.startswith("> ") else ""


def part_right(q: EvalQuestion, part: str, citations: Sequence[Citation]) -> bool:
    """The part holds a key fact and cites an expected source (all sources when it cites none, as a reader
    would take it)."""
    marked = {int(m) for m in re.findall(r"\[(\d+)\]", part)}
    cited = [c for c in citations if c.n in marked] or ([] if marked else list(citations))
    has_fact = any(facts_match([f], part) for f in q.facts)
    return bool(part) and has_fact and any(c.source.removeprefix("corpus/") in q.sources for c in cited)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=20, help="Eval questions asked of the embedded model.")
    parser.add_argument("--offset", type=int, default=0, help="Start of the question spread (0: the usual sample).")
    parser.add_argument("--out-of-scope", type=int, default=20, help="Out-of-scope questions asked.")
    parser.add_argument(
        "--dump", type=Path, help="Write each eval answer (text, citations, timings) to this JSON file."
    )
    args = parser.parse_args()
    settings = load_settings()

    print("## Latency, typical question")
    print(f"{'backend':10} {'model':40} {'first text s':>13} {'first token s':>14} {'total s':>8}")
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
        t = timed(tutor, TYPICAL)
        print(f"{backend:10} {status.model[:40]:40} {seconds(t.shown):>13} {seconds(t.first):>14} {t.total:8.1f}")

    tutor = Tutor.from_settings(settings, backend="embedded")
    questions = sample(args.questions, args.offset)
    counts = dict.fromkeys(("fact", "every", "cited", "both", "quote", "written"), 0)
    firsts: list[float] = []
    shown: list[float] = []
    dumped: list[dict] = []
    print(f"\n## Embedded model on {len(questions)} eval questions")
    for q in questions:
        t = timed(tutor, q.question)
        answer = t.answer
        firsts.append(t.first or t.total)
        shown.append(t.shown or t.total)
        # The key fact: any one of the question's fact patterns (most questions list one; some list a value
        # and its unit separately). All of them is reported too.
        has_fact = answer.supported and any(facts_match([f], answer.text) for f in q.facts)
        right = any(c.source.removeprefix("corpus/") in q.sources for c in answer.citations)
        counts["fact"] += has_fact
        counts["every"] += answer.supported and facts_match(q.facts, answer.text)
        counts["cited"] += right
        counts["both"] += has_fact and right
        counts["quote"] += answer.supported and part_right(q, quoted(answer), t.consulted)
        counts["written"] += answer.supported and part_right(q, t.written, t.consulted)
        dumped.append({"id": q.id, "first": t.first, "total": t.total, **answer.as_json()})
        mark = "ok " if has_fact and right else "-- "
        print(f"{mark}{q.id:12} fact={has_fact!s:5} cite={right!s:5} {seconds(t.first):>5}s/{t.total:5.1f}s")
        if not (has_fact and right):
            print(f"     Q: {q.question}\n     R: {' '.join(answer.text.split())[:240]}")
    n = len(questions)
    if args.dump:
        args.dump.write_text(json.dumps(dumped, ensure_ascii=False, indent=1), encoding="utf-8")

    def share(key: str) -> str:
        return f"{counts[key]}/{n} = {counts[key] / n:.0%}"

    print(f"key fact in answer: {share('fact')} (all facts: {share('every')})")
    print(f"an expected source cited: {share('cited')}")
    print(f"fact with a right citation: {share('both')} (target >= 70 %)")
    print(f"  the quoted sentences alone: {share('quote')}; the model's own text alone: {share('written')}")
    firsts.sort()
    shown.sort()
    print(f"first token: median {firsts[n // 2]:.1f} s, max {firsts[-1]:.1f} s (target <= 20 s)")
    print(f"first text shown (the quote): median {shown[n // 2]:.1f} s, max {shown[-1]:.1f} s")

    oos = load_out_of_scope(EVALS)[: args.out_of_scope]
    if not oos:
        return
    refused = 0
    print(f"\n## Out of scope ({len(oos)})")
    for q in oos:
        t = timed(tutor, q.question)
        refused += not t.answer.supported
        print(f"{'refused ' if not t.answer.supported else 'ANSWERED'} {t.total:5.1f}s {q.question[:70]}")
    print(f"refused: {refused}/{len(oos)} = {refused / len(oos):.0%} (target >= 90 %)")


if __name__ == "__main__":
    main()
