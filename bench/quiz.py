"""`python -m bench.quiz`: time to build a 10-question quiz per capacity, bank + calculated only and with the
embedded model, and the share of model-written items kept after validation.

The model part takes minutes per capacity on 2 cores: `--capacities C1 C4` limits it.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from tutor.documents import CAPACITIES
from tutor.facade import Tutor
from tutor.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--capacities", nargs="*", default=list(CAPACITIES))
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("--no-model", action="store_true", help="Only the bank + calculated exercises.")
    args = parser.parse_args()
    settings = load_settings()
    plain = Tutor.from_settings(settings, backend="none")
    model = None if args.no_model else Tutor.from_settings(settings, backend="embedded")
    print(f"{'capacity':8} {'bank+calc s':>11} {'with model s':>13} {'model kept/tried':>17}  rejected")
    kept = tried = 0
    reasons: Counter = Counter()
    for capacity in args.capacities:
        started = time.perf_counter()
        quiz, _ = plain.build_quiz([capacity], args.n, seed=1, use_model=False)
        plain_s = time.perf_counter() - started
        assert len(quiz.questions) == args.n
        if model is None:
            print(f"{capacity:8} {plain_s:11.2f}")
            continue
        started = time.perf_counter()
        _, generation = model.build_quiz([capacity], args.n, seed=1)
        model_s = time.perf_counter() - started
        kept += len(generation.kept)
        tried += generation.tried
        reasons.update(generation.rejected)
        detail = ", ".join(f"{k} {v}" for k, v in sorted(generation.rejected.items()))
        print(f"{capacity:8} {plain_s:11.2f} {model_s:13.1f} {len(generation.kept):>8}/{generation.tried:<8}  {detail}")
    if tried:
        print(
            f"model items kept after validation: {kept}/{tried} = {kept / tried:.0%}; rejected by reason: {dict(reasons)}"
        )


if __name__ == "__main__":
    main()
