"""Calibrate `min_support`: the similarity of the best passage, on eval questions and out-of-scope ones.

Run after `make index`: `python -m evals.calibrate`. The suggested threshold keeps 99 % of the in-scope
questions answerable; what it lets through is left to the model's own refusal.
"""

from __future__ import annotations

import numpy as np

from tutor.facade import Tutor
from tutor.knowledge.evaluation import load_out_of_scope, load_questions
from tutor.settings import PROJECT_ROOT, load_settings

EVALS = PROJECT_ROOT / "evals"


def best_similarity(tutor: Tutor, question: str) -> float:
    hits = tutor.search(question, 5)
    return max((h.dense_score or 0.0 for h in hits), default=0.0)


def main() -> None:
    tutor = Tutor.from_settings(load_settings(), backend="none")
    inside = np.array([best_similarity(tutor, q.question) for q in load_questions(EVALS)])
    outside = np.array([best_similarity(tutor, q.question) for q in load_out_of_scope(EVALS)])
    suggested = float(np.floor(np.quantile(inside, 0.01) * 100) / 100)
    print("quantile  in-scope  out-of-scope")
    for q in (0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 1.0):
        print(f"{q:8.2f}  {np.quantile(inside, q):8.3f}  {np.quantile(outside, q):12.3f}")
    print(f"suggested min_support: {suggested:.2f}")
    print(f"  in-scope refused by it: {int((inside < suggested).sum())}/{len(inside)}")
    print(f"  out-of-scope refused by it (before the model): {int((outside < suggested).sum())}/{len(outside)}")
    print(f"current setting: {tutor.settings.min_support:.2f}")


if __name__ == "__main__":
    main()
