"""Practice quiz questions: one typed model for the curated bank, the calculated exercises and model-made items.

The bank (corpus/quiz/C1.yaml ... C7.yaml) is validated strictly when loaded, because a wrong answer key teaches the
wrong thing; grading is deterministic (choices, numeric tolerance with units, normalised text), so a trainee gets
the same verdict offline as in Moodle.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from tutor.shop.calc import CalcError, fr_number, parse_number

KINDS = ("single", "multiple", "truefalse", "short", "numeric", "matching")
ORIGINS = ("banque", "calcul", "modèle")
TRUE_FALSE = ("Vrai", "Faux")
LETTERS = "ABCDEFGH"
NO_MODEL_NOTE = "Sans modèle de langage : banque et exercices calculés seulement"
ID_PATTERN = re.compile(r"^C[1-7]-\d{3}$")
ITEM_KEYS = {"id", "type", "stem", "options", "answer", "accepted", "tolerance", "unit", "pairs", "explanation",
             "difficulty", "tags", "source"}  # fmt: skip
KIND_KEYS = {  # the keys that only some kinds may carry
    "single": {"options", "answer"},
    "multiple": {"options", "answer"},
    "truefalse": {"answer"},
    "short": {"answer", "accepted"},
    "numeric": {"answer", "tolerance", "unit"},
    "matching": {"pairs"},
}
OPTIONAL_KEYS = {"accepted", "tolerance", "unit"}
SOURCE_KEYS = {"document", "section", "page", "excerpt"}
# Spellings of a unit a trainee may type; compared after `fold`.
UNIT_ALIASES = {
    "tr/min": ("tr/mn", "trs/min", "tours/min", "t/min", "rpm"),
    "µm": ("um", "micron", "microns", "micrometre", "micrometres"),
    "cm³/min": ("cm3/min",),
    "mm/min": ("mm/mn",),
    "min": ("mn",),
}


class QuizError(ValueError):
    """A bank file or a question is invalid; the message is one French line naming the file and the question."""


@dataclass(frozen=True)
class QuizSource:
    document: str  # path from the project root, e.g. "corpus/fiches/conditions-de-coupe.md"
    section: str = ""
    page: int | None = None
    excerpt: str = ""  # copied from the document: the answer is checked against it, not trusted

    @property
    def label(self) -> str:
        where = f"{self.document}, « {self.section} »" if self.section else self.document
        return f"{where}, p. {self.page}" if self.page is not None else where


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # one of KINDS
    stem: str
    capacity: str  # C1 ... C7
    difficulty: int  # 1 to 3
    explanation: str
    tags: tuple[str, ...] = ()
    source: QuizSource | None = None
    options: tuple[str, ...] = ()  # single, multiple; "Vrai", "Faux" for truefalse
    correct: tuple[int, ...] = ()  # indexes into options
    accepted: tuple[str, ...] = ()  # short answers: the expected one first
    value: float | None = None  # numeric
    tolerance: float = 0.0  # numeric, absolute, in `unit`
    unit: str = ""
    pairs: tuple[tuple[str, str], ...] = ()  # matching
    origin: str = "banque"  # one of ORIGINS


@dataclass(frozen=True)
class Grade:
    correct: bool
    score: float  # 0 to 1
    feedback: str  # French: the verdict, then the explanation
    expected: str  # the expected answer, as a trainee would write it


@dataclass(frozen=True)
class Quiz:
    questions: tuple[Question, ...]
    notes: tuple[str, ...] = ()

    def scores(self, grades: Sequence[Grade]) -> dict[str, tuple[float, int]]:
        """Points and number of questions per capacity, for the final score of a session."""
        totals: dict[str, tuple[float, int]] = {}
        for question, grade in zip(self.questions, grades, strict=False):
            points, count = totals.get(question.capacity, (0.0, 0))
            totals[question.capacity] = (points + grade.score, count + 1)
        return dict(sorted(totals.items()))


# --- Loading and validating the bank --------------------------------------------------------------------------


def load_bank(directory: Path) -> list[Question]:
    """Every question of C1.yaml ... C7.yaml (and any other *.yaml) in `directory`, validated, ids unique."""
    questions: list[Question] = []
    seen: dict[str, str] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        for question in load_file(path):
            if question.id in seen:
                raise QuizError(
                    f"{path.name} : question {question.id} : identifiant déjà utilisé dans {seen[question.id]}"
                )
            seen[question.id] = path.name
            questions.append(question)
    return questions


def load_file(path: Path) -> list[Question]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise QuizError(f"{path.name} : fichier illisible ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise QuizError(f"{path.name} : YAML invalide ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, list):
        raise QuizError(f"{path.name} : une liste de questions est attendue")
    expected_capacity = path.stem.upper() if re.fullmatch(r"C[1-7]", path.stem, re.IGNORECASE) else None
    questions = []
    for position, item in enumerate(data, start=1):
        name = item.get("id", f"n° {position}") if isinstance(item, dict) else f"n° {position}"
        try:
            question = parse_item(item)
        except QuizError as exc:
            raise QuizError(f"{path.name} : question {name} : {exc}") from None
        if expected_capacity and question.capacity != expected_capacity:
            raise QuizError(f"{path.name} : question {name} : capacité {question.capacity} dans le fichier de "
                            f"{expected_capacity}")  # fmt: skip
        questions.append(question)
    return questions


def parse_item(item: object, origin: str = "banque") -> Question:
    """One bank item (the YAML schema) as a Question; the error message names the problem, not the file."""
    if not isinstance(item, dict):
        raise QuizError("une question doit être un dictionnaire (clé: valeur)")
    if unknown := set(item) - ITEM_KEYS:
        raise QuizError(f"clé inconnue : {', '.join(sorted(map(str, unknown)))}")
    qid = _text(item, "id")
    if not ID_PATTERN.match(qid):
        raise QuizError(f"identifiant « {qid} » invalide (attendu : C1-001 à C7-999)")
    kind = _text(item, "type")
    if kind not in KINDS:
        raise QuizError(f"type « {kind} » inconnu (attendu : {', '.join(KINDS)})")
    allowed = KIND_KEYS[kind]
    if extra := (set(item) & set().union(*KIND_KEYS.values())) - allowed:
        raise QuizError(f"clé non prévue pour le type {kind} : {', '.join(sorted(extra))}")
    if missing := allowed - OPTIONAL_KEYS - set(item):
        raise QuizError(f"clé manquante : {', '.join(sorted(missing))}")
    difficulty = item.get("difficulty")
    if type(difficulty) is not int or not 1 <= difficulty <= 3:
        raise QuizError(f"difficulté invalide : {difficulty!r} (attendu : 1, 2 ou 3)")
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise QuizError("tags : une liste de mots est attendue")
    fields = {"options": (), "correct": (), "accepted": (), "value": None, "tolerance": 0.0, "unit": "", "pairs": ()}
    answer = item.get("answer")
    if kind in ("single", "multiple"):
        options = item["options"]
        if not isinstance(options, list) or not 3 <= len(options) <= 5 or not all(_filled(o) for o in options):
            raise QuizError("options : de 3 à 5 textes non vides sont attendus")
        if len({fold(o) for o in options}) != len(options):
            raise QuizError("options en double")
        indexes = [answer] if kind == "single" else answer
        if kind == "multiple" and (not isinstance(answer, list) or not answer):
            raise QuizError("answer : une liste d'indices est attendue, par exemple [0, 2]")
        if not all(type(i) is int and 0 <= i < len(options) for i in indexes) or len(set(indexes)) != len(indexes):
            raise QuizError(f"answer : indice invalide {answer!r} (options numérotées de 0 à {len(options) - 1})")
        fields.update(options=tuple(s.strip() for s in options), correct=tuple(sorted(indexes)))
    elif kind == "truefalse":
        if not isinstance(answer, bool):
            raise QuizError(f"answer : true ou false attendu (reçu {answer!r})")
        fields.update(options=TRUE_FALSE, correct=(0,) if answer else (1,))
    elif kind == "short":
        accepted = item.get("accepted", [])
        if not _filled(answer):
            raise QuizError(f"answer : texte attendu (reçu {answer!r} ; mettre entre guillemets)")
        if not isinstance(accepted, list) or not all(_filled(a) for a in accepted):
            raise QuizError("accepted : une liste de textes est attendue (entre guillemets)")
        fields["accepted"] = tuple(dict.fromkeys(s.strip() for s in [answer, *accepted]))
    elif kind == "numeric":
        tolerance, unit = item.get("tolerance", 0), item.get("unit", "")
        if not _number(answer):
            raise QuizError(f"answer : nombre attendu (reçu {answer!r})")
        if not _number(tolerance) or tolerance < 0:
            raise QuizError(f"tolerance : nombre positif ou nul attendu (reçu {tolerance!r})")
        if not isinstance(unit, str):
            raise QuizError(f"unit : texte attendu (reçu {unit!r})")
        fields.update(value=float(answer), tolerance=float(tolerance), unit=unit.strip())
    else:
        fields["pairs"] = _pairs(item["pairs"])
    return Question(
        id=qid, kind=kind, stem=_text(item, "stem"), capacity=qid.split("-")[0], difficulty=difficulty,
        explanation=_text(item, "explanation"), tags=tuple(t.strip() for t in tags), source=_source(item.get("source")),
        origin=origin, **fields,
    )  # fmt: skip


def _pairs(pairs: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(pairs, list) or not 3 <= len(pairs) <= 6:
        raise QuizError("pairs : de 3 à 6 paires [gauche, droite] sont attendues")
    if not all(isinstance(p, list) and len(p) == 2 and all(_filled(s) for s in p) for p in pairs):
        raise QuizError("pairs : chaque paire doit être [texte, texte]")
    result = tuple((left.strip(), right.strip()) for left, right in pairs)
    for side in (0, 1):
        if len({fold(p[side]) for p in result}) != len(result):
            raise QuizError("pairs : deux éléments identiques du même côté")
    if any("->" in s for p in result for s in p):
        raise QuizError("pairs : « -> » est réservé par le format GIFT, écrire « → »")
    return result


def _source(value: object) -> QuizSource:
    if not isinstance(value, dict):
        raise QuizError("source : {document, section, excerpt} attendu")
    if unknown := set(value) - SOURCE_KEYS:
        raise QuizError(f"source : clé inconnue : {', '.join(sorted(map(str, unknown)))}")
    page = value.get("page")
    if page is not None and (type(page) is not int or page < 1):
        raise QuizError(f"source : page invalide {page!r}")
    section = value.get("section", "")
    if not isinstance(section, str):
        raise QuizError("source : section doit être un texte")
    return QuizSource(
        _text(value, "document", "source : "), section.strip(), page, _text(value, "excerpt", "source : ")
    )


def _text(item: dict, key: str, prefix: str = "") -> str:
    value = item.get(key)
    if not _filled(value):
        raise QuizError(f"{prefix}{key} : texte non vide attendu")
    return value.strip()


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_sources(questions: Iterable[Question], root: Path) -> list[str]:
    """Problems with the cited sources: a missing document, or an excerpt not found in it (French, one per line)."""
    problems, texts = [], {}
    for question in questions:
        source = question.source
        if source is None:
            problems.append(f"{question.id} : pas de source")
            continue
        if source.document not in texts:
            path = root / source.document
            texts[source.document] = flatten(path.read_text(encoding="utf-8")) if path.is_file() else None
        text = texts[source.document]
        if text is None:
            problems.append(f"{question.id} : document introuvable : {source.document}")
        elif source.excerpt and flatten(source.excerpt) not in text:
            problems.append(f"{question.id} : extrait absent de {source.document} : « {source.excerpt} »")
    return problems


def flatten(text: str) -> str:
    """Whitespace collapsed, Markdown emphasis and typographic apostrophes folded: how an excerpt is looked up."""
    text = text.replace("**", "").replace("`", "").replace("\u2019", "'")
    return " ".join(text.split())


# --- Grading --------------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case, accents, spaces and punctuation folded, so "G 40." matches "g40" and "Équerre" matches "equerre".

    Signs and decimal separators next to digits are kept: "−0,06" and "+0,06" are different corrections.
    """
    text = unicodedata.normalize("NFKD", str(text).replace("µ", "u").replace("μ", "u").replace("\u2212", "-"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"(?<=\d)[.,](?=\d)", "\x00", text)
    text = re.sub(r"[+-](?=\d)", lambda sign: "\x01" if sign[0] == "+" else "\x02", text)
    kept = "".join(c for c in text if c.isalnum() or c in "\x00\x01\x02")
    return kept.replace("\x00", ".").replace("\x01", "+").replace("\x02", "-")


def expected_text(question: Question, letters: bool = True) -> str:
    """The expected answer as a trainee would write it; without letters where the choices get shuffled (Moodle)."""
    match question.kind:
        case "single" | "multiple" | "truefalse":
            return " ; ".join(_choice(question, i, letters) for i in question.correct)
        case "short":
            return question.accepted[0]
        case "numeric":
            return _quantity(question.value or 0.0, question) + (
                f" (± {_quantity(question.tolerance, question)})" if question.tolerance else ""
            )
        case _:
            return " ; ".join(f"{left} → {right}" for left, right in question.pairs)


def _choice(question: Question, index: int, letters: bool) -> str:
    text = question.options[index]
    return f"{LETTERS[index]}. {text}" if letters and question.kind != "truefalse" else text


def _quantity(value: float, question: Question) -> str:
    decimals = _decimals(question.tolerance) if question.tolerance else _decimals(question.value or 0.0)
    return f"{fr_number(value, decimals)} {question.unit}".rstrip()


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def grade(question: Question, response: object) -> Grade:
    """Grade one response.

    Choices: an index (int, from 0), a letter ("B"), the option text, or several of them for `multiple`
    ("A, C" or [0, 2]); true/false also takes "vrai", "faux", True, False. Numeric: a number or a text with a
    decimal comma and, optionally, the unit. Matching: the right-hand answers in the order of the pairs, or a
    mapping left -> right.
    """
    expected = expected_text(question)
    try:
        score, note = _score(question, response)
    except ValueError as exc:
        return Grade(False, 0.0, f"Réponse illisible : {exc}. Réponse attendue : {expected}.", expected)
    correct = score >= 1.0
    if correct:
        verdict = "Bonne réponse."
    elif score > 0:
        verdict = f"Réponse en partie juste ({fr_number(score * 100, 0)} %). Réponse attendue : {expected}."
    else:
        verdict = f"Réponse incorrecte. Réponse attendue : {expected}."
    feedback = " ".join(part for part in (verdict, note, question.explanation) if part)
    return Grade(correct, round(score, 4), feedback, expected)


def _score(question: Question, response: object) -> tuple[float, str]:
    match question.kind:
        case "single" | "truefalse":
            chosen = _indexes(question, response)
            if len(chosen) != 1:
                raise ValueError("une seule réponse est attendue")
            return (1.0 if chosen == set(question.correct) else 0.0), ""
        case "multiple":
            chosen, right = _indexes(question, response), set(question.correct)
            wrong_count = len(question.options) - len(right)
            score = len(chosen & right) / len(right) - (len(chosen - right) / wrong_count if wrong_count else 0)
            return max(0.0, score), ""
        case "short":
            return (1.0 if fold(str(response)) in {fold(a) for a in question.accepted} else 0.0), ""
        case "numeric":
            return _numeric(question, response)
        case _:
            return _matching(question, response), ""


def _indexes(question: Question, response: object) -> set[int]:
    items = response if isinstance(response, list | tuple | set | frozenset) else [response]
    if isinstance(response, str) and question.kind == "multiple" and fold(response) not in map(fold, question.options):
        items = [part for part in re.split(r"[,;\s]+", response) if part]
    return {_index(question, item) for item in items}


def _index(question: Question, item: object) -> int:
    count = len(question.options)
    if isinstance(item, bool) and question.kind == "truefalse":
        return 0 if item else 1
    if isinstance(item, int) and not isinstance(item, bool):
        if 0 <= item < count:
            return item
        raise ValueError(f"choix {item} hors liste")
    text = str(item).strip()
    if question.kind == "truefalse" and fold(text) in ("v", "vrai", "true", "oui", "f", "faux", "false", "non"):
        return 0 if fold(text) in ("v", "vrai", "true", "oui") else 1
    if len(text) == 1 and text.upper() in LETTERS[:count]:
        return LETTERS.index(text.upper())
    for index, option in enumerate(question.options):
        if fold(option) == fold(text):
            return index
    raise ValueError(f"choix « {text} » inconnu")


def _numeric(question: Question, response: object) -> tuple[float, str]:
    if isinstance(response, int | float) and not isinstance(response, bool):
        number, unit = float(response), ""
    else:
        match = re.match(r"^\s*([−+-]?[\d\s\u00a0\u202f]*[.,]?\d+)\s*(.*?)\s*$", str(response))
        if not match:
            raise ValueError(f"« {response} » n'est pas un nombre")
        try:
            number = parse_number(match[1])
        except CalcError:
            raise ValueError(f"« {response} » n'est pas un nombre") from None
        unit = match[2]
    if unit and not _same_unit(unit, question.unit):
        return 0.0, f"Unité « {unit} » non reconnue ; unité attendue : {question.unit or 'aucune'}."
    assert question.value is not None
    inside = abs(number - question.value) <= question.tolerance + 1e-9 * max(1.0, abs(question.value))
    return (1.0 if inside else 0.0), ""


def _same_unit(typed: str, expected: str) -> bool:
    names = {fold(expected), *(fold(a) for a in UNIT_ALIASES.get(expected, ()))}
    return bool(expected) and fold(typed) in names


def _matching(question: Question, response: object) -> float:
    lefts = [left for left, _ in question.pairs]
    if isinstance(response, Mapping):
        by_left = {fold(k): str(v) for k, v in response.items()}
        answers = [by_left.get(fold(left), "") for left in lefts]
    elif isinstance(response, list | tuple):
        if len(response) != len(lefts):
            raise ValueError(f"{len(lefts)} associations attendues, {len(response)} reçues")
        answers = [str(a) for a in response]
    else:
        raise ValueError("une liste ou un dictionnaire d'associations est attendu")
    right = sum(fold(a) == fold(r) for a, (_, r) in zip(answers, question.pairs, strict=True))
    return right / len(lefts)


# --- Assembling a quiz ----------------------------------------------------------------------------------------


def assemble(
    bank: Sequence[Question],
    generated: Sequence[Question],
    capacities: Sequence[str],
    n: int,
    difficulty: int | None = None,
    rng: random.Random | None = None,
    order_first: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> Quiz:
    """Pick n questions: due ones first, then capacities balanced, bank and generated items interleaved.

    With a difficulty, questions of that level come first and the nearest levels fill any gap. How many generated
    items the caller passes sets their share; without any model-made item the quiz says so.
    """
    rng = rng or random.Random()
    wanted = [c.upper() for c in dict.fromkeys(capacities)]
    pool = [q for q in [*bank, *generated] if q.capacity in wanted]
    by_id = {q.id: q for q in pool}
    chosen = [by_id[i] for i in dict.fromkeys(order_first) if i in by_id][:n]
    taken = {q.id for q in chosen}
    counts = {c: sum(q.capacity == c for q in chosen) for c in wanted}
    queues = {c: _queue([q for q in pool if q.capacity == c and q.id not in taken], difficulty, rng) for c in wanted}
    rest: list[Question] = []
    while len(chosen) + len(rest) < n:
        open_capacities = [c for c in wanted if queues[c]]
        if not open_capacities:
            break
        capacity = min(open_capacities, key=lambda c: (counts[c], rng.random()))
        rest.append(queues[capacity].pop(0))
        counts[capacity] += 1
    rng.shuffle(rest)
    all_notes = list(notes)
    if len(chosen) + len(rest) < n:
        all_notes.append(f"Seulement {len(chosen) + len(rest)} questions disponibles ({n} demandées).")
    if not any(q.origin == "modèle" for q in generated) and NO_MODEL_NOTE not in all_notes:
        all_notes.append(NO_MODEL_NOTE)
    return Quiz(tuple(chosen + rest), tuple(all_notes))


def _queue(questions: list[Question], difficulty: int | None, rng: random.Random) -> list[Question]:
    """Shuffled, sorted by distance to the difficulty asked, origins alternating within each level."""
    rng.shuffle(questions)
    levels: dict[int, list[Question]] = {}
    for question in questions:
        distance = abs(question.difficulty - difficulty) if difficulty else 0
        levels.setdefault(distance, []).append(question)
    queue = []
    for distance in sorted(levels):
        by_origin: dict[str, list[Question]] = {}
        for question in levels[distance]:
            by_origin.setdefault(question.origin, []).append(question)
        lanes = [by_origin[o] for o in ORIGINS if o in by_origin]
        for rank in range(max(map(len, lanes))):
            queue.extend(lane[rank] for lane in lanes if rank < len(lane))
    return queue
