"""The quiz tab's trainer part: the review table (edit, drop) and the export to Moodle, paper or a spreadsheet.

Pure functions over the façade, exercised by the tests without a browser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.learning.quiz.bank import Question, Quiz, QuizError
from tutor.shop.numeric import markdown_escape

if TYPE_CHECKING:
    from tutor.facade import Tutor

EXPORT_FORMATS = {"GIFT": "gift", "Moodle XML": "xml", "Markdown imprimable": "md", "CSV": "csv", "JSON": "json"}
KIND_FR = {"single": "choix unique", "multiple": "choix multiple", "truefalse": "vrai / faux",
           "short": "réponse courte", "numeric": "numérique", "matching": "association"}  # fmt: skip
REVIEW_HEADERS = ["id", "capacité", "type", "origine", "énoncé", "explication", "garder"]
DROP_WORDS = {"non", "n", "no", "0", "false", "faux"}


def review_rows(questions: Sequence[Question]) -> list[list[str]]:
    return [[q.id, q.capacity, KIND_FR.get(q.kind, q.kind), q.origin, q.stem, q.explanation, "oui"] for q in questions]


def table_rows(table: object) -> list[list]:
    """The rows of a gr.Dataframe value, whatever its `type` (array, pandas)."""
    if table is None:
        return []
    if hasattr(table, "values") and hasattr(table, "columns"):
        return table.values.tolist()
    return [list(row) for row in table]  # type: ignore[union-attr]


def kept(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().casefold() not in DROP_WORDS


def apply_review(questions: Sequence[Question], table: object) -> list[Question]:
    """Questions as the trainer left them: edited stem and explanation, "garder = non" dropped, table order kept."""
    by_id = {q.id: q for q in questions}
    reviewed = []
    for row in table_rows(table):
        if len(row) < len(REVIEW_HEADERS) or str(row[0]) not in by_id or not kept(row[6]):
            continue
        question = by_id.pop(str(row[0]))
        stem, explanation = str(row[4] or "").strip(), str(row[5] or "").strip()
        reviewed.append(replace(question, stem=stem or question.stem, explanation=explanation or question.explanation))
    return reviewed


def export_name(questions: Sequence[Question], fmt_code: str, now: datetime) -> str:
    capacities = "-".join(sorted({q.capacity for q in questions if re.fullmatch(r"C\d", q.capacity)})) or "quiz"
    return f"quiz-{capacities}-{now:%Y%m%d-%H%M%S}.{fmt_code}"


def export_dir(tutor: Tutor) -> Path:
    """Where downloads are written; `launch` must allow it (allowed_paths) when it is outside the working folder."""
    return tutor.settings.home / "exports"


def write_export(
    tutor: Tutor, questions: Sequence[Question], label: str, notes: Sequence[str] = (), now: datetime | None = None
) -> Path:
    fmt_code = EXPORT_FORMATS[label]
    folder = export_dir(tutor)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / export_name(questions, fmt_code, now or datetime.now())
    path.write_text(tutor.export_quiz(questions, fmt_code, notes), encoding="utf-8")
    return path


def export_review(
    tutor: Tutor, quiz: Quiz | None, table: object, label: str, now: datetime | None = None
) -> tuple[Path | None, str]:
    """The file to download and a one-line report."""
    if quiz is None:
        return None, "Créez d'abord un quiz."
    if label not in EXPORT_FORMATS:
        return None, "Choisissez un format."
    questions = apply_review(quiz.questions, table)
    if not questions:
        return None, "Aucune question gardée : rien à exporter."
    try:
        path = write_export(tutor, questions, label, quiz.notes, now)
    except (QuizError, OSError) as exc:
        return None, f"❌ Export impossible : {markdown_escape(str(exc))}"
    dropped = len(quiz.questions) - len(questions)
    return path, f"{len(questions)} question(s) exportée(s), {dropped} écartée(s) : `{path.name}`"
