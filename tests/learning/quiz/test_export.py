"""Exports round-trip: GIFT through a strict parser written after Moodle's own importer, Moodle XML checked against
its documented structure with xml.etree, CSV and JSON read back equal, Markdown with its answer key.

No maintained GIFT parser exists on PyPI (pygiftparser 1.1 dates from 2017, pygiftparserrgmf 0.0.5 from 2022),
hence the small parser below: it follows question/format/gift/format.php (readquestion) step by step.
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tutor.learning.quiz.bank import Question, QuizError, QuizSource, expected_text, load_bank
from tutor.learning.quiz.export import (
    by_capacity,
    from_csv,
    from_json,
    general_feedback,
    gift_stem,
    to_csv,
    to_gift,
    to_json,
    to_markdown,
    to_moodle_xml,
    weights,
)
from tutor.learning.quiz.numeric import numeric_questions
from tutor.settings import PROJECT_ROOT

TITLES = {"C1": "Préparer la mise en œuvre du contrat de phase", "C4": "Élaborer un programme / pièce"}
TRICKY = "Cpk < 1 & a{b}~c = d # e : f \\ g\nligne 2 -> fin"
SOURCE = QuizSource("corpus/fiches/codes-m.md", "L'essentiel", 3, "M30")
# Moodle's question_bank::fraction_options_full(): the only fractions an import accepts.
MOODLE_FRACTIONS = {1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0}  # fmt: skip


def questions() -> list[Question]:
    base = dict(capacity="C4", difficulty=2, explanation="Parce que " + TRICKY, tags=("g-code", "M"), source=SOURCE)
    return [
        Question("C4-001", "single", "Quel code ? " + TRICKY, options=("M30", "M02 : fin", "M00 {pause}"),
                 correct=(0,), **base),
        Question("C4-002", "multiple", "Lesquels ?", options=("a = 1", "b", "c#", "d~", "e"), correct=(0, 2, 3),
                 **base),
        Question("C4-003", "truefalse", "M30 rembobine ?", options=("Vrai", "Faux"), correct=(0,), **base),
        Question("C4-004", "truefalse", "M00 est optionnel ?", options=("Vrai", "Faux"), correct=(1,), **base),
        Question("C4-005", "short", "Code de fin ?", accepted=("M30", "m 30", "M30 : fin"), **base),
        Question("C4-006", "numeric", "Ecart ?", value=-13.5, tolerance=0.5, unit="µm", **base),
        Question("C4-007", "matching", "Associer", pairs=(("G40", "annule"), ("G41 {gauche}", "à gauche = 1"),
                 ("G42", "droite -> ok")), **base),
        *numeric_questions(["C1", "C2"], 4, random.Random(5)),
    ]  # fmt: skip


# --- A strict GIFT reader, after Moodle's qformat_gift::readquestion ------------------------------------------

ESCAPES = {"\\:": "\x01", "\\#": "\x02", "\\=": "\x03", "\\{": "\x04", "\\}": "\x05", "\\~": "\x06", "\\n": "\x07"}
WEIGHT = re.compile(r"^%(-?\d{1,2}(?:\.\d*)?|-?100)%")


def unescape(text: str, rich: bool = True) -> str:
    for char, mark in zip(":#={}~\n", ESCAPES.values(), strict=True):
        text = text.replace(mark, char)
    text = text.replace("\x00", "\\").strip()
    return html.unescape(text) if rich else text


def parse_gift(text: str) -> list[dict]:
    items, category = [], None
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
        raw = "\n".join(lines).strip().replace("\\\\", "\x00")
        for escaped, mark in ESCAPES.items():
            raw = raw.replace(escaped, mark)
        assert "\\" not in raw.replace("\x00", ""), f"unescaped backslash: {raw!r}"
        if raw.startswith("$CATEGORY:"):
            category = raw[len("$CATEGORY:") :].strip()
            assert not set(category) & set(ESCAPES.values()), category
            continue
        match = re.fullmatch(r"::([^:]+)::\[html\]([^{}]*)\{([^{}]*)\}", raw, re.DOTALL)
        assert match, f"not one strict GIFT question: {raw!r}"
        name, stem, answers = match[1], match[2], match[3].strip()
        answers, _, feedback = answers.rpartition("####")
        item = {"category": category, "name": unescape(name), "stem": unescape(stem), "feedback": unescape(feedback)}
        answers = answers.strip()
        if answers.startswith("#"):
            right, _, wrong = answers[1:].partition("~")
            value, _, tolerance = right.strip().removeprefix("=").split("#")[0].partition(":")
            item |= {"type": "numerical", "value": float(value), "tolerance": float(tolerance),
                     "wrong": unescape(wrong.removeprefix("#"))}  # fmt: skip
        elif "~" in answers:
            item |= {"type": "multichoice", "single": "=" in answers, "answers": []}
            for part in [p.strip() for p in answers.replace("=", "~=").split("~") if p.strip()]:
                if part.startswith("="):
                    fraction, part = 1.0, part[1:]
                elif weight := WEIGHT.match(part):
                    fraction, part = float(weight[1]) / 100, part[weight.end() :]
                else:
                    fraction = 0.0
                answer, _, comment = part.partition("#")
                item["answers"].append((unescape(answer), fraction, unescape(comment)))
        elif "=" in answers and "->" in answers:
            pairs = [p.strip().split("->") for p in answers.split("=") if p.strip()]
            assert all(len(p) == 2 for p in pairs)
            item |= {"type": "match", "pairs": [(unescape(a), unescape(b, rich=False)) for a, b in pairs]}
        elif answers.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
            word, wrong, right = (answers.split("#") + ["", ""])[:3]
            item |= {"type": "truefalse", "answer": word.strip() in ("T", "TRUE"), "wrong": unescape(wrong),
                     "right": unescape(right)}  # fmt: skip
        else:
            parts = [p.strip() for p in answers.split("=") if p.strip()]
            item |= {"type": "shortanswer", "answers": [unescape(p.split("#")[0], rich=False) for p in parts]}
        items.append(item)
    return items


def test_gift_round_trips_through_a_strict_parser():
    original = questions()
    parsed = {item["name"]: item for item in parse_gift(to_gift(original, TITLES))}
    assert set(parsed) == {q.id for q in original}
    for q in original:
        item = parsed[q.id]
        assert item["stem"] == gift_stem(q).replace("\r", "")
        assert item["feedback"] == general_feedback(q)
        title = TITLES.get(q.capacity, "").replace("/", "-")
        assert item["category"] == f"$course$/top/CQPM/{q.capacity}" + (f" - {title}" if title else "")
        match q.kind:
            case "single" | "multiple":
                assert item["type"] == "multichoice" and item["single"] == (q.kind == "single")
                assert [a[0] for a in item["answers"]] == list(q.options)
                expected = (
                    weights(q) if q.kind == "multiple" else [float(i in q.correct) for i in range(len(q.options))]
                )
                assert [a[1] for a in item["answers"]] == pytest.approx(expected, abs=1e-7)
                assert all(a[2] == ("Bonne réponse." if a[1] > 0 else f"Non. Réponse attendue : "
                           f"{expected_text(q, letters=False)}.") for a in item["answers"])  # fmt: skip
            case "truefalse":
                assert item["type"] == "truefalse" and item["answer"] == (q.correct == (0,))
                assert item["right"] == "Bonne réponse." and item["wrong"].startswith("Non. Réponse attendue")
            case "short":
                assert item["type"] == "shortanswer" and item["answers"] == list(q.accepted)
            case "numeric":
                assert item["type"] == "numerical"
                assert item["value"] == pytest.approx(q.value, abs=1e-6) and item["tolerance"] == pytest.approx(
                    q.tolerance
                )
            case "matching":
                assert item["type"] == "match"
                assert item["pairs"] == [(a, b.replace("->", "→")) for a, b in q.pairs]


def test_gift_weights_are_fractions_moodle_accepts():
    for options, correct in ((5, (0, 2, 3)), (4, (1,)), (5, (0, 1, 2, 3)), (3, (0, 1))):
        q = Question("C4-010", "multiple", "?", "C4", 1, "x", options=tuple("abcde"[:options]), correct=correct)
        fractions = weights(q)
        assert all(round(abs(f), 7) in MOODLE_FRACTIONS for f in fractions)
        assert sum(f for f in fractions if f > 0) == pytest.approx(1) and sum(fractions) == pytest.approx(0)


def test_gift_adds_the_unit_to_a_stem_that_lacks_it():
    q = questions()[5]
    assert gift_stem(q) == "Ecart ? (réponse en µm)"
    assert "{\n\t#=-13.5:0.5#Bonne réponse.\n\t~#Non. Réponse attendue \\: −13,5 µm (± 0,5 µm).\n" in to_gift([q])


# --- Moodle XML -----------------------------------------------------------------------------------------------


def text_of(node: ET.Element, path: str) -> str:
    element = node.find(path)
    assert element is not None, path
    return html.unescape(element.findtext("text") or "")


def test_moodle_xml_has_the_documented_structure():
    original = questions()
    xml = to_moodle_xml(original, TITLES)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    root = ET.fromstring(xml)
    assert root.tag == "quiz"
    categories = [text_of(q, "category") for q in root.findall("question[@type='category']")]
    assert categories == ["$course$/top/CQPM/C1 - Préparer la mise en œuvre du contrat de phase",
                          "$course$/top/CQPM/C2", "$course$/top/CQPM/C4 - Élaborer un programme - pièce"]  # fmt: skip
    nodes = {n.findtext("name/text"): n for n in root.findall("question") if n.get("type") != "category"}
    assert set(nodes) == {q.id for q in original}
    kinds = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "short": "shortanswer",
             "numeric": "numerical", "matching": "matching"}  # fmt: skip
    for q in original:
        node = nodes[q.id]
        assert node.get("type") == kinds[q.kind]
        assert node.find("questiontext").get("format") == "html" and text_of(node, "questiontext") == q.stem
        assert text_of(node, "generalfeedback") == general_feedback(q)
        assert node.findtext("idnumber") == q.id and node.findtext("defaultgrade") == "1.0000000"
        answers = node.findall("answer")
        fractions = [float(a.get("fraction")) / 100 for a in answers]
        assert all(round(abs(f), 7) in MOODLE_FRACTIONS for f in fractions)
        match q.kind:
            case "single" | "multiple":
                assert node.findtext("single") == ("true" if q.kind == "single" else "false")
                assert [html.unescape(a.findtext("text")) for a in answers] == list(q.options)
                assert [f > 0 for f in fractions] == [i in q.correct for i in range(len(q.options))]
                assert all(a.find("feedback/text") is not None for a in answers)
            case "truefalse":
                assert [a.findtext("text") for a in answers] == ["true", "false"]
                assert fractions == ([1.0, 0.0] if q.correct == (0,) else [0.0, 1.0])
            case "short":
                assert node.findtext("usecase") == "0"
                assert [a.findtext("text") for a in answers] == list(q.accepted) and set(fractions) == {1.0}
            case "numeric":
                (answer,) = answers
                assert float(answer.findtext("text")) == pytest.approx(q.value, abs=1e-6)
                assert float(answer.findtext("tolerance")) == pytest.approx(q.tolerance)
                units = [u.findtext("unit_name") for u in node.findall("units/unit")]
                assert units == ([q.unit] if q.unit else [])
                assert node.findtext("units/unit/multiplier") == ("1" if q.unit else None)
                assert node.findtext("unitgradingtype") == "0"
            case "matching":
                pairs = [(text_of(s, "."), s.findtext("answer/text")) for s in node.findall("subquestion")]
                assert pairs == list(q.pairs)
        assert [t.findtext("text") for t in node.findall("tags/tag")] == list(q.tags)


# --- Markdown, CSV, JSON --------------------------------------------------------------------------------------


def test_markdown_prints_questions_then_the_answer_key():
    original = questions()
    text = to_markdown(original, TITLES, title="Quiz C4", notes=["Sans modèle de langage"])
    head, key = text.split("## Corrigé")
    assert text.startswith("# Quiz C4\n\n> Sans modèle de langage\n")
    assert "## C4 - Élaborer un programme / pièce" in head and "- B. M02 : fin" in head
    assert "Réponse : ______________ µm" in head and "☐ Vrai    ☐ Faux" in head
    assert "1. G40 → ____" in head and "- A. annule" in head
    assert "Bonne réponse" not in head and "annule ;" not in head
    assert key.count("**") == 2 * len(original)
    assert "G40 → annule ; G41 {gauche} → à gauche = 1" in key
    assert "*Source : corpus/fiches/codes-m.md, « L'essentiel », p. 3.*" in key


def test_csv_and_json_read_back_equal():
    original = questions()
    assert from_csv(to_csv(original)) == original
    assert from_json(to_json(original)) == original
    assert to_csv(original).splitlines()[0].startswith("id,capacity,kind,difficulty,origin,stem,options,correct")


def test_from_json_refuses_broken_questions():
    data = to_json(questions()[:1]).replace('"correct": [\n        0\n      ]', '"correct": [\n        7\n      ]')
    with pytest.raises(QuizError, match="C4-001 : bonne réponse hors des options"):
        from_json(data)
    with pytest.raises(QuizError, match="JSON de quiz illisible"):
        from_json("[]")


# --- GIFT through an independent parser (npm's gift-pegjs, installed by `make test`) -------------------------

GIFT_TOOL = PROJECT_ROOT / "tests" / "tools" / "gift"
PEG_TYPES = {"single": "MC", "multiple": "MC", "truefalse": "TF", "short": "Short", "numeric": "Numerical",
             "matching": "Matching"}  # fmt: skip


def gift_pegjs(text: str) -> list[dict]:
    if not (GIFT_TOOL / "node_modules" / "gift-pegjs").is_dir() or shutil.which("node") is None:
        pytest.fail("gift-pegjs absent : lancez « make test » (il installe Node.js et le paquet npm)")
    done = subprocess.run(
        ["node", str(GIFT_TOOL / "parse.cjs")], input=text, capture_output=True, text=True, timeout=120, check=False
    )
    parsed = json.loads(done.stdout)
    assert done.returncode == 0 and isinstance(parsed, list), parsed
    return parsed


@pytest.mark.parametrize("which", ["bank and calculated", "edge cases"])
def test_gift_parses_with_gift_pegjs(which):
    if which == "edge cases":
        original = questions()
    else:
        bank = load_bank(PROJECT_ROOT / "corpus" / "quiz")
        original = [*bank, *numeric_questions(["C1", "C2", "C3", "C4", "C5", "C6", "C7"], 12, random.Random(3))]
    parsed = [q for q in gift_pegjs(to_gift(original, TITLES)) if q["type"] != "Category"]
    assert [q["title"] for q in parsed] == [q.id for q in by_capacity_order(original)]
    by_title = {q["title"]: q for q in parsed}
    for question in original:
        item = by_title[question.id]
        assert item["type"] == PEG_TYPES[question.kind], question.id
        match question.kind:
            case "single" | "multiple":
                right = [
                    i for i, choice in enumerate(item["choices"]) if choice["isCorrect"] or (choice["weight"] or 0) > 0
                ]
                assert right == list(question.correct), question.id
            case "truefalse":
                assert item["isTrue"] == (question.correct == (0,)), question.id
            case "numeric":
                first = item["choices"][0]["text"]
                assert first["number"] == pytest.approx(question.value, abs=1e-6) and first["range"] == pytest.approx(
                    question.tolerance
                ), question.id
            case "short":
                assert [c["text"]["text"] for c in item["choices"]] == list(question.accepted), question.id
            case "matching":
                assert len(item["matchPairs"]) == len(question.pairs), question.id


def by_capacity_order(original: list[Question]) -> list[Question]:
    return [q for group in by_capacity(original).values() for q in group]


# Moodle's XML format documentation (docs.moodle.org "Moodle XML format"): what each question type must carry.
REQUIRED = {
    "multichoice": ("name/text", "questiontext/text", "single", "shuffleanswers", "answernumbering", "answer"),
    "truefalse": ("name/text", "questiontext/text", "answer"),
    "shortanswer": ("name/text", "questiontext/text", "usecase", "answer"),
    "numerical": ("name/text", "questiontext/text", "answer/tolerance"),
    "matching": ("name/text", "questiontext/text", "shuffleanswers", "subquestion/answer/text"),
}


def test_whole_bank_as_moodle_xml_has_each_type_s_required_elements():
    bank = load_bank(PROJECT_ROOT / "corpus" / "quiz")
    root = ET.fromstring(to_moodle_xml(bank, TITLES))
    nodes = [n for n in root.findall("question") if n.get("type") != "category"]
    assert len(nodes) == len(bank)
    for node in nodes:
        for path in REQUIRED[node.get("type")]:
            assert node.find(path) is not None, (node.findtext("name/text"), path)
        fractions = [float(a.get("fraction")) for a in node.findall("answer")]
        if node.get("type") == "matching":
            assert len(node.findall("subquestion")) >= 2
            continue
        assert max(fractions) == 100 or node.get("type") == "multichoice" and node.findtext("single") == "false"
        if node.get("type") == "multichoice" and node.findtext("single") == "false":
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.01)
