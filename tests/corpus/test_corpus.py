"""The built-in corpus and eval set: counts, front matter, sources, and eval questions that can be found."""

import re
from pathlib import Path

import pytest

from tutor.documents import CAPACITIES
from tutor.knowledge.evaluation import AREAS, blind_sets, facts_match, load_blind, load_out_of_scope, load_questions
from tutor.knowledge.loaders import GCODE, load_document, markdown_sections, parse_front_matter
from tutor.learning.framework import load_framework
from tutor.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
EVALS = PROJECT_ROOT / "evals"
SHEETS = sorted((CORPUS / "fiches").glob("*.md"))
MARKDOWN = sorted(CORPUS.rglob("*.md"))
PROGRAMS = sorted(p for p in (CORPUS / "gcode").iterdir() if p.suffix in GCODE)


def front_matter(path: Path) -> dict:
    meta, _ = parse_front_matter(path.read_text(encoding="utf-8"))
    return meta


def test_counts():
    assert len(SHEETS) >= 45
    assert len(PROGRAMS) >= 20
    assert sum(p.suffix == ".h" for p in PROGRAMS) >= 2
    assert sum(p.suffix == ".mpf" for p in PROGRAMS) >= 2
    entries = re.findall(r"^- \*\*.+?\*\* \(EN: ", (CORPUS / "glossaire.md").read_text(encoding="utf-8"), re.M)
    assert len(entries) >= 150


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(CORPUS)))
def test_front_matter(path: Path):
    meta = front_matter(path)
    assert str(meta.get("title", "")).strip(), "title missing"
    capacities = meta.get("capacities")
    assert isinstance(capacities, list) and capacities and set(capacities) <= set(CAPACITIES)
    sources = meta.get("sources")
    assert isinstance(sources, list) and sources, "sources missing"
    for source in sources:
        assert str(source.get("ref", "")).strip(), f"source without ref: {source}"
        url = str(source.get("url") or "")
        assert not url or url.startswith(("http://", "https://")), url


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(CORPUS)))
def test_sheet_links_point_to_existing_files(path: Path):
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text):
        assert (path.parent / target).resolve().exists(), f"broken link to {target}"


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.name)
def test_programs_have_title_capacities_and_end(path: Path):
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^\s*[(;]\s*TITRE\s*:", text, re.M | re.I)
    assert re.search(r"^\s*[(;]\s*CAPACIT[EÉ]S?\s*:", text, re.M | re.I)
    if path.suffix == ".h":
        assert "END PGM" in text
    else:
        assert re.search(r"\bM0?(30|2)\b", text)


def test_every_corpus_file_loads():
    for path in MARKDOWN + PROGRAMS:
        document = load_document(path, str(path), max_bytes=10_000_000)
        assert document.sections


def test_framework_file():
    framework = load_framework(CORPUS)
    assert framework.rncp == "RNCP28243"
    assert [c.id for c in framework.capacities] == list(CAPACITIES)
    assert {b.id: b.capacities for b in framework.blocs} == {
        "BC1": ("C1", "C2"),
        "BC2": ("C3", "C4", "C5"),
        "BC3": ("C6", "C7"),
    }
    assert "pas public" in framework.disclaimer or "non public" in framework.disclaimer
    for capacity in framework.capacities:
        assert len(capacity.interview_questions) >= 8
        assert capacity.situations and capacity.assessor_focus and capacity.knowledge
        for sheet in capacity.sheets:
            assert (CORPUS / sheet).exists(), sheet
    assert framework.bloc_of("c4").id == "BC2"


QUESTIONS = load_questions(EVALS)


def test_eval_set_size_and_spread():
    assert len(QUESTIONS) >= 120
    assert sum(q.lang == "en" for q in QUESTIONS) >= 15
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)
    areas = {q.area for q in QUESTIONS}
    assert set(AREAS) <= areas, set(AREAS) - areas
    assert len(load_out_of_scope(EVALS)) >= 15


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_eval_question_is_answerable(question):
    """Each question's facts stand together in one section of an expected source: it can be found."""
    assert question.area in AREAS and question.capacity in CAPACITIES
    assert question.facts
    sections = []
    for source in question.sources:
        path = CORPUS / source
        assert path.exists(), source
        if path.suffix == ".md":
            _, body = parse_front_matter(path.read_text(encoding="utf-8"))
            sections += [s.text for s in markdown_sections(body)]
        else:
            kind = source.split("/")[0] if source.startswith("depannage/") else None
            sections += [s.text for s in load_document(path, source, max_bytes=10_000_000, kind_hint=kind).sections]
    assert any(facts_match(question.facts, text) for text in sections)


BLIND = load_blind(EVALS)


def test_blind_set_size_spread_and_brief():
    """The blind set is written once by an author who never read corpus/ (brief kept beside it)."""
    assert (EVALS / "blind" / "BRIEF.md").exists()
    assert len(BLIND) >= 200
    assert len({q.id for q in BLIND}) == len(BLIND)
    assert sum(q.lang == "en" for q in BLIND) >= 0.15 * len(BLIND)
    assert {q.capacity for q in BLIND} == set(CAPACITIES)
    assert {q.voice for q in BLIND} == {"apprenant", "technicien", "formateur"}
    assert sum(q.voice == "technicien" for q in BLIND) >= 0.25 * len(BLIND)
    assert sum(q.kind == "depannage" for q in BLIND) >= 40 and sum(q.kind == "gcode" for q in BLIND) >= 20
    for question in BLIND:
        assert question.facts and question.question.strip(), question.id
        for pattern in question.facts:
            re.compile(pattern)


@pytest.mark.parametrize("name", [n for n in blind_sets(EVALS) if n != "blind"])
def test_later_blind_sets_are_whole(name):
    """A later blind set (written after corpus work, never edited after it is measured) keeps its brief."""
    questions = load_blind(EVALS, name)
    assert (EVALS / name / "BRIEF.md").exists() and len(questions) >= 100
    assert len({q.id for q in questions}) == len(questions)
    assert {q.capacity for q in questions} == set(CAPACITIES)
    for question in questions:
        assert question.facts and question.question.strip(), question.id
        for pattern in question.facts:
            re.compile(pattern)
