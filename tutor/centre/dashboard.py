"""The class at a glance: for one group, each trainee's mastery per capacity, the questions the class misses
most, interview sessions done, last activity and assigned quizzes; as data, as CSV and as a printable page.

It reads the learners' progress (`tutor.learning.progress`, keyed by login once accounts exist), the saved
interview transcripts and the centre's assignments; it writes nothing.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tutor.centre.groups import Assignment, Groups, Submission
from tutor.documents import CAPACITIES
from tutor.learning.interview import list_transcripts
from tutor.learning.progress import Mastery, Progress


@dataclass(frozen=True)
class TraineeRow:
    login: str
    mastery: dict[str, Mastery]  # capacity -> answered, right, share
    interviews: int
    last_activity: datetime | None


@dataclass(frozen=True)
class ClassMiss:
    question: str
    capacity: str
    missed: int  # wrong answers, all trainees together
    trainees: int  # trainees who missed it at least once


@dataclass(frozen=True)
class ClassView:
    group: str
    trainees: tuple[TraineeRow, ...]
    missed: tuple[ClassMiss, ...]
    assignments: tuple[tuple[Assignment, tuple[Submission, ...]], ...]


def class_view(home: Path, groups: Groups, group: str, *, top: int = 10) -> ClassView:
    members = groups.members(group)
    rows: list[TraineeRow] = []
    misses: dict[str, list[int]] = {}
    capacity_of: dict[str, str] = {}
    with Progress.open(home) as progress:
        for login in members:
            history = progress.history(login) if progress.learner_id(login, create=False) else []
            transcripts = list_transcripts(home, login)
            moments = [when for *_, when in history] + [
                datetime.fromtimestamp(path.stat().st_mtime).astimezone() for path in transcripts
            ]
            rows.append(
                TraineeRow(
                    login,
                    progress.mastery(login) if history else {},
                    len(transcripts),
                    max(moments) if moments else None,
                )
            )
            for miss in progress.most_missed(login, 1000) if history else []:
                counts = misses.setdefault(miss.question, [0, 0])
                counts[0] += miss.missed
                counts[1] += 1
                capacity_of[miss.question] = miss.capacity
    ranked = sorted(misses.items(), key=lambda item: (-item[1][1], -item[1][0], item[0]))[:top]
    missed = tuple(ClassMiss(q, capacity_of[q], counts[0], counts[1]) for q, counts in ranked)
    assignments = tuple((a, tuple(groups.submissions(a.id))) for a in groups.assignments(group))
    return ClassView(group, tuple(rows), missed, assignments)


def to_csv(view: ClassView) -> str:
    """One line per trainee: share right per capacity (empty when never answered), interviews, last activity,
    then each assigned quiz's result. Semicolons and decimal commas, as a French spreadsheet expects."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    quizzes = [a for a, _ in view.assignments]
    writer.writerow(
        [
            "identifiant",
            *CAPACITIES,
            "entretiens",
            "dernière activité",
            *(f"{a.title} ({a.due:%d/%m})" for a in quizzes),
        ]
    )
    results = {(s.assignment, s.login): s for _, subs in view.assignments for s in subs}
    for row in view.trainees:
        shares = [_percent(row.mastery[c].share) if c in row.mastery else "" for c in CAPACITIES]
        done = [f"{s.correct}/{s.total}" if (s := results.get((a.id, row.login))) else "non fait" for a in quizzes]
        last = _local(row.last_activity) if row.last_activity else ""
        writer.writerow([row.login, *shares, row.interviews, last, *done])
    return out.getvalue()


def heat_colour(share: float | None) -> str:
    """Red (0 %) through amber to green (100 %); grey when never answered."""
    if share is None:
        return "#eeeeee"
    red = int(220 - 160 * share)
    green = int(80 + 120 * share)
    return f"rgb({red},{green},90)"


def to_html(view: ClassView, titles: dict[str, str] | None = None, stems: dict[str, str] | None = None) -> str:
    """A page to print or show: the heat map, the most missed questions (with their stem), the assigned quizzes."""
    titles, stems = titles or {}, stems or {}
    head = "".join(f'<th title="{html.escape(titles.get(c, c))}">{c}</th>' for c in CAPACITIES)
    body = []
    for row in view.trainees:
        cells = []
        for capacity in CAPACITIES:
            mastery = row.mastery.get(capacity)
            share = mastery.share if mastery else None
            label = f"{_percent(share)} ({mastery.answered})" if mastery else "—"
            cells.append(f'<td style="background:{heat_colour(share)}">{label}</td>')
        last = _local(row.last_activity) if row.last_activity else "jamais"
        body.append(
            f"<tr><th>{html.escape(row.login)}</th>{''.join(cells)}<td>{row.interviews}</td><td>{last}</td></tr>"
        )
    missed = "".join(
        f"<li>{html.escape(m.question)} ({m.capacity}) : manquée {m.missed} fois par {m.trainees} apprenant(s)"
        + (f" — <i>{html.escape(stems[m.question])}</i>" if m.question in stems else "")
        + "</li>"
        for m in view.missed
    )
    quizzes = []
    for assignment, submissions in view.assignments:
        done = ", ".join(f"{html.escape(s.login)} {s.correct}/{s.total}" for s in submissions) or "aucun rendu"
        quizzes.append(
            f"<li><b>{html.escape(assignment.title)}</b> ({', '.join(assignment.capacities)}, "
            f"{assignment.questions} questions, pour le {assignment.due:%d/%m/%Y}) : {done}</li>"
        )
    return (
        f'<div class="class-dashboard"><h3>Groupe {html.escape(view.group)}</h3>'
        "<p>Part de bonnes réponses par capacité (nombre de réponses entre parenthèses).</p>"
        f'<table class="heatmap"><tr><th>Apprenant</th>{head}<th>Entretiens</th><th>Dernière activité</th></tr>'
        f"{''.join(body)}</table>"
        f"<h4>Questions les plus manquées</h4><ul>{missed or '<li>aucune pour l’instant</li>'}</ul>"
        f"<h4>Quiz assignés</h4><ul>{''.join(quizzes) or '<li>aucun</li>'}</ul></div>"
    )


def _local(moment: datetime) -> str:
    """In the server's time zone: a trainer reads the centre's clock, not UTC."""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _percent(share: float | None) -> str:
    return "" if share is None else f"{round(100 * share)} %"
