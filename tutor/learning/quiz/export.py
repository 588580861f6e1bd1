"""Quiz files for trainers: Moodle GIFT and Moodle XML (imported as they are), printable Markdown, CSV and JSON.

Moodle details follow its own importers (question/format/gift and question/format/xml): GIFT escapes
\\ ~ = # { } : and new lines; texts are sent as HTML, escaped, so "Cpk < 1" stays readable; checkbox weights are
fractions that Moodle accepts (1/k for each right choice, −1/w for each wrong one); one category per capacity.
"""

from __future__ import annotations

import csv
import html
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from tutor.learning.quiz.bank import KINDS, LETTERS, ORIGINS, Question, QuizError, QuizSource, expected_text

Titles = Mapping[str, str] | None
RIGHT = "Bonne réponse."
CSV_FIELDS = ("id", "capacity", "kind", "difficulty", "origin", "stem", "options", "correct", "accepted", "value",
              "tolerance", "unit", "pairs", "explanation", "tags", "source_document", "source_section",
              "source_page", "source_excerpt")  # fmt: skip


def category(capacity: str, titles: Titles) -> str:
    """Moodle category path; "/" would open a sub-category and ":" is not unescaped in a GIFT category line."""
    title = (titles or {}).get(capacity, "")
    name = f"{capacity} - {title}" if title else capacity
    return "$course$/top/CQPM/" + name.replace("/", "-").replace(":", " -")


def by_capacity(questions: Sequence[Question]) -> dict[str, list[Question]]:
    groups: dict[str, list[Question]] = {}
    for question in sorted(questions, key=lambda q: q.capacity):
        groups.setdefault(question.capacity, []).append(question)
    return groups


def general_feedback(question: Question) -> str:
    source = f" Source : {question.source.label}." if question.source else ""
    return question.explanation + source


def wrong_feedback(question: Question) -> str:
    return f"Non. Réponse attendue : {expected_text(question, letters=False)}."


def weights(question: Question) -> list[float]:
    """Fractions of a checkbox question: ticking every box scores 0, as Moodle's own examples do."""
    right, count = set(question.correct), len(question.options)
    wrong = count - len(right)
    return [1 / len(right) if i in right else (-1 / wrong if wrong else 0.0) for i in range(count)]


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.5f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


# --- GIFT -----------------------------------------------------------------------------------------------------


def gift_escape(text: str) -> str:
    for char in "\\~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def _rich(text: str) -> str:
    """A text in the question's HTML format: HTML-escaped, then GIFT-escaped."""
    return gift_escape(html.escape(text, quote=False))


def _plain(text: str) -> str:
    return gift_escape(text.replace("->", "→"))


def gift_stem(question: Question) -> str:
    """GIFT has no unit field: the unit goes into the stem when the stem does not already name it."""
    if question.kind == "numeric" and question.unit and question.unit not in question.stem:
        return f"{question.stem} (réponse en {question.unit})"
    return question.stem


def to_gift(questions: Sequence[Question], titles: Titles = None) -> str:
    blocks = []
    for capacity, group in by_capacity(questions).items():
        blocks.append(f"$CATEGORY: {category(capacity, titles)}")
        blocks.extend(_gift_question(q) for q in group)
    return "\n\n".join(blocks) + "\n"


def _gift_question(question: Question) -> str:
    head = (f"// {question.id} : {question.kind}, difficulté {question.difficulty}, origine {question.origin}\n"
            f"::{gift_escape(question.id)}::[html]{_rich(gift_stem(question))}")  # fmt: skip
    right, wrong = _rich(RIGHT), _rich(wrong_feedback(question))
    match question.kind:
        case "single":
            lines = [("=" if i in question.correct else "~") + _rich(option) + "#" + (right if i in question.correct
                     else wrong) for i, option in enumerate(question.options)]  # fmt: skip
        case "multiple":
            lines = [f"~%{_percent(w)}%{_rich(option)}#{right if w > 0 else wrong}"
                     for option, w in zip(question.options, weights(question), strict=True)]  # fmt: skip
        case "truefalse":
            lines = [("TRUE" if question.correct == (0,) else "FALSE") + f"#{wrong}#{right}"]
        case "short":
            lines = [f"={_plain(answer)}#{right}" for answer in question.accepted]
        case "numeric":
            assert question.value is not None
            lines = [f"#={_number(question.value)}:{_number(question.tolerance)}#{right}", f"~#{wrong}"]
        case _:
            lines = [
                f"={_rich(left.replace('->', '→'))} -> {_plain(right_side)}" for left, right_side in question.pairs
            ]
    body = "\n".join("\t" + line for line in lines)
    return f"{head}{{\n{body}\n\t####{_rich(general_feedback(question))}\n}}"


# --- Moodle XML -----------------------------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _value(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str, fmt: str = "html") -> ET.Element:
    answer = ET.SubElement(parent, "answer", {"fraction": _percent(fraction), "format": fmt})
    ET.SubElement(answer, "text").text = text
    _text(answer, "feedback", html.escape(feedback, quote=False), "html")
    return answer


MOODLE_TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "short": "shortanswer",
                "numeric": "numerical", "matching": "matching"}  # fmt: skip


def to_moodle_xml(questions: Sequence[Question], titles: Titles = None) -> str:
    root = ET.Element("quiz")
    for capacity, group in by_capacity(questions).items():
        root.append(ET.Comment(f" capacité {capacity} "))
        head = ET.SubElement(root, "question", {"type": "category"})
        _text(head, "category", category(capacity, titles))
        for question in group:
            _xml_question(root, question)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml_question(root: ET.Element, question: Question) -> None:
    node = ET.SubElement(root, "question", {"type": MOODLE_TYPES[question.kind]})
    _text(node, "name", question.id)
    _text(node, "questiontext", html.escape(question.stem, quote=False), "html")
    _text(node, "generalfeedback", html.escape(general_feedback(question), quote=False), "html")
    _value(node, "defaultgrade", "1.0000000")
    _value(node, "penalty", "1.0000000" if question.kind == "truefalse" else "0.3333333")
    _value(node, "hidden", "0")
    _value(node, "idnumber", question.id)
    wrong = wrong_feedback(question)
    if question.kind in ("single", "multiple", "matching"):
        if question.kind != "matching":
            _value(node, "single", "true" if question.kind == "single" else "false")
        _value(node, "shuffleanswers", "true")
        if question.kind != "matching":
            _value(node, "answernumbering", "ABCD")
        for tag, text in (("correctfeedback", RIGHT), ("partiallycorrectfeedback", "Réponse en partie juste."),
                          ("incorrectfeedback", wrong)):  # fmt: skip
            _text(node, tag, html.escape(text, quote=False), "html")
    match question.kind:
        case "single" | "multiple":
            fractions = weights(question) if question.kind == "multiple" else [
                1.0 if i in question.correct else 0.0 for i in range(len(question.options))]  # fmt: skip
            for option, fraction in zip(question.options, fractions, strict=True):
                _answer(node, fraction, html.escape(option, quote=False), RIGHT if fraction > 0 else wrong)
        case "truefalse":
            for index, word in enumerate(("true", "false")):
                right = index in question.correct
                _answer(node, 1.0 if right else 0.0, word, RIGHT if right else wrong, "moodle_auto_format")
        case "short":
            _value(node, "usecase", "0")
            for answer in question.accepted:
                _answer(node, 1.0, answer, RIGHT, "moodle_auto_format")
        case "numeric":
            assert question.value is not None
            answer = _answer(node, 1.0, _number(question.value), RIGHT, "moodle_auto_format")
            _value(answer, "tolerance", _number(question.tolerance))
            if question.unit:
                unit = ET.SubElement(ET.SubElement(node, "units"), "unit")
                _value(unit, "multiplier", "1")
                _value(unit, "unit_name", question.unit)
            _value(node, "unitgradingtype", "0")  # the unit is optional
            _value(node, "unitpenalty", "0.1000000")
            _value(node, "showunits", "0" if question.unit else "3")  # 0: typed with the number; 3: no unit
            _value(node, "unitsleft", "0")
        case _:
            for left, right in question.pairs:
                sub = _text(node, "subquestion", html.escape(left, quote=False), "html")
                ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right
    if question.tags:
        tags = ET.SubElement(node, "tags")
        for tag in question.tags:
            _text(tags, "tag", tag)


# --- Printable Markdown ---------------------------------------------------------------------------------------


def to_markdown(questions: Sequence[Question], titles: Titles = None, title: str = "Quiz d'entraînement",
                notes: Sequence[str] = ()) -> str:  # fmt: skip
    """Questions grouped by capacity, numbered across the quiz, then the answer key with explanations and sources."""
    lines = [f"# {title}", ""]
    lines += [f"> {note}" for note in notes] + ([""] if notes else [])
    number, key = 0, ["## Corrigé", ""]
    for capacity, group in by_capacity(questions).items():
        heading = (titles or {}).get(capacity, "")
        lines += [f"## {capacity} - {heading}" if heading else f"## {capacity}", ""]
        for question in group:
            number += 1
            lines += [f"**{number}.** {question.stem} *(difficulté {question.difficulty})*", ""]
            lines += _markdown_answer_space(question) + [""]
            source = f" *Source : {question.source.label}.*" if question.source else ""
            key += [f"**{number}.** {expected_text(question)} — {question.explanation}{source}", ""]
    return "\n".join(lines + ["---", ""] + key).rstrip() + "\n"


def _markdown_answer_space(question: Question) -> list[str]:
    match question.kind:
        case "single" | "multiple":
            box = "☐ " if question.kind == "multiple" else ""
            hint = ["*Plusieurs réponses possibles.*", ""] if question.kind == "multiple" else []
            return hint + [f"- {box}{LETTERS[i]}. {option}" for i, option in enumerate(question.options)]
        case "truefalse":
            return ["☐ Vrai    ☐ Faux"]
        case "short":
            return ["Réponse : ______________________"]
        case "numeric":
            return [f"Réponse : ______________ {question.unit}".rstrip()]
        case _:
            rights = sorted(right for _, right in question.pairs)
            return ([f"{i}. {left} → ____" for i, (left, _) in enumerate(question.pairs, start=1)] + [""] +
                    [f"- {LETTERS[i]}. {right}" for i, right in enumerate(rights)])  # fmt: skip


# --- CSV and JSON ---------------------------------------------------------------------------------------------


def to_csv(questions: Sequence[Question]) -> str:
    """One row per question; list cells hold JSON so that a spreadsheet round trip keeps them intact."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for q in questions:
        source = q.source or QuizSource("")
        writer.writerow({
            "id": q.id, "capacity": q.capacity, "kind": q.kind, "difficulty": q.difficulty, "origin": q.origin,
            "stem": q.stem, "options": _json(q.options), "correct": _json(q.correct), "accepted": _json(q.accepted),
            "value": "" if q.value is None else repr(q.value), "tolerance": repr(q.tolerance), "unit": q.unit,
            "pairs": _json(q.pairs), "explanation": q.explanation, "tags": _json(q.tags),
            "source_document": source.document, "source_section": source.section,
            "source_page": "" if source.page is None else source.page, "source_excerpt": source.excerpt,
        })  # fmt: skip
    return out.getvalue()


def from_csv(text: str) -> list[Question]:
    questions = []
    for row in csv.DictReader(io.StringIO(text)):
        try:
            data = {key: row[key] for key in ("id", "capacity", "kind", "origin", "stem", "unit", "explanation")}
            data.update(difficulty=int(row["difficulty"]), value=float(row["value"]) if row["value"] else None,
                        tolerance=float(row["tolerance"]))  # fmt: skip
            data.update({key: json.loads(row[key]) for key in ("options", "correct", "accepted", "pairs", "tags")})
            page = row["source_page"]
            data["source"] = {"document": row["source_document"], "section": row["source_section"],
                              "page": int(page) if page else None, "excerpt": row["source_excerpt"]}  # fmt: skip
        except (KeyError, ValueError, TypeError) as exc:
            raise QuizError(f"CSV : ligne illisible ({row.get('id', '?')}) : {exc}") from None
        questions.append(_question(data))
    return questions


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def to_json(questions: Sequence[Question]) -> str:
    return json.dumps({"format": "tuteur-usinage-quiz", "version": 1, "questions": [asdict(q) for q in questions]},
                      ensure_ascii=False, indent=2) + "\n"  # fmt: skip


def from_json(text: str) -> list[Question]:
    """Questions written by `to_json`, for instance after a trainer's review in the web app."""
    try:
        data = json.loads(text)
        items = data["questions"]
    except (ValueError, KeyError, TypeError) as exc:
        raise QuizError(f"JSON de quiz illisible : {exc}") from None
    return [_question(item) for item in items]


def _question(data: dict) -> Question:
    """Rebuild tuples and the source, and refuse what no grader could handle."""
    try:
        source = data.get("source")
        question = Question(
            id=str(data["id"]), kind=data["kind"], stem=data["stem"], capacity=data["capacity"],
            difficulty=int(data["difficulty"]), explanation=data["explanation"], tags=tuple(data.get("tags", ())),
            source=QuizSource(**source) if source and source.get("document") else None,
            options=tuple(data.get("options", ())), correct=tuple(int(i) for i in data.get("correct", ())),
            accepted=tuple(data.get("accepted", ())),
            value=None if data.get("value") is None else float(data["value"]),
            tolerance=float(data.get("tolerance", 0.0)), unit=data.get("unit", ""),
            pairs=tuple((str(a), str(b)) for a, b in data.get("pairs", ())), origin=data.get("origin", "banque"),
        )  # fmt: skip
    except (KeyError, ValueError, TypeError) as exc:
        raise QuizError(f"question {data.get('id', '?')} illisible : {exc}") from None
    problems = {
        "type inconnu": question.kind not in KINDS,
        "origine inconnue": question.origin not in ORIGINS,
        "bonne réponse hors des options": not all(0 <= i < len(question.options) for i in question.correct),
        "pas de bonne réponse": question.kind in ("single", "multiple", "truefalse") and not question.correct,
        "valeur numérique manquante": question.kind == "numeric" and question.value is None,
        "réponse attendue manquante": question.kind == "short" and not question.accepted,
        "paires manquantes": question.kind == "matching" and len(question.pairs) < 2,
    }
    if wrong := [name for name, failed in problems.items() if failed]:
        raise QuizError(f"question {question.id} : {', '.join(wrong)}")
    return question
